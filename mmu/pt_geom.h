/* SPDX-License-Identifier: MIT */
/*
 * The bottom layer of the core (not for callers): geometry, the descriptor
 * structure every long-descriptor format shares, and the one walk primitive
 * (walk to a level along an address; iterate the entries a range touches).
 *
 * Levels are absolute VMSA levels 0..3; a table at level L holds entries that
 * each map 1 << level_shift(L) bytes. Leaves live at level 3 (pages) or, where
 * the granule allows, at levels 1..2 (blocks).
 *
 * Descriptor structure, common to AArch64 stage 1 (Arm DDI 0487 D8.3), ARMv7
 * LPAE (DDI 0406C.c B3.6.1) and Mali LPAE (Linux io-pgtable-arm.c): bit 0
 * valid; bits[1:0] 0b11 a table at levels 0..2 (a page at level 3 on the
 * stage-1 formats), 0b01 a block; the next-level table or output address in
 * bits [47:12]. Attribute bits are the formats' (mmu/format.c only).
 */
#ifndef GPUMMU_MMU_PT_GEOM_H
#define GPUMMU_MMU_PT_GEOM_H

#include "bits.h"
#include "check.h"
#include "pgtable.h"

typedef uint64_t pte_t;

#define PT_LAST_LEVEL 3

#define PTE_VALID      BIT(0)
#define PTE_TYPE_MASK  GENMASK(1, 0)
#define PTE_TYPE_BLOCK 1ull        /* block, and Mali LPAE's last-level page */
#define PTE_TYPE_TABLE 3ull        /* table at levels 0..2, page at level 3 */
#define PTE_ADDR_MASK  GENMASK(47, 12)

/*
 * Host tests build with PT_DEBUG: every use of the remembered walk is
 * checked against a fresh one, and the tree's invariants at each edit.
 */
#ifndef PT_DEBUG
#define PT_DEBUG 0
#endif

/*
 * Every write of a descriptor a walker may read is one 64-bit store: a torn
 * write (two 32-bit halves) could be walked half done, e.g. a new address
 * with the old valid bit. AArch64: an aligned doubleword STR (or each
 * register of an STP) is single-copy atomic (Arm DDI 0487 B2.2.1). ARMv7
 * with LPAE: only an aligned LDRD/STRD is (DDI 0406C.c A3.5.3), and C gives
 * no such promise, so the 32-bit build says STRD itself.
 */
static inline void pte_write(pte_t *p, pte_t v)
{
#if defined(__arm__)
	__asm__ volatile("strd %1, %H1, [%0]" : : "r"(p), "r"(v) : "memory");
#else
	*p = v;
#endif
}

static inline unsigned level_shift(const struct pt *pt, unsigned level)
{
	return pt->lvl_shift[level];
}

static inline uint64_t level_span(const struct pt *pt, unsigned level)
{
	return 1ull << pt->lvl_shift[level];
}

static inline unsigned level_entries(const struct pt *pt, unsigned level)
{
	return pt->lvl_mask[level] + 1;
}

static inline unsigned level_index(const struct pt *pt, unsigned level, uint64_t va)
{
	return (unsigned)(va >> pt->lvl_shift[level]) & pt->lvl_mask[level];
}

/* Can a leaf (block or page) live at this level? 52-bit-only blocks are out of scope. */
static inline bool level_has_leaves(const struct pt *pt, unsigned level)
{
	if (level == PT_LAST_LEVEL || level == 2)
		return true;
	return level == 1 && pt->granule_shift == 12;
}

/* A valid table descriptor (levels 0..2 only hold tables). */
static inline bool pte_is_table(pte_t e, unsigned level)
{
	return level < PT_LAST_LEVEL && (e & PTE_TYPE_MASK) == PTE_TYPE_TABLE;
}

static inline bool pte_is_leaf(pte_t e, unsigned level)
{
	return (e & PTE_VALID) && !pte_is_table(e, level);
}

static inline pte_t *table_va(const struct pt *pt, pte_t e)
{
	return (pte_t *)(uintptr_t)((int64_t)(e & PTE_ADDR_MASK) - pt->cfg.pa_offset);
}

static inline uint64_t table_pa(const struct pt *pt, const void *va)
{
	return (uint64_t)((int64_t)(uintptr_t)va + pt->cfg.pa_offset);
}

