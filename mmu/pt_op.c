/* SPDX-License-Identifier: MIT */
/*
 * The operations. Every edit of the tables is an op: prepare validates
 * everything and reserves the tables it can need (this may fail, and then
 * nothing changed); commit does it and cannot fail but for the flush op's
 * own error. An asynchronous bind prepares when it is queued and commits
 * when it runs, whatever ran in between: so a queued op reserves a worst
 * case that does not depend on the tables, and a map replaces what it finds.
 */
#include "pt_op.h"

#include <errno.h>

/* Level whose leaves are pgsize, or -1. */
static int pgsize_level(const struct pt *pt, uint64_t pgsize)
{
	for (unsigned l = pt->start_level; l <= PT_LAST_LEVEL; l++)
		if (level_has_leaves(pt, l) && pgsize == level_span(pt, l))
			return (int)l;
	return -1;
}

static int check_iova(const struct pt *pt, uint64_t iova, uint64_t size, uint64_t align)
{
	if (!size || ((iova | size) & (align - 1)))
		return -EINVAL;
	if (iova + size < iova || iova + size > 1ull << pt->cfg.ias)
		return -ERANGE;
	return 0;
}

static int check_op(const struct pt *pt, const struct pt_op *op)
{
	uint64_t align = pt->cfg.granule;

	if (op->kind == PT_OP_UNMAP)
		return check_iova(pt, op->iova, op->size, align);
	if (op->kind != PT_OP_MAP && op->kind != PT_OP_MAP_REPEAT)
		return -EINVAL;
	if (!pt_prot_valid(pt, op->prot))
		return -EINVAL;
	if (op->pgsize) {
		if (pgsize_level(pt, op->pgsize) < 0)
			return -EINVAL;
		align = op->pgsize;
	} else if (op->kind == PT_OP_MAP_REPEAT) {
		return -EINVAL;
	}
	return check_iova(pt, op->iova, op->size, align);
}

static int check_op_pa(const struct pt *pt, const struct pt_op *op)
{
	uint64_t align = op->pgsize ? op->pgsize : pt->cfg.granule;
	uint64_t size = op->kind == PT_OP_MAP ? op->size : op->pgsize;

	if (op->pa & (align - 1))
		return -EINVAL;
	if (op->pa + size < op->pa || op->pa + size > pt->oa_limit)
		return -ERANGE;
	return 0;
}

static bool share_slot_free(const struct pt *pt)
{
	return pt->st.shared_tables + pt->shared_resv < PT_MAX_SHARED;
}

/* ---- the list of prepared ops (so that pt_fini can return their pages) -- */

static void list_add(struct pt *pt, struct pt_op *op)
{
	op->prev = NULL;
	op->next = pt->prepared;
	if (op->next)
		op->next->prev = op;
	pt->prepared = op;
}

static void list_del(struct pt *pt, struct pt_op *op)
{
	if (op->prev)
		op->prev->next = op->next;
	else
		pt->prepared = op->next;
	if (op->next)
		op->next->prev = op->prev;
}

static void release(struct pt *pt, struct pt_op *op)
{
	pt_unreserve(pt, op);
	if (op->share_slot)
		pt->shared_resv--;
	op->share_slot = false;
	list_del(pt, op);
	op->state = 0;
}

/* ---- prepare / commit / abort ----------------------------------------- */

