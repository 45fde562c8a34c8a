/* SPDX-License-Identifier: MIT */
/*
 * The SMMUv3 driver (drivers/smmuv3*.c) against the register model
 * (tests/host/smmu_model.h lists what it assumes): what QEMU cannot make
 * happen. An event queue whose producer never stops must not keep a drain
 * running (every drain is bounded by the queue size, then reports the storm);
 * a reset of an enabled SMMU must abort incoming traffic first; a range TLBI
 * that real SMMUs refuse is refused here too, and the driver's own
 * invalidations never are.
 *
 * Queues and tables live in a pool at POOL_VA, an address below the model's
 * 44-bit OAS (the driver hands CPU addresses to the SMMU as they are).
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

#include "drivers/mmio.h"
#include "drivers/smmuv3.h"
#include "tests/host/mmio_host.h"
#include "tests/host/smmu_model.h"

#define SMMU_BASE  0x09050000u /* only a number: every access goes to the model */
#define POOL_VA    0x50000000ul
#define POOL_BYTES (1u << 20)
#define STORM      100000ul
#define SID        0x10u
#define OTHER_SID  0x99u

struct fx {
	struct smmu_model model;
	struct smmu smmu;
	struct pool pool;
	uint8_t meta[POOL_BYTES / POOL_PAGE_SIZE];
	size_t free_pages;
};

static struct fx fx;

