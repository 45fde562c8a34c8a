/* SPDX-License-Identifier: MIT */
/*
 * Layout and ordering, checked through the reference walker and the
 * recording hooks: leaf sizes (largest alignment allows), the contiguous
 * hint, map_repeat sharing and un-sharing, block splitting with
 * break-before-make, one gathered flush per operation, table frees after the
 * flush, cache cleaning for non-coherent walkers.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "tests/host/harness.h"
#include "tests/host/shadow.h"

#define ARENA_PAGES 1024
#define SZ_4K  0x1000ull
#define SZ_64K 0x10000ull
#define SZ_2M  0x200000ull
#define SZ_1G  0x40000000ull

static const unsigned prot_rw = PT_PROT_READ | PT_PROT_WRITE;

static struct hx *new_table(enum pt_format fmt, size_t granule, unsigned ias, unsigned oas,
			    bool coherent)
{
	int err;
	struct hx *h = hx_new(fmt, granule, ias, oas, coherent, ARENA_PAGES, &err);

	if (!h)
		fail_msg("pt_init = %d", err);
	if (h->violations)
		fail_msg("%s", h->viol);
	return h;
}

static void check_all(struct hx *h, const struct shadow *s)
{
	if (sh_check_hx(s, h))
		fail_msg("tables disagree with the model");
}

static void done(struct hx *h, struct shadow *s)
{
	sh_fini(s);
	if (hx_delete(h))
		fail_msg("leak or rule broken at teardown");
}

/* What one linear map on an empty table must produce, leaf by leaf. */
struct layout {
	struct hx *h;
	uint64_t start, end, pa;
	size_t leaves, contig;
};

static uint64_t best_leaf(const struct layout *l, uint64_t va, unsigned *level)
{
	const struct rw_geom *g = &l->h->geom;
	uint64_t pa = l->pa + (va - l->start);

	for (unsigned lv = 1; lv <= 3; lv++) {
		uint64_t sz = 1ull << rw_level_shift(g, lv);

		if (lv < g->start_level || !rw_leaf_level_ok(g, lv))
			continue;
		if (!(va % sz) && !(pa % sz) && va + sz <= l->end) {
			*level = lv;
			return sz;
		}
	}
	*level = 4;
	return 0;
}

static int layout_leaf(void *ctx, uint64_t va, const struct rw_result *r)
{
	struct layout *l = ctx;
	const struct rw_geom *g = &l->h->geom;
	unsigned level;
	uint64_t want = best_leaf(l, va, &level), span, group;
	bool want_contig;

	l->leaves++;
	if (r->size != want) {
		fprintf(stderr, "va 0x%llx: leaf of 0x%llx, largest allowed 0x%llx\n",
			(unsigned long long)va, (unsigned long long)r->size,
			(unsigned long long)want);
		return -2;
	}
	/* Arm ARM D8.6.1: the hint is worth setting on every aligned group whose
	 * entries all map one contiguous, equally aligned output range. */
	span = want * rw_contig_entries(g->gshift, level);
	group = va & ~(span - 1);
	want_contig = g->fmt == PT_FMT_ARM64_S1 && group >= l->start && group + span <= l->end &&
		      !((l->pa + (group - l->start)) % span);
	l->contig += r->contig;
	/* Required on page runs (16/128/32 entries for 4K/16K/64K); on block
	 * runs the hint is allowed, and then the traversal has checked the group
	 * is consistent. MALI_LPAE never carries it. */
	if (level < 3 && g->fmt == PT_FMT_ARM64_S1 && want_contig)
		return 0;
	if (r->contig != want_contig) {
		fprintf(stderr, "va 0x%llx (0x%llx leaf): contiguous bit %d, want %d\n",
			(unsigned long long)va, (unsigned long long)r->size, r->contig,
			want_contig);
		return -2;
	}
	return 0;
}

