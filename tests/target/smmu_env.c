/* SPDX-License-Identifier: MIT */
/* The SMMU self-test environment (see smmu_env.h). */
#include "tests/target/smmu_env.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "board/board.h"
#include "boot/cpu_map_image.h"
#include "boot/facts.h"
#include "boot/image.h"
#include "drivers/cache.h"
#include "tests/target/report.h"

/*
 * The command-line option smmu-walk=noncoherent programs the SMMU as if
 * IDR0.COHACC were 0 (a matrix configuration): its stream table, queues and
 * CDs come from the non-cacheable DMA pool (the CPU maps it Normal
 * non-cacheable, as a DMA-coherent allocation would be), its table walks are
 * non-cacheable and every page table write is cleaned to the PoC with the
 * data cache on. QEMU models no caches, so this proves the path runs and
 * the attributes are accepted, not that a missing clean would be seen.
 */
#define NONCOHERENT_OPTION "smmu-walk=noncoherent"

static unsigned long clean_calls, clean_bytes;

static void env_cache_clean(const void *va, size_t size)
{
	clean_calls++;
	clean_bytes += size;
	cache_clean_range(va, size);
}

/*
 * DMA targets: RAM the image owns and nothing else uses, so a DMA that lands
 * at the wrong address can only corrupt test data. 2 MiB aligned so that one
 * 2 MiB block can map all of it.
 */
static uint8_t scratch[SZ_2M] __attribute__((aligned(SZ_2M)));
static uint8_t src_buf[SRC_SIZE] __attribute__((aligned(SZ_64K)));

/* The pattern byte at buffer offset i for the current seed. */
static uint8_t smmu_env_pat(const struct smmu_env *env, size_t i)
{
	uint32_t x = (uint32_t)i * 2654435761u + env->seed;

	return (uint8_t)(x >> 24 ^ x >> 8);
}

/* Byte loops: every byte is the pattern's value at its offset, which no
 * memset or memcmp gives or checks. */
static void fill(const struct smmu_env *env, uint8_t *p, size_t n, size_t off, bool invert)
{
	for (size_t i = 0; i < n; i++)
		p[i] = invert ? (uint8_t)~smmu_env_pat(env, off + i) : smmu_env_pat(env, off + i);
}

void smmu_env_fill_complement(const struct smmu_env *env, uint8_t *p, size_t n, size_t off)
{
	fill(env, p, n, off, true);
}

bool smmu_env_untouched(const struct smmu_env *env, const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((uint8_t)(p[i] ^ smmu_env_pat(env, i)) != 0xff)
			return false;
	return true;
}

void smmu_env_count_dma(unsigned mappings, size_t bytes)
{
	report.dma_verified_mappings += mappings;
	report.dma_bytes += bytes;
}

static enum st_result open_smmu(struct smmu_env *env, enum smmu_strtab_fmt fmt, bool no_ril)
{
	bool nc = image_option(NONCOHERENT_OPTION);
	struct smmu_cfg cfg = {
		.base = (uintptr_t)board_facts()->smmu.base,
		.pool = nc ? image_dma_pool() : image_pool(),
		.strtab = fmt,
		.no_ril = no_ril,
		.non_coherent = nc,
		.quiet = true,
	};
	int ret = smmu_init(&env->smmu, &cfg);

	if (ret)
		return st_fail("smmu_init: %d", ret);
	return ST_PASS;
}

/* The edu on the PCIe host the facts name, its BAR in the 32-bit window. */
static enum st_result open_edu(struct smmu_env *env)
{
	const struct board_facts *fx = board_facts();
	struct pci_window w = { fx->pci_mmio32.base, fx->pci_mmio32.base + fx->pci_mmio32.size };
	/* A physical address: above 4 GiB on QEMU virt, reached by a 32-bit
	 * CPU at the VA its map placed it at. */
	uintptr_t ecam = image_device_va(fx->pci_ecam.base);

	/* drivers/pci_ecam.c programs BARs with the addresses the CPU uses. */
	if (fx->pci_mmio32_bus != fx->pci_mmio32.base)
		return st_fail("the 32-bit window is at PCI %#llx but CPU %#llx: not supported",
			       (unsigned long long)fx->pci_mmio32_bus,
			       (unsigned long long)fx->pci_mmio32.base);
	int ret = ecam ? edu_probe(&env->edu, ecam, &w) : -ENODEV;

	if (ret)
		return st_fail("edu_probe: %d (QEMU needs -device edu,dma_mask=~0)", ret);
	return ST_PASS;
}

