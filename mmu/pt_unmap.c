/* SPDX-License-Identifier: MIT */
/*
 * Unmapping. Three steps, in this order:
 *  1. a shared (map_repeat) leaf table only partly inside the range gets a
 *     private copy;
 *  2. a block or contiguous run only partly inside the range is made
 *     invalid whole;
 *  3. every other leaf touched lies wholly inside the range: clear them,
 *     drop tables wholly inside, unlink tables that emptied;
 *  4. one flush; then the parts of step 2 outside the range are mapped again.
 * Unlinked tables go back to the allocator only after that flush.
 */
#include "pt_internal.h"

#include <errno.h>
#include <string.h>

/*
 * Tables an unmap's edge needs, from the tables as they are: a private copy
 * of a shared table the range cuts, and one new table per level below a
 * block the range cuts (none for a contiguous run: its table stays).
 */
static size_t edge_need(const struct pt *pt, uint64_t a, uint64_t va, uint64_t end)
{
	const pte_t *tbl = pt->root;
	size_t n = 0;

	for (unsigned level = pt->start_level;; level++) {
		unsigned shift = level_shift(pt, level);
		uint64_t bs = a & ~((1ull << shift) - 1), be = bs + (1ull << shift);
		pte_t e = tbl[level_index(pt, level, a)];
		bool cut = bs < va || be > end;

		if (!(e & PTE_VALID))
			return n;
		if (!pte_is_table(e, level))
			return n + (cut ? PT_LAST_LEVEL - level : 0);
		tbl = table_va(pt, e);
		n += cut && pt_shared_find(pt, tbl) >= 0;
	}
}

size_t pt_unmap_need(const struct pt *pt, uint64_t va, uint64_t end)
{
	return edge_need(pt, va, va, end) + edge_need(pt, end - 1, va, end);
}

/* Unlink accounting for a whole table: the bytes its leaves mapped. */
uint64_t pt_drop_table(struct pt_ctx *c, pte_t *tbl, unsigned level, bool now)
{
	struct pt *pt = c->pt;
	unsigned shift = level_shift(pt, level), n = level_entries(pt, level);
	int slot = pt_shared_find(pt, tbl);
	uint64_t bytes = 0;

	if (slot >= 0) {
		/* Still linked from elsewhere: one reference less, nothing freed. */
		pt_shared_put(pt, slot);
		return (uint64_t)n << shift;
	}
	if (level == PT_LAST_LEVEL) {
		for (unsigned k = 0; k < n; k++)
			bytes += tbl[k] & PTE_VALID;
		bytes <<= shift;
	} else {
		for (unsigned k = 0; k < n; k++) {
			pte_t e = tbl[k];

			if (!(e & PTE_VALID))
				continue;
			if (pte_is_table(e, level))
				bytes += pt_drop_table(c, table_va(pt, e), level + 1, now);
			else
				bytes += 1ull << shift;
		}
	}
	if (now)
		pt_table_free_now(pt, tbl, level);
	else
		pt_defer_free(c, tbl, level);
	return bytes;
}

/* Step 1: give a shared leaf table that the range covers only in part its own copy. */
static void unshare_edge(struct pt_ctx *c, uint64_t a, uint64_t va, uint64_t end)
{
	struct pt *pt = c->pt;
	pte_t *tbl = pt->root;

	for (unsigned level = pt->start_level; level < PT_LAST_LEVEL; level++) {
		unsigned i = level_index(pt, level, a), shift = level_shift(pt, level);
		uint64_t cs = a & ~((1ull << shift) - 1), ce = cs + (1ull << shift);
		pte_t e = tbl[i];
		pte_t *child, *copy;
		int slot;

		if (!(e & PTE_VALID) || !pte_is_table(e, level))
			return;
		child = table_va(pt, e);
		slot = pt_shared_find(pt, child);
		if (slot < 0) {
			tbl = child;
			continue;
		}
		if (cs >= va && ce <= end)
			return;
		copy = pt_table_new(c, level + 1);
		if (!copy) {
			c->err = -ENOMEM;
			return;
		}
		memcpy(copy, child, pt->table_size);
		pt_clean(pt, copy, pt->table_size);
		/*
		 * Swapping one table pointer for another with identical contents
		 * needs no break-before-make: every address resolves to the same
		 * leaf through either, and the old table stays allocated (still
		 * shared). A walk cache may keep using the old one for the part
		 * unmapped below, so the final flush covers walk caches too.
		 */
		tbl[i] = table_desc(pt, copy);
		pt_clean(pt, &tbl[i], sizeof(pte_t));
		pt_shared_put(pt, slot);
		pt_gather_add(c, cs > va ? cs : va, ce < end ? ce : end, pt->cfg.granule, true);
		return;
	}
}

/* A leaf (block, or contiguous run of pages) that the range cuts. */
struct cut {
	pte_t *tbl;
	unsigned level, i0, n;
	uint64_t bs, be, oa;
	pte_t attrs;
};

static bool find_cut(const struct pt *pt, uint64_t a, uint64_t va, uint64_t end, struct cut *k)
{
	pte_t *tbl = pt->root;
	unsigned level = pt->start_level;

	for (;;) {
		unsigned shift = level_shift(pt, level), i = level_index(pt, level, a);
		uint64_t sz = 1ull << shift;
		pte_t e = tbl[i];

		if (!(e & PTE_VALID))
			return false;
		if (pte_is_table(e, level)) {
			tbl = table_va(pt, e);
			level++;
			continue;
		}
		k->i0 = i;
		k->n = 1;
		if (level == PT_LAST_LEVEL && (e & PTE_CONT)) {
			k->n = contig_entries(pt);
			k->i0 = i & ~(k->n - 1);
			sz <<= __builtin_ctz(k->n);
		}
		k->bs = a & ~(sz - 1);
		k->be = k->bs + sz;
		if (k->bs >= va && k->be <= end)
			return false;
		k->tbl = tbl;
		k->level = level;
		k->oa = leaf_oa(tbl[k->i0], shift);
		k->attrs = e & PTE_ATTR_MASK;
		return true;
	}
}

