/* SPDX-License-Identifier: MIT */
/*
 * The CPU's TLB back end for the core's flush ops: the EL1&0 regime, ASID 0
 * (TTBR0_EL1.ASID), inner shareable broadcast forms so the sequence is the
 * one a multi-core system needs. Every flush is
 *   DSB ISHST    the table writes (invalid entries, for break-before-make)
 *                are visible to every walker before any invalidation
 *   TLBI ...     by VA (VALE1IS when only leaves went, VAE1IS when tables
 *                were unlinked too, so walk caches go as well), by range
 *                (RVALE1IS / RVAE1IS) where FEAT_TLBIRANGE exists, or
 *                VMALLE1IS for everything
 *   DSB ISH      the invalidations have completed on every PE
 *   ISB          this PE's later fetches and walks use the new state
 * (Arm ARM DDI 0487, "Translation table maintenance" and "TLB maintenance
 * instructions": the break-before-make sequence, and the DSB/ISB needed
 * after TLB maintenance). The plan is tlbi_plan.c's.
 */
#include "boot/aarch64/cpu_regs.h"
#include "boot/aarch64/tlbi_plan.h"
#include "boot/cpu_mmu.h"

#define CPU_GRANULE_SHIFT 12

struct issue {
	bool leaf;
	struct cpu_tlb_count *c;
};

/* TLBI RVAE1IS = SYS #0, C8, C2, #1 and RVALE1IS = SYS #0, C8, C2, #5 (the
 * generic form: the assembler takes the names only for ARMv8.4-A). */
static void issue_op(void *ctx, const struct tlbi_op *op)
{
	struct issue *is = ctx;

	switch (op->kind) {
	case TLBI_OP_VA:
		if (is->leaf)
			__asm__ volatile("tlbi vale1is, %0" : : "r"(op->arg) : "memory");
		else
			__asm__ volatile("tlbi vae1is, %0" : : "r"(op->arg) : "memory");
		is->c->page++;
		break;
	case TLBI_OP_RANGE:
		if (is->leaf)
			__asm__ volatile("sys #0, c8, c2, #5, %0" : : "r"(op->arg) : "memory");
		else
			__asm__ volatile("sys #0, c8, c2, #1, %0" : : "r"(op->arg) : "memory");
		is->c->range++;
		break;
	case TLBI_OP_ALL:
		__asm__ volatile("tlbi vmalle1is" ::: "memory");
		is->c->all++;
		break;
	}
}

static bool has_tlbi_range(void)
{
	return FIELD_GET(ISAR0_TLB, read_sysreg(id_aa64isar0_el1)) >= ISAR0_TLB_RANGE;
}

static int tlb_flush_range(const struct pt_gather *g, struct cpu_tlb_count *c)
{
	struct tlbi_req r = {
		.start = g->start,
		.end = g->end,
		.granule_shift = CPU_GRANULE_SHIFT,
		.stride_shift = (unsigned)__builtin_ctzll(g->granule ? g->granule : 4096),
		.asid = 0,
		.range = has_tlbi_range(),
	};
	struct issue is = { !g->tables, c };

	__asm__ volatile("dsb ishst" ::: "memory");
	tlbi_plan(&r, issue_op, &is);
	__asm__ volatile("dsb ish\n\tisb" ::: "memory");
	return 0;
}

static int tlb_flush_all(struct cpu_tlb_count *c)
{
	const struct tlbi_op all = { TLBI_OP_ALL, 0 };
	struct issue is = { false, c };

	__asm__ volatile("dsb ishst" ::: "memory");
	issue_op(&is, &all);
	__asm__ volatile("dsb ish\n\tisb" ::: "memory");
	return 0;
}

/* A new valid entry needs no TLBI (a TLB never holds an entry that would
 * fault with a translation fault), only to be visible to the walker before
 * the access that uses it: DSB ISHST, then ISB for this PE's context. */
static void tlb_sync_map(void)
{
	__asm__ volatile("dsb ishst\n\tisb" ::: "memory");
}

const struct cpu_map_arch cpu_mmu_arch = {
	.flush_range = tlb_flush_range,
	.flush_all = tlb_flush_all,
	.sync = tlb_sync_map,
};