static void check_layout(enum pt_format fmt, size_t granule, uint64_t start, uint64_t size,
			 uint64_t pa)
{
	struct hx *h = new_table(fmt, granule, 48, fmt == PT_FMT_MALI_LPAE ? 40 : 48, true);
	struct layout l = { h, start, start + size, pa, 0, 0 };
	struct rw_visit v = { .leaf = layout_leaf, .ctx = &l };
	const char *why = NULL;
	uint64_t bad = 0;
	struct shadow s;

	sh_init(&s);
	assert_int_equal(pt_map(&h->pt, start, pa, size, prot_rw), 0);
	sh_add(&s, start, size, pa, 0, prot_rw);
	check_all(h, &s);
	if (rw_traverse(&h->geom, hx_cpu_mem(h), &v, &why, &bad))
		fail_msg("%s %zuK map 0x%llx+0x%llx -> 0x%llx: layout wrong %s",
			 pt_format_name(fmt), granule / 1024, (unsigned long long)start,
			 (unsigned long long)size, (unsigned long long)pa, why ? why : "");
	printf("%s %zuK: 0x%llx bytes at 0x%llx -> 0x%llx: %zu leaves, %zu with the contiguous hint\n",
	       pt_format_name(fmt), granule / 1024, (unsigned long long)size,
	       (unsigned long long)start, (unsigned long long)pa, l.leaves, l.contig);
	if (fmt == PT_FMT_ARM64_S1 && start % (granule * 128) == pa % (granule * 128))
		assert_true(l.contig > 0); /* the range below always holds an aligned run */
	assert_int_equal(pt_unmap(&h->pt, start, size), (int64_t)size);
	sh_remove(&s, start, start + size);
	check_all(h, &s);
	done(h, &s);
}

static void test_block_sizes_and_contig(void **state)
{
	(void)state;
	/* Ragged on both ends, spanning 1G blocks, 2M blocks, contiguous runs. */
	check_layout(PT_FMT_ARM64_S1, 4096, SZ_1G - SZ_2M - SZ_64K - 3 * SZ_4K,
		     17 * SZ_1G + 2 * SZ_2M + 2 * SZ_64K + 5 * SZ_4K,
		     2 * SZ_1G - SZ_2M - SZ_64K - 3 * SZ_4K);
	/* Same, output offset by one page: only pages, no hint possible. */
	check_layout(PT_FMT_ARM64_S1, 4096, SZ_2M - SZ_64K, 2 * SZ_2M, 0x10000000 + SZ_4K);
	/* 16K: 32M blocks, runs of 128 pages (2M) and 32 blocks (1G). */
	check_layout(PT_FMT_ARM64_S1, 16384, SZ_1G - 33 * SZ_2M - 3 * 0x4000,
		     SZ_1G + 65 * SZ_2M + 7 * 0x4000, 4 * SZ_1G - 33 * SZ_2M - 3 * 0x4000);
	/* 64K: 512M blocks, runs of 32 pages (2M) and 32 blocks (16G). */
	check_layout(PT_FMT_ARM64_S1, 65536, 16 * SZ_1G - SZ_1G / 2 - SZ_2M - SZ_64K,
		     17 * SZ_1G + 2 * SZ_2M + 3 * SZ_64K, 32 * SZ_1G - SZ_1G / 2 - SZ_2M - SZ_64K);
	/* MALI_LPAE: the same blocks, never the hint. */
	check_layout(PT_FMT_MALI_LPAE, 4096, SZ_1G - SZ_2M - SZ_64K - 3 * SZ_4K,
		     2 * SZ_1G + 2 * SZ_2M + 5 * SZ_4K, 2 * SZ_1G - SZ_2M - SZ_64K - 3 * SZ_4K);
}

static size_t table_count(const struct pt *pt, size_t *shared)
{
	struct pt_stats st;

	pt_get_stats(pt, &st);
	*shared = st.shared_tables;
	return pt_stats_tables(&st);
}

/* 1 GiB of one 4 KiB page: one shared leaf table, <= 4 table pages. A later
 * unmap and map of one page inside it un-shares only that 2M. */
