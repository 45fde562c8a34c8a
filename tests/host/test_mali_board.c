/* SPDX-License-Identifier: MIT */
/*
 * A board's Mali self-tests (tests/target/test_mali.c, included here as is)
 * run on the host, linked with the board's own board.c and gpu_power.c,
 * against the Mali register model at the board's GPU base and, for the
 * RK3399, a model of the PMU's GPU power-domain registers. Built once per
 * board (tests/host/mali.mk).
 *
 * The PMU model assumes what Linux's rockchip pm-domains driver relies on:
 * PWRDN_ST follows PWRDN_CON after a few reads, BUS_IDLE_ACK and BUS_IDLE_ST
 * follow BUS_IDLE_REQ likewise; `dead` keeps the status bits stuck.
 * Table memory sits at host address TABLE_VA, so PA = VA stays below 2^40
 * as the board's identity-mapped tables do.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "tests/host/mali_model.h"
#include "tests/host/mmio_host.h"
#include "tests/target/test_mali.c"

#define TABLE_VA   0x40000000ul
#define POOL_BYTES (1u << 20)
#define PMU_BASE   0xff310000u
#define PMU_DELAY  3

static struct mali_model model;
static struct pool host_pool;
static uint8_t pool_meta[POOL_BYTES / POOL_PAGE_SIZE];
static char st_msg[256];

/* ---- what the target harness and boot code provide ---- */

/* No device tree on the host: the board file's facts (boot/facts.c). */
const struct board_facts *board_facts(void)
{
	static struct board_facts fx;
	static const struct facts_image img = { 0x02000000, 0x03600000 };

	if (!fx.nbanks)
		facts_build(&fx, &board, NULL, 0, 0, NULL, &img);
	return &fx;
}

struct pool *image_pool(void)
{
	return &host_pool;
}

void cache_clean_range(const void *va, size_t size)
{
	mali_model_clean(&model, va, size);
}

static enum st_result st_record(enum st_result r, const char *fmt, va_list ap)
{
	vsnprintf(st_msg, sizeof(st_msg), fmt, ap);
	printf("# %s\n", st_msg);
	return r;
}

enum st_result st_fail(const char *fmt, ...)
{
	va_list ap;
	enum st_result r;

	va_start(ap, fmt);
	r = st_record(ST_FAIL, fmt, ap);
	va_end(ap);
	return r;
}

enum st_result st_skip(const char *fmt, ...)
{
	va_list ap;
	enum st_result r;

	va_start(ap, fmt);
	r = st_record(ST_SKIP, fmt, ap);
	va_end(ap);
	return r;
}

void st_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	st_record(ST_PASS, fmt, ap);
	va_end(ap);
}

/* ---- RK3399 PMU power-domain model ---- */

struct pmu_model {
	uint32_t pwrdn_con, pwrdn_st, idle_req, idle_st;
	unsigned lag;
	bool dead;
};

static struct pmu_model pmu;

static uint64_t pmu_read(void *ctx, uintptr_t off, unsigned size)
{
	struct pmu_model *p = ctx;

	(void)size;
	if (!p->dead && p->lag && --p->lag == 0) {
		p->pwrdn_st = p->pwrdn_con;
		p->idle_st = p->idle_req;
	}
	switch (off) {
	case 0x14: return p->pwrdn_con;
	case 0x18: return p->pwrdn_st;
	case 0x60: return p->idle_req;
	case 0x64: case 0x68: return p->idle_st;
	}
	return 0;
}

static void pmu_write(void *ctx, uintptr_t off, uint64_t val, unsigned size)
{
	struct pmu_model *p = ctx;

	(void)size;
	if (off == 0x14)
		p->pwrdn_con = (uint32_t)val;
	else if (off == 0x60)
		p->idle_req = (uint32_t)val;
	p->lag = PMU_DELAY;
}

static const struct mmio_model_ops pmu_ops = { pmu_read, pmu_write };

/* ---- fixture ---- */

static uint32_t board_gpu_id(void)
{
	return strcmp(board.name, "rk3588") == 0 ? 0xa8670000u /* G610 */
						 : 0x08602000u; /* T860 r2p0 */
}

static int setup(void **state)
{
	struct mali_model_cfg mc = { board_gpu_id(), 0x2830, 0xff, board.gpu_coherent, 3 };
	void *mem = mmap((void *)TABLE_VA, POOL_BYTES, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	(void)state;
	assert_ptr_equal(mem, (void *)TABLE_VA);
	assert_int_equal(pool_init(&host_pool, mem, POOL_BYTES, pool_meta), 0);
	mali_model_init(&model, &mc);
	assert_int_equal(mali_model_map(&model, board.gpu_base), 0);
	assert_int_equal(mali_model_add_mem(&model, TABLE_VA, mem, POOL_BYTES, true), 0);
	pmu = (struct pmu_model){ 1u << 15, 1u << 15, 1u, 1u, 0, false };
	assert_int_equal(mmio_host_map(PMU_BASE, 0x100, &pmu_ops, &pmu), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	mali_model_fini(&model);
	mmio_host_unmap_all();
	munmap((void *)TABLE_VA, POOL_BYTES);
	return 0;
}

static void no_violations(void)
{
	if (model.violations)
		fail_msg("%lu model violations, last: %s", model.violations, model.last_violation);
}

static void test_probe(void **state)
{
	(void)state;
	assert_int_equal(test_mali_probe(), ST_PASS);
	if (strcmp(board.name, "rk3399") == 0) /* the domain was switched on */
		assert_int_equal(pmu.pwrdn_con & (1u << 15), 0);
	no_violations();
}

static void test_map_flush(void **state)
{
	(void)state;
	assert_int_equal(test_mali_map_flush(), ST_PASS);
	/* Attach, map, unmap and detach each locked a region of AS 1. */
	assert_true(model.as[MALI_TEST_AS].cmds[2] >= 4);
	assert_true(model.as[MALI_TEST_AS].cmds[1] >= 2); /* UPDATE: attach, detach */
	if (board_gpu_id() >> 28 >= 10)
		assert_true(model.cache_flushes >= 4);
	no_violations();
}

/* A GPU that does not come up fails with the reason, never hangs. */
static void test_dead_gpu(void **state)
{
	(void)state;
	pmu.dead = true;
	model.cfg.gpu_id = 0;
	assert_int_equal(test_mali_probe(), ST_FAIL);
	assert_non_null(strstr(st_msg, strcmp(board.name, "rk3399") == 0 ? "power-up: -110"
									 : "power-up: -19"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_probe, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_flush, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dead_gpu, setup, teardown),
	};

	printf("# board %s, GPU at %#lx\n", board.name, (unsigned long)board.gpu_base);
	return cmocka_run_group_tests_name(board.name, tests, NULL, NULL);
}
