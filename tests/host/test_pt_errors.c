/* SPDX-License-Identifier: MIT */
/*
 * Refused operations: each returns its error and changes nothing - the
 * tables (reference walker against the shadow model), the allocator's live
 * blocks, and no flush or allocation happened. (Running out of memory half
 * way is in test_pt_inject.c, for the hooks and for the pool.)
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
#define SZ_64K 0x10000ull
#define SZ_2M  0x200000ull

static const unsigned prot_rw = PT_PROT_READ | PT_PROT_WRITE;

struct fx {
	struct hx *h;
	struct shadow s;
};

/* A table with something in it, so "nothing changed" means something. */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	int err;

	f->h = hx_new(PT_FMT_ARM64_S1, 4096, 39, 40, true, 256, &err);
	assert_non_null(f->h);
	sh_init(&f->s);
	assert_int_equal(pt_map(&f->h->pt, SZ_2M, 0x40000000, SZ_2M + 3 * SZ_4K, prot_rw), 0);
	sh_add(&f->s, SZ_2M, SZ_2M + 3 * SZ_4K, 0x40000000, 0, prot_rw);
	assert_int_equal(pt_map(&f->h->pt, 0x100000, 0x9000, SZ_64K, PT_PROT_READ), 0);
	sh_add(&f->s, 0x100000, SZ_64K, 0x9000, 0, PT_PROT_READ);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	int ret = hx_delete(f->h);

	sh_fini(&f->s);
	free(f);
	assert_int_equal(ret, 0);
	return 0;
}

/* Run op; it must return want and leave every observable thing as it was:
 * tables, live blocks, no flush, no clean; strict: not even an allocation
 * (validation comes before any reservation). */
