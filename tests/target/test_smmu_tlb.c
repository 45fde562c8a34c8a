/* SPDX-License-Identifier: MIT */
/*
 * SMMUv3 self-tests, part 2: invalidation. The IOTLB is real in QEMU (an
 * entry survives a PTE change until TLBI), so a DMA shows whether the flush
 * sequence of the core + driver is right: stale page without it, fresh page
 * with it. Also the command count of range invalidation and the partial unmap
 * of a block.
 */
#include <stddef.h>

#include "tests/target/smmu_env.h"

#define TLB_IOVA   0xa0000000ull
#define BLOCK_IOVA 0x80000000ull

static struct smmu_env *env_of(struct gpu_as *as)
{
	return (struct smmu_env *)((char *)as - offsetof(struct smmu_env, as));
}

/* Back-end flush ops that only record what the core asked for. */
static int hold_range(struct gpu_as *as, const struct pt_gather *g)
{
	struct smmu_env *env = env_of(as);

	if (env->nheld >= sizeof(env->held) / sizeof(env->held[0]))
		return -1;
	env->held[env->nheld++] = *g;
	return 0;
}

static int hold_all(struct gpu_as *as)
{
	struct pt_gather all = { 0, 1ull << SMMU_TEST_IAS, SZ_4K, true };

	return hold_range(as, &all);
}

/*
 * Point IOVA X from page A to page B with the back end's invalidation held
 * back, then show the IOTLB still translates X to A (the stale page).
 */
static enum st_result remap_held(struct smmu_env *env, uint8_t *a, uint8_t *b)
{
	struct gpu_as_ops held = smmu_as_ops;
	const struct gpu_as_ops *real = env->as.ops;
	enum st_result r;
	int64_t un;
	int ret;

	held.flush_range = hold_range;
	held.flush_all = hold_all;
	env->as.ops = &held;
	env->nheld = 0;
	un = pt_unmap(&env->pt, TLB_IOVA, SZ_4K);
	ret = pt_map(&env->pt, TLB_IOVA, smmu_pa_of(b), SZ_4K, RW);
	env->as.ops = real;
	if (un != (int64_t)SZ_4K || ret)
		return st_fail("remap: unmap %lld, map %d", (long long)un, ret);
	ST_CHECK(env->nheld > 0); /* the core did ask for an invalidation */
	r = smmu_env_load(env, 0x5a1e);
	if (r == ST_PASS) {
		smmu_env_fill_complement(env, b, PROOF_LEN, 0);
		r = smmu_prove(env, TLB_IOVA, a, PROOF_LEN, 0);
	}
	if (r != ST_PASS)
		return st_fail("no stale translation: the SMMU has no IOTLB to test");
	if (!smmu_env_untouched(env, b, PROOF_LEN))
		return st_fail("the new page was written before any invalidation");
	return ST_PASS;
}

static enum st_result stale_fresh_body(struct smmu_env *env)
{
	bool replay = env->opts.arg != 0;
	uint8_t *a = env->scratch, *b = env->scratch + SZ_4K;
	enum st_result r;
	int ret = pt_map(&env->pt, TLB_IOVA, smmu_pa_of(a), SZ_4K, RW);

	/* A neighbour keeps the leaf table alive, so only the PTE changes. */
	if (!ret)
		ret = pt_map(&env->pt, TLB_IOVA + SZ_4K, smmu_pa_of(env->scratch + SZ_16K), SZ_4K, RW);
	if (ret)
		return st_fail("pt_map: %d", ret);
	r = smmu_load_prove(env, TLB_IOVA, a, 0xa); /* fills the IOTLB */
	if (r == ST_PASS)
		r = remap_held(env, a, b);
	if (r != ST_PASS)
		return r;
	/* Now the invalidation the core asked for, exactly as it asked. */
	for (unsigned i = 0; replay && i < env->nheld; i++) {
		ret = gpu_as_pt_flush_ops.flush_range(&env->as, &env->held[i]);
		if (ret)
			return st_fail("flush_range: %d", ret);
	}
	return smmu_load_prove(env, TLB_IOVA, b, 0xf5e5);
}

static enum st_result stale_fresh(bool replay)
{
	const struct smmu_env_opts o = { SZ_4K, SMMU_STRTAB_AUTO, false, replay };

	return smmu_env_run(&o, stale_fresh_body);
}

static enum st_result test_stale_fresh(void) { return stale_fresh(true); }
SELFTEST("smmu-stale-then-fresh", test_stale_fresh, 0);

/* Deliberately broken: the invalidation is never sent, yet the fresh page is
 * expected. It must fail (tests/qemu.cfg expects that), proving the test
 * above can tell a missing TLBI. */
