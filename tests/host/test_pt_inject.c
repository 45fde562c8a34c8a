/* SPDX-License-Identifier: MIT */
/*
 * Failure injection: for every n, the n-th allocation of an operation fails
 * (the counting allocator behind struct pt_alloc_ops). Each time the
 * operation must return -ENOMEM with the table unchanged (reference walker
 * against the shadow model) and no page leaked; once n passes the number of
 * allocations the operation succeeds and its result is checked. The two-phase
 * API is held to its promise: commit never allocates.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/host/harness.h"
#include "tests/host/shadow.h"

#define SZ_4K  0x1000ull
#define SZ_16K 0x4000ull
#define SZ_2M  0x200000ull
#define SZ_1G  0x40000000ull

static const unsigned prot_rw = PT_PROT_READ | PT_PROT_WRITE;

struct scenario {
	const char *name;
	enum pt_format fmt;
	size_t granule;
	bool coherent;
	/* The state before the operation, applied to the table and the model. */
	void (*before)(struct hx *h, struct shadow *s);
	int64_t (*op)(struct pt *pt);
	void (*apply)(struct shadow *s);
	int64_t want;
};

static void before_page(struct hx *h, struct shadow *s)
{
	uint64_t g = h->cfg.granule;

	assert_int_equal(pt_map(&h->pt, g, g, g, prot_rw), 0);
	sh_add(s, g, g, g, 0, prot_rw);
}

/* Ragged around 1G blocks, in a 512G region of its own: new tables at three
 * levels on both ends. */
#define RAGGED_VA   ((1ull << 39) + SZ_1G - SZ_4K)
#define RAGGED_PA   (0x200000000ull + SZ_1G - SZ_4K)
#define RAGGED_SIZE (2 * SZ_1G + 2 * SZ_4K)

static int64_t op_map_ragged(struct pt *pt)
{
	return pt_map(pt, RAGGED_VA, RAGGED_PA, RAGGED_SIZE, prot_rw);
}

static void apply_map_ragged(struct shadow *s)
{
	sh_add(s, RAGGED_VA, RAGGED_SIZE, RAGGED_PA, 0, prot_rw);
}

static void before_1g_block(struct hx *h, struct shadow *s)
{
	assert_int_equal(pt_map(&h->pt, SZ_1G, 0x80000000, SZ_1G, prot_rw), 0);
	sh_add(s, SZ_1G, SZ_1G, 0x80000000, 0, prot_rw);
}

/* A page out of a 1G block: a level-2 and a level-3 table to split into. */
static int64_t op_split_1g(struct pt *pt)
{
	return pt_unmap(pt, SZ_1G + 5 * SZ_2M + 7 * SZ_4K, SZ_4K);
}

static void apply_split_1g(struct shadow *s)
{
	sh_remove(s, SZ_1G + 5 * SZ_2M + 7 * SZ_4K, SZ_1G + 5 * SZ_2M + 8 * SZ_4K);
}

static int64_t op_repeat_16k(struct pt *pt)
{
	return pt_map_repeat(pt, SZ_1G, 64 * SZ_2M, 0x7c000, SZ_16K, prot_rw);
}

static void apply_repeat_16k(struct shadow *s)
{
	sh_add(s, SZ_1G, 64 * SZ_2M, 0x7c000, SZ_16K, prot_rw);
}

static int64_t op_map_pages(struct pt *pt)
{
	return pt_map_pages(pt, 3 * SZ_2M - 40 * SZ_4K, 0x3000000, SZ_4K, 600, prot_rw);
}

static void apply_map_pages(struct shadow *s)
{
	sh_add(s, 3 * SZ_2M - 40 * SZ_4K, 600 * SZ_4K, 0x3000000, 0, prot_rw);
}

static void before_repeat(struct hx *h, struct shadow *s)
{
	assert_int_equal(pt_map_repeat(&h->pt, SZ_1G, SZ_1G, 0x5000, SZ_4K, prot_rw), 0);
	sh_add(s, SZ_1G, SZ_1G, 0x5000, SZ_4K, prot_rw);
}

/* One page out of a shared table: the 2M around it needs a private copy. */
static int64_t op_unshare(struct pt *pt)
{
	return pt_unmap(pt, SZ_1G + 9 * SZ_2M + 3 * SZ_4K, SZ_4K);
}

static void apply_unshare(struct shadow *s)
{
	sh_remove(s, SZ_1G + 9 * SZ_2M + 3 * SZ_4K, SZ_1G + 9 * SZ_2M + 4 * SZ_4K);
}

