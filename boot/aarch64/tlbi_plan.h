/* SPDX-License-Identifier: MIT */
/*
 * Which TLB invalidations cover one gathered range of the CPU's EL1&0
 * translations: the plan, without issuing anything (portable, so the host
 * tests check it for every shape; boot/aarch64/tlb.c issues it).
 *
 * Operands (Arm ARM DDI 0487, D19 "TLBI VAE1IS, VALE1IS" and "TLBI RVAE1IS,
 * RVALE1IS" register fields, FEAT_TLBIRANGE):
 *  by VA:    ASID [63:48], VA[55:12] in [43:0]
 *  by range: ASID [63:48], TG [47:46] (1 = 4 KiB, 2 = 16 KiB, 3 = 64 KiB),
 *            SCALE [45:44], NUM [43:39], TTL [38:37] (0: no level hint),
 *            BaseADDR [36:0] = VA >> granule shift; the range is
 *            (NUM + 1) * 2^(5 * SCALE + 1) translation granules from BaseADDR.
 */
#ifndef GPUMMU_BOOT_AARCH64_TLBI_PLAN_H
#define GPUMMU_BOOT_AARCH64_TLBI_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmu/bits.h"
#include "mmu/pgtable.h"

#define TLBI_ASID      GENMASK(63, 48)
#define TLBI_VA        GENMASK(43, 0)
#define TLBI_RANGE_TG  GENMASK(47, 46)
#define TLBI_RANGE_SCALE GENMASK(45, 44)
#define TLBI_RANGE_NUM GENMASK(43, 39)
#define TLBI_RANGE_TTL GENMASK(38, 37)
#define TLBI_RANGE_BASE GENMASK(36, 0)

/*
 * More by-VA invalidations than this for one flush: invalidate the whole
 * regime instead (VMALLE1IS). A project choice: each broadcast TLBI costs
 * the interconnect a DVM message, and past a few dozen one full flush is
 * cheaper; the same limit the SMMU driver uses (drivers/smmuv3_as.c).
 */
#define TLBI_MAX_VA_OPS 64
/* Granules one plan may cover with range operations: an odd one by VA plus
 * 2 * m with m of at most four base-32 digits (SCALE 0..3), m < 2^20; beyond
 * it, the whole regime. */
#define TLBI_RANGE_MAX_PAGES ((1ull << 21) - 1)

enum tlbi_kind { TLBI_OP_VA, TLBI_OP_RANGE, TLBI_OP_ALL };

struct tlbi_op {
	enum tlbi_kind kind;
	uint64_t arg;          /* the Xt operand (0 for TLBI_OP_ALL) */
};

struct tlbi_req {
	uint64_t start, end;   /* [start, end), granule aligned */
	unsigned granule_shift; /* the translation granule: 12, 14 or 16 */
	unsigned stride_shift; /* by-VA stride: the smallest leaf invalidated */
	uint16_t asid;
	bool range;            /* FEAT_TLBIRANGE */
};

/* Call emit for each operation of the plan, in address order; returns how
 * many. An empty range gives none. */
size_t tlbi_plan(const struct tlbi_req *r, void (*emit)(void *ctx, const struct tlbi_op *op),
		 void *ctx);

/* The range an operation invalidates, in granules, and its first VA
 * (decoding the operand as the architecture defines it). */
uint64_t tlbi_range_pages(uint64_t arg);
uint64_t tlbi_range_base(uint64_t arg, unsigned granule_shift);

#endif
