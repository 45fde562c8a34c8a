/* SPDX-License-Identifier: MIT */
/*
 * The CPU's TLB invalidation plan (boot/aarch64/tlbi_plan.c) for every page
 * count up to 4096 and the limits around the largest, in every granule, by
 * VA and by range: every operation is one the architecture defines (Arm ARM
 * DDI 0487, D19 TLBI RVAE1IS: NUM 0..31, SCALE 0..3, TG the granule, TTL 0,
 * BaseADDR the start in granules), and together they cover exactly the
 * gathered range, in order, without overlap; past the limits the plan is
 * one invalidation of the whole regime. The QEMU CPU cannot check the range
 * forms: its TCG TLB turns a range larger than itself into a full flush
 * (accel/tcg/cputlb.c, tlb_flush_range_locked).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "boot/aarch64/tlbi_plan.h"

#define MAX_OPS 128

struct plan {
	struct tlbi_op op[MAX_OPS];
	size_t n;
};

static void collect(void *ctx, const struct tlbi_op *op)
{
	struct plan *p = ctx;

	assert_true(p->n < MAX_OPS);
	p->op[p->n++] = *op;
}

/* Decode op as the architecture does: [*lo, *hi). */
static void op_range(const struct tlbi_req *r, const struct tlbi_op *op, uint64_t *lo,
		     uint64_t *hi)
{
	assert_int_equal(FIELD_GET(TLBI_ASID, op->arg), r->asid);
	if (op->kind == TLBI_OP_VA) {
		*lo = FIELD_GET(TLBI_VA, op->arg) << 12;
		*hi = *lo + (1ull << r->stride_shift);
		return;
	}
	assert_int_equal(op->kind, TLBI_OP_RANGE);
	assert_true(r->range);
	assert_int_equal(FIELD_GET(TLBI_RANGE_TG, op->arg),
			 r->granule_shift == 12 ? 1 : r->granule_shift == 14 ? 2 : 3);
	assert_int_equal(FIELD_GET(TLBI_RANGE_TTL, op->arg), 0);
	assert_true(FIELD_GET(TLBI_RANGE_NUM, op->arg) <= 31);
	assert_true(FIELD_GET(TLBI_RANGE_SCALE, op->arg) <= 3);
	*lo = tlbi_range_base(op->arg, r->granule_shift);
	*hi = *lo + (tlbi_range_pages(op->arg) << r->granule_shift);
}

static void check_plan(const struct tlbi_req *r)
{
	struct plan p = { .n = 0 };
	uint64_t at = r->start, pages = (r->end - r->start) >> r->granule_shift;
	uint64_t ops = (r->end - r->start) >> r->stride_shift;
	size_t n = tlbi_plan(r, collect, &p);

	assert_int_equal(n, p.n);
	if (r->range ? pages > TLBI_RANGE_MAX_PAGES : ops > TLBI_MAX_VA_OPS) {
		assert_int_equal(n, 1);
		assert_int_equal(p.op[0].kind, TLBI_OP_ALL);
		return;
	}
	/* By range: one by-VA op for an odd count, one per nonzero base-32 digit. */
	assert_true(r->range ? n <= 5 : n == ops);
	for (size_t i = 0; i < n; i++) {
		uint64_t lo, hi;

		op_range(r, &p.op[i], &lo, &hi);
		if (lo != at)
			fail_msg("op %zu of %zu starts at %#llx, not %#llx", i, n,
				 (unsigned long long)lo, (unsigned long long)at);
		at = hi;
	}
	if (at != r->end)
		fail_msg("plan of %llu pages ends at %#llx, not %#llx", (unsigned long long)pages,
			 (unsigned long long)at, (unsigned long long)r->end);
}

static void every_count(bool range, unsigned gshift, uint64_t base)
{
	for (uint64_t n = 1; n <= 4096; n++) {
		struct tlbi_req r = { base, base + (n << gshift), gshift, gshift, 0, range };

		check_plan(&r);
	}
}

static void test_by_va(void **state)
{
	(void)state;
	every_count(false, 12, 0x40000000);
	every_count(false, 16, 0x8000000000);
}

static void test_by_range(void **state)
{
	(void)state;
	for (unsigned g = 12; g <= 16; g += 2)
		every_count(true, g, 0x123ull << 30);
}

/* The largest plans and the step past them; a nonzero ASID; 2 MiB strides. */
static void test_limits(void **state)
{
	const uint64_t big[] = { TLBI_RANGE_MAX_PAGES - 1, TLBI_RANGE_MAX_PAGES,
				 TLBI_RANGE_MAX_PAGES + 1, (1ull << 20) + 33, 0xfffff * 2 };

	(void)state;
	for (size_t i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
		struct tlbi_req r = { 0, big[i] << 12, 12, 12, 7, true };

		check_plan(&r);
	}
	for (uint64_t n = 1; n <= 80; n++) {
		struct tlbi_req r = { 1ull << 30, (1ull << 30) + (n << 21), 12, 21, 3, false };

		check_plan(&r);
	}
	struct tlbi_req empty = { 0x1000, 0x1000, 12, 12, 0, true };
	struct plan p = { .n = 0 };

	assert_int_equal(tlbi_plan(&empty, collect, &p), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_va),
		cmocka_unit_test(test_by_range),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