static void repeat_one_page(enum pt_format fmt)
{
	struct hx *h = new_table(fmt, 4096, 48, 40, true);
	const uint64_t base = 3 * SZ_1G, page = 0x12345000, other = 0x2000000;
	const uint64_t hole = base + 5 * SZ_2M + 3 * SZ_4K;
	size_t shared, tables;
	struct shadow s;
	uint64_t x = 1;

	sh_init(&s);
	assert_int_equal(pt_map_repeat(&h->pt, base, SZ_1G, page, SZ_4K, prot_rw), 0);
	sh_add(&s, base, SZ_1G, page, SZ_4K, prot_rw);
	tables = table_count(&h->pt, &shared);
	printf("%s: 1 GiB of one page in %zu table pages (%zu shared)\n", pt_format_name(fmt),
	       tables, shared);
	assert_true(tables <= 4);
	assert_int_equal(shared, 1);
	for (unsigned i = 0; i < 4096; i++) {
		uint64_t off;

		x = x * 6364136223846793005ull + 1442695040888963407ull;
		off = (x >> 20) % SZ_1G & ~7ull;
		if (hx_expect_map(h, base + off, page + off % SZ_4K, prot_rw))
			fail_msg("sample %u", i);
	}
	assert_int_equal(hx_expect_map(h, base + SZ_1G - 8, page + SZ_4K - 8, prot_rw), 0);
	check_all(h, &s);

	assert_int_equal(pt_unmap(&h->pt, hole, SZ_4K), (int64_t)SZ_4K);
	sh_remove(&s, hole, hole + SZ_4K);
	check_all(h, &s);
	assert_int_equal(pt_map(&h->pt, hole, other, SZ_4K, prot_rw), 0);
	sh_add(&s, hole, SZ_4K, other, 0, prot_rw);
	check_all(h, &s);
	assert_int_equal(hx_expect_map(h, hole + 8, other + 8, prot_rw), 0);
	assert_int_equal(hx_expect_map(h, hole - SZ_4K, page, prot_rw), 0);
	assert_int_equal(hx_expect_map(h, hole + SZ_2M, page, prot_rw), 0);
	/* Exactly one private copy: the 2M around the hole. */
	assert_int_equal(table_count(&h->pt, &shared), tables + 1);
	assert_int_equal(shared, 1);

	assert_int_equal(pt_unmap(&h->pt, base, SZ_1G), (int64_t)SZ_1G);
	sh_remove(&s, base, base + SZ_1G);
	check_all(h, &s);
	done(h, &s);
}

static void test_repeat_shares_tables(void **state)
{
	(void)state;
	repeat_one_page(PT_FMT_ARM64_S1);
	repeat_one_page(PT_FMT_MALI_LPAE);
}

/* Partial unmap of a 2M block: the rest stays mapped through a new table,
 * the hole is unmapped, and break-before-make holds: when the one flush
 * runs, the old block is already invalid and the new table not yet linked. */
static void split_block(enum pt_format fmt, bool coherent)
{
	struct hx *h = new_table(fmt, 4096, 39, 40, coherent);
	const uint64_t blk = 7 * SZ_2M, pa = 0x80000000, hole = blk + 4 * SZ_64K;
	struct shadow s;
	long fl;

	sh_init(&s);
	assert_int_equal(pt_map(&h->pt, blk, pa, SZ_2M, prot_rw), 0);
	sh_add(&s, blk, SZ_2M, pa, 0, prot_rw);
	check_all(h, &s);

	h->probe_on = true;
	h->probe_iova = blk + SZ_4K; /* stays mapped */
	hx_clear_events(h);
	assert_int_equal(pt_unmap(&h->pt, hole, SZ_64K), (int64_t)SZ_64K);
	sh_remove(&s, hole, hole + SZ_64K);
	check_all(h, &s);

	/* A walker caching invalid entries (flush_on_map, Mali) saw the written
	 * back parts invalid at that flush: a second flush covers them. */
	assert_int_equal(hx_flushes(h), h->pt.cfg.flush_on_map ? 2 : 1);
	fl = hx_first_flush(h);
	if (h->ev[fl].probe.st != RW_FAULT || h->ev[fl].probe.level != 2)
		fail_msg("%s: at flush time the split block is %s at level %u (%s): "
			 "break-before-make wants the old block invalid and the new table "
			 "not yet linked", pt_format_name(fmt),
			 h->ev[fl].probe.st == RW_OK ? "still translating" : "malformed",
			 h->ev[fl].probe.level, h->ev[fl].probe.why ? h->ev[fl].probe.why : "");
	if (h->ev[fl].kind == HX_EV_FLUSH_RANGE) {
		const struct pt_gather *g = &h->ev[fl].g;

		assert_true(g->start <= blk && g->end >= blk + SZ_2M);
		assert_true(g->granule <= SZ_2M);
	}
	assert_int_equal(hx_expect_map(h, blk, pa, prot_rw), 0);
	assert_int_equal(hx_expect_map(h, hole - 8, pa + 4 * SZ_64K - 8, prot_rw), 0);
	assert_int_equal(hx_expect_map(h, hole + SZ_64K, pa + 5 * SZ_64K, prot_rw), 0);
	assert_int_equal(hx_expect_map(h, blk + SZ_2M - 8, pa + SZ_2M - 8, prot_rw), 0);
	done(h, &s);
}