static inline uint64_t leaf_oa(pte_t e, unsigned shift)
{
	return e & PTE_ADDR_MASK & ~((1ull << shift) - 1);
}

/* No valid entry left? Tables hold a multiple of 8 entries (the root too: >= 64 bytes). */
static inline bool table_empty(const struct pt *pt, const pte_t *t, unsigned level)
{
	unsigned n = level_entries(pt, level);

	for (unsigned k = 0; k < n; k += 8)
		if ((t[k] | t[k + 1] | t[k + 2] | t[k + 3] | t[k + 4] | t[k + 5] | t[k + 6] |
		     t[k + 7]) & PTE_VALID)
			return false;
	return true;
}

/* ---- the walk primitive ------------------------------------------------ */

/* The tables one walk passed through, per absolute level, and the entry it
 * stopped at. */
struct pt_path {
	pte_t *tbl[PT_MAX_LEVELS];
	pte_t e;                /* the entry for va in the last table reached */
};

/*
 * Walk from the root along va until the table at level `to` is reached or
 * an entry is not a table (invalid, or a leaf). Returns the level of the
 * last table reached; path->tbl[start_level .. that level] are filled and
 * path->e is that table's entry for va.
 */
/* One step of pt_walk at level l: false when the walk stops there. */
static inline bool pt_walk_step(const struct pt *pt, pte_t **tbl, unsigned l, uint64_t va,
				unsigned to, struct pt_path *p)
{
	pte_t e = (*tbl)[level_index(pt, l, va)];

	p->tbl[l] = *tbl;
	p->e = e;
	if (l == to || !pte_is_table(e, l))
		return false;
	*tbl = table_va(pt, e);
	return true;
}

static inline unsigned pt_walk(const struct pt *pt, uint64_t va, unsigned to, struct pt_path *p)
{
	pte_t *tbl = pt->root;
	unsigned l = pt->start_level;

	/* Unrolled (at most four steps, each with its level a constant): the
	 * walk is the whole cost of a lookup. Four-level tables first. */
	if (__builtin_expect(l == 0, 1) && !pt_walk_step(pt, &tbl, 0, va, to, p))
		return 0;
	if (l <= 1 && !pt_walk_step(pt, &tbl, 1, va, to, p))
		return 1;
	if (l <= 2 && !pt_walk_step(pt, &tbl, 2, va, to, p))
		return 2;
	p->tbl[PT_LAST_LEVEL] = tbl;
	p->e = tbl[level_index(pt, PT_LAST_LEVEL, va)];
	return PT_LAST_LEVEL;
}

/* The entry for va in a table at level. */
static inline pte_t *pt_slot(const struct pt *pt, pte_t *tbl, unsigned level, uint64_t va)
{
	return &tbl[level_index(pt, level, va)];
}

/*
 * The entries of one table that a range touches, in order:
 *	for (pt_iter_start(&it, pt, level, va, end); it.va < it.end; pt_iter_next(&it))
 * it.i is the entry's index, [it.va, it.stop) the range's part of its span,
 * it.whole whether that part is the whole span. The range must lie inside
 * the table's span.
 */
struct pt_iter {
	uint64_t va, stop, end;
	uint64_t span;
	unsigned i;
	bool whole;
};

static inline void pt_iter_at(struct pt_iter *it)
{
	uint64_t next = (it->va | (it->span - 1)) + 1;

	it->stop = next < it->end ? next : it->end;
	it->whole = !(it->va & (it->span - 1)) && next <= it->end;
}

static inline void pt_iter_start(struct pt_iter *it, const struct pt *pt, unsigned level,
				 uint64_t va, uint64_t end)
{
	it->va = va;
	it->end = end;
	it->span = level_span(pt, level);
	it->i = level_index(pt, level, va);
	pt_iter_at(it);
}

static inline void pt_iter_next(struct pt_iter *it)
{
	it->va = it->stop;
	it->i++;
	pt_iter_at(it);
}

/* Skip n whole entries from the current one (the caller wrote them as a run). */
static inline void pt_iter_skip(struct pt_iter *it, unsigned n)
{
	it->va += (uint64_t)n * it->span;
	it->i += n;
	pt_iter_at(it);
}

#endif
