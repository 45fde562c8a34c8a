/* SPDX-License-Identifier: MIT */
/*
 * SMMUv3 self-tests, part 3: what must not get through. An unmapped IOVA gives
 * F_TRANSLATION with the right IOVA and StreamID, a read-only page written by
 * DMA gives F_PERMISSION, a detached StreamID is aborted, and an event storm
 * larger than the event queue is detected and reported, after which events
 * flow again.
 */

#include <errno.h>

#include "tests/target/smmu_env.h"
#include "tests/target/report.h"

#define FAULT_IOVA 0xb0000000ull

static enum st_result unmap_body(struct smmu_env *env)
{
	enum st_result r = smmu_map_prove(env, FAULT_IOVA, env->scratch, SZ_4K, 0xdead);

	if (r != ST_PASS)
		return r;
	if (pt_unmap(&env->pt, FAULT_IOVA, SZ_4K) != (int64_t)SZ_4K)
		return st_fail("pt_unmap");
	return smmu_expect_blocked(env, FAULT_IOVA + 0x100, env->scratch + 0x100, 8,
				   SMMU_EVT_F_TRANSLATION);
}

static enum st_result test_unmap_fault(void) { return smmu_env_run(NULL, unmap_body); }
SELFTEST("smmu-unmap-fault", test_unmap_fault, 0);

/* A read-only page: DMA may read it (copied out and compared) but not write it. */
static enum st_result readonly_body(struct smmu_env *env)
{
	uint8_t *ro = env->scratch, *out = env->scratch + SZ_4K;
	enum st_result r;
	int ret = pt_map(&env->pt, FAULT_IOVA, smmu_pa_of(ro), SZ_4K, PT_PROT_READ);

	if (!ret)
		ret = pt_map(&env->pt, FAULT_IOVA + SZ_4K, smmu_pa_of(out), SZ_4K, RW);
	if (ret)
		return st_fail("pt_map: %d", ret);
	for (unsigned i = 0; i < PROOF_LEN; i++)
		ro[i] = (uint8_t)(0x3c ^ i * 7);
	ret = edu_copy(&env->edu, FAULT_IOVA, FAULT_IOVA + SZ_4K, PROOF_LEN);
	if (ret)
		return st_fail("DMA read of the read-only page: %d", ret);
	for (unsigned i = 0; i < PROOF_LEN; i++)
		if (out[i] != ro[i])
			return st_fail("read-only page read back wrong at byte %u", i);
	smmu_env_count_dma(1, PROOF_LEN);
	r = smmu_env_load(env, 0x20);
	if (r == ST_PASS)
		r = smmu_expect_blocked(env, FAULT_IOVA + 0x40, ro + 0x40, 4,
					SMMU_EVT_F_PERMISSION);
	return r;
}

static enum st_result test_readonly(void) { return smmu_env_run(NULL, readonly_body); }
SELFTEST("smmu-readonly-permission", test_readonly, 0);

/* Detached: STE Config = abort, so DMA is terminated without an event; then
 * attached again, the same table works. */
static enum st_result detach_body(struct smmu_env *env)
{
	enum st_result r = smmu_map_prove(env, FAULT_IOVA, env->scratch, SZ_4K, 0xde7a);
	int ret;

	if (r != ST_PASS)
		return r;
	ret = gpu_as_detach(&env->as);
	if (ret)
		return st_fail("detach: %d", ret);
	r = smmu_expect_blocked(env, FAULT_IOVA, env->scratch, PROOF_LEN, 0);
	if (r != ST_PASS)
		return r;
	ret = gpu_as_attach(&env->as, &env->pt);
	if (ret)
		return st_fail("attach again: %d", ret);
	return smmu_load_prove(env, FAULT_IOVA, env->scratch, 0xa77a);
}

static enum st_result test_detach(void) { return smmu_env_run(NULL, detach_body); }
SELFTEST("smmu-detach-blocks", test_detach, 0);

/*
 * A 4095-byte DMA into nothing: the SMMU reports a fault per access (QEMU:
 * per 4 bytes, about 1000), far more than the 128-entry event queue holds.
 * The driver must notice the loss (EVENTQ_PROD.OVFLG, or GERROR.EVTQ_ABT_ERR,
 * which is how QEMU 7.2 reports it), and events must flow again after a drain.
 */
static enum st_result overflow_body(struct smmu_env *env)
{
	unsigned long before = env->smmu.overflows;
	unsigned kept;
	int ret;

	report.faults_expected++;
	ret = edu_dma_from_buf(&env->edu, FAULT_IOVA, EDU_DMA_MAX, 0);
	if (ret)
		return st_fail("DMA: %d", ret);
	kept = smmu_events_drain(&env->smmu, false);
	if (kept)
		report.faults_seen++;
	if (env->smmu.overflows == before)
		return st_fail("%u events read, no overflow reported", kept);
	st_note("events kept=%u of ~%u, overflow reported;", kept, EDU_DMA_MAX / 4);
	ST_CHECK(kept > 0 && kept <= (1u << env->smmu.evtq.log2));
	return smmu_expect_blocked(env, FAULT_IOVA, env->scratch, 4, SMMU_EVT_F_TRANSLATION);
}

static enum st_result test_overflow(void) { return smmu_env_run(NULL, overflow_body); }
SELFTEST("smmu-evtq-overflow", test_overflow, 0);

/*
 * A command the SMMU cannot decode stops the command queue with
 * CMDQ_CONS.ERR = CERROR_ILL and GERROR.CMDQ_ERR. The driver must report it
 * (-EIO), put the queue back in motion, and later commands and DMA must work.
 */
static enum st_result cmdq_error_body(struct smmu_env *env)
{
	struct smmu_cmd bad = { { 0x7f, 0 } }, ok;
	int ret;

	ret = smmu_submit(&env->smmu, &bad, 1);
	if (ret != -EIO)
		return st_fail("illegal command: %d, want -EIO", ret);
	ST_CHECK(env->smmu.gerror_seen & SMMU_GERROR_CMDQ_ERR);
	smmu_cmd_tlbi_nh_asid(&ok, SMMU_TEST_ASID);
	ret = smmu_submit(&env->smmu, &ok, 1);
	if (ret)
		return st_fail("command after recovery: %d", ret);
	return smmu_map_prove(env, FAULT_IOVA, env->scratch, SZ_4K, 0xe44);
}

static enum st_result test_cmdq_error(void) { return smmu_env_run(NULL, cmdq_error_body); }
SELFTEST("smmu-cmdq-error", test_cmdq_error, 0);
