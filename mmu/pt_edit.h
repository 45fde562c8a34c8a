/* SPDX-License-Identifier: MIT */
/*
 * Map and unmap over ranges (mmu/pt_map.c, mmu/pt_unmap.c, not for callers):
 * the writers the operations are built from, and the table counts their
 * prepare reserves.
 */
#ifndef GPUMMU_MMU_PT_EDIT_H
#define GPUMMU_MMU_PT_EDIT_H

#include "pt_gather.h"
#include "pt_leaf.h"

/* ---- mmu/pt_map.c ---- */

/* Is anything in [va, end) mapped? */
bool pt_range_busy(const struct pt *pt, uint64_t va, uint64_t end);
/* The leaves a map op may use (attrs left to the caller). */
struct pt_mapspec pt_op_mapspec(const struct pt *pt, const struct pt_op *op);
/* Tables a map op can need, counted as if nothing were mapped (so the figure
 * holds whatever runs before its commit); share: it may link one shared
 * leaf table for every whole span (map_repeat with a slot). */
size_t pt_map_worst(const struct pt *pt, const struct pt_op *op, bool share);
/* Write [va, end) -> pa below tbl (a table at level) into invalid entries,
 * drawing new tables from c's op. */
void pt_map_range(struct pt_ctx *c, pte_t *tbl, unsigned level, uint64_t va, uint64_t end,
		  uint64_t pa, const struct pt_mapspec *m);

/* ---- mmu/pt_unmap.c ---- */

/* A leaf (block, or contiguous run of pages) that an unmap's range cuts. */
struct pt_cut {
	pte_t *tbl;
	unsigned level, i0, n;
	uint64_t bs, be, oa;
	pte_t attrs;
};

struct pt_cuts {
	struct pt_cut k[2];
	int n;
};

/* Tables an unmap of [va, end) needs for its two edges, from the tables as
 * they are now / whatever they are (2 * (levels - 1)). */
size_t pt_unmap_need(const struct pt *pt, uint64_t va, uint64_t end);
size_t pt_unmap_worst(const struct pt *pt);
/*
 * First step of an unmap of [va, end): a shared table the range cuts gets a
 * private copy, gathered for the flush. True when one was made: the caller
 * then flushes before pt_unmap_clear, because until that flush a walk cache
 * may reach the old table through the re-pointed entry, and the old table
 * may change below (edited or retired for its other parent).
 */
bool pt_unmap_unshare(struct pt_ctx *c, uint64_t va, uint64_t end);
/*
 * Remove everything in [va, end) (after pt_unmap_unshare), gathering what
 * must be flushed: a cut leaf is made invalid whole (its outside parts are
 * recorded in cuts), tables wholly inside are unlinked, tables that emptied
 * too. Returns the bytes removed (see pt_unmap in mmu/pgtable.h). The
 * caller must flush, then pt_unmap_restore.
 */
uint64_t pt_unmap_clear(struct pt_ctx *c, uint64_t va, uint64_t end, struct pt_cuts *cuts);
/* After that flush: write back the parts of the cut leaves outside [va, end). */
void pt_unmap_restore(struct pt_ctx *c, const struct pt_cuts *cuts, uint64_t va, uint64_t end);

#endif
