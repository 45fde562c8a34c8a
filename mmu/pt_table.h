/* SPDX-License-Identifier: MIT */
/*
 * Table memory and the tree's shape (mmu/pt_table.c, not for callers): where
 * table pages come from (the pool or the hooks, through an op's
 * reservation), where unlinked ones wait for the flush, the registry of
 * shared tables, and the only functions that write an entry above the last
 * level: link, unlink, re-point. Because every such edit passes here, this
 * file also keeps the tree's one cache true: the remembered walk of the
 * one-page fast paths.
 */
#ifndef GPUMMU_MMU_PT_TABLE_H
#define GPUMMU_MMU_PT_TABLE_H

#include "pt_format.h"

/* An op's state word (struct pt_op.state): prepared, or anything else. */
#define PT_OP_PREPARED 0x70726570u /* "prep" */

/*
 * One operation's context, filled by the layers that use it:
 *  table memory: pt, op (whose reservation new tables come from), retired;
 *  gathering (mmu/pt_gather.c): g, gathered;
 *  map (mmu/pt_map.c): the shared table a map_repeat links;
 *  unmap (mmu/pt_unmap.c): the tables holding a cut leaf.
 */
struct pt_ctx {
	struct pt *pt;
	struct pt_op *op;
	void *retired;          /* unlinked tables, linked through entry 0: freed after the flush */
	struct pt_gather g;
	bool gathered;
	pte_t *shared_tbl;      /* map_repeat: the leaf table this op shares */
	uint32_t shared_refs;   /* parent entries this op pointed at it */
	bool share_ok;          /* the op holds a shared-table slot */
	const pte_t *keep[2];   /* unmap: tables holding a cut leaf (not unlinked) */
};

/* ---- memory -------------------------------------------------------------- */

void *pt_mem_alloc(struct pt *pt, size_t size);
void pt_mem_free(struct pt *pt, void *va, size_t size);
/* Make CPU writes to [va, va + size) visible to a non-coherent walker
 * (whole 64-byte lines; tables are at least line aligned). */
void pt_clean_lines(const struct pt *pt, const void *va, size_t size);

static inline void pt_clean(const struct pt *pt, const void *va, size_t size)
{
	if (!pt->cfg.coherent)
		pt_clean_lines(pt, va, size);
}

/* Unlinked tables wait on lists threaded through their entry 0. */
void pt_release_list(struct pt *pt, void **list);
/* Move every table of list onto pt->quarantine (until a flush succeeds). */
void pt_park(struct pt *pt, void **list);

/* Take `tables` table pages ahead for op: 0 or -ENOMEM with nothing taken. */
int pt_reserve(struct pt *pt, struct pt_op *op, size_t tables);
/* Give back what op did not use. */
void pt_unreserve(struct pt *pt, struct pt_op *op);
/* A table for level from the op's reservation, zeroed unless the caller
 * writes every entry (full); running out is a broken invariant (prepare
 * counted the worst case). */
pte_t *pt_table_new(struct pt_ctx *c, unsigned level, bool full);
/* PT_DEBUG: a full table really had every entry written (none still holds
 * the poison an unzeroed table starts with there). */
void pt_table_check_full(const struct pt *pt, const pte_t *t);

/* ---- shared (map_repeat) tables ---------------------------------------- */

/* Slot of a shared table in pt->shared, or -1 if private. */
int pt_shared_lookup(const struct pt *pt, const void *table);

static inline int pt_shared_find(const struct pt *pt, const void *table)
{
	return pt->st.shared_tables ? pt_shared_lookup(pt, table) : -1;
}

/* A table linked from refs parents (>= 2) becomes shared; needs a free slot
 * (reserved at prepare, so one exists). */
void pt_shared_publish(struct pt *pt, pte_t *table, uint32_t refs);

/* ---- tree edits: the only writers of entries above the last level ------- */

/* Link child (a new, filled, cleaned table for level + 1) into the invalid
 * entry slot of a table at level. */
void pt_link(struct pt_ctx *c, pte_t *slot, unsigned level, pte_t *child);
/* Make the table entry slot (at level) invalid and let its subtree go:
 * private tables are retired (freed after the op's flush) without reading
 * their leaves; a shared one loses one reference. The caller gathers the
 * range for the flush. */
void pt_unlink(struct pt_ctx *c, pte_t *slot, unsigned level);
/* Point slot (at level) at copy, a private copy of the shared table it
 * pointed at, which loses one reference. */
void pt_repoint(struct pt_ctx *c, pte_t *slot, unsigned level, pte_t *copy);
/* Unlink, bottom-up from level `from`, every table on path (the walk of va)
 * that holds no valid entry; stops at the first that does, or at the root. */
void pt_unlink_empty(struct pt_ctx *c, const struct pt_path *path, unsigned from, uint64_t va);
/* pt_fini: every table goes back now (no flush: the walker is detached). */
void pt_free_tree(struct pt *pt);

/* ---- the remembered walk ------------------------------------------------ */

static inline void pt_walk_forget(struct pt *pt)
{
	pt->walk_tbl = NULL;
	pt->walk_key = UINT64_MAX; /* no iova >> walk_shift is this */
}

pte_t *pt_walk_l2_slow(struct pt *pt, uint64_t va);
void pt_walk_debug_check(const struct pt *pt, uint64_t va);

/* Does the remembered walk hold va? (Then pt->walk_tbl is its level-2 table.) */
static inline bool pt_walk_remembered(const struct pt *pt, uint64_t va)
{
	if ((va >> pt->walk_shift) != pt->walk_key)
		return false;
	if (PT_DEBUG)
		pt_walk_debug_check(pt, va);
	return true;
}

/* The level-2 table holding va, from the remembered walk or a fresh one
 * (remembered then); NULL when the walk ends above level 2. */
static inline pte_t *pt_walk_l2(struct pt *pt, uint64_t va)
{
	return pt_walk_remembered(pt, va) ? pt->walk_tbl : pt_walk_l2_slow(pt, va);
}

#endif
