/* SPDX-License-Identifier: MIT */
/*
 * Leaf writers (mmu/pt_leaf.c, not for callers): runs of leaves written,
 * cleared and tested inside one table. They never touch an entry that links
 * a table, and they make no flush: what must be invalidated is the caller's.
 */
#ifndef GPUMMU_MMU_PT_LEAF_H
#define GPUMMU_MMU_PT_LEAF_H

#include "pt_table.h"

/* What kind of leaves a map writes. */
struct pt_mapspec {
	pte_t attrs;            /* leaf bits besides OA and type */
	uint64_t maxblk;        /* largest leaf allowed */
	uint64_t minblk;        /* smallest leaf allowed (map_pages: == maxblk) */
	bool repeat;            /* every leaf points at pa (map_repeat) */
};

/* n leaves of level from index i for [va, ...) -> pa; the contiguous hint on
 * every aligned run inside (not cleaned: the caller cleans what it wrote). */
void pt_write_leaves(const struct pt *pt, pte_t *tbl, unsigned level, unsigned i, unsigned n,
		     uint64_t va, uint64_t pa, const struct pt_mapspec *m);
/* Clear n entries from index i, cleaned when any was valid; how many were. */
unsigned pt_clear_leaves(const struct pt *pt, pte_t *tbl, unsigned i, unsigned n);
/* Is any of n entries from index i valid? */
bool pt_leaves_busy(const pte_t *tbl, unsigned i, unsigned n);

#endif
