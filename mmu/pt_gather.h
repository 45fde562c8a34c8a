/* SPDX-License-Identifier: MIT */
/*
 * Flush gathering (mmu/pt_gather.c, not for callers): what one operation
 * invalidated is merged into one range, flushed once through the flush ops,
 * and only then do the tables it unlinked go back to the allocator.
 */
#ifndef GPUMMU_MMU_PT_GATHER_H
#define GPUMMU_MMU_PT_GATHER_H

#include "pt_table.h"

void pt_gather_add(struct pt_ctx *c, uint64_t va, uint64_t end, size_t granule, bool tables);

/* After a flush returned ret: a failed range flush is followed by a full
 * one. Once a flush succeeded *retired (if given) goes back, otherwise it
 * joins the parked tables; these go back after a full flush succeeded (one
 * is made for them while any are parked). */
void pt_flush_settle(struct pt *pt, int ret, void **retired);

/* The one flush function: invalidate [va, end) (leaf stride granule; walk
 * caches too when tables), then let the tables unlinked before it go
 * (*retired, may be NULL) and any parked ones. */
static inline int pt_flush_range(struct pt *pt, uint64_t va, uint64_t end, size_t granule,
				 bool tables, void **retired)
{
	struct pt_gather g = { va, end, granule, tables };
	int ret = pt->cfg.flush->flush_range(pt->cfg.flush_cookie, &g);

	if (ret || pt->quarantine || (retired && *retired))
		pt_flush_settle(pt, ret, retired);
	return ret;
}

/* Flush what c gathered (nothing: no flush) and start a new gather; c's
 * retired tables go back after it, or are parked if it failed. */
int pt_flush(struct pt_ctx *c);

#endif