static const struct scenario scenarios[] = {
	{ "map ragged", PT_FMT_ARM64_S1, 4096, true, before_page, op_map_ragged,
	  apply_map_ragged, 0 },
	{ "map ragged, non-coherent", PT_FMT_ARM64_S1, 4096, false, before_page, op_map_ragged,
	  apply_map_ragged, 0 },
	{ "map ragged, mali", PT_FMT_MALI_LPAE, 4096, true, before_page, op_map_ragged,
	  apply_map_ragged, 0 },
	{ "split 1G block", PT_FMT_ARM64_S1, 4096, true, before_1g_block, op_split_1g,
	  apply_split_1g, SZ_4K },
	{ "split 1G block, non-coherent", PT_FMT_ARM64_S1, 4096, false, before_1g_block,
	  op_split_1g, apply_split_1g, SZ_4K },
	{ "map_repeat 16K", PT_FMT_ARM64_S1, 16384, true, before_page, op_repeat_16k,
	  apply_repeat_16k, 0 },
	{ "map_pages, mali", PT_FMT_MALI_LPAE, 4096, true, before_page, op_map_pages,
	  apply_map_pages, 0 },
	{ "unshare repeated table", PT_FMT_ARM64_S1, 4096, true, before_repeat, op_unshare,
	  apply_unshare, SZ_4K },
};

static struct hx *fresh(const struct scenario *sc, struct shadow *s)
{
	int err;
	struct hx *h = hx_new(sc->fmt, sc->granule, 48, 40, sc->coherent, 512, &err);

	if (!h)
		fail_msg("%s: pt_init = %d", sc->name, err);
	sh_init(s);
	sc->before(h, s);
	if (sh_check_hx(s, h))
		fail_msg("%s: state before the operation is wrong", sc->name);
	return h;
}

/* Returns true when the operation succeeded (n was past its allocations). */
static bool inject_once(const struct scenario *sc, long n)
{
	struct shadow s;
	struct hx *h = fresh(sc, &s);
	size_t blocks = h->live_blocks;
	int64_t ret;
	bool ok;

	h->fail_at = h->alloc_calls + n;
	hx_clear_events(h);
	ret = sc->op(&h->pt);
	ok = ret == sc->want;
	if (ok) {
		sc->apply(&s);
	} else {
		if (ret != -ENOMEM)
			fail_msg("%s: allocation %ld failed, operation returned %lld", sc->name, n,
				 (long long)ret);
		if (!hx_count(h, HX_EV_ALLOC_FAIL))
			fail_msg("%s: -ENOMEM without the injected failure", sc->name);
		if (h->live_blocks != blocks)
			fail_msg("%s: allocation %ld failed: %zu blocks before, %zu after",
				 sc->name, n, blocks, h->live_blocks);
	}
	if (sh_check_hx(&s, h))
		fail_msg("%s: allocation %ld failed: tables changed", sc->name, n);
	sh_fini(&s);
	if (hx_delete(h))
		fail_msg("%s: leak after allocation %ld failed", sc->name, n);
	return ok;
}

static void test_every_allocation_fails(void **state)
{
	(void)state;

	for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		long n = 1;

		while (!inject_once(&scenarios[i], n)) {
			n++;
			if (n > 200)
				fail_msg("%s: still failing after 200 allocations", scenarios[i].name);
		}
		printf("%-30s: failed each of its %ld allocations, rolled back every time\n",
		       scenarios[i].name, n - 1);
		/* Each scenario allocates: otherwise nothing was injected. */
		assert_true(n > 1);
	}
}

static void ragged_op(struct pt_op *op)
{
	memset(op, 0, sizeof(*op));
	op->kind = PT_OP_MAP;
	op->iova = RAGGED_VA;
	op->pa = RAGGED_PA;
	op->size = RAGGED_SIZE;
	op->prot = prot_rw;
}

/* prepare may fail and changes nothing; abort returns everything; commit
 * runs with every further allocation failing and still succeeds. */
