/* SPDX-License-Identifier: MIT */
/*
 * Table memory and the tree's shape: allocation through an op's reservation,
 * the lists of tables off duty, the shared-table registry, and link /
 * unlink / re-point, the only code that writes an entry above the last level.
 *
 * The remembered walk (pt->walk_tbl under pt->walk_key) caches the path from
 * the root to a level-2 table. Only entries above level 2 make up that path,
 * and every write to one is below, so each of those writes forgets the walk:
 * the cache is true by construction, not by each caller remembering to clear
 * it (issue 8: a private copy and a dropped reference used to re-point an
 * entry without forgetting, and the fast paths then edited another region's
 * table).
 */
#include "pt_table.h"

#include <errno.h>
#include <string.h>

#define PT_CACHE_LINE 64u
/* PT_DEBUG: what an unzeroed table holds until it is filled (invalid, so the
 * checks that nothing is overwritten still pass). */
#define PT_POISON 0x5a5a5a5a5a5a5a58ull /* smallest line the clean hook is given (coalescing unit) */

void *pt_mem_alloc(struct pt *pt, size_t size)
{
	if (pt->cfg.alloc)
		return pt->cfg.alloc->alloc(pt->cfg.alloc_cookie, size);
	return pool_alloc(pt->cfg.pool, size);
}

void pt_mem_free(struct pt *pt, void *va, size_t size)
{
	if (pt->cfg.alloc)
		pt->cfg.alloc->free(pt->cfg.alloc_cookie, va, size);
	else
		pool_free(pt->cfg.pool, va, size);
}

void pt_clean_lines(const struct pt *pt, const void *va, size_t size)
{
	uintptr_t lo, hi;

	if (!size)
		return;
	lo = (uintptr_t)va & ~(uintptr_t)(PT_CACHE_LINE - 1);
	hi = ((uintptr_t)va + size + PT_CACHE_LINE - 1) & ~(uintptr_t)(PT_CACHE_LINE - 1);
	pt->cfg.flush->cache_clean(pt->cfg.flush_cookie, (const void *)lo, hi - lo);
}

/*
 * Lists through entry 0. A table address has bit 0 clear, so a walker that
 * still reads entry 0 of a retired table before the flush sees an invalid
 * descriptor: a correct answer for an address being unmapped.
 */
static void list_push(void **head, void *t)
{
	pte_write(&((pte_t *)t)[0], (pte_t)(uintptr_t)*head);
	*head = t;
}

static pte_t *list_pop(void **head)
{
	pte_t *t = *head;

	if (t)
		*head = (void *)(uintptr_t)t[0];
	return t;
}

void pt_release_list(struct pt *pt, void **list)
{
	pte_t *t;

	while ((t = list_pop(list)))
		pt_mem_free(pt, t, pt->table_size);
}

void pt_park(struct pt *pt, void **list)
{
	pte_t *t;

	while ((t = list_pop(list)))
		list_push(&pt->quarantine, t);
}

/* ---- reservations -------------------------------------------------------- */

int pt_reserve(struct pt *pt, struct pt_op *op, size_t tables)
{
	memset(&op->resv, 0, sizeof(op->resv));
	op->hook_pages = NULL;
	if (!pt->cfg.alloc) {
		if (pt->table_size == POOL_PAGE_SIZE)
			return pool_reserve(pt->cfg.pool, &op->resv, tables);
		return pool_reserve_blocks(pt->cfg.pool, &op->resv, pt->table_size, tables);
	}
	for (size_t i = 0; i < tables; i++) {
		void *t = pt_mem_alloc(pt, pt->table_size);

		if (!t) {
			pt_release_list(pt, &op->hook_pages);
			return -ENOMEM;
		}
		list_push(&op->hook_pages, t);
	}
	return 0;
}

void pt_unreserve(struct pt *pt, struct pt_op *op)
{
	if (pt->cfg.alloc)
		pt_release_list(pt, &op->hook_pages);
	else
		pool_unreserve(&op->resv);
}