/* The edu's StreamID: its requester ID through the PCIe host's iommu-map. */
static enum st_result edu_stream(struct smmu_env *env, uint32_t *sid)
{
	uint16_t rid = pci_rid(&env->edu.pci);

	if (facts_pci_sid(board_facts(), rid, sid))
		return st_fail("the device tree's iommu-map maps no StreamID for requester ID %#x", rid);
	return ST_PASS;
}

static enum st_result open_pt(struct smmu_env *env, size_t granule)
{
	struct pt_cfg cfg;
	int ret = smmu_pt_cfg(&env->smmu, &env->as, granule, SMMU_TEST_IAS, &cfg);

	if (ret)
		return st_fail("smmu_pt_cfg(granule %zu): %d", granule, ret);
	cfg.pool = image_pool(); /* tables in cacheable memory, cleaned when not coherent */
	ret = pt_init(&env->pt, &cfg);
	if (ret)
		return st_fail("pt_init: %d", ret);
	ret = pt_map(&env->pt, SRC_IOVA, smmu_pa_of(env->src), SRC_SIZE, PT_PROT_READ);
	if (ret)
		return st_fail("pt_map(source): %d", ret);
	ret = gpu_as_attach(&env->as, &env->pt);
	if (ret)
		return st_fail("attach StreamID %#x: %d", env->as.id, ret);
	return ST_PASS;
}

/* The pool's balance is the harness's check (check_pool), after every test. */
static enum st_result env_close(struct smmu_env *env, enum st_result r)
{
	if (env->as.pt)
		gpu_as_detach(&env->as);
	pt_fini(&env->pt); /* returns at once if pt_init never succeeded (root NULL) */
	smmu_events_drain(&env->smmu, false);
	smmu_fini(&env->smmu);
	report.tlbi_commands += env->as.hw_cmds;
	st_note("invalidations=%lu", env->as.hw_cmds);
	if (!env->smmu.coherent)
		st_note("non-coherent walk: %lu cleans, %lu bytes", clean_calls, clean_bytes);
	return r;
}

static enum st_result env_open(struct smmu_env *env)
{
	enum st_result r;

	env->scratch = scratch;
	env->src = src_buf;
	r = open_smmu(env, env->opts.strtab, env->opts.no_ril);
	if (r != ST_PASS)
		return r;
	uint32_t sid = 0;

	r = open_edu(env);
	if (r == ST_PASS)
		r = edu_stream(env, &sid);
	if (r == ST_PASS) {
		smmu_as_init(&env->smmu, &env->as, sid, SMMU_TEST_ASID);
		if (!env->smmu.coherent)
			env->as.cache_clean = env_cache_clean;
		clean_calls = clean_bytes = 0;
		r = open_pt(env, env->opts.granule);
	}
	if (r != ST_PASS)
		env_close(env, r);
	return r;
}

enum st_result smmu_env_run(const struct smmu_env_opts *opts, smmu_env_body body)
{
	static const struct smmu_env_opts defaults = { SZ_4K, SMMU_STRTAB_AUTO, false, 0 };
	struct smmu_env env;
	enum st_result r;

	if (board.gpu_mmu != BOARD_GPU_MMU_SMMUV3)
		return st_skip("board %s has no SMMUv3", board.name);
	/* The board file declares the SMMU: a device tree without it describes
	 * another machine (QEMU started without iommu=smmuv3), and a run whose
	 * SMMU tests all skipped must not count as a pass. */
	if (board_facts()->dt_ok && board_facts()->dt.smmu_node < 0)
		return st_fail("board %s has an SMMUv3 but the device tree has no arm,smmu-v3 node "
			       "(QEMU started without -M virt,iommu=smmuv3?)", board.name);
	memset(&env, 0, sizeof(env));
	env.opts = opts ? *opts : defaults;
	r = env_open(&env);
	if (r != ST_PASS)
		return r;
	return env_close(&env, body(&env));
}

enum st_result smmu_env_load(struct smmu_env *env, uint32_t seed)
{
	int ret;

	env->seed = seed;
	fill(env, env->src, EDU_DMA_MAX, 0, false);
	ret = edu_dma_to_buf(&env->edu, SRC_IOVA, EDU_DMA_MAX, 0);
	if (ret)
		return st_fail("DMA of the pattern into the edu: %d", ret);
	return ST_PASS;
}

static size_t first_mismatch(const struct smmu_env *env, const uint8_t *p, size_t len,
			     size_t off)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != smmu_env_pat(env, off + i))
			return i;
	return len;
}

