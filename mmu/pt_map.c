/* SPDX-License-Identifier: MIT */
/*
 * Mapping: the overlap check that runs before anything is written, the
 * worst-case table count a map is reserved for, and the writer itself.
 *
 * Invariant relied on throughout: every table other than the root holds at
 * least one valid entry between operations (unmap unlinks a table the moment
 * it empties). So a table entry whose whole span lies inside a range means
 * something in that range is mapped, without looking further.
 */
#include "pt_edit.h"

static bool busy_below(const struct pt *pt, const pte_t *tbl, unsigned level, uint64_t va,
		       uint64_t end)
{
	struct pt_iter it;

	if (level == PT_LAST_LEVEL)
		return pt_leaves_busy(tbl, level_index(pt, level, va),
				      (unsigned)((end - va) >> level_shift(pt, level)));
	for (pt_iter_start(&it, pt, level, va, end); it.va < it.end; pt_iter_next(&it)) {
		pte_t e = tbl[it.i];

		if (!(e & PTE_VALID))
			continue;
		if (!pte_is_table(e, level) || it.whole)
			return true;
		if (busy_below(pt, table_va(pt, e), level + 1, it.va, it.stop))
			return true;
	}
	return false;
}

bool pt_range_busy(const struct pt *pt, uint64_t va, uint64_t end)
{
	return busy_below(pt, pt->root, pt->start_level, va, end);
}

struct pt_mapspec pt_op_mapspec(const struct pt *pt, const struct pt_op *op)
{
	return (struct pt_mapspec){
		.maxblk = op->pgsize ? op->pgsize : level_span(pt, pt->start_level),
		.minblk = op->pgsize ? op->pgsize : pt->cfg.granule,
		.repeat = op->kind == PT_OP_MAP_REPEAT,
	};
}

/* May [va, ...) -> pa be leaves of this level (va, pa congruent mod the
 * leaf size: the same for every part of one map)? */
static bool leaves_fit(const struct pt *pt, unsigned level, uint64_t va, uint64_t pa,
		       const struct pt_mapspec *m)
{
	uint64_t sz = level_span(pt, level);

	if (!level_has_leaves(pt, level) || sz > m->maxblk || sz < m->minblk)
		return false;
	return m->repeat || !((va ^ pa) & (sz - 1));
}

/*
 * Tables needed below level for [va, end): where leaves fit, only the
 * partial entries at the two ends need a table, and below those only their
 * own parts; where they do not, every entry touched needs one. Counted as if
 * nothing were mapped; at most two branches per level, so this is short.
 */
static uint64_t worst_below(const struct pt *pt, const struct pt_op *op,
			    const struct pt_mapspec *m, bool share, unsigned level, uint64_t va,
			    uint64_t end)
{
	unsigned shift = level_shift(pt, level);
	uint64_t sz = 1ull << shift, touched, head_end, tail_start;
	bool head_cut, tail_cut;
	uint64_t n = 0;

	if (level == PT_LAST_LEVEL || va >= end)
		return 0;
	touched = ((end - 1) >> shift) - (va >> shift) + 1;
	head_end = (va | (sz - 1)) + 1 < end ? (va | (sz - 1)) + 1 : end;
	tail_start = (end & ~(sz - 1)) > va ? end & ~(sz - 1) : va;
	head_cut = (va & (sz - 1)) || head_end - va < sz;
	tail_cut = touched > 1 && (end & (sz - 1));
	if (leaves_fit(pt, level, op->iova, op->pa, m)) {
		if (head_cut)
			n += 1 + worst_below(pt, op, m, share, level + 1, va, head_end);
		if (tail_cut)
			n += 1 + worst_below(pt, op, m, share, level + 1, tail_start, end);
		return n;
	}
	/* map_repeat: every whole entry links the one shared leaf table. */
	if (share && (sz >> pt->bits_per_level) == op->pgsize) {
		n = (uint64_t)head_cut + tail_cut;
		return n + (touched > n ? 1 : 0);
	}
	return touched + worst_below(pt, op, m, share, level + 1, va, end);
}