static void test_split_block_bbm(void **state)
{
	(void)state;
	split_block(PT_FMT_ARM64_S1, true);
	split_block(PT_FMT_MALI_LPAE, true);
	split_block(PT_FMT_ARM64_S1, false);
}

/* One unmap over pages, a block and a contiguous run: one flush call whose
 * range covers everything that changed; tables it empties are freed only
 * after that flush; a map into empty entries flushes at most once. */
static void test_flush_gather_and_free_order(void **state)
{
	struct hx *h = new_table(PT_FMT_ARM64_S1, 4096, 39, 40, true);
	const uint64_t pages = 12 * SZ_2M + 0x3000;
	struct shadow s;
	size_t frees, before;
	long fl;
	(void)state;

	sh_init(&s);
	hx_clear_events(h);
	/* Lowest first: a block, then a 64K run, then pages, so the gathered
	 * granule and table flag must be merged, not taken from the first. */
	assert_int_equal(pt_map(&h->pt, 4 * SZ_2M, 0x100000000, SZ_2M, prot_rw), 0);
	assert_true(hx_flushes(h) <= 1);
	assert_int_equal(pt_map(&h->pt, 9 * SZ_2M + SZ_64K, 0x100010000, SZ_64K, prot_rw), 0);
	assert_int_equal(pt_map(&h->pt, pages, 0x100003000, 5 * SZ_4K, prot_rw), 0);
	sh_add(&s, 4 * SZ_2M, SZ_2M, 0x100000000, 0, prot_rw);
	sh_add(&s, 9 * SZ_2M + SZ_64K, SZ_64K, 0x100010000, 0, prot_rw);
	sh_add(&s, pages, 5 * SZ_4K, 0x100003000, 0, prot_rw);
	check_all(h, &s);
	before = h->live_blocks;

	hx_clear_events(h);
	/* The block, and the two level-3 tables wholly inside: their whole spans. */
	assert_int_equal(pt_unmap(&h->pt, 0, 16 * SZ_2M), (int64_t)(3 * SZ_2M));
	sh_remove(&s, 0, 16 * SZ_2M);
	check_all(h, &s);
	assert_int_equal(hx_flushes(h), 1);
	fl = hx_first_flush(h);
	if (fl >= 0 && h->ev[fl].kind == HX_EV_FLUSH_RANGE) {
		const struct pt_gather *g = &h->ev[fl].g;

		assert_true(g->start <= 4 * SZ_2M && g->end >= pages + 5 * SZ_4K);
		assert_true(g->granule <= SZ_4K);
		/* Level-3 tables went away: walk caches must be invalidated too. */
		if (h->live_blocks < before)
			assert_true(g->tables);
	}
	frees = hx_count(h, HX_EV_FREE);
	printf("unmap of 3 ranges: %zu table pages before, %zu after (%zu free calls)\n", before,
	       h->live_blocks, frees);
	if (frees)
		assert_true(hx_find(h, HX_EV_FREE, 0) > fl);
	done(h, &s);
}

/* An unmap that cuts a block at its start and removes whole mappings after
 * it: break-before-make and the interior can share one flush (invalidate
 * all, flush, then write back the parts outside), so one call is expected. */
static void test_one_flush_with_split(void **state)
{
	struct hx *h = new_table(PT_FMT_ARM64_S1, 4096, 39, 40, true);
	struct shadow s;
	(void)state;

	sh_init(&s);
	assert_int_equal(pt_map(&h->pt, 2 * SZ_2M, 0x100000000, 4 * SZ_2M, prot_rw), 0);
	sh_add(&s, 2 * SZ_2M, 4 * SZ_2M, 0x100000000, 0, prot_rw);
	assert_int_equal(pt_map(&h->pt, 8 * SZ_2M, 0x200000, 8 * SZ_4K, prot_rw), 0);
	sh_add(&s, 8 * SZ_2M, 8 * SZ_4K, 0x200000, 0, prot_rw);
	hx_clear_events(h);
	/* The cut block's part, three blocks, and the level-3 table wholly inside. */
	assert_int_equal(pt_unmap(&h->pt, 2 * SZ_2M + SZ_64K, 7 * SZ_2M),
			 (int64_t)(5 * SZ_2M - SZ_64K));
	sh_remove(&s, 2 * SZ_2M + SZ_64K, 9 * SZ_2M + SZ_64K);
	check_all(h, &s);
	printf("unmap with a split and whole mappings: %zu flush calls\n", hx_flushes(h));
	assert_int_equal(hx_flushes(h), 1);
	done(h, &s);
}

