/* SPDX-License-Identifier: MIT */
/*
 * Mali GPU MMU self-tests, for boards with BOARD_GPU_MMU_MALI (skipped
 * elsewhere): power-up and probe, then one address space with a table of the
 * format the GPU generation uses, a map, its flush, an unmap, detach; the pool
 * must be back where it was. Without a GPU job to run, the proof on silicon
 * is that every command completed (no AS_ACTIVE timeout), no MMU fault is
 * pending, and the table says what was mapped; on the host the same tests
 * run against the register model (tests/host/test_mali_board.c), which also
 * walks the tables.
 */
#include <stdio.h>

#include "board/board.h"
#include "boot/facts.h"
#include "boot/image.h"
#include "drivers/cache.h"
#include "drivers/mali_mmu.h"
#include "tests/target/selftest.h"

/* AS 0 is the CSF firmware's on Valhall (panthor); use 1 everywhere. */
#define MALI_TEST_AS   1u
#define MALI_TEST_IOVA 0x10000000ull
#define MALI_TEST_SIZE 0x10000ull
/* An address inside RAM: nothing reads it, the GPU runs no job. */
#define MALI_TEST_PA   (board_facts()->ram[0].base + 0x08000000ull)

static enum st_result mali_up(struct mali_gpu *gpu)
{
	int ret;

	if (board.gpu_mmu != BOARD_GPU_MMU_MALI)
		return st_skip("board %s has no Mali GPU MMU", board.name);
	if (board.gpu_power_up) {
		ret = board.gpu_power_up();
		if (ret)
			return st_fail("GPU power-up: %d", ret);
	}
	/* Base and coherency: the device tree's when it has the GPU (boot/facts.h). */
	ret = mali_probe(gpu, (uintptr_t)board_facts()->gpu.base, board_facts()->gpu_coherent);
	if (ret)
		return st_fail("probe: %d (GPU_ID %#x)", ret, gpu->gpu_id);
	return ST_PASS;
}

static enum st_result test_mali_probe(void)
{
	struct mali_gpu gpu;
	enum st_result r = mali_up(&gpu);

	if (r != ST_PASS)
		return r;
	ST_CHECK(gpu.as_present & (1u << MALI_TEST_AS));
	st_note("%s, %u VA bits, %u PA bits, AS_PRESENT %#x", gpu.name, gpu.va_bits,
		gpu.pa_bits, gpu.as_present);
	return ST_PASS;
}
SELFTEST("mali-probe", test_mali_probe, 0);

static enum st_result map_flush_body(struct mali_gpu *gpu, struct gpu_as *as, struct pt *pt)
{
	unsigned long cmds = as->hw_cmds;
	struct gpu_fault f;
	uint64_t pa;
	int ret;

	ret = pt_map(pt, MALI_TEST_IOVA, MALI_TEST_PA, MALI_TEST_SIZE,
		     PT_PROT_READ | PT_PROT_WRITE);
	if (ret)
		return st_fail("pt_map: %d", ret);
	ST_CHECK(as->hw_cmds > cmds);
	ST_CHECK(pt_iova_to_phys(pt, MALI_TEST_IOVA + 0x1234, &pa) == 0);
	ST_CHECK(pa == MALI_TEST_PA + 0x1234);
	if (gpu_as_read_fault(as, &f) == 0)
		return st_fail("MMU fault pending: %s, %s at %#llx", f.type, f.access,
			       (unsigned long long)f.addr);
	cmds = as->hw_cmds;
	ST_CHECK(pt_unmap(pt, MALI_TEST_IOVA, MALI_TEST_SIZE) == (int64_t)MALI_TEST_SIZE);
	ST_CHECK(as->hw_cmds > cmds);
	st_note("%s tables, %s flush, %lu commands", pt_format_name(pt->cfg.fmt),
		gpu->gen == MALI_GEN_CSF ? "CSF" : "job manager", as->hw_cmds);
	return ST_PASS;
}

static enum st_result test_mali_map_flush(void)
{
	struct mali_gpu gpu;
	struct gpu_as as;
	struct pt pt;
	struct pt_cfg cfg = { 0 };
	size_t free_before = pool_free_pages(image_pool());
	enum st_result r = mali_up(&gpu);
	int ret;

	if (r != ST_PASS)
		return r;
	if (mali_as_init(&gpu, &as, MALI_TEST_AS))
		return st_fail("AS %u absent", MALI_TEST_AS);
	as.cache_clean = cache_clean_range;
	mali_pt_cfg(&gpu, &as, mali_default_format(&gpu), &cfg);
	cfg.pool = image_pool();
	ret = pt_init(&pt, &cfg);
	if (ret)
		return st_fail("pt_init: %d", ret);
	ret = gpu_as_attach(&as, &pt);
	if (ret) {
		pt_fini(&pt);
		return st_fail("attach: %d", ret);
	}
	r = map_flush_body(&gpu, &as, &pt);
	ret = gpu_as_detach(&as);
	pt_fini(&pt);
	if (ret)
		return st_fail("detach: %d", ret);
	if (pool_free_pages(image_pool()) != free_before)
		return st_fail("pool: %zu pages free, %zu before", pool_free_pages(image_pool()),
			       free_before);
	return r;
}
SELFTEST("mali-map-flush", test_mali_map_flush, 0);