pte_t *pt_table_new(struct pt_ctx *c, unsigned level, bool full)
{
	struct pt *pt = c->pt;
	pte_t *t;

	if (pt->cfg.alloc)
		t = list_pop(&c->op->hook_pages);
	else if (full)
		t = pool_resv_alloc_raw(&c->op->resv, pt->table_size);
	else
		t = pool_resv_alloc(&c->op->resv, pt->table_size);
	CHECK(t, "a commit drew more tables than its prepare reserved");
	if (PT_DEBUG && full)
		for (size_t k = 0; k < pt->table_size / sizeof(pte_t); k++)
			t[k] = PT_POISON;
	else
		t[0] = 0; /* entry 0 carried the hook list */
	pt->st.tables[level - pt->start_level]++;
	pt->st.table_bytes += pt->table_size;
	return t;
}

void pt_table_check_full(const struct pt *pt, const pte_t *t)
{
	for (size_t k = 0; k < pt->table_size / sizeof(pte_t); k++)
		CHECK(t[k] != PT_POISON, "a table drawn unzeroed was not filled whole");
}

/* A table left the tree. */
static void table_gone(struct pt *pt, unsigned level)
{
	CHECK(pt->st.tables[level - pt->start_level] > 0, "table count below zero");
	pt->st.tables[level - pt->start_level]--;
	pt->st.table_bytes -= pt->table_size;
}

/* ---- shared tables ------------------------------------------------------- */

int pt_shared_lookup(const struct pt *pt, const void *table)
{
	for (int i = 0; i < PT_MAX_SHARED; i++)
		if (pt->shared[i].table == table)
			return i;
	return -1;
}

void pt_shared_publish(struct pt *pt, pte_t *table, uint32_t refs)
{
	CHECK(refs >= 2, "a shared table needs two parents");
	for (int i = 0; i < PT_MAX_SHARED; i++) {
		if (pt->shared[i].table)
			continue;
		pt->shared[i].table = table;
		pt->shared[i].refs = refs;
		pt->st.shared_tables++;
		return;
	}
	CHECK(0, "no shared-table slot although prepare reserved one");
}

/* One parent entry stopped pointing at a shared table; with one left it is private. */
static void shared_put(struct pt *pt, int slot)
{
	struct pt_shared *s = &pt->shared[slot];

	CHECK(s->refs >= 2, "shared table with fewer than two parents");
	if (--s->refs > 1)
		return;
	s->table = NULL;
	s->refs = 0;
	pt->st.shared_tables--;
}

/* ---- link, unlink, re-point -------------------------------------------- */

static void write_upper(struct pt_ctx *c, pte_t *slot, unsigned level, pte_t e)
{
	CHECK(level < PT_LAST_LEVEL, "a table entry at the last level");
	pte_write(slot, e);
	pt_clean(c->pt, slot, sizeof(*slot));
	pt_walk_forget(c->pt);
}

void pt_link(struct pt_ctx *c, pte_t *slot, unsigned level, pte_t *child)
{
	CHECK(!(*slot & PTE_VALID), "linking over a valid entry");
	write_upper(c, slot, level, table_pa(c->pt, child) | PTE_TYPE_TABLE);
}

/* Tables leaving the tree go on list (freed after the flush), or now. */
static void table_retire(struct pt *pt, void **list, pte_t *tbl)
{
	if (list)
		list_push(list, tbl); /* after any scan: the push overwrites entry 0 */
	else
		pt_mem_free(pt, tbl, pt->table_size);
}

/*
 * A private table and, below it, every table it links go (freed after the
 * flush, or now): only table entries are read, never the last level's
 * leaves, so unlinking a GiB of pages costs its 513 tables, not 262144 reads.
 * A shared table below loses one reference instead.
 */
