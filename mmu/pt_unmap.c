/* SPDX-License-Identifier: MIT */
/*
 * Unmapping, in this order:
 *  1. a shared (map_repeat) leaf table only partly inside the range gets a
 *     private copy (pt_unmap_unshare; the caller flushes before step 2 if
 *     one was made);
 *  2. a block or contiguous run only partly inside the range is made
 *     invalid whole (a cut);
 *  3. every other leaf touched lies wholly inside the range: clear them,
 *     unlink tables wholly inside (without reading their leaves) and tables
 *     that emptied;
 *  4. (the caller) one flush; then the cuts' parts outside the range are
 *     written back (pt_unmap_restore).
 * Break-before-make (Arm DDI 0487 D8.16.1, "Using break-before-make when
 * updating translation table entries"): a block becoming a table, or a run
 * losing its contiguous hint, is first made invalid and that invalidation
 * completes before the new entries exist. The tables that needs were
 * reserved at prepare, so the sequence cannot stop half way.
 */
#include "pt_edit.h"

#include <string.h>

/* The level of the shared table on the walk of a, or 0 (level 0 is never a child). */
static unsigned shared_on_path(const struct pt *pt, const struct pt_path *p, unsigned reached)
{
	for (unsigned l = pt->start_level + 1; l <= reached; l++)
		if (pt_shared_find(pt, p->tbl[l]) >= 0)
			return l;
	return 0;
}

static bool span_inside(uint64_t a, unsigned shift, uint64_t va, uint64_t end)
{
	uint64_t bs = a & ~((1ull << shift) - 1);

	return bs >= va && bs + (1ull << shift) <= end;
}

/* The leaf holding a that [va, end) cuts: false when a is unmapped or its
 * leaf (a block, or a whole contiguous run) lies inside the range. */
static bool find_cut(const struct pt *pt, uint64_t a, uint64_t va, uint64_t end,
		     struct pt_cut *k)
{
	struct pt_path p;
	unsigned level = pt_walk(pt, a, PT_LAST_LEVEL, &p), i = level_index(pt, level, a);
	unsigned shift = level_shift(pt, level);
	pte_t e = p.e;

	if (!(e & PTE_VALID))
		return false;
	k->i0 = i;
	k->n = 1;
	if (level == PT_LAST_LEVEL && (e & pt->cont_bit)) {
		k->n = pt->cont_entries;
		k->i0 = i & ~(k->n - 1);
		shift += (unsigned)__builtin_ctz(k->n);
	}
	if (span_inside(a, shift, va, end))
		return false;
	k->bs = a & ~((1ull << shift) - 1);
	k->be = k->bs + (1ull << shift);
	k->tbl = p.tbl[level];
	k->level = level;
	k->oa = leaf_oa(k->tbl[k->i0], level_shift(pt, level));
	k->attrs = pt_leaf_attrs(pt, e);
	return true;
}

/* Tables the edge at a needs: the private copy of a cut shared table, and
 * one table per level below a cut block (none for a contiguous run). */
static size_t edge_need(const struct pt *pt, uint64_t a, uint64_t va, uint64_t end)
{
	struct pt_path p;
	unsigned level = pt_walk(pt, a, PT_LAST_LEVEL, &p), sl = shared_on_path(pt, &p, level);
	struct pt_cut k;
	size_t n = 0;

	if (sl && !span_inside(a, level_shift(pt, sl - 1), va, end))
		n++;
	if (find_cut(pt, a, va, end, &k) && k.n == 1)
		n += PT_LAST_LEVEL - k.level;
	return n;
}

size_t pt_unmap_need(const struct pt *pt, uint64_t va, uint64_t end)
{
	return edge_need(pt, va, va, end) + edge_need(pt, end - 1, va, end);
}

/*
 * Whatever the tables hold: per edge, at most one private copy of a shared
 * table at some level l (it holds only leaves of level l) plus the split of a
 * cut leaf of level l down to the last level (3 - l tables); l is below the
 * root, so 1 + 3 - l <= levels - 1. A cut block that is not in a shared
 * table needs 3 - l < levels - 1.
 */
size_t pt_unmap_worst(const struct pt *pt)
{
	return 2 * (size_t)(pt->levels - 1);
}

/* Step 1 for the edge at a: true when a copy was made. */
static bool unshare_edge(struct pt_ctx *c, uint64_t a, uint64_t va, uint64_t end)
{
	struct pt *pt = c->pt;
	struct pt_path p;
	unsigned level = pt_walk(pt, a, PT_LAST_LEVEL, &p), sl = shared_on_path(pt, &p, level);
	unsigned shift;
	uint64_t cs, ce;
	pte_t *copy;

	if (!sl)
		return false;
	shift = level_shift(pt, sl - 1);
	if (span_inside(a, shift, va, end))
		return false; /* the whole shared span goes: one reference less, in step 3 */
	copy = pt_table_new(c, sl, true);
	memcpy(copy, p.tbl[sl], pt->table_size);
	pt_clean(pt, copy, pt->table_size);
	pt_repoint(c, pt_slot(pt, p.tbl[sl - 1], sl - 1, a), sl - 1, copy);
	/* A walk cache may still hold the old table for the part unmapped
	 * below: the flush covers walk caches there too. */
	cs = a & ~((1ull << shift) - 1);
	ce = cs + (1ull << shift);
	pt_gather_add(c, cs > va ? cs : va, ce < end ? ce : end, pt->cfg.granule, true);
	return true;
}

