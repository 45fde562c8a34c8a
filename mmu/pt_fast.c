/* SPDX-License-Identifier: MIT */
/*
 * The common small case: a map or unmap of pages that all fall in one
 * existing last-level table. It needs no new table, no reservation, no split
 * and no private copy, so it is done here with one walk; anything else (or
 * anything invalid, so that the error comes from one place) goes on to the
 * general prepare/commit path (pt_map_slow, pt_unmap_slow), which gives the
 * same result.
 *
 * Two tiers: pt_map_fast / pt_unmap_fast take only the single page below the
 * remembered level-2 table (short, no register saves for the map), and hand
 * everything else unchanged to map_general / unmap_general, the
 * one-table paths.
 */
#include "pt_internal.h"

#include <errno.h>

/*
 * The level-2 table of the previous walk is remembered (pt->walk_tbl, under
 * the key va >> walk_shift): a run of operations inside one 1 GiB (4K
 * granule) region walks one level, not three. Any table going back to the
 * allocator forgets it (pt_walk_forget).
 */
static inline bool walk_remembered(const struct pt *pt, uint64_t va)
{
	return (va >> pt->walk_shift) == pt->walk_key;
}

/* A table descriptor (only asked of levels 0..2 here). */
static inline bool is_table(pte_t e)
{
	return (e & PTE_TYPE_MASK) == PTE_TYPE_TABLE;
}

/* Walk to the level-2 table holding va and remember it; false if the walk ends early. */
static bool walk_to_level2(struct pt *pt, uint64_t va)
{
	pte_t *tbl = pt->root;

	for (unsigned l = pt->start_level; l < 2; l++) {
		pte_t e = tbl[level_index(pt, l, va)];

		if (!is_table(e))
			return false;
		tbl = table_va(pt, e);
	}
	pt->walk_tbl = tbl;
	pt->walk_key = va >> pt->walk_shift;
	return true;
}

/* The entry for va in the remembered level-2 table. */
static inline pte_t level2_entry(const struct pt *pt, uint64_t va)
{
	return ((const pte_t *)pt->walk_tbl)[level_index(pt, 2, va)];
}

/* The last-level table holding va, or NULL if the walk ends early (invalid or block). */
static inline pte_t *leaf_table(struct pt *pt, uint64_t va)
{
	pte_t e;

	if (!walk_remembered(pt, va) && !walk_to_level2(pt, va))
		return NULL;
	e = level2_entry(pt, va);
	return is_table(e) ? table_va(pt, e) : NULL;
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
	pt->leaf_bits = pt->attr_bits | pt->fmt->last_level_type;
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

/* Any map the one-page path below does not take: one table, else the slow path. */
static __attribute__((noinline)) int map_general(struct pt *pt, uint64_t iova, uint64_t pa,
						 uint64_t size, size_t pgsize, unsigned prot)
{
	pte_t *tbl;
	unsigned i, n;

	if (!fits_one_table(pt, iova, size) || !pt_prot_valid(pt, prot) || !pa_fits(pt, pa, size))
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
		tbl[i] = pa | pt->leaf_bits;
		pt_clean(pt, tbl + i, sizeof(pte_t));
	} else {
		int ret = map_run(pt, tbl, i, n, iova, pa);

		if (ret)
			return ret;
	}
	pt->gen++;
	if (pt->cfg.flush_on_map)
		return flush_leaves(pt, iova, size);
	return 0;
}

/*
 * The most common map: one page, the prot of the previous map (so already
 * checked and converted), below the remembered level-2 table, on a walker
 * that needs no clean and no flush after a map. It makes no call, so it
 * stays a leaf function without register saves; anything else (errors
 * included) is map_general's.
 */
