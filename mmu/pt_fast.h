/* SPDX-License-Identifier: MIT */
/*
 * The public calls' fast paths (mmu/pt_fast.c, not for callers): a map or
 * unmap inside one existing last-level table, dispatched to before the
 * general op. Built from the same pieces as the ops (the walk, the leaf
 * writers, the one flush function, unlink-if-empty), so they give the same
 * result, only without a reservation.
 */
#ifndef GPUMMU_MMU_PT_FAST_H
#define GPUMMU_MMU_PT_FAST_H

#include "pt_op.h"

/* pgsize 0: largest leaves (pt_map); else the granule (pt_map_pages). */
int pt_map_fast(struct pt *pt, uint64_t iova, uint64_t pa, uint64_t size, size_t pgsize,
		unsigned prot);
int64_t pt_unmap_fast(struct pt *pt, uint64_t iova, uint64_t size);
/* The general paths: one op (mmu/pt_op.c). */
int pt_map_slow(struct pt *pt, uint64_t iova, uint64_t pa, uint64_t size, size_t pgsize,
		unsigned prot);
int64_t pt_unmap_slow(struct pt *pt, uint64_t iova, uint64_t size);

#endif