#define CHECK_OP(f, want, strict, op) \
	do { \
		size_t blocks_ = (f)->h->live_blocks; \
		long calls_ = (f)->h->alloc_calls; \
		int64_t got_; \
		hx_clear_events((f)->h); \
		got_ = (op); \
		if (got_ != (want)) \
			fail_msg("%s returned %lld, want %d", #op, (long long)got_, want); \
		assert_int_equal((f)->h->live_blocks, blocks_); \
		if (strict) \
			assert_int_equal((f)->h->alloc_calls, calls_); \
		assert_int_equal(hx_flushes((f)->h) + hx_count((f)->h, HX_EV_CLEAN), 0); \
		if (sh_check_hx(&(f)->s, (f)->h)) \
			fail_msg("%s changed the tables", #op); \
	} while (0)
#define REFUSED(f, want, op) CHECK_OP(f, want, true, op)

static void test_unaligned(void **state)
{
	struct fx *f = *state;
	struct pt *pt = &f->h->pt;

	REFUSED(f, -EINVAL, pt_map(pt, 0x1000800, 0x1000, SZ_4K, prot_rw));
	REFUSED(f, -EINVAL, pt_map(pt, 0x1000000, 0x1008, SZ_4K, prot_rw));
	REFUSED(f, -EINVAL, pt_map(pt, 0x1000000, 0x1000, SZ_4K + 8, prot_rw));
	REFUSED(f, -EINVAL, pt_map_pages(pt, 0x1000000, 0x1000, 8192, 2, prot_rw));
	REFUSED(f, -EINVAL, pt_map_pages(pt, 0x1001000, 0x1000, SZ_2M, 1, prot_rw));
	REFUSED(f, -EINVAL, pt_map_repeat(pt, 0x1000000, SZ_2M, 0x1000, 8192, prot_rw));
	REFUSED(f, -EINVAL, pt_map_repeat(pt, 0x1000000, SZ_2M + SZ_4K, 0x200000, SZ_2M,
					  prot_rw));
	REFUSED(f, -EINVAL, pt_map_repeat(pt, 0x1000000, SZ_2M, 0x201000, SZ_2M, prot_rw));
	REFUSED(f, -EINVAL, pt_unmap(pt, SZ_2M + 8, SZ_4K));
	REFUSED(f, -EINVAL, pt_unmap(pt, SZ_2M, SZ_4K - 8));
}

static void test_zero_size(void **state)
{
	struct fx *f = *state;
	struct pt *pt = &f->h->pt;

	REFUSED(f, -EINVAL, pt_map(pt, 0x1000000, 0x1000, 0, prot_rw));
	REFUSED(f, -EINVAL, pt_map_pages(pt, 0x1000000, 0x1000, SZ_4K, 0, prot_rw));
	REFUSED(f, -EINVAL, pt_map_repeat(pt, 0x1000000, 0, 0x1000, SZ_4K, prot_rw));
	REFUSED(f, -EINVAL, pt_unmap(pt, SZ_2M, 0));
}

static void test_ranges(void **state)
{
	struct fx *f = *state;
	struct pt *pt = &f->h->pt;
	const uint64_t top_in = 1ull << 39, top_out = 1ull << 40;

	/* Wrapping past 2^64 (the core's code for range errors: -ERANGE). */
	REFUSED(f, -ERANGE, pt_map(pt, ~0ull - SZ_4K + 1, 0x1000, 2 * SZ_4K, prot_rw));
	REFUSED(f, -ERANGE, pt_map(pt, 0x1000000, ~0ull - SZ_4K + 1, 2 * SZ_4K, prot_rw));
	REFUSED(f, -ERANGE, pt_unmap(pt, ~0ull - SZ_4K + 1, 2 * SZ_4K));
	/* Beyond the input and output sizes, including by one page. */
	REFUSED(f, -ERANGE, pt_map(pt, top_in, 0x1000, SZ_4K, prot_rw));
	REFUSED(f, -ERANGE, pt_map(pt, top_in - SZ_4K, 0x1000, 2 * SZ_4K, prot_rw));
	REFUSED(f, -ERANGE, pt_map(pt, 0x1000000, top_out, SZ_4K, prot_rw));
	REFUSED(f, -ERANGE, pt_map(pt, 0x1000000, top_out - SZ_4K, 2 * SZ_4K, prot_rw));
	REFUSED(f, -ERANGE, pt_map_repeat(pt, top_in - SZ_2M, 2 * SZ_2M, 0x1000, SZ_4K, prot_rw));
	REFUSED(f, -ERANGE, pt_map_repeat(pt, 0x1000000, SZ_2M, top_out, SZ_4K, prot_rw));
	REFUSED(f, -ERANGE, pt_unmap(pt, top_in - SZ_4K, 2 * SZ_4K));
}

static void test_bad_prot(void **state)
{
	struct fx *f = *state;
	struct pt *pt = &f->h->pt;

	REFUSED(f, -EINVAL, pt_map(pt, 0x1000000, 0x1000, SZ_4K, PT_PROT_ALL + 1));
	REFUSED(f, -EINVAL, pt_map(pt, 0x1000000, 0x1000, SZ_4K, prot_rw | (1u << 31)));
	REFUSED(f, -EINVAL, pt_map(pt, 0x1000000, 0x1000, SZ_4K,
				   prot_rw | PT_PROT_NONCACHED | PT_PROT_DEVICE));
	REFUSED(f, -EINVAL, pt_map_repeat(pt, 0x1000000, SZ_2M, 0x1000, SZ_4K, 1u << 6));
}

/* Overlap: -EEXIST and nothing of the new range mapped, not even the part
 * before the collision. */
static void test_overlap(void **state)
{
	struct fx *f = *state;
	struct pt *pt = &f->h->pt;

	REFUSED(f, -EEXIST, pt_map(pt, SZ_2M - 8 * SZ_4K, 0x1000, 9 * SZ_4K, prot_rw));
	REFUSED(f, -EEXIST, pt_map(pt, 0, 0, 4 * SZ_2M, prot_rw));
	REFUSED(f, -EEXIST, pt_map(pt, 2 * SZ_2M, 0x1000, 4 * SZ_4K, prot_rw));
	REFUSED(f, -EEXIST, pt_map_pages(pt, 0xf0000, 0x1000, SZ_4K, 32, prot_rw));
	REFUSED(f, -EEXIST, pt_map_repeat(pt, 0, 2 * SZ_2M, 0x1000, SZ_4K, prot_rw));
	REFUSED(f, -EEXIST, pt_map_repeat(pt, 0, 2 * SZ_2M, 0, SZ_2M, prot_rw));
}

/* Unmapping what is not mapped returns 0, flushes nothing, and cannot fail
 * for lack of memory (it splits nothing). */
static void test_unmap_nothing(void **state)
{
	struct fx *f = *state;
	struct pt *pt = &f->h->pt;

	CHECK_OP(f, 0, false, pt_unmap(pt, 0x10000000, SZ_2M));
	CHECK_OP(f, 0, false, pt_unmap(pt, 0, SZ_64K));
	CHECK_OP(f, 0, false, pt_unmap(pt, 0x110000, SZ_4K));
	f->h->fail_at = f->h->alloc_calls + 1;
	CHECK_OP(f, 0, false, pt_unmap(pt, 0x10000000, SZ_2M));
	f->h->fail_at = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unaligned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zero_size, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ranges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_prot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmap_nothing, setup, teardown),
	};

	return cmocka_run_group_tests_name("pt_errors", tests, NULL, NULL);
}
