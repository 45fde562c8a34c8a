/* SPDX-License-Identifier: MIT */
/*
 * The common small case: a map or unmap of pages that all fall in one
 * existing last-level table. It needs no new table, no reservation, no split
 * and no private copy, so it is done here with one walk; anything else (or
 * anything invalid, so that the error comes from one place) returns 1 and
 * goes on to the general prepare/commit path (pt_map_slow, pt_unmap_slow),
 * which gives the same result.
 */
#include "pt_internal.h"

#include <errno.h>

/*
 * The last-level table holding va, or NULL if the walk ends early (invalid or
 * block). The level-2 table of the previous walk is remembered: a run of
 * operations inside one 1 GiB (4K granule) region walks one level, not three.
 * Any table going back to the allocator forgets it (pt_defer_free).
 */
static inline pte_t *leaf_table(struct pt *pt, uint64_t va)
{
	int64_t off = pt->cfg.pa_offset;
	pte_t *tbl = pt->root, e;

	if (pt->start_level < 2) {
		uint64_t key = va >> pt->lvl_shift[1];

		if (pt->walk_tbl && key == pt->walk_key) {
			tbl = pt->walk_tbl;
		} else {
			for (unsigned l = pt->start_level; l < 2; l++) {
				e = tbl[(va >> pt->lvl_shift[l]) & pt->lvl_mask[l]];
				if ((e & PTE_TYPE_MASK) != PTE_TYPE_TABLE)
					return NULL;
				tbl = (pte_t *)(uintptr_t)((int64_t)(e & PTE_ADDR_MASK) - off);
			}
			pt->walk_tbl = tbl;
			pt->walk_key = key;
		}
	}
	e = tbl[(va >> pt->lvl_shift[2]) & pt->lvl_mask[2]];
	if ((e & PTE_TYPE_MASK) != PTE_TYPE_TABLE)
		return NULL;
	return (pte_t *)(uintptr_t)((int64_t)(e & PTE_ADDR_MASK) - off);
}

/*
 * Pages of one last-level table, every argument in range and aligned. With
 * iova, size and iova + size - 1 all below 2^ias (<= 2^48) nothing can wrap,
 * so one OR of the bits that must be clear tests it all.
 */
static inline bool fits_one_table(const struct pt *pt, uint64_t iova, uint64_t size)
{
	uint64_t last = iova + size - 1;

	/* Strictly smaller than the table's span, so a block could not be used. */
	return size && !(((iova | size) & (pt->cfg.granule - 1)) |
			 ((iova | size | last) >> pt->cfg.ias) |
			 ((iova ^ last) >> pt->lvl_shift[PT_LAST_LEVEL - 1]));
}

/* pa .. pa + size - 1 aligned and below 2^oas (size is below 2^48 here). */
static inline bool pa_fits(const struct pt *pt, uint64_t pa, uint64_t size)
{
	return !((pa & (pt->cfg.granule - 1)) | ((pa | (pa + size - 1)) >> pt->cfg.oas));
}

/* One flush of what a fast operation changed (leaf entries only). */
static __attribute__((noinline)) int flush_leaves(struct pt *pt, uint64_t iova, uint64_t size)
{
	struct pt_gather g = { iova, iova + size, pt->cfg.granule, false };

	return pt_flush_and_release(pt, &g);
}

static __attribute__((noinline)) void refresh_attrs(struct pt *pt, unsigned prot)
{
	pt->attr_bits = pt_prot_attrs(pt, prot);
	pt->attr_prot = prot;
}

/* Several pages: check them all, then write them (with the contiguous hint). */
static __attribute__((noinline)) int map_run(struct pt *pt, pte_t *tbl, unsigned i, unsigned n,
					     uint64_t iova, uint64_t pa)
{
	struct pt_mapspec m = { .attrs = pt->attr_bits, .maxblk = pt->cfg.granule,
				.minblk = pt->cfg.granule };

	for (unsigned k = 0; k < n; k++)
		if (tbl[i + k] & PTE_VALID)
			return -EEXIST; /* checked before anything is written */
	pt_write_leaves(pt, tbl, PT_LAST_LEVEL, i, n, iova, pa, &m);
	pt_clean(pt, tbl + i, n * sizeof(pte_t));
	return 0;
}

