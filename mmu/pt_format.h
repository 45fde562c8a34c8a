/* SPDX-License-Identifier: MIT */
/*
 * The formats as data (mmu/format.c): every attribute bit of a descriptor is
 * known there and nowhere else. The rest of the core asks for the bits of a
 * prot, the prot of a leaf, and the few structural bits through struct pt.
 */
#ifndef GPUMMU_MMU_PT_FORMAT_H
#define GPUMMU_MMU_PT_FORMAT_H

#include "pt_geom.h"

struct pt_fmt {
	const char *name;
	pte_t last_level_type;      /* PTE_TYPE_TABLE (page) or PTE_TYPE_BLOCK (Mali) */
	pte_t af;                   /* access flag, 0 where the format has none */
	pte_t ng;                   /* not-global bit, 0 where the format has none */
	pte_t sh_cached, sh_other;
	pte_t ap_rdonly, ap_unpriv; /* stage-1 AP[2:1]; 0 for Mali */
	pte_t hap_read, hap_write;  /* stage-2 style HAP[2:1]; 0 for stage 1 */
	pte_t xn;
	pte_t cont;                 /* contiguous hint bit, 0 where the format has none */
	unsigned contig_entries[3]; /* contiguous run per granule 4K/16K/64K at level 3 */
	unsigned min_ias, max_ias, max_oas;
	unsigned granules;          /* bit set of supported granule shifts: 1 << (shift - 12) */
	bool full_levels;           /* always 4 levels whatever the IAS (Mali LPAE) */
	bool flush_on_map;          /* the walker may cache invalid entries: flush maps too */
	bool ttbcr;                 /* pt_hw.tcr is an ARMv7 TTBCR, not TCR_EL1 fields */
};

/* NULL for an unknown format. */
const struct pt_fmt *pt_fmt_get(enum pt_format fmt);

/* Is prot one this table can encode? (PT_PROT_* rules in mmu/pgtable.h.) */
bool pt_prot_valid(const struct pt *pt, unsigned prot);
/* Leaf attribute bits for a valid prot (without OA and type). */
pte_t pt_prot_attrs(const struct pt *pt, unsigned prot);

/* What a leaf carries besides its output address, type and contiguous hint. */
static inline pte_t pt_leaf_attrs(const struct pt *pt, pte_t e)
{
	return e & ~(PTE_ADDR_MASK | PTE_TYPE_MASK | pt->cont_bit);
}

static inline pte_t pt_leaf_type(const struct pt *pt, unsigned level)
{
	return level == PT_LAST_LEVEL ? pt->fmt->last_level_type : PTE_TYPE_BLOCK;
}

/* A leaf's attributes read back: the prot it encodes and its nG bit. */
unsigned pt_leaf_prot(const struct pt *pt, pte_t e);
bool pt_leaf_global(const struct pt *pt, pte_t e);
/* Name of the memory type behind a leaf's attributes ("cached", ...). */
const char *pt_leaf_memtype(const struct pt *pt, pte_t e);

#endif