/* A flush that fails (range and full both): the unmap returns its error, the
 * entries are gone, but the tables it emptied must not be handed back - a
 * walker may still hold them - until pt_fini. */
static void test_failed_flush_keeps_tables(void **state)
{
	struct hx *h = new_table(PT_FMT_ARM64_S1, 4096, 39, 40, true);
	struct shadow s;
	size_t before;
	int64_t ret;
	struct rw_result r;
	(void)state;

	sh_init(&s);
	assert_int_equal(pt_map(&h->pt, 5 * SZ_2M + 0x3000, 0x9000, 7 * SZ_4K, prot_rw), 0);
	before = h->live_blocks;
	h->flush_ret = -ETIMEDOUT;
	hx_clear_events(h);
	ret = pt_unmap(&h->pt, 0, 8 * SZ_2M);
	/* Returning the byte count would tell the caller the pages are free to
	 * reuse while the walker may still translate to them. */
	if (ret != -ETIMEDOUT)
		fail_msg("unmap under a failing flush returned %lld, want the flush's -ETIMEDOUT",
			 (long long)ret);
	assert_true(hx_flushes(h) >= 1);
	assert_true(h->live_blocks >= before);
	hx_walk(h, 5 * SZ_2M + 0x3000, &r);
	assert_int_equal(r.st, RW_FAULT);
	h->flush_ret = 0;
	done(h, &s);
}

/*
 * Tables parked by a failed flush may still be held by a walk cache: they go
 * back only after a flush that invalidates walk caches over them (a full
 * flush), not after the next flush of some other range, which need not
 * touch the walk-cache entries of another region (Arm DDI 0487 D8.16: a
 * TLBI by VA invalidates only entries used to translate that VA; a leaf-only
 * one not even those of the tables above).
 */
static void test_parked_tables_wait_for_a_covering_flush(void **state)
{
	struct hx *h = new_table(PT_FMT_ARM64_S1, 4096, 39, 40, true);
	struct shadow s;
	size_t parked;
	long fr, fa;
	(void)state;

	sh_init(&s);
	assert_int_equal(pt_map(&h->pt, 5 * SZ_2M + 0x3000, 0x9000, 7 * SZ_4K, prot_rw), 0);
	assert_int_equal(pt_map(&h->pt, 2 * SZ_1G, 0x20000, 2 * SZ_4K, prot_rw), 0);
	parked = h->live_blocks;
	h->flush_ret = -ETIMEDOUT;
	assert_int_equal(pt_unmap(&h->pt, 0, 8 * SZ_2M), -ETIMEDOUT);
	assert_int_equal(h->live_blocks, parked); /* its two tables wait */
	h->flush_ret = 0;
	hx_clear_events(h);
	/* A one-page unmap elsewhere: a leaf-only flush of that page. */
	assert_int_equal(pt_unmap(&h->pt, 2 * SZ_1G, SZ_4K), (int64_t)SZ_4K);
	fr = hx_find(h, HX_EV_FREE, 0);
	fa = hx_find(h, HX_EV_FLUSH_ALL, 0);
	if (fr >= 0 && (fa < 0 || fa > fr))
		fail_msg("the tables parked by the failed flush were freed after only a leaf flush "
			 "of [0x%llx, 0x%llx): a walk cache may still hold them",
			 (unsigned long long)h->ev[hx_find(h, HX_EV_FLUSH_RANGE, 0)].g.start,
			 (unsigned long long)h->ev[hx_find(h, HX_EV_FLUSH_RANGE, 0)].g.end);
	assert_true(h->live_blocks < parked); /* and they did go back after the full flush */
	sh_add(&s, 2 * SZ_1G + SZ_4K, SZ_4K, 0x21000, 0, prot_rw);
	check_all(h, &s);
	done(h, &s);
}