static enum st_result test_broken_flush(void) { return stale_fresh(false); }
SELFTEST("smmu-broken-flush", test_broken_flush, ST_MANUAL);

/*
 * Unmap 33 pages (a 34th keeps the leaf table): with range invalidation that
 * is (NUM+1) << SCALE = 1 << 0 plus 1 << 5 pages, two commands; without it,
 * one TLBI per page. Then the range faults and the 34th page still maps.
 */
static enum st_result tlbi_count_body(struct smmu_env *env)
{
	const uint64_t n = 33;
	unsigned long want = env->smmu.ril ? 2 : (unsigned long)n, before;
	enum st_result r;
	int ret;

	if (!env->opts.no_ril && !env->smmu.ril)
		return st_skip("no range invalidation (IDR3.RIL = 0)");
	r = smmu_env_load(env, 0x33);
	ret = pt_map(&env->pt, TLB_IOVA, smmu_pa_of(env->scratch), (n + 1) * SZ_4K, RW);
	if (ret)
		return st_fail("pt_map: %d", ret);
	for (uint64_t p = 0; p <= n && r == ST_PASS; p += n / 2)
		r = smmu_prove(env, TLB_IOVA + p * SZ_4K, env->scratch + p * SZ_4K, PROOF_LEN, 0);
	if (r != ST_PASS)
		return r;
	before = env->as.hw_cmds;
	if (pt_unmap(&env->pt, TLB_IOVA, n * SZ_4K) != (int64_t)(n * SZ_4K))
		return st_fail("pt_unmap of %llu pages", (unsigned long long)n);
	if (env->as.hw_cmds - before != want)
		return st_fail("%lu TLBI commands for %llu pages, want %lu (%s)",
			       env->as.hw_cmds - before, (unsigned long long)n, want,
			       env->smmu.ril ? "range" : "per page");
	st_note("%s: %lu commands for %llu pages;", env->smmu.ril ? "range" : "per-page", want,
		(unsigned long long)n);
	r = smmu_expect_blocked(env, TLB_IOVA, env->scratch, 4, SMMU_EVT_F_TRANSLATION);
	if (r == ST_PASS)
		r = smmu_expect_blocked(env, TLB_IOVA + (n - 1) * SZ_4K,
					env->scratch + (n - 1) * SZ_4K, 4, SMMU_EVT_F_TRANSLATION);
	if (r == ST_PASS)
		r = smmu_prove(env, TLB_IOVA + n * SZ_4K, env->scratch + n * SZ_4K, PROOF_LEN, 0);
	return r;
}

static enum st_result tlbi_count(bool no_ril)
{
	const struct smmu_env_opts o = { SZ_4K, SMMU_STRTAB_AUTO, no_ril, 0 };

	return smmu_env_run(&o, tlbi_count_body);
}

static enum st_result test_tlbi_range(void) { return tlbi_count(false); }
static enum st_result test_tlbi_per_page(void) { return tlbi_count(true); }
SELFTEST("smmu-tlbi-range", test_tlbi_range, 0);
SELFTEST("smmu-tlbi-per-page", test_tlbi_per_page, 0);

/* Unmap one 4K page from the middle of a 2M block: the rest stays reachable
 * on both sides of the hole, the hole faults. */
static enum st_result partial_body(struct smmu_env *env)
{
	const uint64_t hole = SZ_2M / 2;
	const uint64_t at[] = { 0, hole - PROOF_LEN, hole + SZ_4K, SZ_2M - PROOF_LEN };
	enum st_result r = smmu_env_load(env, 0xb10c);
	int64_t un;
	int ret = pt_map(&env->pt, BLOCK_IOVA, smmu_pa_of(env->scratch), SZ_2M, RW);

	if (ret)
		return st_fail("pt_map of the block: %d", ret);
	if (r == ST_PASS)
		r = smmu_prove(env, BLOCK_IOVA + hole, env->scratch + hole, PROOF_LEN, 0);
	if (r != ST_PASS)
		return r;
	un = pt_unmap(&env->pt, BLOCK_IOVA + hole, SZ_4K);
	if (un != (int64_t)SZ_4K)
		return st_fail("pt_unmap of 4K inside a 2M block: %lld", (long long)un);
	for (unsigned i = 0; i < sizeof(at) / sizeof(at[0]) && r == ST_PASS; i++)
		r = smmu_prove(env, BLOCK_IOVA + at[i], env->scratch + at[i], PROOF_LEN, 0);
	if (r == ST_PASS)
		r = smmu_expect_blocked(env, BLOCK_IOVA + hole, env->scratch + hole, 4,
					SMMU_EVT_F_TRANSLATION);
	return r;
}

static enum st_result test_partial_unmap(void) { return smmu_env_run(NULL, partial_body); }
SELFTEST("smmu-partial-unmap", test_partial_unmap, 0);
