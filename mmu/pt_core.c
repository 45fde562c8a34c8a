/* SPDX-License-Identifier: MIT */
/*
 * The page-table core's life cycle and its two-phase operations: create and
 * destroy a table, allocate and retire table pages, gather invalidations,
 * and run every edit as prepare (validate, reserve: may fail, changes
 * nothing) then commit (cannot fail for memory).
 */
#include "pt_internal.h"

#include <errno.h>
#include <string.h>

#define PT_MIN_IAS 32
#define PT_MIN_OAS 32
#define PT_CACHE_LINE 64u /* smallest line the clean hook is given (coalescing unit) */
#define PT_ROOT_MIN 64u   /* a translation table base is at least 64-byte aligned */

/* ---- table memory ------------------------------------------------------ */

static void *mem_alloc(struct pt *pt, size_t size)
{
	if (pt->cfg.alloc)
		return pt->cfg.alloc->alloc(pt->cfg.alloc_cookie, size);
	return pool_alloc(pt->cfg.pool, size);
}

static void mem_free(struct pt *pt, void *va, size_t size)
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
	/* Tables are at least line aligned (PT_ROOT_MIN), so rounding stays inside. */
	lo = (uintptr_t)va & ~(uintptr_t)(PT_CACHE_LINE - 1);
	hi = ((uintptr_t)va + size + PT_CACHE_LINE - 1) & ~(uintptr_t)(PT_CACHE_LINE - 1);
	pt->cfg.flush->cache_clean(pt->cfg.flush_cookie, (const void *)lo, hi - lo);
}

/*
 * Table pages off duty (taken ahead for an op, or unlinked and waiting for a
 * flush) sit on singly linked lists threaded through their entry 0.
 */
static void list_push(void **head, void *t)
{
	((pte_t *)t)[0] = (pte_t)(uintptr_t)*head;
	*head = t;
}

static pte_t *list_pop(void **head)
{
	pte_t *t = *head;

	if (t)
		*head = (void *)(uintptr_t)t[0];
	return t;
}

/* Draw a zeroed table from the op's reservation (it was sized for the worst case). */
pte_t *pt_table_new(struct pt_ctx *c, unsigned level)
{
	struct pt *pt = c->pt;
	struct pt_op *op = c->op;
	pte_t *t;

	if (pt->cfg.alloc)
		t = list_pop(&op->hook_pages);
	else
		t = pool_resv_alloc(&op->resv, pt->table_size);
	if (!t)
		return NULL; /* broken invariant: the reservation was too small */
	t[0] = 0;
	op->used++;
	pt->st.tables[level - pt->start_level]++;
	pt->st.table_bytes += pt->table_size;
	return t;
}

static void table_release(struct pt *pt, void *t)
{
	mem_free(pt, t, pt->table_size);
}

static void release_list(struct pt *pt, void **list)
{
	pte_t *t;

	while ((t = list_pop(list)))
		table_release(pt, t);
}

/* A table left the tree: its statistics, and the fast paths' remembered walk. */
static void table_unlinked(struct pt *pt, unsigned level)
{
	pt->st.tables[level - pt->start_level]--;
	pt->st.table_bytes -= pt->table_size;
	pt_walk_forget(pt);
}

/*
 * Retire an unlinked table. The walker may still hold it in a walk cache
 * until the flush, so it goes back to the allocator only after the flush
 * (pt_flush_gathered). The list runs through entry 0: a table address has
 * bit 0 clear, so a walker that still reads the entry sees an invalid
 * descriptor, which is a correct answer for an address being unmapped.
 */
void pt_defer_free(struct pt_ctx *c, pte_t *table, unsigned level)
{
	table_unlinked(c->pt, level);
	list_push(&c->to_free, table);
}

/* ---- invalidation gathering ------------------------------------------- */

