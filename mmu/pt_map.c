/* SPDX-License-Identifier: MIT */
/*
 * Mapping: the overlap check that runs before anything is written, the
 * worst-case table count a map is reserved for, and the writer itself.
 *
 * Invariant relied on throughout: every table other than the root holds at
 * least one valid entry (unmap frees a table the moment it empties). So a
 * table entry whose whole span lies inside a range means something in that
 * range is mapped, without looking further.
 */
#include "pt_internal.h"

#include <errno.h>

bool pt_range_busy(const struct pt *pt, const pte_t *tbl, unsigned level, uint64_t va,
		   uint64_t end)
{
	unsigned shift = level_shift(pt, level);
	uint64_t sz = 1ull << shift;
	unsigned i = level_index(pt, level, va);

	while (va < end) {
		uint64_t next = (va | (sz - 1)) + 1, stop = next < end ? next : end;
		pte_t e = tbl[i++];

		if (e & PTE_VALID) {
			if (!pte_is_table(e, level) || (!(va & (sz - 1)) && next <= end))
				return true;
			if (pt_range_busy(pt, table_va(pt, e), level + 1, va, stop))
				return true;
		}
		va = stop;
	}
	return false;
}

static bool leaves_fit(const struct pt *pt, unsigned level, uint64_t sz, uint64_t va, uint64_t pa,
		       const struct pt_mapspec *m)
{
	if (!level_has_leaves(pt, level) || sz > m->maxblk || sz < m->minblk)
		return false;
	return m->repeat || !((va ^ pa) & (sz - 1));
}

/* The leaves a map op may use: exactly pgsize, or (pgsize 0) any size from
 * the granule up. attrs is left to the caller. */
struct pt_mapspec pt_op_mapspec(const struct pt *pt, const struct pt_op *op)
{
	return (struct pt_mapspec){
		.maxblk = op->pgsize ? op->pgsize : 1ull << level_shift(pt, pt->start_level),
		.minblk = op->pgsize ? op->pgsize : pt->cfg.granule,
		.repeat = op->kind == PT_OP_MAP_REPEAT,
	};
}

/*
 * Tables a map can need, whatever is mapped already: per level, one child
 * table for each entry the range touches that cannot be a leaf. Counted as
 * if nothing existed, so the figure holds until commit even if other
 * operations run in between.
 */
size_t pt_map_worst_tables(const struct pt *pt, const struct pt_op *op, bool share)
{
	struct pt_mapspec m = pt_op_mapspec(pt, op);
	uint64_t va = op->iova, end = op->iova + op->size, n = 0;

	for (unsigned l = pt->start_level; l < PT_LAST_LEVEL; l++) {
		unsigned shift = level_shift(pt, l);
		uint64_t sz = 1ull << shift;
		uint64_t touched = ((end - 1) >> shift) - (va >> shift) + 1;
		uint64_t fa = (va + sz - 1) >> shift, fb = end >> shift;
		uint64_t full = fb > fa ? fb - fa : 0;

		if (leaves_fit(pt, l, sz, va, op->pa, &m))
			n += touched - full;
		else if (share && (sz >> pt->bits_per_level) == op->pgsize)
			n += touched - full + (full ? 1 : 0); /* one leaf table for all full spans */
		else
			n += touched;
		if (n > SIZE_MAX / 2)
			return SIZE_MAX / 2;
	}
	return (size_t)n;
}

static void fill(pte_t *p, unsigned n, pte_t pte, uint64_t step)
{
	for (unsigned k = 0; k < n; k++, pte += step)
		p[k] = pte;
}

