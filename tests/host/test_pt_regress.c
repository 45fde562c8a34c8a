/* SPDX-License-Identifier: MIT */
/*
 * Regression tests, one per defect found in review (issue 8): each sequence
 * is the one that exposed it, checked after every step against the shadow
 * model through the reference walker, with the page pool's books. Plus the
 * same un-share and drop one level up (a shared level-1 table), in fixed
 * sequences beside the random runs that reach it (test_pt_random's vast run).
 *
 * The table lives in a real page pool (the target's allocator), identity
 * mapped (pa_offset 0), so a table the core edits after giving it back, or
 * a data page it takes for a table, shows as a pool or walker mismatch (and
 * under ASan as a use after free where memory was unmapped).
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

#include "mmu/pgtable.h"
#include "tests/host/check_host.h"
#include "tests/host/pool_fx.h"
#include "tests/host/shadow.h"

#define SZ_4K 0x1000ull
#define SZ_2M 0x200000ull
#define SZ_1G 0x40000000ull
#define RW (PT_PROT_READ | PT_PROT_WRITE)

static struct rx *rx_new(enum pt_format fmt, size_t pool_pages)
{
	return rx_new_cfg(fmt, 4096, pool_pages, false);
}

static void map_ok(struct rx *x, uint64_t iova, uint64_t pa, uint64_t size, unsigned prot)
{
	assert_int_equal(pt_map(&x->pt, iova, pa, size, prot), 0);
	sh_add(&x->sh, iova, size, pa, 0, prot);
	rx_check(x);
}

static void repeat_ok(struct rx *x, uint64_t iova, uint64_t size, uint64_t pa, uint64_t pgsize)
{
	assert_int_equal(pt_map_repeat(&x->pt, iova, size, pa, pgsize, RW), 0);
	sh_add(&x->sh, iova, size, pa, pgsize, RW);
	rx_check(x);
}

static void unmap_ok(struct rx *x, uint64_t iova, uint64_t size)
{
	uint64_t want = sh_unmap_expect(&x->geom, rx_mem(x), iova, iova + size);

	assert_int_equal(pt_unmap(&x->pt, iova, size), (int64_t)want);
	sh_remove(&x->sh, iova, iova + size);
	rx_check(x);
}

/*
 * 1. The fast paths' remembered level-2 table outlived its place in the
 * tree: the private copy made when an unmap cuts a shared table re-points an
 * upper entry without freeing anything. The sequence verbatim.
 */
static void test_stale_walk_after_unshare(void **state)
{
	struct rx *x = rx_new(PT_FMT_ARM64_S1, 1024);
	(void)state;

	repeat_ok(x, 0, 2 * SZ_1G, 0x80000000, SZ_2M); /* one level-2 table, two parents */
	unmap_ok(x, 0, SZ_2M);                          /* [0,1G) gets a private copy */
	unmap_ok(x, SZ_1G, 4 * SZ_2M);
	map_ok(x, SZ_1G, 0x100000000, SZ_2M + SZ_4K, RW);
	unmap_ok(x, SZ_2M, SZ_4K);
	rx_done(x);
}

/* The same through the fast map: a one-page map below the remembered table
 * must land in its own region (it is mapped there: -EEXIST). */
static void test_stale_walk_after_unshare_map(void **state)
{
	struct rx *x = rx_new(PT_FMT_ARM64_S1, 1024);
	(void)state;

	repeat_ok(x, 0, 2 * SZ_1G, 0x80000000, SZ_2M);
	unmap_ok(x, 0, SZ_2M);
	unmap_ok(x, SZ_1G, 4 * SZ_2M);
	map_ok(x, SZ_1G, 0x100000000, SZ_2M + SZ_4K, RW);
	/* [2M, 4M) is a repeated block of [0,1G): a page there overlaps. */
	assert_int_equal(pt_map(&x->pt, SZ_2M + 2 * SZ_4K, 0x7000, SZ_4K, RW), -EEXIST);
	rx_check(x);
	rx_done(x);
}