void pt_gather_add(struct pt_ctx *c, uint64_t va, uint64_t end, size_t granule, bool tables)
{
	struct pt_gather *g = &c->g;

	if (!c->gathered) {
		g->start = va;
		g->end = end;
		g->granule = granule;
		g->tables = tables;
		c->gathered = true;
		return;
	}
	if (va < g->start)
		g->start = va;
	if (end > g->end)
		g->end = end;
	if (granule < g->granule)
		g->granule = granule;
	g->tables |= tables;
}

/*
 * After flush_range returned ret: a failed range flush is followed by a full
 * one, and the parked tables (pt->quarantine) go back only once a flush has
 * succeeded; until then the walker may still cache them.
 */
int pt_flush_settle(struct pt *pt, int ret)
{
	const struct pt_flush_ops *f = pt->cfg.flush;

	if (ret && f->flush_all(pt->cfg.flush_cookie))
		return ret;
	release_list(pt, &pt->quarantine);
	return ret;
}

/*
 * One flush per operation, then the tables it retired go back: they join
 * the parked ones, so a failed flush keeps them all (until a later flush
 * succeeds, or pt_fini), never reused early.
 */
int pt_flush_gathered(struct pt_ctx *c)
{
	struct pt *pt = c->pt;
	pte_t *t;

	if (!c->gathered) {
		release_list(pt, &c->to_free);
		return 0;
	}
	while ((t = list_pop(&c->to_free)))
		list_push(&pt->quarantine, t);
	return pt_flush_and_release(pt, &c->g);
}

int pt_flush_and_release(struct pt *pt, const struct pt_gather *g)
{
	return pt_flush_settle(pt, pt->cfg.flush->flush_range(pt->cfg.flush_cookie, g));
}

/* ---- shared leaf tables (map_repeat) ---------------------------------- */

int pt_shared_lookup(const struct pt *pt, const void *table)
{
	for (int i = 0; i < PT_MAX_SHARED; i++)
		if (pt->shared[i].table == table)
			return i;
	return -1;
}

/* One parent entry stopped pointing at a shared table. With one left it is private. */
void pt_shared_put(struct pt *pt, int slot)
{
	struct pt_shared *s = &pt->shared[slot];

	if (--s->refs > 1)
		return;
	s->table = NULL;
	s->refs = 0;
	pt->st.shared_tables--;
}

static void shared_publish(struct pt_ctx *c, uint32_t refs)
{
	struct pt *pt = c->pt;

	if (!c->shared_tbl || refs < 2)
		return;
	for (int i = 0; i < PT_MAX_SHARED; i++) {
		if (pt->shared[i].table)
			continue;
		pt->shared[i].table = c->shared_tbl;
		pt->shared[i].refs = refs;
		pt->st.shared_tables++;
		return;
	}
}

/* ---- create / destroy -------------------------------------------------- */

/* log2 of a supported granule size (4K, 16K, 64K), else 0. */
static unsigned granule_shift_of(size_t granule)
{
	return granule == 4096 ? 12 : granule == 16384 ? 14 : granule == 65536 ? 16 : 0;
}

static int check_cfg(const struct pt_cfg *cfg, const struct pt_fmt *f)
{
	const struct pt_flush_ops *fl = cfg->flush;
	unsigned gshift = granule_shift_of(cfg->granule);

	if (!fl || !fl->flush_all || !fl->flush_range)
		return -EINVAL; /* no flush ops: nothing could make a change visible */
	if (!cfg->coherent && !fl->cache_clean)
		return -EINVAL;
	if (!gshift || !(f->granules & (1u << (gshift - 12))))
		return -EINVAL;
	if (cfg->ias < PT_MIN_IAS || cfg->ias > f->max_ias)
		return -EINVAL;
	if (cfg->oas < PT_MIN_OAS || cfg->oas > f->max_oas)
		return -EINVAL;
	if (cfg->alloc ? !cfg->alloc->alloc || !cfg->alloc->free : !cfg->pool)
		return -EINVAL;
	return 0;
}

