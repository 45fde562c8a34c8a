/* SPDX-License-Identifier: MIT */
/*
 * The CPU's TLB back end for the core's flush ops on ARMv7: the PL1&0
 * regime, ASID 0 (TTBR0.ASID with TTBCR.A1 = 0), Inner Shareable forms so
 * the sequence is the one a multi-core system needs. Every flush is
 *   DSB ISHST    the table writes (invalid entries, for break-before-make)
 *                are visible to every walker before any invalidation
 *   TLBIMVAIS    per page of the smallest leaf: MVA[31:12] | ASID[7:0]
 *                (c8, c3, 1), or TLBIALLIS (c8, c3, 0) past 64 pages
 *   BPIALLIS     branch predictors may hold targets through the old
 *                translation (c7, c1, 6)
 *   DSB ISH      the invalidations have completed on every PE
 *   ISB          this PE's later fetches and walks use the new state
 * (DDI 0406C B3.10.1 "General TLB maintenance requirements", B3.18.7 the
 * TLB operations, B2.2.7 branch predictor maintenance after a change of
 * translation). ARMv7 has neither leaf-only nor range forms: an invalidation
 * by MVA also drops the walk's cached table entries for it, so tables
 * unlinked by the core (g->tables) need nothing more. Linux does the same
 * (arch/arm/include/asm/tlbflush.h: TLB_V7_UIS_PAGE, TLB_V7_UIS_FULL,
 * TLB_V7_UIS_BP).
 */
#include "boot/cpu_mmu.h"
#include "mmu/bits.h"

/* More by-MVA invalidations than this: the whole regime instead. The same
 * limit as the AArch64 back end and the SMMU driver (a project choice: past a
 * few dozen broadcast operations one full flush is cheaper). */
#define TLBI_MAX_MVA_OPS 64
#define TLBI_MVA         GENMASK(31, 12)

static void tlbi_all(struct cpu_tlb_count *c)
{
	__asm__ volatile("mcr p15, 0, %0, c8, c3, 0" : : "r"(0) : "memory");
	c->all++;
}

static void tlb_end(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c1, 6\n\tdsb ish\n\tisb" : : "r"(0) : "memory");
}

static int tlb_flush_range(const struct pt_gather *g, struct cpu_tlb_count *c)
{
	uint64_t stride = g->granule ? g->granule : 4096, n = (g->end - g->start) / stride;

	__asm__ volatile("dsb ishst" ::: "memory");
	if (g->end <= g->start || g->end > (1ull << 32) || n > TLBI_MAX_MVA_OPS) {
		if (g->end > g->start)
			tlbi_all(c);
	} else {
		for (uint64_t va = g->start; va < g->end; va += stride) {
			uint32_t arg = (uint32_t)(va & TLBI_MVA); /* ASID 0 in [7:0] */

			__asm__ volatile("mcr p15, 0, %0, c8, c3, 1" : : "r"(arg) : "memory");
			c->page++;
		}
	}
	tlb_end();
	return 0;
}

static int tlb_flush_all(struct cpu_tlb_count *c)
{
	__asm__ volatile("dsb ishst" ::: "memory");
	tlbi_all(c);
	tlb_end();
	return 0;
}

/* A new valid entry needs no TLBI (a TLB never holds an entry that would
 * give a translation fault), only to be visible to the walker before the
 * access that uses it: DSB ISHST, then ISB for this PE's context. */
static void tlb_sync_map(void)
{
	__asm__ volatile("dsb ishst\n\tisb" ::: "memory");
}

const struct cpu_map_arch cpu_mmu_arch = {
	.flush_range = tlb_flush_range,
	.flush_all = tlb_flush_all,
	.sync = tlb_sync_map,
};