bool pt_unmap_unshare(struct pt_ctx *c, uint64_t va, uint64_t end)
{
	bool copied = unshare_edge(c, va, va, end);

	return unshare_edge(c, end - 1, va, end) || copied;
}

static void find_cuts(const struct pt *pt, uint64_t va, uint64_t end, struct pt_cuts *cuts)
{
	cuts->n = find_cut(pt, va, va, end, &cuts->k[0]) ? 1 : 0;
	if (find_cut(pt, end - 1, va, end, &cuts->k[cuts->n]) &&
	    !(cuts->n == 1 && cuts->k[1].tbl == cuts->k[0].tbl && cuts->k[1].i0 == cuts->k[0].i0))
		cuts->n++;
}

/* Step 2: invalidate a cut leaf whole; the bytes of it inside the range. */
static uint64_t invalidate_cut(struct pt_ctx *c, const struct pt_cut *k, uint64_t va,
			       uint64_t end)
{
	struct pt *pt = c->pt;

	pt_clear_leaves(pt, k->tbl, k->i0, k->n);
	pt_gather_add(c, k->bs, k->be, (size_t)level_span(pt, k->level), false);
	return (k->be < end ? k->be : end) - (k->bs > va ? k->bs : va);
}

/* Step 3 below tbl (a table at level). */
static uint64_t clear_below(struct pt_ctx *c, pte_t *tbl, unsigned level, uint64_t va,
			    uint64_t end)
{
	struct pt *pt = c->pt;
	uint64_t bytes = 0;
	struct pt_iter it;

	if (level == PT_LAST_LEVEL) {
		unsigned shift = level_shift(pt, level);
		unsigned n = pt_clear_leaves(pt, tbl, level_index(pt, level, va),
					     (unsigned)((end - va) >> shift));

		if (n)
			pt_gather_add(c, va, end, pt->cfg.granule, false);
		return (uint64_t)n << shift;
	}
	for (pt_iter_start(&it, pt, level, va, end); it.va < it.end; pt_iter_next(&it)) {
		pte_t *slot = &tbl[it.i], *child;

		if (!(*slot & PTE_VALID))
			continue;
		if (!pte_is_table(*slot, level)) {
			CHECK(it.whole, "a block the range cuts was not invalidated first");
			pt_clear_leaves(pt, tbl, it.i, 1);
			bytes += it.span;
			pt_gather_add(c, it.va, it.stop, it.span, false);
			continue;
		}
		if (it.whole) {
			pt_unlink(c, slot, level);
			bytes += it.span;
			pt_gather_add(c, it.va, it.stop, pt->cfg.granule, true);
			continue;
		}
		child = table_va(pt, *slot);
		bytes += clear_below(c, child, level + 1, it.va, it.stop);
		/* A table holding a cut leaf stays: its outside parts come back. */
		if (child != c->keep[0] && child != c->keep[1] && table_empty(pt, child, level + 1)) {
			pt_unlink(c, slot, level);
			pt_gather_add(c, it.va, it.stop, pt->cfg.granule, true);
		}
	}
	return bytes;
}

uint64_t pt_unmap_clear(struct pt_ctx *c, uint64_t va, uint64_t end, struct pt_cuts *cuts)
{
	struct pt *pt = c->pt;
	uint64_t bytes = 0;

	find_cuts(pt, va, end, cuts);
	c->keep[0] = c->keep[1] = NULL;
	for (int j = 0; j < cuts->n; j++) {
		bytes += invalidate_cut(c, &cuts->k[j], va, end);
		c->keep[j] = cuts->k[j].tbl;
	}
	return bytes + clear_below(c, pt->root, pt->start_level, va, end);
}

void pt_unmap_restore(struct pt_ctx *c, const struct pt_cuts *cuts, uint64_t va, uint64_t end)
{
	struct pt *pt = c->pt;

	for (int j = 0; j < cuts->n; j++) {
		const struct pt_cut *k = &cuts->k[j];
		struct pt_mapspec m = { .attrs = k->attrs, .maxblk = (k->be - k->bs) / 2,
					.minblk = pt->cfg.granule };

		if (k->bs < va)
			pt_map_range(c, k->tbl, k->level, k->bs, va, k->oa, &m);
		if (k->be > end)
			pt_map_range(c, k->tbl, k->level, end, k->be, k->oa + (end - k->bs), &m);
		/* A walker that caches invalid entries saw these invalid at the flush. */
		if (pt->cfg.flush_on_map)
			pt_gather_add(c, k->bs, k->be, pt->cfg.granule, false);
	}
}