/* After the flush: map the parts of a cut leaf outside the range again. */
static void remap_outside(struct pt_ctx *c, const struct cut *k, uint64_t va, uint64_t end)
{
	struct pt *pt = c->pt;
	struct pt_mapspec m = {
		.attrs = k->attrs,
		.maxblk = (k->be - k->bs) / 2,
		.minblk = pt->cfg.granule,
	};

	if (k->bs < va)
		pt_map_range(c, k->tbl, k->level, k->bs, va, k->oa, &m);
	if (k->be > end)
		pt_map_range(c, k->tbl, k->level, end, k->be, k->oa + (end - k->bs), &m);
}

static int find_cuts(const struct pt *pt, uint64_t va, uint64_t end, struct cut k[2])
{
	int n = find_cut(pt, va, va, end, &k[0]) ? 1 : 0;

	if (find_cut(pt, end - 1, va, end, &k[n]) &&
	    !(n == 1 && k[1].tbl == k[0].tbl && k[1].i0 == k[0].i0))
		n++;
	return n;
}

/* Invalidate a cut leaf whole; the bytes of it inside the range. */
static uint64_t invalidate_cut(struct pt_ctx *c, const struct cut *k, uint64_t va, uint64_t end)
{
	struct pt *pt = c->pt;

	memset(k->tbl + k->i0, 0, k->n * sizeof(pte_t));
	pt_clean(pt, k->tbl + k->i0, k->n * sizeof(pte_t));
	pt_gather_add(c, k->bs, k->be, (size_t)1 << level_shift(pt, k->level), false);
	return (k->be < end ? k->be : end) - (k->bs > va ? k->bs : va);
}

/* Clear n last-level entries from index i (cleaned when any was valid); how many were. */
uint64_t pt_clear_leaves(const struct pt *pt, pte_t *tbl, unsigned i, unsigned n)
{
	uint64_t count = 0;

	for (unsigned k = 0; k < n; k++) {
		count += tbl[i + k] & PTE_VALID;
		tbl[i + k] = 0;
	}
	if (count)
		pt_clean(pt, tbl + i, n * sizeof(pte_t));
	return count;
}

/* Step 3. */
static uint64_t unmap_level(struct pt_ctx *c, pte_t *tbl, unsigned level, uint64_t va,
			    uint64_t end)
{
	struct pt *pt = c->pt;
	unsigned shift = level_shift(pt, level);
	uint64_t sz = 1ull << shift, bytes = 0;
	unsigned i = level_index(pt, level, va), first = i;
	bool dirty = false;

	if (level == PT_LAST_LEVEL) {
		bytes = pt_clear_leaves(pt, tbl, i, (unsigned)((end - va) >> shift));
		if (bytes)
			pt_gather_add(c, va, end, sz, false);
		return bytes << shift;
	}
	while (va < end) {
		uint64_t next = (va | (sz - 1)) + 1, stop = next < end ? next : end;
		pte_t e = tbl[i];

		if (!(e & PTE_VALID)) {
			/* nothing here */
		} else if (!pte_is_table(e, level)) {
			tbl[i] = 0;
			dirty = true;
			bytes += sz;
			pt_gather_add(c, va, next, sz, false);
		} else if (!(va & (sz - 1)) && next <= end) {
			tbl[i] = 0;
			dirty = true;
			bytes += pt_drop_table(c, table_va(pt, e), level + 1, false);
			pt_gather_add(c, va, next, pt->cfg.granule, true);
		} else {
			pte_t *child = table_va(pt, e);

			bytes += unmap_level(c, child, level + 1, va, stop);
			/* A table holding a cut leaf stays: its outside parts come back. */
			if (pt_table_empty(pt, child, level + 1) && child != c->keep[0] &&
			    child != c->keep[1]) {
				tbl[i] = 0;
				dirty = true;
				pt_defer_free(c, child, level + 1);
				pt_gather_add(c, va, stop, pt->cfg.granule, true);
			}
		}
		va = stop;
		i++;
	}
	if (dirty)
		pt_clean(pt, tbl + first, (size_t)(i - first) * sizeof(pte_t));
	return bytes;
}

/*
 * Break-before-make (Arm DDI 0487 D8.16.1) for a block becoming a table or a
 * contiguous run losing its hint: the cut leaves are made invalid together
 * with everything inside the range, that one flush completes, and only then
 * are the parts outside the range written back. Their tables were reserved
 * at prepare, so this cannot stop half way.
 */
uint64_t pt_unmap_range(struct pt_ctx *c, uint64_t va, uint64_t end)
{
	struct pt *pt = c->pt;
	struct cut k[2];
	uint64_t bytes = 0;
	int n, ret;

	unshare_edge(c, va, va, end);
	unshare_edge(c, end - 1, va, end);
	n = find_cuts(pt, va, end, k);
	for (int j = 0; j < n; j++) {
		bytes += invalidate_cut(c, &k[j], va, end);
		c->keep[j] = k[j].tbl;
	}
	bytes += unmap_level(c, pt->root, pt->start_level, va, end);
	if (!n)
		return bytes;
	ret = pt_flush_gathered(c);
	if (ret)
		c->err = ret;
	c->gathered = false;
	for (int j = 0; j < n; j++)
		remap_outside(c, &k[j], va, end);
	return bytes;
}