/*
 * 1b. The variant through a dropped reference: unmapping one parent of a
 * shared table whole leaves the table to the other parent, nothing freed.
 */
static void test_stale_walk_after_drop(void **state)
{
	struct rx *x = rx_new(PT_FMT_ARM64_S1, 1024);
	uint64_t pa = 0;
	(void)state;

	repeat_ok(x, 0, 2 * SZ_1G, 0x80000000, SZ_2M);
	/* A one-page call walks to (and remembers) the level-2 table of [0,1G). */
	assert_int_equal(pt_map(&x->pt, 0x5000, 0x9000, SZ_4K, RW), -EEXIST);
	unmap_ok(x, 0, SZ_1G);                 /* drops one reference: the table is [1G,2G)'s */
	unmap_ok(x, SZ_1G, 4 * SZ_2M);
	map_ok(x, SZ_1G, 0x100000000, SZ_2M + SZ_4K, RW);
	/* [0,1G) is empty now: a page at 2M must go there, not into [1G,2G). */
	map_ok(x, SZ_2M + 2 * SZ_4K, 0x7000, SZ_4K, RW);
	unmap_ok(x, SZ_2M + 2 * SZ_4K, SZ_4K);
	assert_int_equal(pt_iova_to_phys(&x->pt, SZ_1G + SZ_2M, &pa), 0);
	assert_int_equal(pa, 0x100000000 + SZ_2M);
	rx_done(x);
}

/* 5b. prot 0 is invalid on every path, also once a one-page map has left a
 * remembered walk behind without converting a prot (the second map needs a
 * new last-level table, so it walks, remembers, and goes the general way). */
static void test_fast_map_prot_zero(void **state)
{
	struct rx *x = rx_new(PT_FMT_ARM64_S1, 64);
	(void)state;

	map_ok(x, 0x0000, 0x5000, SZ_4K, RW);
	map_ok(x, SZ_2M, 0x6000, SZ_4K, RW);
	assert_int_equal(pt_map(&x->pt, 0x2000, 0x7000, SZ_4K, 0), -EINVAL);
	assert_int_equal(pt_map(&x->pt, 0x3000, 0x8000, 2 * SZ_4K, 0), -EINVAL);
	rx_done(x);
}

/* 5b. A 1 GiB leaf needs no table below the root's child: the worst case
 * counts only the levels above the leaves' level. */
static void test_gigabyte_leaves_reserve(void **state)
{
	struct rx *x = rx_new(PT_FMT_ARM64_S1, 1024);
	struct pt_op op = { .kind = PT_OP_MAP, .iova = 0, .pa = 0, .size = SZ_1G,
			    .pgsize = SZ_1G, .prot = RW };
	struct pool_stats st;
	(void)state;

	assert_int_equal(pt_prepare(&x->pt, &op), 0);
	pool_get_stats(&x->pool, &st);
	/* One level-1 table, plus the two edges of what a queued map may replace
	 * (2 * (levels - 1), mmu/pgtable.h): not 513. */
	assert_int_equal(st.reserved_pages, 1 + 2 * 3);
	pt_abort(&x->pt, &op);
	assert_int_equal(pt_map_pages(&x->pt, 0, 0, SZ_1G, 4, RW), 0);
	sh_add(&x->sh, 0, 4 * SZ_1G, 0, 0, RW);
	rx_check(x);
	unmap_ok(x, 0, 4 * SZ_1G);
	repeat_ok(x, 0, 4 * SZ_1G, 0, SZ_1G);
	unmap_ok(x, 0, 4 * SZ_1G);
	rx_done(x);
}