enum st_result smmu_prove(struct smmu_env *env, uint64_t iova, uint8_t *cpu, size_t len,
			  size_t off)
{
	size_t bad;
	int ret;

	smmu_env_fill_complement(env, cpu, len, off);
	ret = edu_dma_from_buf(&env->edu, iova, len, off);
	if (ret)
		return st_fail("DMA to iova %#llx: %d", (unsigned long long)iova, ret);
	bad = first_mismatch(env, cpu, len, off);
	if (bad != len) {
		smmu_events_drain(&env->smmu, true);
		return st_fail("DMA to iova %#llx did not reach pa %#llx (byte %zu: %#x)",
			       (unsigned long long)iova, (unsigned long long)smmu_pa_of(cpu), bad,
			       cpu[bad]);
	}
	smmu_env_count_dma(1, len);
	return ST_PASS;
}

enum st_result smmu_load_prove(struct smmu_env *env, uint64_t iova, uint8_t *cpu,
			       uint32_t seed)
{
	enum st_result r = smmu_env_load(env, seed);

	if (r == ST_PASS)
		r = smmu_prove(env, iova, cpu, PROOF_LEN, 0);
	return r;
}

enum st_result smmu_map_prove(struct smmu_env *env, uint64_t iova, uint8_t *cpu, uint64_t size,
			      uint32_t seed)
{
	int ret = pt_map(&env->pt, iova, smmu_pa_of(cpu), size, RW);
	struct pt_leaf leaf;

	if (ret)
		return st_fail("pt_map of %#llx bytes at iova %#llx: %d", (unsigned long long)size,
			       (unsigned long long)iova, ret);
	/* Every stage-1 leaf non-global: the back end invalidates by ASID, which
	 * leaves global entries in the TLB (QEMU's SMMU ignores nG, so the
	 * tables are checked here). */
	if (pt_lookup(&env->pt, iova, &leaf) || leaf.global)
		return st_fail("iova %#llx maps a global leaf", (unsigned long long)iova);
	return smmu_load_prove(env, iova, cpu, seed);
}

/* Read every event: all must be `event` for our StreamID inside [iova, iova + len). */
static enum st_result check_events(struct smmu_env *env, uint64_t iova, size_t len,
				   uint8_t event)
{
	unsigned limit = smmu_evtq_entries(&env->smmu);
	struct gpu_fault f;
	unsigned n = 0;

	/* Bounded by the queue size: a DMA that keeps faulting is a storm. */
	while (gpu_as_read_fault(&env->as, &f) == 0) {
		if (n == limit) {
			smmu_event_storm(&env->smmu, n);
			return st_fail("event storm: more than %u events for iova %#llx", limit,
				       (unsigned long long)iova);
		}
		if (f.source != env->as.id)
			return st_fail("fault names StreamID %#x, not %#x", f.source, env->as.id);
		if (f.code != event || f.addr < iova || f.addr >= iova + len)
			return st_fail("unexpected event %#x (%s) at %#llx, wanted %#x at %#llx",
				       f.code, f.type, (unsigned long long)f.addr, event,
				       (unsigned long long)iova);
		if (n == 0 && f.addr != iova)
			return st_fail("first fault at %#llx, not %#llx",
				       (unsigned long long)f.addr, (unsigned long long)iova);
		if (n == 0)
			printf("# fault: %s, %s of iova %#llx by StreamID %#x\n", f.type, f.access,
			       (unsigned long long)f.addr, f.source);
		n++;
	}
	if (event && n == 0)
		return st_fail("no event %#x for iova %#llx", event, (unsigned long long)iova);
	if (!event && n)
		return st_fail("%u unexpected events", n);
	if (n)
		report.faults_seen++;
	return ST_PASS;
}

enum st_result smmu_expect_blocked(struct smmu_env *env, uint64_t iova, uint8_t *cpu,
				   size_t len, uint8_t event)
{
	int ret;

	smmu_env_fill_complement(env, cpu, len, 0);
	smmu_events_drain(&env->smmu, true);
	if (event)
		report.faults_expected++;
	ret = edu_dma_from_buf(&env->edu, iova, len, 0);
	if (ret)
		return st_fail("DMA to iova %#llx: %d", (unsigned long long)iova, ret);
	if (!smmu_env_untouched(env, cpu, len))
		return st_fail("DMA to iova %#llx reached pa %#llx", (unsigned long long)iova,
			       (unsigned long long)smmu_pa_of(cpu));
	return check_events(env, iova, len, event);
}