static void set_geometry(struct pt *pt)
{
	unsigned ias = pt->cfg.ias, g = pt->granule_shift, bpl = g - 3;

	pt->bits_per_level = bpl;
	pt->levels = (ias - g + bpl - 1) / bpl;
	if (pt->fmt->full_levels)
		pt->levels = 4;
	pt->start_level = 4 - pt->levels;
	/* Mali with a small IAS keeps a 4-level walk with a one-entry root. */
	pt->root_bits = ias > g + (pt->levels - 1) * bpl ? ias - g - (pt->levels - 1) * bpl : 0;
	for (unsigned l = pt->start_level; l <= PT_LAST_LEVEL; l++) {
		pt->lvl_shift[l] = (uint8_t)(g + (PT_LAST_LEVEL - l) * bpl);
		pt->lvl_mask[l] = (1u << (l == pt->start_level ? pt->root_bits : bpl)) - 1;
		pt->lvl_low[l] = (1ull << pt->lvl_shift[l]) - 1;
	}
	pt->table_size = pt->cfg.granule;
	pt->root_size = (size_t)8 << pt->root_bits;
	pt->root_alloc = pt->root_size < PT_ROOT_MIN ? PT_ROOT_MIN : pt->root_size;
	if (!pt->cfg.alloc && pt->root_alloc < POOL_PAGE_SIZE)
		pt->root_alloc = POOL_PAGE_SIZE;
}

/* What the one-page fast paths (mmu/pt_fast.c) test, precomputed so each is one mask. */
static void set_fast_checks(struct pt *pt)
{
	uint64_t low = pt->cfg.granule - 1;

	/* An aligned page below 2^ias (2^oas) ends there too: its start is all to check. */
	pt->iova_bad = ~((1ull << pt->cfg.ias) - 1) | low;
	pt->pa_bad = ~(pt->oa_limit - 1) | low;
	/* With the root at level 2 the remembered table is the root, under one key. */
	pt->walk_shift = pt->start_level < 2 ? pt->lvl_shift[1] : 63;
	pt->map_lean = pt->cfg.coherent && !pt->cfg.flush_on_map;
	pt_walk_forget(pt);
}

int pt_init(struct pt *pt, const struct pt_cfg *cfg)
{
	const struct pt_fmt *f;
	int ret;

	if (!pt || !cfg)
		return -EINVAL;
	memset(pt, 0, sizeof(*pt));
	if (cfg->fmt == PT_FMT_ARM32_LPAE_S1)
		return -EOPNOTSUPP; /* reserved for the 32-bit build */
	f = pt_fmt_get(cfg->fmt);
	if (!f)
		return -EINVAL;
	ret = check_cfg(cfg, f);
	if (ret)
		return ret;
	pt->cfg = *cfg;
	pt->cfg.flush_on_map |= f->flush_on_map;
	pt->fmt = f;
	pt->granule_shift = granule_shift_of(cfg->granule);
	pt->oa_limit = 1ull << cfg->oas;
	set_geometry(pt);
	set_fast_checks(pt);
	pt->root = mem_alloc(pt, pt->root_alloc);
	if (!pt->root) {
		memset(pt, 0, sizeof(*pt));
		return -ENOMEM;
	}
	pt->st.tables[0] = 1;
	pt->st.table_bytes = pt->root_alloc;
	/* The walker may be pointed at the empty root at once: make it visible. */
	pt_clean(pt, pt->root, pt->root_alloc);
	return 0;
}

void pt_fini(struct pt *pt)
{
	struct pt_ctx c = { .pt = pt };
	pte_t *root = pt->root;

	if (!root)
		return;
	/* The walker must be detached already: tables go back without a flush. */
	for (unsigned i = 0; i < level_entries(pt, pt->start_level); i++) {
		pte_t e = root[i];

		if (pte_is_table(e, pt->start_level) && (e & PTE_VALID))
			pt_drop_table(&c, table_va(pt, e), pt->start_level + 1, true);
	}
	release_list(pt, &pt->quarantine);
	mem_free(pt, root, pt->root_alloc);
	memset(pt, 0, sizeof(*pt));
}