/* 5b. The count overflowing is a range error, as the header says. */
static void test_map_pages_overflow(void **state)
{
	struct rx *x = rx_new(PT_FMT_ARM64_S1, 64);
	(void)state;

	assert_int_equal(pt_map_pages(&x->pt, 0, 0, SZ_4K, SIZE_MAX, RW), -ERANGE);
	assert_int_equal(pt_map_pages(&x->pt, 0, 0, SZ_4K, 0, RW), -EINVAL);
	rx_done(x);
}

/* 5b. Preparing a prepared op is refused (it used to leak the first
 * reservation); pt_fini returns what prepared ops still hold. */
static void test_prepare_twice_and_fini(void **state)
{
	struct rx *x = rx_new(PT_FMT_ARM64_S1, 64);
	struct pt_op a = { .kind = PT_OP_MAP, .iova = SZ_1G, .pa = 0, .size = SZ_4K, .prot = RW };
	struct pt_op b = { .kind = PT_OP_MAP, .iova = 2 * SZ_1G, .pa = 0, .size = SZ_4K,
			   .prot = RW };
	(void)state;

	assert_int_equal(pt_prepare(&x->pt, &a), 0);
	assert_int_equal(pt_prepare(&x->pt, &a), -EBUSY);
	pt_abort(&x->pt, &a);
	assert_int_equal(pool_free_pages(&x->pool), x->free_before - 1); /* the root */
	assert_int_equal(pt_prepare(&x->pt, &a), 0);
	assert_int_equal(pt_prepare(&x->pt, &b), 0);
	rx_done(x); /* pt_fini with both outstanding: the pool is as before */
}

/*
 * 5b and 6. A prepared map commits whatever ran in between, replacing what
 * it finds (as a VM_BIND map does), independent of any counter: the
 * generation counter that decided this wrapped after 2^32 edits.
 */
static void test_commit_replaces(void **state)
{
	struct rx *x = rx_new(PT_FMT_ARM64_S1, 64);
	struct pt_op op = { .kind = PT_OP_MAP, .iova = SZ_2M, .pa = 0x40000, .size = 4 * SZ_4K,
			    .prot = RW };
	unsigned flushes;
	(void)state;

	assert_int_equal(pt_prepare(&x->pt, &op), 0);
	map_ok(x, SZ_2M + SZ_4K, 0x90000, 8 * SZ_4K, PT_PROT_READ);
	flushes = x->flushes;
	assert_int_equal(pt_commit(&x->pt, &op), 0);
	/* Break-before-make: the replaced entries were flushed before the new ones. */
	assert_true(x->flushes > flushes);
	sh_remove(&x->sh, SZ_2M, SZ_2M + 4 * SZ_4K);
	sh_add(&x->sh, SZ_2M, 4 * SZ_4K, 0x40000, 0, RW);
	rx_check(x);
	rx_done(x);
}

/* 5b. The pool checks what it is given back (the pool knows every block). */
static void test_pool_free_checked(void **state)
{
	static uint8_t meta[64];
	uint8_t *mem = aligned_alloc(65536, 64 * POOL_PAGE_SIZE);
	struct pool p;
	void *a, *b;
	(void)state;

	assert_int_equal(pool_init(&p, mem, 64 * POOL_PAGE_SIZE, meta), 0);
	a = pool_alloc(&p, 4096);
	b = pool_alloc(&p, 65536);
	assert_non_null(a);
	assert_non_null(b);
	pool_free(&p, a, 4096);
	assert_true(EXPECT_CHECK(pool_free(&p, a, 4096)));            /* double free */
	assert_true(EXPECT_CHECK(pool_free(&p, b, 4096)));            /* wrong size */
	assert_true(EXPECT_CHECK(pool_free(&p, (uint8_t *)b + 4096, 4096))); /* inside a block */
	assert_true(EXPECT_CHECK(pool_free(&p, &p, 4096)));           /* not the pool's */
	pool_free(&p, b, 65536);
	assert_int_equal(pool_free_pages(&p), 64);
	free(mem);
}

/* 5b. With flush_on_map a failed flush leaves the state the header documents:
 * the mapping is in the tables and the error is returned. */