/* now: commit follows at once, so count from the tables as they are. */
static int prepare(struct pt *pt, struct pt_op *op, bool now)
{
	bool share = false;
	size_t tables;
	int ret;

	if (op->state == PT_OP_PREPARED)
		return -EBUSY;
	op->done = 0;
	ret = check_op(pt, op);
	if (ret)
		return ret;
	if (op->kind == PT_OP_UNMAP) {
		tables = now ? pt_unmap_need(pt, op->iova, op->iova + op->size)
			     : pt_unmap_worst(pt);
	} else {
		/* Overlap is refused before the PA range is looked at. */
		if (!op->replace && pt_range_busy(pt, op->iova, op->iova + op->size))
			return -EEXIST;
		ret = check_op_pa(pt, op);
		if (ret)
			return ret;
		share = op->kind == PT_OP_MAP_REPEAT && share_slot_free(pt);
		/* Queued: what the map replaces at commit may need its two edges. */
		tables = pt_map_worst(pt, op, share) + (now ? 0 : pt_unmap_worst(pt));
	}
	ret = pt_reserve(pt, op, tables);
	if (ret)
		return ret;
	op->share_slot = share;
	pt->shared_resv += share;
	op->state = PT_OP_PREPARED;
	list_add(pt, op);
	return 0;
}

int pt_prepare(struct pt *pt, struct pt_op *op)
{
	return prepare(pt, op, false);
}

void pt_abort(struct pt *pt, struct pt_op *op)
{
	if (op->state == PT_OP_PREPARED)
		release(pt, op);
}

void pt_abort_all(struct pt *pt)
{
	while (pt->prepared)
		release(pt, pt->prepared);
}

/* The flush that ends an op; an earlier flush's error wins. */
static int finish(struct pt_ctx *c, int ret)
{
	int r = pt_flush(c);

	return ret ? ret : r;
}

/* Remove [va, end), flush, restore the cuts' outside parts: the first half
 * of any unmap, and of a map that replaces. Returns the flush's error. */
static int remove_range(struct pt_ctx *c, uint64_t va, uint64_t end, uint64_t *bytes)
{
	struct pt_cuts cuts;
	int ret = 0, r;

	/* A table just un-shared stays reachable through the re-pointed
	 * entry's walk-cache entry until a flush, and may change below. */
	if (pt_unmap_unshare(c, va, end))
		ret = pt_flush(c);
	*bytes = pt_unmap_clear(c, va, end, &cuts);
	if (!cuts.n)
		return ret; /* nothing to write back: the caller's one flush does the rest */
	/* Break-before-make: the cut leaves' invalidation completes first. */
	r = pt_flush(c);
	pt_unmap_restore(c, &cuts, va, end);
	return ret ? ret : r;
}

static int commit_unmap(struct pt_ctx *c)
{
	struct pt_op *op = c->op;

	return finish(c, remove_range(c, op->iova, op->iova + op->size, &op->done));
}

static int commit_map(struct pt_ctx *c)
{
	struct pt *pt = c->pt;
	struct pt_op *op = c->op;
	uint64_t va = op->iova, end = op->iova + op->size, replaced = 0;
	struct pt_mapspec m = pt_op_mapspec(pt, op);
	int ret = 0;

	/* Replace (a queued op whose range got taken): remove what is there and
	 * flush before the new entries exist (break-before-make). */
	if (pt_range_busy(pt, va, end)) {
		ret = remove_range(c, va, end, &replaced);
		ret = finish(c, ret);
	}
	m.attrs = pt_prot_attrs(pt, op->prot);
	c->share_ok = op->share_slot;
	pt_map_range(c, pt->root, pt->start_level, va, end, op->pa, &m);
	if (c->shared_tbl && c->shared_refs >= 2)
		pt_shared_publish(pt, c->shared_tbl, c->shared_refs);
	if (pt->cfg.flush_on_map)
		pt_gather_add(c, va, end, m.minblk, false);
	return finish(c, ret);
}

int pt_commit(struct pt *pt, struct pt_op *op)
{
	struct pt_ctx c = { .pt = pt, .op = op };
	int ret;

	if (op->state != PT_OP_PREPARED)
		return -EINVAL;
	ret = op->kind == PT_OP_UNMAP ? commit_unmap(&c) : commit_map(&c);
	release(pt, op);
	return ret;
}

int pt_run(struct pt *pt, struct pt_op *op)
{
	int ret = prepare(pt, op, true);

	return ret ? ret : pt_commit(pt, op);
}