static int setup(void **state)
{
	void *mem = mmap((void *)POOL_VA, POOL_BYTES, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	struct smmu_cfg cfg = { .base = SMMU_BASE, .pool = &fx.pool, .quiet = true };

	(void)state;
	assert_ptr_equal(mem, (void *)POOL_VA);
	assert_int_equal(pool_init(&fx.pool, mem, POOL_BYTES, fx.meta), 0);
	fx.free_pages = pool_free_pages(&fx.pool);
	smmu_model_init(&fx.model);
	assert_int_equal(smmu_model_map(&fx.model, SMMU_BASE), 0);
	assert_int_equal(smmu_init(&fx.smmu, &cfg), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	mmio_host_unmap_all();
	munmap((void *)POOL_VA, POOL_BYTES);
	return 0;
}

static void no_violations(void)
{
	if (fx.model.violations)
		fail_msg("%lu model violations, last: %s", fx.model.violations,
			 fx.model.last_violation);
}

static unsigned evtq_entries(void)
{
	return 1u << fx.smmu.evtq.log2;
}

/* Init, commands, fini: nothing refused, the pool exactly as before. */
static void test_init_fini(void **state)
{
	(void)state;
	assert_true(fx.model.commands >= 3); /* CFGI_ALL, TLBI_NSNH_ALL, CMD_SYNC */
	smmu_fini(&fx.smmu);
	assert_int_equal(pool_free_pages(&fx.pool), fx.free_pages);
	no_violations();
}

/* A producer that stays ahead: the drain stops after at most a queue's worth. */
static void test_drain_bounded(void **state)
{
	unsigned n;

	(void)state;
	fx.model.storm = true;
	fx.model.storm_left = STORM;
	fx.model.storm_sid = SID;
	n = smmu_events_drain(&fx.smmu, false);
	if (n > evtq_entries())
		fail_msg("smmu_events_drain read %u events from a %u-entry queue", n,
			 evtq_entries());
	assert_true(n > 0);
	assert_int_equal(fx.smmu.storms, 1);
	fx.model.storm = false;
	smmu_fini(&fx.smmu);
	no_violations();
}

/* An attached StreamID of our own, on a table from the pool. */
static void attach(struct gpu_as *as, struct pt *pt)
{
	struct pt_cfg cfg;

	smmu_as_init(&fx.smmu, as, SID, 1);
	assert_int_equal(smmu_pt_cfg(&fx.smmu, as, 4096, 48, &cfg), 0);
	assert_int_equal(pt_init(pt, &cfg), 0);
	assert_int_equal(gpu_as_attach(as, pt), 0);
}

static void detach(struct gpu_as *as, struct pt *pt)
{
	assert_int_equal(gpu_as_detach(as), 0);
	pt_fini(pt);
	smmu_fini(&fx.smmu);
	assert_int_equal(pool_free_pages(&fx.pool), fx.free_pages);
}

/* Events for another StreamID without end: read_fault gives up, bounded. */
static void test_read_fault_bounded(void **state)
{
	struct gpu_as as;
	struct gpu_fault f;
	struct pt pt;
	unsigned long made;
	int ret;

	(void)state;
	attach(&as, &pt);
	fx.model.storm = true;
	fx.model.storm_left = STORM;
	fx.model.storm_sid = OTHER_SID;
	ret = gpu_as_read_fault(&as, &f);
	made = STORM - fx.model.storm_left;
	if (made > 2ul * evtq_entries())
		fail_msg("read_fault popped %lu events of another StreamID (queue: %u)", made,
			 evtq_entries());
	assert_int_equal(ret, -EAGAIN);
	assert_int_equal(fx.smmu.storms, 1);
	fx.model.storm = false;
	detach(&as, &pt);
	no_violations();
}

/* A second init finds the SMMU enabled: GBPA aborts before SMMUEN drops. */
static void test_reset_of_enabled_smmu(void **state)
{
	struct smmu_cfg cfg = { .base = SMMU_BASE, .pool = &fx.pool, .quiet = true };
	struct smmu again;

	(void)state;
	assert_int_equal(smmu_init(&again, &cfg), 0);
	no_violations();
	smmu_fini(&again);
}

/* What silicon refuses, the model refuses (the driver recovers); the driver's
 * own one-page invalidations, leaf or not, are all accepted. */
static void test_tlbi_legal(void **state)
{
	struct smmu_cmd bad = { { SMMU_CMD_TLBI_NH_VA | (1ull << 48), 0x12345000 | 1u << 10 } };
	const struct pt_gather page = { 0x40000000, 0x40001000, 4096, false };
	const struct pt_gather walk = { 0x40000000, 0x40001000, 4096, true };
	struct gpu_as as;
	struct pt pt;

	(void)state;
	assert_int_equal(smmu_submit(&fx.smmu, &bad, 1), -EIO);
	assert_int_equal(fx.model.violations, 0);
	attach(&as, &pt);
	assert_int_equal(as.ops->flush_range(&as, &page), 0);
	assert_int_equal(as.ops->flush_range(&as, &walk), 0);
	assert_true(fx.model.tlbi_va >= 3);
	detach(&as, &pt);
	no_violations();
}

/* Attach and detach in each stream table format: every STE change ordered as
 * the model's rule wants (smmu_model.h), none torn. */
static void test_ste_update_order(void **state)
{
	static const enum smmu_strtab_fmt fmts[] = { SMMU_STRTAB_2LVL, SMMU_STRTAB_LINEAR };
	struct smmu_cfg cfg = { .base = SMMU_BASE, .pool = &fx.pool, .quiet = true };
	struct gpu_as as;
	struct pt pt;

	(void)state;
	for (unsigned i = 0; i < 2; i++) {
		if (i) {
			cfg.strtab = fmts[i];
			assert_int_equal(smmu_init(&fx.smmu, &cfg), 0);
		}
		assert_int_equal(fx.smmu.two_level, fmts[i] == SMMU_STRTAB_2LVL);
		fx.model.ste_changes = 0;
		attach(&as, &pt);
		detach(&as, &pt);
		assert_true(fx.model.ste_changes >= 2); /* the model saw both updates */
		no_violations();
	}
}

/* The rule fires: a new STE made valid with its dwords in one go, a live one
 * whose dwords 1-7 change after dword 0 went to abort but before CFGI_STE +
 * CMD_SYNC, and one made valid after a barrier but no CFGI_STE + CMD_SYNC
 * since its dwords 1-7 changed. */
static void test_model_flags_torn_ste(void **state)
{
	uint64_t s1[SMMU_STE_DWORDS], *ste;
	struct smmu_cmd cfgi;

	(void)state;
	ste = smmu_ste(&fx.smmu, SID, true);
	assert_non_null(ste);
	mmio_dma_barrier();
	smmu_ste_s1(s1, POOL_VA, true);
	smmu_copy_dwords(ste, s1, SMMU_STE_DWORDS);
	mmio_dma_barrier();
	assert_int_equal(fx.model.violations, 1);
	assert_non_null(strstr(fx.model.last_violation, "made valid with dwords 1-7 changed"));
	smmu_cmd_cfgi_ste(&cfgi, SID, true);
	assert_int_equal(smmu_submit(&fx.smmu, &cfgi, 1), 0);
	ste[0] = 1; /* V, Config = abort */
	mmio_dma_barrier();
	ste[1] = 0;
	mmio_dma_barrier();
	assert_int_equal(fx.model.violations, 2);
	assert_non_null(strstr(fx.model.last_violation, "no CFGI_STE + CMD_SYNC"));
	assert_int_equal(smmu_submit(&fx.smmu, &cfgi, 1), 0);
	ste[2] = 0x1234; /* harmless now: nothing reads dwords 1-7 */
	mmio_dma_barrier();
	assert_int_equal(fx.model.violations, 2);
	/* A barrier, but no CFGI_STE + CMD_SYNC, between them and dword 0. */
	ste[0] = s1[0];
	mmio_dma_barrier();
	assert_int_equal(fx.model.violations, 3);
	assert_non_null(strstr(fx.model.last_violation, "made valid with dwords 1-7 changed"));
}

/* An SMMU that forces stalls (IDR0.STALL_MODEL = 0b10) takes the CD, and a
 * stalled fault does not leave the master stalled. */
static void test_stall_forced_cd(void **state)
{
	struct smmu_cfg cfg = { .base = SMMU_BASE, .pool = &fx.pool, .quiet = true };
	struct gpu_fault f;
	struct gpu_as as;
	struct pt pt;

	(void)state;
	smmu_fini(&fx.smmu);
	fx.model.idr[0] = (fx.model.idr[0] & ~(3u << 24)) | 2u << 24;
	assert_int_equal(smmu_init(&fx.smmu, &cfg), 0);
	attach(&as, &pt);
	no_violations();
	/* A stalled fault is read, and the transaction resumed with an abort. */
	fx.model.stall_events = true;
	fx.model.events_made = 0x1233;
	smmu_model_event(&fx.model, SID, 0x5000);
	assert_int_equal(gpu_as_read_fault(&as, &f), 0);
	assert_int_equal(f.addr, 0x5000);
	assert_int_equal(fx.model.resumes, 1);
	assert_int_equal(fx.model.last_resume[0], 0x44 | 2u << 12 | (uint64_t)SID << 32);
	assert_int_equal(fx.model.last_resume[1], 0x1233);
	assert_int_equal(fx.model.stalled, 0);
	/* A stall nobody read is still answered when the stream goes away. */
	smmu_model_event(&fx.model, SID, 0x6000);
	assert_int_equal(fx.model.stalled, 1);
	detach(&as, &pt);
	no_violations();
	assert_int_equal(fx.model.stall_terms, 1);
	assert_int_equal(fx.model.stalled, 0);
}

/* The model's CMD_STALL_TERM rule can fail: issued while the STE translates. */
static void test_model_flags_early_stall_term(void **state)
{
	struct smmu_cmd term;
	struct gpu_as as;
	struct pt pt;

	(void)state;
	smmu_fini(&fx.smmu);
	fx.model.idr[0] = (fx.model.idr[0] & ~(3u << 24)) | 2u << 24;
	struct smmu_cfg cfg = { .base = SMMU_BASE, .pool = &fx.pool, .quiet = true };
	assert_int_equal(smmu_init(&fx.smmu, &cfg), 0);
	attach(&as, &pt);
	no_violations();
	smmu_cmd_stall_term(&term, SID);
	assert_int_equal(smmu_submit(&fx.smmu, &term, 1), 0);
	assert_int_equal(fx.model.violations, 1);
	assert_non_null(strstr(fx.model.last_violation, "CMD_STALL_TERM of StreamID"));
	fx.model.violations = 0;
	detach(&as, &pt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_fini, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drain_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_fault_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_of_enabled_smmu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tlbi_legal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ste_update_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_model_flags_torn_ste, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stall_forced_cd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_model_flags_early_stall_term, setup, teardown),
	};

	return cmocka_run_group_tests_name("smmu-model", tests, NULL, NULL);
}
