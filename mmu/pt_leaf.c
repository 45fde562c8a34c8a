/* SPDX-License-Identifier: MIT */
/* Leaf writers: runs of leaves inside one table. */
#include "pt_leaf.h"

static void fill(pte_t *p, unsigned n, pte_t pte, uint64_t step)
{
	for (unsigned k = 0; k < n; k++, pte += step)
		pte_write(&p[k], pte);
}

void pt_write_leaves(const struct pt *pt, pte_t *tbl, unsigned level, unsigned i, unsigned n,
		     uint64_t va, uint64_t pa, const struct pt_mapspec *m)
{
	uint64_t sz = level_span(pt, level);
	pte_t pte = pa | m->attrs | pt_leaf_type(pt, level);
	unsigned cn = level == PT_LAST_LEVEL ? pt->cont_entries : 0;
	unsigned end = i + n, g0, g1;

	if (m->repeat) {
		fill(tbl + i, n, pte, 0);
		return;
	}
	/* Arm DDI 0487 D8.6.1 (DDI 0406C.c B3.6.2 for ARMv7): the hint needs cn
	 * entries, aligned in IOVA and OA, of one region with one set of
	 * attributes. */
	g0 = cn ? (i + cn - 1) & ~(cn - 1) : end;
	g1 = cn ? end & ~(cn - 1) : end;
	if (g0 >= g1 || ((va ^ pa) & (((uint64_t)cn << level_shift(pt, level)) - 1))) {
		fill(tbl + i, n, pte, sz);
		return;
	}
	fill(tbl + i, g0 - i, pte, sz);
	fill(tbl + g0, g1 - g0, (pte + (g0 - i) * sz) | pt->cont_bit, sz);
	fill(tbl + g1, end - g1, pte + (g1 - i) * sz, sz);
}

unsigned pt_clear_leaves(const struct pt *pt, pte_t *tbl, unsigned i, unsigned n)
{
	unsigned count = 0;

	for (unsigned k = 0; k < n; k++) {
		count += (unsigned)(tbl[i + k] & PTE_VALID);
		pte_write(&tbl[i + k], 0);
	}
	if (count)
		pt_clean(pt, tbl + i, n * sizeof(pte_t));
	return count;
}

bool pt_leaves_busy(const pte_t *tbl, unsigned i, unsigned n)
{
	for (unsigned k = 0; k < n; k++)
		if (tbl[i + k] & PTE_VALID)
			return true;
	return false;
}
