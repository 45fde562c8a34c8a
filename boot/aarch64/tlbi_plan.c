/* SPDX-License-Identifier: MIT */
/* The TLB invalidation plan for one gathered range (see tlbi_plan.h). */
#include "boot/aarch64/tlbi_plan.h"

#define RANGE_DIGIT_BITS 5  /* NUM is a 5-bit digit */
#define RANGE_SCALES 4      /* SCALE 0..3 */

static unsigned tg_field(unsigned granule_shift)
{
	return granule_shift == 16 ? 3 : granule_shift == 14 ? 2 : 1;
}

uint64_t tlbi_range_pages(uint64_t arg)
{
	uint64_t num = FIELD_GET(TLBI_RANGE_NUM, arg), scale = FIELD_GET(TLBI_RANGE_SCALE, arg);

	return (num + 1) << (RANGE_DIGIT_BITS * scale + 1);
}

uint64_t tlbi_range_base(uint64_t arg, unsigned granule_shift)
{
	return FIELD_GET(TLBI_RANGE_BASE, arg) << granule_shift;
}

static uint64_t va_arg_of(const struct tlbi_req *r, uint64_t va)
{
	return FIELD_PREP(TLBI_ASID, r->asid) | FIELD_PREP(TLBI_VA, va >> 12);
}

static void emit_op(void (*emit)(void *, const struct tlbi_op *), void *ctx,
		    enum tlbi_kind kind, uint64_t arg)
{
	const struct tlbi_op op = { kind, arg };

	emit(ctx, &op);
}

static size_t plan_by_va(const struct tlbi_req *r, void (*emit)(void *, const struct tlbi_op *),
			 void *ctx)
{
	uint64_t stride = 1ull << r->stride_shift, n = (r->end - r->start) >> r->stride_shift;

	if (n > TLBI_MAX_VA_OPS) {
		emit_op(emit, ctx, TLBI_OP_ALL, 0);
		return 1;
	}
	for (uint64_t va = r->start; va < r->end; va += stride)
		emit_op(emit, ctx, TLBI_OP_VA, va_arg_of(r, va));
	return (size_t)n;
}

/*
 * An odd granule first goes by VA (a range covers an even number); the rest,
 * 2 * m granules, is one range operation per nonzero base-32 digit of m:
 * digit d at position s covers d * 2^(5s + 1) granules with NUM = d - 1,
 * SCALE = s.
 */
static size_t plan_range(const struct tlbi_req *r, void (*emit)(void *, const struct tlbi_op *),
			 void *ctx)
{
	uint64_t pages = (r->end - r->start) >> r->granule_shift, va = r->start, m;
	size_t n = 0;

	if (pages > TLBI_RANGE_MAX_PAGES) {
		emit_op(emit, ctx, TLBI_OP_ALL, 0);
		return 1;
	}
	if (pages & 1) {
		emit_op(emit, ctx, TLBI_OP_VA, va_arg_of(r, va));
		va += 1ull << r->granule_shift;
		n++;
	}
	m = pages >> 1;
	for (unsigned s = 0; s < RANGE_SCALES && m; s++, m >>= RANGE_DIGIT_BITS) {
		uint64_t d = m & ((1u << RANGE_DIGIT_BITS) - 1);

		if (!d)
			continue;
		emit_op(emit, ctx, TLBI_OP_RANGE,
			FIELD_PREP(TLBI_ASID, r->asid) |
				FIELD_PREP(TLBI_RANGE_TG, tg_field(r->granule_shift)) |
				FIELD_PREP(TLBI_RANGE_SCALE, s) | FIELD_PREP(TLBI_RANGE_NUM, d - 1) |
				FIELD_PREP(TLBI_RANGE_BASE, va >> r->granule_shift));
		va += d << (RANGE_DIGIT_BITS * s + 1 + r->granule_shift);
		n++;
	}
	return n;
}

size_t tlbi_plan(const struct tlbi_req *r, void (*emit)(void *ctx, const struct tlbi_op *op),
		 void *ctx)
{
	if (r->end <= r->start)
		return 0;
	return r->range ? plan_range(r, emit, ctx) : plan_by_va(r, emit, ctx);
}