void pt_get_stats(const struct pt *pt, struct pt_stats *out)
{
	*out = pt->st;
}

/* Free now (pt_fini) instead of after a flush. */
void pt_table_free_now(struct pt *pt, pte_t *t, unsigned level)
{
	table_unlinked(pt, level);
	table_release(pt, t);
}

/* ---- validation -------------------------------------------------------- */

/* Level whose leaves are pgsize, or -1. */
static int pgsize_level(const struct pt *pt, uint64_t pgsize)
{
	for (unsigned l = pt->start_level; l <= PT_LAST_LEVEL; l++)
		if (level_has_leaves(pt, l) && pgsize == 1ull << level_shift(pt, l))
			return (int)l;
	return -1;
}

static int check_iova(const struct pt *pt, uint64_t iova, uint64_t size, uint64_t align)
{
	if (!size || ((iova | size) & (align - 1)))
		return -EINVAL;
	if (iova + size < iova)
		return -ERANGE;
	if (pt->cfg.ias < 64 && iova + size > 1ull << pt->cfg.ias)
		return -ERANGE;
	return 0;
}

static int check_pa(const struct pt *pt, uint64_t pa, uint64_t size, uint64_t align)
{
	if (pa & (align - 1))
		return -EINVAL;
	if (pa + size < pa || pa + size > pt->oa_limit)
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

	return check_pa(pt, op->pa, op->kind == PT_OP_MAP ? op->size : op->pgsize, align);
}

/* ---- reservation -------------------------------------------------------- */

static int reserve(struct pt *pt, struct pt_op *op, size_t tables)
{
	op->npages = tables;
	if (!pt->cfg.alloc) {
		if (pt->table_size == POOL_PAGE_SIZE)
			return pool_reserve(pt->cfg.pool, &op->resv, tables);
		return pool_reserve_blocks(pt->cfg.pool, &op->resv, pt->table_size, tables);
	}
	for (size_t i = 0; i < tables; i++) {
		void *t = mem_alloc(pt, pt->table_size);

		if (!t) {
			release_list(pt, &op->hook_pages);
			return -ENOMEM;
		}
		list_push(&op->hook_pages, t);
	}
	return 0;
}

static void release(struct pt *pt, struct pt_op *op)
{
	if (pt->cfg.alloc)
		release_list(pt, &op->hook_pages);
	else
		pool_unreserve(&op->resv);
	if (op->share_slot)
		pt->shared_resv--;
	op->share_slot = false;
	op->prepared = false;
}

static bool share_slot_free(const struct pt *pt)
{
	return pt->st.shared_tables + pt->shared_resv < PT_MAX_SHARED;
}

static bool map_busy(const struct pt *pt, const struct pt_op *op)
{
	return pt_range_busy(pt, pt->root, pt->start_level, op->iova, op->iova + op->size);
}

/* ---- prepare / commit / abort ----------------------------------------- */

int pt_prepare(struct pt *pt, struct pt_op *op)
{
	size_t tables;
	bool share = false;
	int ret;

	op->prepared = false;
	op->share_slot = false;
	op->hook_pages = NULL;
	op->npages = op->used = 0;
	op->done = 0;
	memset(&op->resv, 0, sizeof(op->resv));
	ret = check_op(pt, op);
	if (ret)
		return ret;
	if (op->kind == PT_OP_UNMAP) {
		tables = pt_unmap_need(pt, op->iova, op->iova + op->size);
	} else {
		/* Overlap is refused before anything is written. */
		if (map_busy(pt, op))
			return -EEXIST;
		ret = check_op_pa(pt, op);
		if (ret)
			return ret;
		share = op->kind == PT_OP_MAP_REPEAT && share_slot_free(pt);
		tables = pt_map_worst_tables(pt, op, share);
	}
	ret = reserve(pt, op, tables);
	if (ret)
		return ret;
	if (share)
		pt->shared_resv++;
	op->share_slot = share;
	op->gen = pt->gen;
	op->prepared = true;
	return 0;
}