/* n leaves from index i; the contiguous hint on every aligned run inside. */
void pt_write_leaves(const struct pt *pt, pte_t *tbl, unsigned level, unsigned i, unsigned n,
			 uint64_t va, uint64_t pa, const struct pt_mapspec *m)
{
	unsigned shift = level_shift(pt, level);
	uint64_t sz = 1ull << shift;
	pte_t pte = pa | m->attrs | leaf_type(pt, level);
	unsigned cn = level == PT_LAST_LEVEL ? contig_entries(pt) : 0;
	unsigned end = i + n, g0, g1;

	if (m->repeat) {
		fill(tbl + i, n, pte, 0);
		return;
	}
	/* D8.6.1: the hint needs cn entries, aligned in IOVA and OA, one region. */
	g0 = cn ? (i + cn - 1) & ~(cn - 1) : end;
	g1 = cn ? end & ~(cn - 1) : end;
	if (g0 >= g1 || ((va ^ pa) & (((uint64_t)cn << shift) - 1))) {
		fill(tbl + i, n, pte, sz);
		return;
	}
	fill(tbl + i, g0 - i, pte, sz);
	fill(tbl + g0, g1 - g0, (pte + (g0 - i) * sz) | PTE_CONT, sz);
	fill(tbl + g1, end - g1, pte + (g1 - i) * sz, sz);
}

/* map_repeat: one leaf table full of the repeated page, linked from many parents. */
static pte_t *shared_leaf_table(struct pt_ctx *c, unsigned level, uint64_t pa,
				const struct pt_mapspec *m)
{
	struct pt *pt = c->pt;
	pte_t *t = c->shared_tbl;

	if (t)
		return t;
	t = pt_table_new(c, level);
	if (!t)
		return NULL;
	fill(t, level_entries(pt, level), pa | m->attrs | leaf_type(pt, level), 0);
	pt_clean(pt, t, pt->table_size);
	c->shared_tbl = t;
	return t;
}

static pte_t *new_child(struct pt_ctx *c, unsigned level, uint64_t va, uint64_t stop,
			uint64_t pa, const struct pt_mapspec *m, bool whole)
{
	struct pt *pt = c->pt;
	pte_t *child;

	if (whole && m->repeat && c->share_ok &&
	    1ull << level_shift(pt, level) == m->maxblk) {
		child = shared_leaf_table(c, level, pa, m);
		if (child)
			c->shared_refs++;
		return child;
	}
	child = pt_table_new(c, level);
	if (!child)
		return NULL;
	pt_map_range(c, child, level, va, stop, pa, m);
	/* Clean the whole new table before the descriptor that links it exists. */
	pt_clean(pt, child, pt->table_size);
	return child;
}

void pt_map_range(struct pt_ctx *c, pte_t *tbl, unsigned level, uint64_t va, uint64_t end,
		  uint64_t pa, const struct pt_mapspec *m)
{
	struct pt *pt = c->pt;
	unsigned shift = level_shift(pt, level), entries = level_entries(pt, level);
	uint64_t sz = 1ull << shift;
	unsigned i = level_index(pt, level, va), first = i;
	bool leaves = leaves_fit(pt, level, sz, va, pa, m);

	while (va < end) {
		uint64_t next = (va | (sz - 1)) + 1, stop = next < end ? next : end;
		bool whole = !(va & (sz - 1)) && next <= end;
		pte_t e;

		if (leaves && whole) {
			uint64_t left = (end - va) >> shift;
			unsigned n = left < entries - i ? (unsigned)left : entries - i;

			pt_write_leaves(pt, tbl, level, i, n, va, pa, m);
			i += n;
			va += (uint64_t)n << shift;
			pa += m->repeat ? 0 : (uint64_t)n << shift;
			continue;
		}
		e = tbl[i];
		if (e & PTE_VALID) {
			pt_map_range(c, table_va(pt, e), level + 1, va, stop, pa, m);
		} else {
			pte_t *child = new_child(c, level + 1, va, stop, pa, m, whole);

			if (!child) {
				c->err = -ENOMEM;
				break;
			}
			tbl[i] = table_desc(pt, child);
		}
		pa += m->repeat ? 0 : stop - va;
		va = stop;
		i++;
	}
	pt_clean(pt, tbl + first, (size_t)(i - first) * sizeof(pte_t));
}