int pt_map_fast(struct pt *pt, uint64_t iova, uint64_t pa, uint64_t size, size_t pgsize,
		unsigned prot)
{
	pte_t e, *p;

	if (size != pt->cfg.granule || ((iova & pt->iova_bad) | (pa & pt->pa_bad)) ||
	    prot != pt->attr_prot || !pt->map_lean || !walk_remembered(pt, iova))
		return map_general(pt, iova, pa, size, pgsize, prot);
	e = level2_entry(pt, iova);
	if (!is_table(e))
		return map_general(pt, iova, pa, size, pgsize, prot);
	p = &table_va(pt, e)[level_index(pt, PT_LAST_LEVEL, iova)];
	if (*p & PTE_VALID)
		return -EEXIST;
	*p = pa | pt->leaf_bits;
	pt->gen++;
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

	*cut = cn && (((tbl[i] & PTE_CONT) && (i & (cn - 1))) ||
		      ((tbl[i + n - 1] & PTE_CONT) && ((i + n) & (cn - 1))));
	return *cut ? 0 : pt_clear_leaves(pt, tbl, i, n);
}

/* After count pages were cleared from tbl: unlink it if it emptied, and flush once. */
static __attribute__((noinline)) int64_t unmap_finish(struct pt *pt, pte_t *tbl, uint64_t iova,
						      uint64_t size, uint64_t count)
{
	int ret;

	if (pt_table_empty(pt, tbl, PT_LAST_LEVEL))
		ret = unlink_empty(pt, iova, size);
	else
		ret = flush_leaves(pt, iova, size);
	return ret ? ret : (int64_t)(count << pt->granule_shift);
}

/* Any unmap the one-page path below does not take: one table, else the slow path. */
static __attribute__((noinline)) int64_t unmap_general(struct pt *pt, uint64_t iova,
						       uint64_t size)
{
	pte_t *tbl, e;
	unsigned i, n;
	uint64_t count;

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
	return unmap_finish(pt, tbl, iova, size, count);
}

/*
 * No valid entry in the 64-byte line (8 entries) holding p? A table holding
 * one valid entry is not empty, and after most single-page unmaps a
 * neighbour in the same line is still mapped: this spares the whole-table
 * scan (tables are at least 64-byte aligned, so the line is inside).
 */
static inline bool line_empty(const pte_t *p)
{
	const pte_t *l = (const pte_t *)((uintptr_t)p & ~(uintptr_t)63);

	return !((l[0] | l[1] | l[2] | l[3] | l[4] | l[5] | l[6] | l[7]) & PTE_VALID);
}

/*
 * The most common unmap: one mapped page (not part of a contiguous run)
 * below the remembered level-2 table, on a coherent walker, no shared table
 * anywhere. Cleared, then one flush of that page; only when its line has
 * emptied is the whole table scanned (unmap_finish). Anything else is
 * unmap_general's.
 */
int64_t pt_unmap_fast(struct pt *pt, uint64_t iova, uint64_t size)
{
	struct pt_gather g;
	pte_t e, *tbl, *p;
	int ret;

	if (size != pt->cfg.granule || (iova & pt->iova_bad) || !pt->cfg.coherent ||
	    pt->st.shared_tables || !walk_remembered(pt, iova))
		return unmap_general(pt, iova, size);
	e = level2_entry(pt, iova);
	if (!is_table(e))
		return unmap_general(pt, iova, size);
	tbl = table_va(pt, e);
	p = &tbl[level_index(pt, PT_LAST_LEVEL, iova)];
	/* Not mapped (nothing to do), or one page of a contiguous run (a split). */
	if ((*p & (PTE_VALID | PTE_CONT)) != PTE_VALID)
		return unmap_general(pt, iova, size);
	*p = 0;
	pt->gen++;
	if (line_empty(p))
		return unmap_finish(pt, tbl, iova, size, 1);
	g = (struct pt_gather){ iova, iova + size, size, false };
	ret = pt->cfg.flush->flush_range(pt->cfg.flush_cookie, &g);
	if (ret || pt->quarantine)
		ret = pt_flush_settle(pt, ret);
	/* The granule is size (checked above), and pt is live across the call already. */
	return ret ? ret : (int64_t)pt->cfg.granule;
}
