/* SPDX-License-Identifier: MIT */
/* Unit tests of the static page pool (mmu/pool.h), through its header only. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "mmu/pool.h"

#define PG     POOL_PAGE_SIZE
#define NPAGES 64u /* 256 KiB: four 64 KiB blocks */

struct fixture {
	struct pool p;
	uint8_t *mem, meta[NPAGES];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->mem = aligned_alloc(65536, NPAGES * PG);
	memset(f->mem, 0xee, NPAGES * PG); /* the pool must zero what it hands out */
	assert_int_equal(pool_init(&f->p, f->mem, NPAGES * PG, f->meta), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->mem);
	free(f);
	return 0;
}

static void assert_inside(struct fixture *f, void *va, size_t size)
{
	assert_non_null(va);
	assert_true((uint8_t *)va >= f->mem);
	assert_true((uint8_t *)va + size <= f->mem + NPAGES * PG);
	assert_int_equal((uintptr_t)va % size, 0);
}

static void assert_zero(const void *va, size_t size)
{
	const uint8_t *b = va;

	for (size_t i = 0; i < size; i++)
		if (b[i])
			fail_msg("byte %zu of a fresh %zu-byte block is 0x%02x", i, size, b[i]);
}

static void test_init_rejects_bad_region(void **state)
{
	struct fixture *f = *state;
	struct pool q;

	assert_int_equal(pool_init(&q, f->mem + PG, 16 * PG, f->meta), -EINVAL);
	assert_int_equal(pool_init(&q, f->mem, 16 * PG + PG, f->meta), -EINVAL);
}

static void test_init_stats(void **state)
{
	struct fixture *f = *state;
	struct pool_stats st;

	pool_get_stats(&f->p, &st);
	assert_int_equal(st.total_pages, NPAGES);
	assert_int_equal(st.used_pages, 0);
	assert_int_equal(st.reserved_pages, 0);
	assert_int_equal(st.high_water, 0);
	assert_int_equal(st.failed_allocs, 0);
	assert_int_equal(pool_free_pages(&f->p), NPAGES);
}

/* Blocks of each size are naturally aligned, zeroed, and never overlap. */
static void test_alignment_and_zeroing(void **state)
{
	struct fixture *f = *state;
	static const size_t sizes[] = { PG, 4 * PG, 16 * PG, PG, 4 * PG, PG };
	void *got[6];
	struct pool_stats st;
	size_t used = 0;

	for (size_t i = 0; i < 6; i++) {
		got[i] = pool_alloc(&f->p, sizes[i]);
		assert_inside(f, got[i], sizes[i]);
		assert_zero(got[i], sizes[i]);
		memset(got[i], 0xff, sizes[i]);
		used += sizes[i] / PG;
		for (size_t j = 0; j < i; j++) {
			uint8_t *a = got[i], *b = got[j];

			assert_true(a + sizes[i] <= b || b + sizes[j] <= a);
		}
	}
	pool_get_stats(&f->p, &st);
	assert_int_equal(st.used_pages, used);
	for (size_t i = 0; i < 6; i++)
		pool_free(&f->p, got[i], sizes[i]);
	/* Everything was dirtied; every block handed out again must be zero. */
	for (size_t i = 0; i < NPAGES / 16; i++) {
		void *b = pool_alloc(&f->p, 16 * PG);

		assert_inside(f, b, 16 * PG);
		assert_zero(b, 16 * PG);
	}
}

/* A board's zeroing routine (pool_set_zero): the pool hands every block it
 * zeroes to it, whole, and to nothing else; without one it uses memset. */
static size_t zero_calls, zero_bytes;

static void counting_zero(void *va, size_t bytes)
{
	zero_calls++;
	zero_bytes += bytes;
	memset(va, 0, bytes);
}