static void retire_subtree(struct pt *pt, void **list, pte_t *tbl, unsigned level)
{
	int slot = pt_shared_find(pt, tbl);

	if (slot >= 0) {
		shared_put(pt, slot);
		return;
	}
	if (level == PT_LAST_LEVEL - 1) {
		/* Its children are last-level tables: retired here, unread. */
		unsigned n = level_entries(pt, level), gone = 0;

		for (unsigned k = 0; k < n; k++) {
			pte_t *child;

			if (!pte_is_table(tbl[k], level))
				continue;
			child = table_va(pt, tbl[k]);
			slot = pt_shared_find(pt, child);
			if (slot >= 0) {
				shared_put(pt, slot);
				continue;
			}
			table_retire(pt, list, child);
			gone++;
		}
		CHECK(pt->st.tables[PT_LAST_LEVEL - pt->start_level] >= gone, "table count below zero");
		pt->st.tables[PT_LAST_LEVEL - pt->start_level] -= gone;
		pt->st.table_bytes -= gone * pt->table_size;
	} else if (level < PT_LAST_LEVEL) {
		unsigned n = level_entries(pt, level);

		for (unsigned k = 0; k < n; k++)
			if (pte_is_table(tbl[k], level))
				retire_subtree(pt, list, table_va(pt, tbl[k]), level + 1);
	}
	table_gone(pt, level);
	table_retire(pt, list, tbl);
}

void pt_unlink(struct pt_ctx *c, pte_t *slot, unsigned level)
{
	pte_t e = *slot;

	CHECK(pte_is_table(e, level), "unlinking an entry that is not a table");
	write_upper(c, slot, level, 0);
	retire_subtree(c->pt, &c->retired, table_va(c->pt, e), level + 1);
}

void pt_repoint(struct pt_ctx *c, pte_t *slot, unsigned level, pte_t *copy)
{
	int old = pt_shared_find(c->pt, table_va(c->pt, *slot));

	CHECK(old >= 0, "re-pointing an entry whose table is not shared");
	/* Identical contents: every address resolves to the same leaf through
	 * either table, so the swap needs no break-before-make. The old table
	 * stays allocated, and walk caches may reach it through slot until a
	 * flush: the caller flushes before it can change (pt_unmap_unshare). */
	write_upper(c, slot, level, table_pa(c->pt, copy) | PTE_TYPE_TABLE);
	shared_put(c->pt, old);
}

void pt_unlink_empty(struct pt_ctx *c, const struct pt_path *path, unsigned from, uint64_t va)
{
	struct pt *pt = c->pt;

	for (unsigned l = from; l > pt->start_level; l--) {
		if (!table_empty(pt, path->tbl[l], l) || pt_shared_find(pt, path->tbl[l]) >= 0)
			return;
		pt_unlink(c, pt_slot(pt, path->tbl[l - 1], l - 1, va), l - 1);
	}
}

void pt_free_tree(struct pt *pt)
{
	unsigned l = pt->start_level;
	pte_t *root = pt->root;

	for (unsigned i = 0; i < level_entries(pt, l); i++)
		if (pte_is_table(root[i], l))
			retire_subtree(pt, NULL, table_va(pt, root[i]), l + 1);
	pt_walk_forget(pt);
}

/* ---- the remembered walk ------------------------------------------------ */

pte_t *pt_walk_l2_slow(struct pt *pt, uint64_t va)
{
	struct pt_path p;

	if (pt_walk(pt, va, 2, &p) != 2)
		return NULL;
	pt->walk_tbl = p.tbl[2];
	pt->walk_key = va >> pt->walk_shift;
	return p.tbl[2];
}

void pt_walk_debug_check(const struct pt *pt, uint64_t va)
{
	struct pt_path p;

	CHECK(pt_walk(pt, va, 2, &p) == 2 && p.tbl[2] == pt->walk_tbl,
	      "the remembered walk differs from a fresh one");
}