/*
 * An unmap cutting a shared table re-points the cut parent at a private
 * copy; until a flush completes, a walk cache may still reach the old table
 * through that parent. The old table must keep translating that parent's
 * addresses outside the range until then, even when it stops being shared
 * and the same unmap edits it for its other parent. Here L1[0] and L1[1]
 * share one level-2 table of 2 MiB blocks; unmapping [512M, 1.5G) copies
 * L1[0]'s and clears the first half of the old table for L1[1]. At the
 * unmap's flush, 100M (not in the range) must still translate through the
 * old table as before.
 */
static struct {
	struct hx *h;
	struct pt_flush_ops orig;
	uint64_t old_tbl, want;
	unsigned idx;
	bool bad, gone; /* gone: a flush has dropped [0,1G)'s walk-cache entries */
	uint64_t got;
} old_view;

static void old_view_check(void)
{
	const struct rw_mem *m = hx_cpu_mem(old_view.h);
	uint64_t e = 0;

	if (old_view.gone)
		return;
	if (m->read64(m->ctx, old_view.old_tbl + 8 * old_view.idx, &e) || e != old_view.want) {
		old_view.bad = true;
		old_view.got = e;
	}
}

static int old_view_flush_range(void *cookie, const struct pt_gather *g)
{
	int ret;

	old_view_check();
	ret = old_view.orig.flush_range(cookie, g);
	old_view.gone |= !ret && g->tables && g->start < SZ_1G;
	return ret;
}

static int old_view_flush_all(void *cookie)
{
	int ret;

	old_view_check();
	ret = old_view.orig.flush_all(cookie);
	old_view.gone |= !ret;
	return ret;
}

static void test_unshared_table_unchanged_until_flushed(void **state)
{
	struct hx *h = new_table(PT_FMT_ARM64_S1, 4096, 39, 40, true);
	const struct rw_mem *m = hx_cpu_mem(h);
	struct shadow s;
	uint64_t l1e = 0;
	(void)state;

	sh_init(&s);
	assert_int_equal(pt_map_repeat(&h->pt, 0, 2 * SZ_1G, 0x80000000, SZ_2M, prot_rw), 0);
	sh_add(&s, 0, 2 * SZ_1G, 0x80000000, SZ_2M, prot_rw);
	/* IAS 39: the root is at level 1; entry 0 points at the shared table. */
	assert_int_equal(m->read64(m->ctx, h->geom.root_pa, &l1e), 0);
	old_view.h = h;
	old_view.old_tbl = l1e & 0x0000fffffffff000ull;
	old_view.idx = (unsigned)((100ull << 20) / SZ_2M);
	assert_int_equal(m->read64(m->ctx, old_view.old_tbl + 8 * old_view.idx, &old_view.want), 0);
	assert_true(old_view.want & 1);
	old_view.bad = old_view.gone = false;
	old_view.orig = h->flush_ops;
	h->flush_ops.flush_range = old_view_flush_range;
	h->flush_ops.flush_all = old_view_flush_all;
	assert_int_equal(pt_unmap(&h->pt, 512ull << 20, SZ_1G), (int64_t)SZ_1G);
	h->flush_ops = old_view.orig;
	if (old_view.bad)
		fail_msg("at the unmap's flush the table [0,1G) pointed at before it (still in walk "
			 "caches) holds 0x%llx for 100M, outside the range (was 0x%llx): "
			 "a mapped address faults or moves",
			 (unsigned long long)old_view.got, (unsigned long long)old_view.want);
	sh_remove(&s, 512ull << 20, (512ull << 20) + SZ_1G);
	check_all(h, &s);
	done(h, &s);
}

/* Non-coherent walkers: the harness models the walker's memory as what
 * cache_clean pushed out, and checks at every clean and every flush that no
 * linked table holds uncleaned entries. Here every kind of operation runs
 * under that model; a coherent walker must get no clean call at all. */