static void test_board_zero(void **state)
{
	struct fixture *f = *state;
	struct pool_resv r;
	uint8_t *a, *b;

	zero_calls = zero_bytes = 0;
	pool_set_zero(&f->p, counting_zero);
	a = pool_alloc(&f->p, 16 * PG);
	assert_zero(a, 16 * PG);
	assert_int_equal(zero_calls, 1);
	assert_int_equal(zero_bytes, 16 * PG);
	assert_int_equal(pool_reserve(&f->p, &r, 2), 0);
	b = pool_resv_alloc(&r, PG);
	assert_zero(b, PG);
	assert_int_equal(zero_calls, 2);
	assert_int_equal(zero_bytes, 17 * PG);
	/* The raw draw (a table the core fills whole) is not zeroed at all. */
	assert_non_null(pool_resv_alloc_raw(&r, PG));
	assert_int_equal(zero_calls, 2);
	pool_unreserve(&r);
	pool_set_zero(&f->p, NULL); /* memset again */
	memset(a, 0xff, 16 * PG);
	pool_free(&f->p, a, 16 * PG);
	a = pool_alloc(&f->p, 16 * PG);
	assert_zero(a, 16 * PG);
	assert_int_equal(zero_calls, 2);
}

static void shuffle(void **v, size_t n, unsigned seed)
{
	for (size_t i = n - 1; i > 0; i--) {
		size_t j;
		void *t;

		seed = seed * 1103515245u + 12345u;
		j = (seed >> 8) % (i + 1);
		t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
}

/* Drain the pool in pages, return them in a scrambled order: it must be
 * exactly full again, down to handing out every 64 KiB block. */
static void test_exhaust_and_refill(void **state)
{
	struct fixture *f = *state;
	void *pages[NPAGES];
	struct pool_stats st;

	for (size_t i = 0; i < NPAGES; i++) {
		pages[i] = pool_alloc(&f->p, PG);
		assert_inside(f, pages[i], PG);
	}
	assert_null(pool_alloc(&f->p, PG));
	assert_null(pool_alloc(&f->p, 16 * PG));
	pool_get_stats(&f->p, &st);
	assert_int_equal(st.used_pages, NPAGES);
	assert_int_equal(st.high_water, NPAGES);
	assert_int_equal(st.failed_allocs, 2);
	assert_int_equal(pool_free_pages(&f->p), 0);

	shuffle(pages, NPAGES, 7);
	for (size_t i = 0; i < NPAGES; i++)
		pool_free(&f->p, pages[i], PG);
	pool_get_stats(&f->p, &st);
	assert_int_equal(st.used_pages, 0);
	assert_int_equal(st.high_water, NPAGES);
	assert_int_equal(pool_free_pages(&f->p), NPAGES);
	for (size_t i = 0; i < NPAGES / 16; i++)
		assert_inside(f, pool_alloc(&f->p, 16 * PG), 16 * PG);
	assert_null(pool_alloc(&f->p, PG));
}

/* A single 4K page in use inside a 64K block keeps that block from being
 * handed out whole; freeing it makes the block whole again. */
static void test_fragment_blocks_large(void **state)
{
	struct fixture *f = *state;
	void *big[NPAGES / 16], *small;
	size_t n = 0;

	small = pool_alloc(&f->p, PG);
	assert_inside(f, small, PG);
	while (n < NPAGES / 16 && (big[n] = pool_alloc(&f->p, 16 * PG)))
		n++;
	assert_int_equal(n, NPAGES / 16 - 1);
	assert_inside(f, pool_alloc(&f->p, 4 * PG), 4 * PG); /* the rest of its block */
	pool_free(&f->p, small, PG);
	for (size_t i = 0; i < n; i++)
		pool_free(&f->p, big[i], 16 * PG);
	assert_int_equal(pool_free_pages(&f->p), NPAGES - 4);
}

static void test_invalid_size_refused(void **state)
{
	struct fixture *f = *state;

	/* Not a power-of-two number of pages, nothing, beyond the largest order. */
	assert_null(pool_alloc(&f->p, 3 * PG));
	assert_null(pool_alloc(&f->p, 0));
	assert_null(pool_alloc(&f->p, 32 * PG));
	assert_int_equal(pool_free_pages(&f->p), NPAGES);
}

static void test_reservation(void **state)
{
	struct fixture *f = *state;
	struct pool_resv r;
	struct pool_stats st;
	void *a, *b;

	assert_int_equal(pool_reserve(&f->p, &r, 8), 0);
	pool_get_stats(&f->p, &st);
	assert_int_equal(st.reserved_pages, 8);
	assert_int_equal(pool_free_pages(&f->p), NPAGES - 8);
	assert_int_equal(st.high_water, 8);

	a = pool_resv_alloc(&r, PG);
	b = pool_resv_alloc(&r, 4 * PG);
	assert_inside(f, a, PG);
	assert_inside(f, b, 4 * PG);
	assert_zero(b, 4 * PG);
	pool_get_stats(&f->p, &st);
	assert_int_equal(st.used_pages, 5);
	assert_int_equal(st.reserved_pages, 3);
	assert_int_equal(r.pages, 3);

	pool_unreserve(&r);
	pool_get_stats(&f->p, &st);
	assert_int_equal(st.reserved_pages, 0);
	assert_int_equal(st.used_pages, 5);
	assert_int_equal(pool_free_pages(&f->p), NPAGES - 5);
	pool_free(&f->p, a, PG);
	pool_free(&f->p, b, 4 * PG);
	assert_int_equal(pool_free_pages(&f->p), NPAGES);
}

/* A reservation larger than what is free fails and changes nothing but the
 * failure count. */
static void test_reservation_too_large(void **state)
{
	struct fixture *f = *state;
	struct pool_resv r, big;
	struct pool_stats before, after;

	assert_int_equal(pool_reserve(&f->p, &r, NPAGES - 3), 0);
	pool_get_stats(&f->p, &before);
	assert_int_equal(pool_reserve(&f->p, &big, 4), -ENOMEM);
	pool_get_stats(&f->p, &after);
	assert_int_equal(after.used_pages, before.used_pages);
	assert_int_equal(after.reserved_pages, before.reserved_pages);
	assert_int_equal(after.high_water, before.high_water);
	assert_int_equal(after.failed_allocs, before.failed_allocs + 1);
	assert_int_equal(pool_free_pages(&f->p), 3);
	/* Promised pages are not available to plain allocations. */
	assert_non_null(pool_alloc(&f->p, PG));
	assert_non_null(pool_alloc(&f->p, PG));
	assert_non_null(pool_alloc(&f->p, PG));
	assert_null(pool_alloc(&f->p, PG));
	pool_unreserve(&r);
	assert_int_equal(pool_free_pages(&f->p), NPAGES - 3);
}

static void test_reservation_draws_large_block(void **state)
{
	struct fixture *f = *state;
	struct pool_resv r;
	void *b;

	assert_int_equal(pool_reserve(&f->p, &r, 16), 0);
	b = pool_resv_alloc(&r, 16 * PG);
	assert_inside(f, b, 16 * PG);
	assert_int_equal(r.pages, 0);
	pool_unreserve(&r);
	pool_free(&f->p, b, 16 * PG);
	assert_int_equal(pool_free_pages(&f->p), NPAGES);
}

/* Fragment the pool so no 64K block is whole, keeping one 16K block per
 * 64K: a lazy promise cannot give a 64K block, blocks taken ahead can. */
static void fragment(struct fixture *f, void **held)
{
	void *all[NPAGES];
	size_t n = 0;

	for (size_t i = 0; i < NPAGES; i++)
		all[i] = pool_alloc(&f->p, PG);
	for (size_t i = 0; i < NPAGES; i++) {
		if (((uint8_t *)all[i] - f->mem) % (16 * PG))
			pool_free(&f->p, all[i], PG);
		else
			held[n++] = all[i];
	}
	assert_int_equal(n, NPAGES / 16);
}

static void test_reserve_blocks(void **state)
{
	struct fixture *f = *state;
	struct pool_resv r = { 0 }, big = { 0 };
	struct pool_stats before, after;
	void *held[NPAGES / 16], *b[3];

	fragment(f, held);
	pool_get_stats(&f->p, &before);
	assert_int_equal(pool_reserve_blocks(&f->p, &big, 16 * PG, 1), -ENOMEM);
	pool_get_stats(&f->p, &after);
	assert_int_equal(after.used_pages, before.used_pages);
	assert_int_equal(after.reserved_pages, before.reserved_pages);
	assert_int_equal(pool_free_pages(&f->p), NPAGES - NPAGES / 16);

	assert_int_equal(pool_reserve_blocks(&f->p, &r, 4 * PG, 3), 0);
	assert_int_equal(pool_free_pages(&f->p), NPAGES - NPAGES / 16 - 12);
	for (int i = 0; i < 3; i++) {
		b[i] = pool_resv_alloc(&r, 4 * PG);
		assert_inside(f, b[i], 4 * PG);
		assert_zero(b[i], 4 * PG);
	}
	pool_unreserve(&r);
	for (int i = 0; i < 3; i++)
		pool_free(&f->p, b[i], 4 * PG);
	for (size_t i = 0; i < NPAGES / 16; i++)
		pool_free(&f->p, held[i], PG);
	assert_int_equal(pool_free_pages(&f->p), NPAGES);
}

/* Unused blocks taken ahead go back on unreserve. */
static void test_reserve_blocks_unused_return(void **state)
{
	struct fixture *f = *state;
	struct pool_resv r = { 0 };
	struct pool_stats st;

	assert_int_equal(pool_reserve_blocks(&f->p, &r, 16 * PG, 2), 0);
	assert_int_equal(pool_free_pages(&f->p), NPAGES - 32);
	assert_non_null(pool_resv_alloc(&r, 16 * PG));
	pool_unreserve(&r);
	pool_get_stats(&f->p, &st);
	assert_int_equal(st.used_pages, 16);
	assert_int_equal(st.reserved_pages, 0);
	assert_int_equal(pool_free_pages(&f->p), NPAGES - 16);
}

static double ns_per_pair(struct pool *p, void **keep, size_t nkeep)
{
	struct timespec t0, t1;
	const int iters = 200000;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < iters; i++) {
		void *v = pool_alloc(p, PG);

		pool_free(p, v, PG);
		if (i % 1024 == 0 && nkeep) /* recycle a kept page too */
			pool_free(p, keep[i % nkeep], PG), keep[i % nkeep] = pool_alloc(p, PG);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / iters;
}

/*
 * Free lists make alloc and free independent of the pool size and of how
 * fragmented it is. Measured, not asserted against a time: the figures for a
 * 64-page and a 16384-page pool (half its pages in use, every other page) are
 * printed side by side; the test asserts the pool stays consistent.
 */
static void test_constant_time_figures(void **state)
{
	static const size_t sizes[] = { 64, 16384 };
	(void)state;

	for (size_t s = 0; s < 2; s++) {
		size_t n = sizes[s], nkeep = 0;
		uint8_t *mem = aligned_alloc(65536, n * PG), *meta = malloc(n);
		void **all = malloc(n * sizeof(void *));
		struct pool p;

		assert_int_equal(pool_init(&p, mem, n * PG, meta), 0);
		for (size_t i = 0; i < n; i++)
			all[i] = pool_alloc(&p, PG);
		for (size_t i = 0; i < n; i++) {
			if (i % 2)
				pool_free(&p, all[i], PG);
			else
				all[nkeep++] = all[i];
		}
		printf("pool %5zu pages, half used: %.1f ns per alloc+free\n", n,
		       ns_per_pair(&p, all, nkeep));
		assert_int_equal(pool_free_pages(&p), n - nkeep);
		for (size_t i = 0; i < nkeep; i++)
			pool_free(&p, all[i], PG);
		assert_int_equal(pool_free_pages(&p), n);
		free(all);
		free(meta);
		free(mem);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_rejects_bad_region, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alignment_and_zeroing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exhaust_and_refill, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fragment_blocks_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_size_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reservation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reservation_too_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reservation_draws_large_block, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reserve_blocks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reserve_blocks_unused_return, setup, teardown),
		cmocka_unit_test(test_constant_time_figures),
		cmocka_unit_test_setup_teardown(test_board_zero, setup, teardown),
	};

	return cmocka_run_group_tests_name("pool", tests, NULL, NULL);
}