static void test_flush_on_map_failure(void **state)
{
	struct rx *x = rx_new_cfg(PT_FMT_ARM64_S1, 4096, 64, true);
	uint64_t pa = 0;
	(void)state;

	x->flush_ret = -EIO;
	assert_int_equal(pt_map(&x->pt, SZ_2M, 0x5000, SZ_4K, RW), -EIO);
	assert_int_equal(pt_iova_to_phys(&x->pt, SZ_2M, &pa), 0);
	assert_int_equal(pa, 0x5000);
	x->flush_ret = 0;
	sh_add(&x->sh, SZ_2M, SZ_4K, 0x5000, 0, RW);
	rx_done(x);
}

/*
 * Shared tables one level up: 1 GiB blocks repeated over two level-0 spans
 * make one level-1 table with two parents (4K granule, IAS 48). Cutting a
 * page out un-shares it (a private level-1 copy, then the block split down
 * to a level-3 table); unmapping one parent whole drops a reference. Each
 * step also after a one-page call has remembered a walk there. Both 4K
 * formats with a level 0.
 */
#define SZ_512G (512 * SZ_1G)

static void shared_level1(enum pt_format fmt, bool drop)
{
	struct rx *x = rx_new_cfg(fmt, 4096, 1024, false);
	struct pt_stats st;
	uint64_t pa = 0;

	repeat_ok(x, 0, 2 * SZ_512G, SZ_1G, SZ_1G);
	pt_get_stats(&x->pt, &st);
	assert_int_equal(st.tables[1], 1);      /* one level-1 table ... */
	assert_int_equal(st.shared_tables, 1);  /* ... with two parents */
	assert_int_equal(pt_map(&x->pt, 0x5000, 0x9000, SZ_4K, RW), -EEXIST);
	if (drop) {
		unmap_ok(x, 0, SZ_512G);        /* the table is [512G, 1T)'s alone */
		map_ok(x, SZ_2M + 0x2000, 0x7000, SZ_4K, RW);
	} else {
		unmap_ok(x, 0x1000, SZ_4K);     /* [0, 512G) gets a private copy */
		map_ok(x, 0x1000, 0x7000, SZ_4K, RW);
	}
	pt_get_stats(&x->pt, &st);
	assert_int_equal(st.shared_tables, 0);
	assert_int_equal(pt_iova_to_phys(&x->pt, SZ_512G + SZ_2M + 0x3000, &pa), 0);
	assert_int_equal(pa, SZ_1G + SZ_2M + 0x3000);
	unmap_ok(x, SZ_512G, SZ_512G);
	unmap_ok(x, 0, SZ_512G);
	rx_done(x);
}

static void test_shared_level1_unshare(void **state)
{
	(void)state;
	shared_level1(PT_FMT_ARM64_S1, false);
	shared_level1(PT_FMT_MALI_LPAE, false);
}

static void test_shared_level1_drop(void **state)
{
	(void)state;
	shared_level1(PT_FMT_ARM64_S1, true);
	shared_level1(PT_FMT_MALI_LPAE, true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stale_walk_after_unshare),
		cmocka_unit_test(test_stale_walk_after_unshare_map),
		cmocka_unit_test(test_stale_walk_after_drop),
		cmocka_unit_test(test_fast_map_prot_zero),
		cmocka_unit_test(test_gigabyte_leaves_reserve),
		cmocka_unit_test(test_map_pages_overflow),
		cmocka_unit_test(test_prepare_twice_and_fini),
		cmocka_unit_test(test_commit_replaces),
		cmocka_unit_test(test_pool_free_checked),
		cmocka_unit_test(test_flush_on_map_failure),
		cmocka_unit_test(test_shared_level1_unshare),
		cmocka_unit_test(test_shared_level1_drop),
	};

	return cmocka_run_group_tests_name("pt_regress", tests, NULL, NULL);
}