static void test_prepare_commit_abort(void **state)
{
	const struct scenario *sc = &scenarios[0];
	struct shadow s;
	struct hx *h = fresh(sc, &s);
	struct pt_op op;
	size_t blocks = h->live_blocks;
	(void)state;

	ragged_op(&op);
	h->fail_at = h->alloc_calls + 1;
	assert_int_equal(pt_prepare(&h->pt, &op), -ENOMEM);
	assert_int_equal(h->live_blocks, blocks);

	h->fail_at = 0;
	ragged_op(&op);
	assert_int_equal(pt_prepare(&h->pt, &op), 0);
	pt_abort(&h->pt, &op);
	assert_int_equal(h->live_blocks, blocks);
	if (sh_check_hx(&s, h))
		fail_msg("prepare + abort changed the tables");

	ragged_op(&op);
	assert_int_equal(pt_prepare(&h->pt, &op), 0);
	h->fail_at = h->alloc_calls + 1; /* commit must not need the allocator */
	assert_int_equal(pt_commit(&h->pt, &op), 0);
	sc->apply(&s);
	if (sh_check_hx(&s, h))
		fail_msg("prepare + commit mapped something else");
	sh_fini(&s);
	assert_int_equal(hx_delete(h), 0);
}

/* The pool path: a pool left with k free pages, for every k up to what the
 * map needs. Each refusal leaves the pool exactly as it was; after pt_fini
 * the pool is exactly full again. */
struct pool_fx {
	struct pool pool;
	uint8_t *mem, meta[64];
};

static int pool_read(void *ctx, uint64_t pa, uint64_t *val)
{
	struct pool_fx *p = ctx;
	uint64_t off = pa - HX_PA_BASE;

	if (pa < HX_PA_BASE || off + 8 > sizeof(p->meta) * 4096 || (off & 7))
		return -1;
	memcpy(val, p->mem + off, 8);
	return 0;
}

static int nop_flush_all(void *cookie)
{
	(void)cookie;
	return 0;
}

static int nop_flush_range(void *cookie, const struct pt_gather *g)
{
	(void)cookie;
	(void)g;
	return 0;
}

static void test_pool_every_shortfall(void **state)
{
	static struct pool_fx p;
	const struct pt_flush_ops nop = { nop_flush_all, nop_flush_range, NULL };
	struct rw_mem mem = { pool_read, &p };
	struct pt_cfg cfg = { .fmt = PT_FMT_ARM64_S1, .granule = 4096, .ias = 48, .oas = 48,
			      .coherent = true, .pool = &p.pool, .flush = &nop };
	struct pool_stats before, after;
	struct rw_geom g;
	struct pt_hw hw;
	struct pt pt;
	struct shadow s;
	const char *why = NULL;
	void *hold[64];
	size_t k = 0, nhold;
	int ret;
	(void)state;

	p.mem = aligned_alloc(65536, sizeof(p.meta) * 4096);
	assert_int_equal(pool_init(&p.pool, p.mem, sizeof(p.meta) * 4096, p.meta), 0);
	cfg.pa_offset = (int64_t)(HX_PA_BASE - (uint64_t)(uintptr_t)p.mem);
	assert_int_equal(pt_init(&pt, &cfg), 0);
	pt_hw_config(&pt, &hw);
	assert_int_equal(rw_geom_init(&g, &cfg, &hw, &why), 0);
	sh_init(&s);
	assert_int_equal(pt_map(&pt, 0x1000, 0x1000, SZ_4K, prot_rw), 0);
	sh_add(&s, 0x1000, SZ_4K, 0x1000, 0, prot_rw);

	for (;; k++) {
		nhold = 0;
		while (pool_free_pages(&p.pool) > k)
			hold[nhold++] = pool_alloc(&p.pool, 4096);
		pool_get_stats(&p.pool, &before);
		ret = pt_map(&pt, RAGGED_VA, RAGGED_PA, RAGGED_SIZE, prot_rw);
		pool_get_stats(&p.pool, &after);
		while (nhold)
			pool_free(&p.pool, hold[--nhold], 4096);
		if (!ret)
			break;
		assert_int_equal(ret, -ENOMEM);
		assert_int_equal(after.used_pages, before.used_pages);
		assert_int_equal(after.reserved_pages, before.reserved_pages);
		assert_int_equal(sh_compare(&s, &g, &mem), 0);
		assert_true(k < 32);
	}
	printf("pool path: refused with 0..%zu free pages, pool unchanged each time\n", k - 1);
	assert_true(k > 0);
	apply_map_ragged(&s);
	assert_int_equal(sh_compare(&s, &g, &mem), 0);
	pt_fini(&pt);
	assert_int_equal(pool_free_pages(&p.pool), sizeof(p.meta));
	sh_fini(&s);
	free(p.mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_allocation_fails),
		cmocka_unit_test(test_prepare_commit_abort),
		cmocka_unit_test(test_pool_every_shortfall),
	};

	return cmocka_run_group_tests_name("pt_inject", tests, NULL, NULL);
}