size_t pt_map_worst(const struct pt *pt, const struct pt_op *op, bool share)
{
	struct pt_mapspec m = pt_op_mapspec(pt, op);
	uint64_t n = worst_below(pt, op, &m, share, pt->start_level, op->iova, op->iova + op->size);

	return n > SIZE_MAX / 2 ? SIZE_MAX / 2 : (size_t)n; /* beyond any pool: -ENOMEM */
}

/* map_repeat: one leaf table full of the repeated leaf, linked from many parents. */
static pte_t *shared_leaf_table(struct pt_ctx *c, unsigned level, uint64_t pa,
				const struct pt_mapspec *m)
{
	struct pt *pt = c->pt;

	if (!c->shared_tbl) {
		c->shared_tbl = pt_table_new(c, level, true);
		pt_write_leaves(pt, c->shared_tbl, level, 0, level_entries(pt, level), 0, pa, m);
		if (PT_DEBUG)
			pt_table_check_full(pt, c->shared_tbl);
		pt_clean(pt, c->shared_tbl, pt->table_size);
	}
	c->shared_refs++;
	return c->shared_tbl;
}

/* A new table for the invalid entry slot (at level) over [va, stop), filled,
 * then cleaned whole (its zeroed entries included), then linked. */
static void map_new_table(struct pt_ctx *c, pte_t *slot, unsigned level, uint64_t va,
			  uint64_t stop, uint64_t pa, const struct pt_mapspec *m, bool whole)
{
	struct pt *pt = c->pt;
	unsigned cl = level + 1;
	pte_t *child;

	if (whole && m->repeat && c->share_ok && level_span(pt, cl) == m->maxblk) {
		child = shared_leaf_table(c, cl, pa, m);
	} else {
		/* Filled whole with leaves: no need to zero it first. */
		bool full = whole && leaves_fit(pt, cl, va, pa, m);

		child = pt_table_new(c, cl, full);
		pt_map_range(c, child, cl, va, stop, pa, m);
		if (PT_DEBUG && full)
			pt_table_check_full(pt, child);
		pt_clean(pt, child, pt->table_size);
	}
	pt_link(c, slot, level, child);
}

void pt_map_range(struct pt_ctx *c, pte_t *tbl, unsigned level, uint64_t va, uint64_t end,
		  uint64_t pa, const struct pt_mapspec *m)
{
	struct pt *pt = c->pt;
	unsigned shift = level_shift(pt, level), entries = level_entries(pt, level);
	bool leaves = leaves_fit(pt, level, va, pa, m);
	struct pt_iter it;

	for (pt_iter_start(&it, pt, level, va, end); it.va < it.end;) {
		pte_t *slot = &tbl[it.i];

		if (leaves && it.whole) {
			uint64_t left = (end - it.va) >> shift;
			unsigned n = left < entries - it.i ? (unsigned)left : entries - it.i;

			if (PT_DEBUG)
				CHECK(!pt_leaves_busy(tbl, it.i, n), "map over valid entries");
			pt_write_leaves(pt, tbl, level, it.i, n, it.va, pa, m);
			pt_clean(pt, slot, n * sizeof(pte_t));
			pa += m->repeat ? 0 : (uint64_t)n << shift;
			pt_iter_skip(&it, n);
			continue;
		}
		if (*slot & PTE_VALID) {
			CHECK(pte_is_table(*slot, level), "map over a leaf");
			pt_map_range(c, table_va(pt, *slot), level + 1, it.va, it.stop, pa, m);
		} else {
			map_new_table(c, slot, level, it.va, it.stop, pa, m, it.whole);
		}
		pa += m->repeat ? 0 : it.stop - it.va;
		pt_iter_next(&it);
	}
}