void pt_abort(struct pt *pt, struct pt_op *op)
{
	if (op->prepared)
		release(pt, op);
}

static void commit_map(struct pt_ctx *c)
{
	struct pt *pt = c->pt;
	struct pt_op *op = c->op;
	struct pt_mapspec m = pt_op_mapspec(pt, op);

	m.attrs = pt_prot_attrs(pt, op->prot);
	c->share_ok = op->share_slot;
	pt_map_range(c, pt->root, pt->start_level, op->iova, op->iova + op->size, op->pa, &m);
	shared_publish(c, c->shared_refs);
	if (pt->cfg.flush_on_map)
		pt_gather_add(c, op->iova, op->iova + op->size, m.minblk, false);
}

int pt_commit(struct pt *pt, struct pt_op *op)
{
	struct pt_ctx c = { .pt = pt, .op = op };
	int ret;

	if (!op->prepared)
		return -EINVAL;
	if (op->kind == PT_OP_UNMAP) {
		/* What the edges need was counted at prepare: if the tables
		 * changed since, it must still fit, or nothing is done. */
		if (op->gen != pt->gen &&
		    pt_unmap_need(pt, op->iova, op->iova + op->size) > op->npages) {
			release(pt, op);
			return -EAGAIN;
		}
		op->done = pt_unmap_range(&c, op->iova, op->iova + op->size);
	} else {
		/* Something was committed since prepare: the range may be taken now. */
		if (op->gen != pt->gen && map_busy(pt, op)) {
			release(pt, op);
			return -EEXIST;
		}
		commit_map(&c);
	}
	ret = pt_flush_gathered(&c);
	if (!ret)
		ret = c.err;
	pt->gen++;
	release(pt, op);
	return ret;
}

/* ---- the one-call forms ----------------------------------------------- */

static int run_op(struct pt *pt, struct pt_op *op)
{
	int ret = pt_prepare(pt, op);

	if (ret)
		return ret;
	return pt_commit(pt, op);
}

int pt_map_slow(struct pt *pt, uint64_t iova, uint64_t pa, uint64_t size, size_t pgsize,
		unsigned prot)
{
	struct pt_op op = { .kind = PT_OP_MAP, .iova = iova, .pa = pa, .size = size,
			    .pgsize = pgsize, .prot = prot };

	return run_op(pt, &op);
}

int pt_map(struct pt *pt, uint64_t iova, uint64_t pa, uint64_t size, unsigned prot)
{
	return pt_map_fast(pt, iova, pa, size, 0, prot);
}

int pt_map_pages(struct pt *pt, uint64_t iova, uint64_t pa, size_t pgsize, size_t count,
		 unsigned prot)
{
	if (!pgsize || !count || count > UINT64_MAX / pgsize)
		return -EINVAL;
	if (pgsize == pt->cfg.granule)
		return pt_map_fast(pt, iova, pa, (uint64_t)pgsize * count, pgsize, prot);
	return pt_map_slow(pt, iova, pa, (uint64_t)pgsize * count, pgsize, prot);
}

int pt_map_repeat(struct pt *pt, uint64_t iova, uint64_t size, uint64_t pa, size_t pgsize,
		  unsigned prot)
{
	struct pt_op op = { .kind = PT_OP_MAP_REPEAT, .iova = iova, .pa = pa, .size = size,
			    .pgsize = pgsize, .prot = prot };

	if (!pgsize)
		return -EINVAL;
	return run_op(pt, &op);
}

int64_t pt_unmap(struct pt *pt, uint64_t iova, uint64_t size)
{
	return pt_unmap_fast(pt, iova, size);
}

int64_t pt_unmap_slow(struct pt *pt, uint64_t iova, uint64_t size)
{
	struct pt_op op = { .kind = PT_OP_UNMAP, .iova = iova, .size = size };
	int ret = run_op(pt, &op);

	return ret ? ret : (int64_t)op.done;
}