int pt_map_fast(struct pt *pt, uint64_t iova, uint64_t pa, uint64_t size, size_t pgsize,
		unsigned prot)
{
	pte_t *tbl;
	unsigned i, n;

	if (!fits_one_table(pt, iova, size) || !pt_prot_valid(prot) || !pa_fits(pt, pa, size))
		return pt_map_slow(pt, iova, pa, size, pgsize, prot);
	tbl = leaf_table(pt, iova);
	if (!tbl)
		return pt_map_slow(pt, iova, pa, size, pgsize, prot);
	i = level_index(pt, PT_LAST_LEVEL, iova);
	n = (unsigned)(size >> pt->granule_shift);
	if (prot != pt->attr_prot)
		refresh_attrs(pt, prot);
	if (n == 1) {
		if (tbl[i] & PTE_VALID)
			return -EEXIST;
		tbl[i] = pa | pt->attr_bits | pt->fmt->last_level_type;
		pt_clean(pt, tbl + i, sizeof(pte_t));
	} else {
		int ret = map_run(pt, tbl, i, n, iova, pa);

		if (ret)
			return ret;
	}
	pt->gen++;
	if (pt->cfg.flush_on_map || pt->cfg.fmt == PT_FMT_MALI_LPAE)
		return flush_leaves(pt, iova, size);
	return 0;
}

/*
 * The last-level table holding iova emptied: unlink it, and any parent that
 * empties with it, bottom-up; they are freed after the one flush.
 */
static __attribute__((noinline)) int unlink_empty(struct pt *pt, uint64_t iova, uint64_t size)
{
	struct pt_ctx c = { .pt = pt };
	pte_t *path[PT_MAX_LEVELS];
	unsigned idx[PT_MAX_LEVELS];
	pte_t *tbl = pt->root;

	for (unsigned l = pt->start_level; l <= PT_LAST_LEVEL; l++) {
		path[l] = tbl;
		idx[l] = level_index(pt, l, iova);
		if (l < PT_LAST_LEVEL)
			tbl = table_va(pt, tbl[idx[l]]);
	}
	pt_gather_add(&c, iova, iova + size, pt->cfg.granule, true);
	for (unsigned l = PT_LAST_LEVEL; l > pt->start_level; l--) {
		pte_t *parent = path[l - 1];

		if (!pt_table_empty(pt, path[l], l))
			break;
		parent[idx[l - 1]] = 0;
		pt_clean(pt, &parent[idx[l - 1]], sizeof(pte_t));
		pt_defer_free(&c, path[l], l);
	}
	return pt_flush_gathered(&c);
}

/* Clear n entries; the number that were valid. 0 and nothing written when one
 * of them is part of a contiguous run the range cuts (the general path breaks it). */
static __attribute__((noinline)) uint64_t clear_run(const struct pt *pt, pte_t *tbl, unsigned i,
						    unsigned n, bool *cut)
{
	unsigned cn = contig_entries(pt);
	uint64_t count = 0;

	*cut = cn && (((tbl[i] & PTE_CONT) && (i & (cn - 1))) ||
		      ((tbl[i + n - 1] & PTE_CONT) && ((i + n) & (cn - 1))));
	if (*cut)
		return 0;
	for (unsigned k = 0; k < n; k++) {
		count += tbl[i + k] & PTE_VALID;
		tbl[i + k] = 0;
	}
	if (count)
		pt_clean(pt, tbl + i, n * sizeof(pte_t));
	return count;
}

int64_t pt_unmap_fast(struct pt *pt, uint64_t iova, uint64_t size)
{
	pte_t *tbl, e;
	unsigned i, n;
	uint64_t count;
	int ret;

	if (!fits_one_table(pt, iova, size))
		return pt_unmap_slow(pt, iova, size);
	tbl = leaf_table(pt, iova);
	if (!tbl || pt_shared_find(pt, tbl) >= 0)
		return pt_unmap_slow(pt, iova, size);
	i = level_index(pt, PT_LAST_LEVEL, iova);
	n = (unsigned)(size >> pt->granule_shift);
	if (n == 1) {
		e = tbl[i];
		if (e & PTE_CONT)
			return pt_unmap_slow(pt, iova, size); /* one page of a contiguous run */
		count = e & PTE_VALID;
		if (count) {
			tbl[i] = 0;
			pt_clean(pt, tbl + i, sizeof(pte_t));
		}
	} else {
		bool cut;

		count = clear_run(pt, tbl, i, n, &cut);
		if (cut)
			return pt_unmap_slow(pt, iova, size);
	}
	if (!count)
		return 0;
	pt->gen++;
	if (pt_table_empty(pt, tbl, PT_LAST_LEVEL))
		ret = unlink_empty(pt, iova, size);
	else
		ret = flush_leaves(pt, iova, size);
	return ret ? ret : (int64_t)(count << pt->granule_shift);
}