static void clean_sequence(bool coherent)
{
	struct hx *h = new_table(PT_FMT_ARM64_S1, 4096, 48, 48, coherent);
	struct shadow s;

	sh_init(&s);
	check_all(h, &s);
	assert_int_equal(pt_map(&h->pt, SZ_1G + SZ_4K, 0x5000, 40 * SZ_4K, prot_rw), 0);
	sh_add(&s, SZ_1G + SZ_4K, 40 * SZ_4K, 0x5000, 0, prot_rw);
	check_all(h, &s);
	assert_int_equal(pt_map(&h->pt, 8 * SZ_1G, 4 * SZ_1G, SZ_1G + 3 * SZ_2M, prot_rw), 0);
	sh_add(&s, 8 * SZ_1G, SZ_1G + 3 * SZ_2M, 4 * SZ_1G, 0, prot_rw);
	check_all(h, &s);
	assert_int_equal(pt_map_repeat(&h->pt, 16 * SZ_1G, 8 * SZ_2M, 0x7000, SZ_4K, prot_rw), 0);
	sh_add(&s, 16 * SZ_1G, 8 * SZ_2M, 0x7000, SZ_4K, prot_rw);
	check_all(h, &s);
	assert_int_equal(pt_unmap(&h->pt, 8 * SZ_1G + SZ_2M + SZ_4K, SZ_4K), (int64_t)SZ_4K);
	sh_remove(&s, 8 * SZ_1G + SZ_2M + SZ_4K, 8 * SZ_1G + SZ_2M + 2 * SZ_4K);
	check_all(h, &s);
	assert_int_equal(pt_unmap(&h->pt, 16 * SZ_1G + SZ_2M, SZ_4K), (int64_t)SZ_4K);
	sh_remove(&s, 16 * SZ_1G + SZ_2M, 16 * SZ_1G + SZ_2M + SZ_4K);
	check_all(h, &s);
	assert_int_equal(pt_unmap(&h->pt, 0, 32 * SZ_1G),
			 (int64_t)sh_unmap_expect(&h->geom, hx_cpu_mem(h), 0, 32 * SZ_1G));
	sh_remove(&s, 0, 32 * SZ_1G);
	check_all(h, &s);
	if (coherent)
		assert_int_equal(hx_count(h, HX_EV_CLEAN), 0);
	else
		assert_true(hx_count(h, HX_EV_CLEAN) > 0);
	done(h, &s);
}

static void test_cache_clean(void **state)
{
	(void)state;
	clean_sequence(false);
	clean_sequence(true);
}

/* The register values: TTB is the root's PA (pa_offset applied), MALI
 * TRANSTAB mode bits per coherency; each AttrIndx the core writes means, by
 * the MAIR_EL1 encodings (Arm DDI 0487 D19), the memory type its name says. */
static void test_hw_config(void **state)
{
	static const bool coh[] = { true, false };
	(void)state;

	for (int i = 0; i < 2; i++) {
		struct hx *h = new_table(PT_FMT_MALI_LPAE, 4096, 48, 40, coh[i]);
		struct pt_hw hw;
		struct shadow s;

		pt_hw_config(&h->pt, &hw);
		assert_int_equal(hw.ttb & ~0xfffull, pt_root_pa(&h->pt));
		assert_true(pt_root_pa(&h->pt) >= HX_PA_BASE);
		assert_int_equal(rw_mair_memtype((uint8_t)(hw.mair >> 8 * PT_ATTRIDX_CACHED)),
				 RW_MT_NORMAL_WB_RWA);
		assert_int_equal(rw_mair_memtype((uint8_t)(hw.mair >> 8 * PT_ATTRIDX_NONCACHED)),
				 RW_MT_NORMAL_NC);
		assert_int_equal(rw_mair_memtype((uint8_t)(hw.mair >> 8 * PT_ATTRIDX_DEVICE)),
				 RW_MT_DEVICE_nGnRE);
		sh_init(&s);
		done(h, &s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_block_sizes_and_contig),
		cmocka_unit_test(test_repeat_shares_tables),
		cmocka_unit_test(test_split_block_bbm),
		cmocka_unit_test(test_flush_gather_and_free_order),
		cmocka_unit_test(test_one_flush_with_split),
		cmocka_unit_test(test_failed_flush_keeps_tables),
		cmocka_unit_test(test_parked_tables_wait_for_a_covering_flush),
		cmocka_unit_test(test_unshared_table_unchanged_until_flushed),
		cmocka_unit_test(test_cache_clean),
		cmocka_unit_test(test_hw_config),
	};

	return cmocka_run_group_tests_name("pt_layout", tests, NULL, NULL);
}
