/* SPDX-License-Identifier: MIT */
/*
 * The common small case: a map or unmap of pages that all fall in one
 * existing last-level table. It needs no new table, no reservation and no
 * private copy, so it runs here with one walk (often none: the remembered
 * walk of mmu/pt_table.h); anything else, or anything invalid (so that every
 * error comes from one place), goes on to one op (mmu/pt_op.c), which gives
 * the same result.
 *
 * Two tiers each: pt_map_fast / pt_unmap_fast take a single page below the
 * remembered level-2 table and make no call on the way (so the map is a
 * leaf function without register saves); map_one_table / unmap_one_table
 * take the rest of the one-table case.
 */
#include "pt_fast.h"

#include <errno.h>

/* The one accept test: [iova, iova + size) granule aligned, below 2^ias and
 * inside one last-level table's span, strictly smaller than it (so no block
 * could be used, and an unmap never covers the table whole). With all of it
 * below 2^48 nothing can wrap. */
static inline bool fast_accept(const struct pt *pt, uint64_t iova, uint64_t size)
{
	uint64_t last = iova + size - 1;

	if (size == pt->cfg.granule)
		return !(iova & pt->iova_bad);
	return size && !(((iova | size) & (pt->cfg.granule - 1)) |
			 ((iova | size | last) >> pt->cfg.ias) |
			 ((size | (iova ^ last)) >> level_shift(pt, PT_LAST_LEVEL - 1)));
}

/* pa .. pa + size - 1 aligned and below 2^oas (size is below 2^48 here). */
static inline bool pa_fits(const struct pt *pt, uint64_t pa, uint64_t size)
{
	return !((pa & (pt->cfg.granule - 1)) | ((pa | (pa + size - 1)) >> pt->cfg.oas));
}

/* The last-level table holding va (NULL: the walk ends above it). */
static inline pte_t *leaf_table(struct pt *pt, uint64_t va)
{
	pte_t *l2 = pt_walk_l2(pt, va), e = l2 ? *pt_slot(pt, l2, 2, va) : 0;

	return pte_is_table(e, 2) ? table_va(pt, e) : NULL;
}

int pt_map_slow(struct pt *pt, uint64_t iova, uint64_t pa, uint64_t size, size_t pgsize,
		unsigned prot)
{
	struct pt_op op = { .kind = PT_OP_MAP, .iova = iova, .pa = pa, .size = size,
			    .pgsize = pgsize, .prot = prot };

	return pt_run(pt, &op);
}

int64_t pt_unmap_slow(struct pt *pt, uint64_t iova, uint64_t size)
{
	struct pt_op op = { .kind = PT_OP_UNMAP, .iova = iova, .size = size };
	int ret = pt_run(pt, &op);

	return ret ? ret : (int64_t)op.done;
}

/* The converted prot the one-page map reuses (valid prots only). */
static __attribute__((noinline)) void remember_prot(struct pt *pt, unsigned prot)
{
	pt->leaf_bits = pt_prot_attrs(pt, prot) | pt->fmt->last_level_type;
	pt->attr_prot = prot;
}

static __attribute__((noinline)) int map_one_table(struct pt *pt, uint64_t iova, uint64_t pa,
						   uint64_t size, size_t pgsize, unsigned prot)
{
	pte_t *tbl;
	unsigned i, n;

	if (!fast_accept(pt, iova, size) || !pa_fits(pt, pa, size) || !pt_prot_valid(pt, prot))
		return pt_map_slow(pt, iova, pa, size, pgsize, prot);
	tbl = leaf_table(pt, iova);
	if (!tbl)
		return pt_map_slow(pt, iova, pa, size, pgsize, prot);
	i = level_index(pt, PT_LAST_LEVEL, iova);
	n = (unsigned)(size >> pt->granule_shift);
	if (pt_leaves_busy(tbl, i, n))
		return -EEXIST; /* checked before anything is written */
	if (prot != pt->attr_prot)
		remember_prot(pt, prot);
	if (n == 1) {
		pte_write(&tbl[i], pa | pt->leaf_bits);
	} else {
		struct pt_mapspec m = { .attrs = pt->leaf_bits & ~PTE_TYPE_MASK,
					.maxblk = pt->cfg.granule, .minblk = pt->cfg.granule };

		pt_write_leaves(pt, tbl, PT_LAST_LEVEL, i, n, iova, pa, &m);
	}
	pt_clean(pt, tbl + i, n * sizeof(pte_t));
	if (pt->cfg.flush_on_map)
		return pt_flush_range(pt, iova, iova + size, pt->cfg.granule, false, NULL);
	return 0;
}

/*
 * The most common map: one page, the prot of the previous one-table map (so
 * already checked and converted), below the remembered level-2 table, on a
 * walker that needs no clean and no flush after a map.
 */
int pt_map_fast(struct pt *pt, uint64_t iova, uint64_t pa, uint64_t size, size_t pgsize,
		unsigned prot)
{
	pte_t e, *p;

	if (size != pt->cfg.granule || !fast_accept(pt, iova, size) || (pa & pt->pa_bad) ||
	    prot != pt->attr_prot || !pt->map_lean || !pt_walk_remembered(pt, iova))
		return map_one_table(pt, iova, pa, size, pgsize, prot);
	e = *pt_slot(pt, pt->walk_tbl, 2, iova);
	if (!pte_is_table(e, 2))
		return map_one_table(pt, iova, pa, size, pgsize, prot);
	p = pt_slot(pt, table_va(pt, e), PT_LAST_LEVEL, iova);
	if (*p & PTE_VALID)
		return -EEXIST;
	pte_write(p, pa | pt->leaf_bits);
	return 0;
}

/* The table holding iova emptied: unlink it (and parents that empty with
 * it) and flush once; they are freed after the flush. */
static __attribute__((noinline)) int unlink_empty(struct pt *pt, uint64_t iova, uint64_t size)
{
	struct pt_ctx c = { .pt = pt };
	struct pt_path path;

	pt_walk(pt, iova, PT_LAST_LEVEL, &path);
	pt_gather_add(&c, iova, iova + size, pt->cfg.granule, true);
	pt_unlink_empty(&c, &path, PT_LAST_LEVEL, iova);
	return pt_flush(&c);
}

/* After count pages were cleared from tbl: unlink it if it emptied, flush once. */
static __attribute__((noinline)) int64_t unmap_finish(struct pt *pt, pte_t *tbl, uint64_t iova,
						      uint64_t size, uint64_t count)
{
	int ret;

	if (table_empty(pt, tbl, PT_LAST_LEVEL))
		ret = unlink_empty(pt, iova, size);
	else
		ret = pt_flush_range(pt, iova, iova + size, pt->cfg.granule, false, NULL);
	return ret ? ret : (int64_t)(count << pt->granule_shift);
}

/*
 * One page of a contiguous run: the run loses its hint. Break-before-make
 * (Arm DDI 0487 D8.16.1; a TLB may hold the run as one entry): all of its
 * entries are made invalid and that is flushed before the ones that stay
 * are written back, without the hint.
 */
static __attribute__((noinline)) int64_t unmap_in_run(struct pt *pt, pte_t *tbl, unsigned i,
						      uint64_t iova)
{
	unsigned cn = pt->cont_entries, i0 = i & ~(cn - 1);
	uint64_t g = pt->cfg.granule, bs = iova - (uint64_t)(i - i0) * g, be = bs + cn * g;
	/* The run's first page without the hint: every member is it + k * g. */
	pte_t e0 = (tbl[i] & ~pt->cont_bit) - (uint64_t)(i - i0) * g;
	int ret, again = 0;

	for (unsigned k = i0; k < i0 + cn; k++)
		pte_write(&tbl[k], 0);
	pt_clean(pt, tbl + i0, cn * sizeof(pte_t));
	ret = pt_flush_range(pt, bs, be, g, false, NULL);
	for (unsigned k = i0; k < i; k++)
		pte_write(&tbl[k], e0 + (uint64_t)(k - i0) * g);
	for (unsigned k = i + 1; k < i0 + cn; k++)
		pte_write(&tbl[k], e0 + (uint64_t)(k - i0) * g);
	pt_clean(pt, tbl + i0, cn * sizeof(pte_t));
	if (pt->cfg.flush_on_map)
		again = pt_flush_range(pt, bs, be, g, false, NULL);
	ret = ret ? ret : again;
	return ret ? ret : (int64_t)g;
}

/* Does [i, i + n) cut a contiguous run at either end? */
static inline bool cuts_run(const struct pt *pt, const pte_t *tbl, unsigned i, unsigned n)
{
	unsigned cn = pt->cont_entries;

	return cn && (((tbl[i] & pt->cont_bit) && (i & (cn - 1))) ||
		      ((tbl[i + n - 1] & pt->cont_bit) && ((i + n) & (cn - 1))));
}

static __attribute__((noinline)) int64_t unmap_one_table(struct pt *pt, uint64_t iova,
							 uint64_t size)
{
	pte_t *tbl;
	unsigned i, n, count;

	if (!fast_accept(pt, iova, size))
		return pt_unmap_slow(pt, iova, size);
	tbl = leaf_table(pt, iova);
	if (!tbl || pt_shared_find(pt, tbl) >= 0)
		return pt_unmap_slow(pt, iova, size);
	i = level_index(pt, PT_LAST_LEVEL, iova);
	n = (unsigned)(size >> pt->granule_shift);
	if (cuts_run(pt, tbl, i, n))
		return n == 1 ? unmap_in_run(pt, tbl, i, iova) : pt_unmap_slow(pt, iova, size);
	count = pt_clear_leaves(pt, tbl, i, n);
	return count ? unmap_finish(pt, tbl, iova, size, count) : 0;
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
 * emptied is the whole table scanned (unmap_finish).
 */
int64_t pt_unmap_fast(struct pt *pt, uint64_t iova, uint64_t size)
{
	pte_t e, *tbl, *p;
	int ret;

	if (size != pt->cfg.granule || !fast_accept(pt, iova, size) || !pt->cfg.coherent ||
	    pt->st.shared_tables || !pt_walk_remembered(pt, iova))
		return unmap_one_table(pt, iova, size);
	e = *pt_slot(pt, pt->walk_tbl, 2, iova);
	if (!pte_is_table(e, 2))
		return unmap_one_table(pt, iova, size);
	tbl = table_va(pt, e);
	p = pt_slot(pt, tbl, PT_LAST_LEVEL, iova);
	/* Not mapped (nothing to do), or one page of a contiguous run (a split). */
	if ((*p & (PTE_VALID | pt->cont_bit)) != PTE_VALID)
		return unmap_one_table(pt, iova, size);
	pte_write(p, 0);
	if (line_empty(p))
		return unmap_finish(pt, tbl, iova, size, 1);
	ret = pt_flush_range(pt, iova, iova + size, size, false, NULL);
	/* The granule is size (checked above), and pt is live across the call already. */
	return ret ? ret : (int64_t)size;
}
