/* SPDX-License-Identifier: MIT */
#include "tests/host/opseq.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_PAGES      1024 /* 4 MiB of table memory: several times what a window needs */
#define ARENA_PAGES_WIDE 4096 /* 16 MiB: giant leaves split down to pages, queued ops */

void os_rng_seed(struct os_rng *r, uint64_t seed)
{
	memset(r, 0, sizeof(*r));
	r->state = seed ? seed : 0x9e3779b97f4a7c15ull;
}

void os_rng_data(struct os_rng *r, const uint8_t *data, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->data = data;
	r->len = len;
	r->from_data = true;
}

uint64_t os_rand(struct os_rng *r)
{
	uint64_t v = 0;

	/* Two bytes a draw: every choice made here is below 65536 values, and
	 * short inputs then hold many operations. */
	if (r->from_data) {
		for (unsigned i = 0; i < 2 && r->pos < r->len; i++)
			v |= (uint64_t)r->data[r->pos++] << (8 * i);
		return v;
	}
	/* xorshift64* (Vigna) */
	r->state ^= r->state >> 12;
	r->state ^= r->state << 25;
	r->state ^= r->state >> 27;
	return r->state * 0x2545f4914f6cdd1dull;
}

bool os_exhausted(const struct os_rng *r)
{
	return r->from_data && r->pos >= r->len;
}

uint64_t os_pick(struct os_rng *r, uint64_t n)
{
	return n ? os_rand(r) % n : 0;
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

int os_setup(struct os_run *r, const struct os_cfg *c)
{
	int err;

	memset(r, 0, sizeof(*r));
	sh_init(&r->sh);
	r->wide = c->wide || c->vast;
	r->vast = c->vast;
	r->h = hx_new(c->fmt, c->granule, c->ias, c->oas, c->coherent,
		      r->wide ? ARENA_PAGES_WIDE : ARENA_PAGES, &err);
	if (!r->h) {
		fprintf(stderr, "opseq: pt_init failed: %d\n", err);
		return -1;
	}
	for (unsigned i = 0; i < OS_MAX_PENDING; i++)
		r->slot[i] = i;
	r->granule = r->h->cfg.granule;
	r->block = (size_t)1 << rw_level_shift(&r->h->geom, 2);
	r->span1 = 1ull << rw_level_shift(&r->h->geom, 1);
	r->giant = rw_leaf_level_ok(&r->h->geom, 1);
	if (r->vast) {
		/* Two level-0 spans: map_repeat of giant leaves over both shares
		 * one level-1 table between them. */
		if (r->h->geom.start_level != 0 || !r->giant) {
			fprintf(stderr, "opseq: a vast run needs a level 0 and level-1 leaves\n");
			hx_delete(r->h);
			return -1;
		}
		r->span0 = 1ull << rw_level_shift(&r->h->geom, 0);
		r->window = 2 * r->span0;
		r->pa_span = min64(1ull << c->oas, 8 * r->span1);
	} else if (c->wide) {
		/* Several level-1 spans: level-2 tables are shared by map_repeat
		 * of level-2 blocks, and giant leaves are mapped and cut. */
		r->window = min64(4 * r->span1, 1ull << (c->ias - 1));
		r->pa_span = min64(1ull << c->oas, 8 * r->span1);
	} else {
		/* A few blocks wide: blocks, splits and table frees all happen,
		 * while a full traversal per step stays cheap. */
		r->window = r->granule == 65536 ? 2 * (uint64_t)r->block : 4 * (uint64_t)r->block;
		r->pa_span = 16 * (uint64_t)r->block;
	}
	return 0;
}

static unsigned random_prot(struct os_rng *rng)
{
	unsigned p = PT_PROT_READ | ((unsigned)os_pick(rng, 16) &
				     (PT_PROT_WRITE | PT_PROT_EXEC | PT_PROT_PRIV));

	switch (os_pick(rng, 4)) {
	case 0: return p | PT_PROT_NONCACHED;
	case 1: return p | PT_PROT_DEVICE;
	default: return p;
	}
}

/* A size: mostly a few granules, sometimes whole blocks, sometimes blocks
 * plus an odd tail, so every leaf size and split path is reached; in a wide
 * run also level-1 spans (giant leaves, several level-2 tables) with tails. */
static uint64_t random_size(struct os_run *r, struct os_rng *rng)
{
	switch (os_pick(rng, r->wide ? 6 : 4)) {
	case 0:
		return (1 + os_pick(rng, 2)) * r->block;
	case 1:
		return r->block + (1 + os_pick(rng, 32)) * r->granule;
	case 4:
		return (1 + os_pick(rng, 2)) * r->span1;
	case 5:
		return r->span1 + (1 + os_pick(rng, 3)) * r->block +
		       os_pick(rng, 2) * (1 + os_pick(rng, 8)) * r->granule;
	default:
		return (1 + os_pick(rng, 40)) * r->granule;
	}
}

/* Aligned to a level-1 span, a block or a granule; in a wide run sometimes
 * just below a level-1 boundary, so ranges straddle level-2 tables. */
static uint64_t random_iova(struct os_run *r, struct os_rng *rng, uint64_t size)
{
	uint64_t align;

	if (size > r->window)
		return 0;
	switch (os_pick(rng, r->wide ? 4 : 2)) {
	case 0: align = r->block; break;
	case 2: align = r->span1; break;
	case 3: {
		uint64_t edge = (1 + os_pick(rng, r->window / r->span1 - 1)) * r->span1;
		uint64_t back = (1 + os_pick(rng, 4)) * (os_pick(rng, 2) ? r->block : r->granule);

		if (back <= edge && edge - back + size <= r->window)
			return edge - back;
		align = r->granule;
		break;
	}
	default: align = r->granule; break;
	}
	return os_pick(rng, (r->window - size) / align + 1) * align;
}

/* Either the IOVA's own offset inside a block or a level-1 span (so that
 * blocks, giant leaves and contiguous runs are possible) or any granule (not
 * for a huge range: a GiB of pages per step would only slow the checks). */
static uint64_t random_pa(struct os_run *r, struct os_rng *rng, uint64_t iova, uint64_t size)
{
	uint64_t unit = r->wide && os_pick(rng, 2) ? r->span1 : r->block;
	uint64_t off = iova % unit, n = (off + size + unit - 1) / unit, span = r->pa_span / unit;
	bool huge = size > 4 * (uint64_t)r->block;

	if (n > span && huge) {
		unit = r->block;
		off = iova % unit;
		n = (off + size + unit - 1) / unit;
		span = r->pa_span / unit;
	}
	if ((os_pick(rng, 3) || huge) && n <= span)
		return os_pick(rng, span - n + 1) * unit + off;
	return os_pick(rng, (r->pa_span - size) / r->granule + 1) * r->granule;
}

static int expect_ret(const char *op, int64_t got, int64_t want, uint64_t iova, uint64_t size)
{
	if (got == want)
		return 0;
	fprintf(stderr, "opseq: %s iova 0x%" PRIx64 " size 0x%" PRIx64 " returned %" PRId64
		", model expects %" PRId64 "\n", op, iova, size, got, want);
	return -1;
}

/* Table memory may run out (the arena is bounded): then nothing changed. */
static bool out_of_memory(const struct os_run *r, int ret)
{
	size_t pages = r->wide ? ARENA_PAGES_WIDE : ARENA_PAGES;

	return ret == -ENOMEM && r->h->live_blocks > pages / 2;
}

/* A map the model would refuse must be refused with -EEXIST; one it
 * accepts must succeed, except that the table memory may run out. */
static int after_map(struct os_run *r, const char *op, int ret, bool overlap, uint64_t iova,
		     uint64_t size, uint64_t pa, uint64_t pgsize, unsigned prot)
{
	if (overlap) {
		r->refused++;
		return expect_ret(op, ret, -EEXIST, iova, size);
	}
	if (out_of_memory(r, ret))
		return 0;
	if (expect_ret(op, ret, 0, iova, size))
		return -1;
	sh_add(&r->sh, iova, size, pa, pgsize, prot);
	return 0;
}

/* The leaf size a map_pages of op uses: the granule, except that a huge
 * range in a wide run takes blocks where it can (262144 pages per GiB would
 * make every step's full traversal slow without reaching a new shape). */
static size_t map_pages_size(const struct os_run *r, const struct pt_op *op)
{
	if (op->size <= 4 * (uint64_t)r->block)
		return r->granule;
	if (!((op->iova | op->pa | op->size) % r->block))
		return r->block;
	return 0;
}

/* A map op drawn at random (map, map_pages or map_repeat). */
static void random_map_op(struct os_run *r, struct os_rng *rng, struct pt_op *op)
{
	uint64_t size = random_size(r, rng), iova = random_iova(r, rng, size);

	memset(op, 0, sizeof(*op));
	op->kind = PT_OP_MAP;
	op->iova = iova;
	op->size = size;
	op->pa = random_pa(r, rng, iova, size);
	op->prot = random_prot(rng);
	op->pgsize = os_pick(rng, 2) ? map_pages_size(r, op) : 0;
}

/* Often block-aligned and whole blocks long, so leaf tables get shared and
 * later partial maps and unmaps have to un-share them; in a wide run also
 * repeated blocks over level-1 spans (shared level-2 tables). */
static void random_repeat_op(struct os_run *r, struct os_rng *rng, struct pt_op *op)
{
	bool l1 = r->vast && os_pick(rng, 2) == 0;
	bool l2 = !l1 && r->wide && os_pick(rng, 2) == 0;
	uint64_t pgsize = l1 ? r->span1 : l2 ? r->block : os_pick(rng, 3) ? r->granule : r->block;
	uint64_t parent = l1 ? r->span0 : l2 ? r->span1 : r->block;
	uint64_t align = os_pick(rng, 2) ? parent : pgsize, size;

	if (l1)
		size = os_pick(rng, 2) ? 2 * parent : parent + (1 + os_pick(rng, 4)) * pgsize;
	else if (pgsize == parent || os_pick(rng, 2))
		size = (1 + os_pick(rng, l2 ? 3 : 2)) * parent;
	else
		size = (1 + os_pick(rng, 2 * parent / pgsize)) * pgsize;
	if (size > r->window)
		size = parent;
	memset(op, 0, sizeof(*op));
	op->kind = PT_OP_MAP_REPEAT;
	op->pgsize = pgsize;
	op->size = size;
	op->iova = os_pick(rng, (r->window - size) / align + 1) * align;
	op->pa = os_pick(rng, r->pa_span / pgsize) * pgsize;
	op->prot = random_prot(rng);
}

static int do_map(struct os_run *r, struct os_rng *rng, bool pages)
{
	struct pt_op op;
	bool overlap;
	int ret;

	random_map_op(r, rng, &op);
	overlap = sh_overlaps(&r->sh, op.iova, op.iova + op.size);
	op.pgsize = map_pages_size(r, &op);
	if (pages && op.pgsize)
		ret = pt_map_pages(&r->h->pt, op.iova, op.pa, op.pgsize, op.size / op.pgsize,
				   op.prot);
	else
		ret = pt_map(&r->h->pt, op.iova, op.pa, op.size, op.prot);
	return after_map(r, pages ? "map_pages" : "map", ret, overlap, op.iova, op.size, op.pa, 0,
			 op.prot);
}

static int do_unmap_range(struct os_run *r, uint64_t iova, uint64_t size)
{
	uint64_t want = sh_unmap_expect(&r->h->geom, hx_cpu_mem(r->h), iova, iova + size);
	int64_t got = pt_unmap(&r->h->pt, iova, size);

	if (expect_ret("unmap", got, (int64_t)want, iova, size))
		return -1;
	sh_remove(&r->sh, iova, iova + size);
	return 0;
}

static int do_repeat(struct os_run *r, struct os_rng *rng)
{
	struct pt_op op;
	bool overlap;
	int ret;

	random_repeat_op(r, rng, &op);
	overlap = sh_overlaps(&r->sh, op.iova, op.iova + op.size);
	/* A wide window fills up and most repeats would be refused: often
	 * clear the range first, so shared tables keep being made. */
	if (overlap && r->wide && os_pick(rng, 2)) {
		if (do_unmap_range(r, op.iova, op.size))
			return -1;
		overlap = false;
	}
	ret = pt_map_repeat(&r->h->pt, op.iova, op.size, op.pa, op.pgsize, op.prot);
	return after_map(r, "map_repeat", ret, overlap, op.iova, op.size, op.pa, op.pgsize,
			 op.prot);
}

static int do_unmap_whole(struct os_run *r, struct os_rng *rng)
{
	const struct sh_ext *e;

	if (!r->sh.n)
		return 0;
	e = &r->sh.e[os_pick(rng, r->sh.n)];
	return do_unmap_range(r, e->start, e->end - e->start);
}

/* A link to a shared table at level (the k-th of them), or NULL. */
static const struct os_link *shared_link(const struct os_run *r, unsigned level, size_t k)
{
	for (size_t i = 0; i < r->nshared_links; i++)
		if (r->shared_links[i].level == level && k-- == 0)
			return &r->shared_links[i];
	return NULL;
}

static size_t shared_links_at(const struct os_run *r, unsigned level)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nshared_links; i++)
		n += r->shared_links[i].level == level;
	return n;
}

/*
 * Sometimes (wide runs, shapes counted) at a table the last check found
 * shared: a few granules inside one parent's span (un-share: a private
 * copy) or that whole span (a dropped reference). Random ranges alone
 * rarely cut a shared table partly, so a level whose shared tables have
 * not been un-shared (or dropped) yet in this run gets that first.
 */
static int do_unmap_random(struct os_run *r, struct os_rng *rng)
{
	uint64_t size = random_size(r, rng);

	for (unsigned l = 1; l < PT_MAX_LEVELS && r->nshared_links; l++) {
		size_t n = shared_links_at(r, l);
		bool whole = os_pick(rng, 3) == 0;
		bool owed = whole ? !r->reach.dropped[l] : !r->reach.unshared[l];

		if (!n || !(owed || os_pick(rng, 4) == 0))
			continue;
		const struct os_link *k = shared_link(r, l, os_pick(rng, n));
		uint64_t span = 1ull << rw_level_shift(&r->h->geom, l - 1);

		if (whole)
			return do_unmap_range(r, k->va, span);
		size = (1 + os_pick(rng, 4)) * r->granule;
		return do_unmap_range(r, k->va + os_pick(rng, span / r->granule - 4) * r->granule,
				      size);
	}
	return do_unmap_range(r, random_iova(r, rng, size), size);
}

/* ---- queued (prepared) ops ---------------------------------------------- */

/* Pages the pending ops hold: their hook reservations, linked through entry 0. */
static void count_held(struct os_run *r)
{
	size_t blocks = 0;

	for (unsigned i = 0; i < r->npend; i++)
		for (void *t = r->pend[r->slot[i]].hook_pages; t; t = (void *)(uintptr_t)*(uint64_t *)t)
			blocks++;
	r->h->held_blocks = blocks;
	r->h->held_bytes = blocks * r->granule;
}

/* Prepare a map that replaces what it meets, or an unmap, and keep it. */
static int do_queue(struct os_run *r, struct os_rng *rng)
{
	struct pt_op *op;
	int ret;

	if (r->npend == OS_MAX_PENDING)
		return 0;
	op = &r->pend[r->slot[r->npend]];
	switch (os_pick(rng, 3)) {
	case 0: random_repeat_op(r, rng, op); break;
	case 1: random_map_op(r, rng, op); break;
	default: {
		uint64_t size = random_size(r, rng);

		memset(op, 0, sizeof(*op));
		op->kind = PT_OP_UNMAP;
		op->size = size;
		op->iova = random_iova(r, rng, size);
	}
	}
	op->replace = true;
	ret = pt_prepare(&r->h->pt, op);
	if (out_of_memory(r, ret))
		return 0;
	if (expect_ret("prepare", ret, 0, op->iova, op->size))
		return -1;
	r->npend++;
	count_held(r);
	return 0;
}

/* The i-th pending op is done: its slot goes to the free end (a prepared op
 * itself never moves: the core links it in place). */
static void drop_pending(struct os_run *r, unsigned i)
{
	unsigned s = r->slot[i];

	r->slot[i] = r->slot[--r->npend];
	r->slot[r->npend] = s;
	count_held(r);
}

/* Commit a pending op, any of them (odd orders): it cannot fail, and the
 * model changes as the op says whatever ran since it was prepared. */
static int do_commit(struct os_run *r, struct os_rng *rng)
{
	unsigned i;
	struct pt_op *op;
	uint64_t want = 0;
	int ret;

	if (!r->npend)
		return 0;
	i = (unsigned)os_pick(rng, r->npend);
	op = &r->pend[r->slot[i]];
	if (op->kind == PT_OP_UNMAP)
		want = sh_unmap_expect(&r->h->geom, hx_cpu_mem(r->h), op->iova, op->iova + op->size);
	ret = pt_commit(&r->h->pt, op);
	if (expect_ret("commit", ret, 0, op->iova, op->size))
		return -1;
	if (op->kind == PT_OP_UNMAP && expect_ret("commit unmap", (int64_t)op->done, (int64_t)want,
						  op->iova, op->size))
		return -1;
	sh_remove(&r->sh, op->iova, op->iova + op->size);
	if (op->kind != PT_OP_UNMAP)
		sh_add(&r->sh, op->iova, op->size, op->pa,
		       op->kind == PT_OP_MAP_REPEAT ? op->pgsize : 0, op->prot);
	r->reach.commits++;
	drop_pending(r, i);
	return 0;
}

static int do_abort(struct os_run *r, struct os_rng *rng)
{
	unsigned i;

	if (!r->npend)
		return 0;
	i = (unsigned)os_pick(rng, r->npend);
	pt_abort(&r->h->pt, &r->pend[r->slot[i]]);
	r->reach.aborts++;
	drop_pending(r, i);
	return 0;
}

/* ---- checks ----------------------------------------------------------------- */

/* The prot a leaf can say back: stage 1 has no write-only (WRITE maps
 * read/write); Mali LPAE has no privileged-only. */
static unsigned prot_read_back(enum pt_format fmt, unsigned prot)
{
	return fmt == PT_FMT_MALI_LPAE ? prot & ~PT_PROT_PRIV : prot | PT_PROT_READ;
}

/* pt_lookup agrees with the reference walker's decoding and the model. */
static int lookup_check(struct os_run *r, uint64_t va, uint64_t want, unsigned prot)
{
	struct pt_leaf leaf;
	struct rw_result w;
	int ret = pt_lookup(&r->h->pt, va, &leaf);

	hx_walk(r->h, va, &w);
	if (!ret && leaf.pa == want && leaf.size == w.size && leaf.level == w.level &&
	    leaf.contiguous == w.contig && leaf.prot == prot_read_back(r->h->cfg.fmt, prot) &&
	    !leaf.global)
		return 0;
	fprintf(stderr, "opseq: pt_lookup(0x%" PRIx64 ") = %d: pa 0x%" PRIx64 " size 0x%" PRIx64
		" level %u prot 0x%x%s%s; walker size 0x%" PRIx64 " level %u%s, model pa 0x%" PRIx64
		" prot 0x%x\n", va, ret, leaf.pa, leaf.size, leaf.level, leaf.prot,
		leaf.global ? " global" : "", leaf.contiguous ? " cont" : "", w.size, w.level,
		w.contig ? " cont" : "", want, prot);
	return -1;
}

/* The core's own lookups agree with the model at one random address. */
static int spot_check(struct os_run *r, struct os_rng *rng)
{
	uint64_t va = os_pick(rng, r->window / 8) * 8, pa = 0, want = 0;
	unsigned prot;
	bool mapped = sh_lookup(&r->sh, va, &want, &prot);
	int ret = pt_iova_to_phys(&r->h->pt, va, &pa);

	if (mapped && (ret || pa != want)) {
		fprintf(stderr, "opseq: iova_to_phys(0x%" PRIx64 ") = %d, 0x%" PRIx64
			", model 0x%" PRIx64 "\n", va, ret, pa, want);
		return -1;
	}
	if (!mapped && ret != -ENOENT) {
		fprintf(stderr, "opseq: iova_to_phys(0x%" PRIx64 ") = %d on an unmapped address\n",
			va, ret);
		return -1;
	}
	return mapped ? lookup_check(r, va, want, prot) : 0;
}

/* What shapes the tables hold now: giant leaves, shared tables per level,
 * and every link to a table (to tell later what became of a shared one). */
struct shapes {
	uint16_t *visits;
	struct os_link *links;
	size_t nlinks, cap;
	size_t shared[PT_MAX_LEVELS];
	unsigned long giants;
};

static int shape_table(void *ctx, uint64_t pa, unsigned level, uint64_t va)
{
	struct shapes *s = ctx;
	size_t page = (size_t)((pa - HX_PA_BASE) / 4096);

	if (s->visits[page]++ == 1)
		s->shared[level]++;
	if (s->nlinks == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->links = realloc(s->links, s->cap * sizeof(*s->links));
		if (!s->links)
			return -1;
	}
	s->links[s->nlinks++] = (struct os_link){ .va = va, .pa = pa, .level = level };
	return 0;
}

static int shape_leaf(void *ctx, uint64_t va, const struct rw_result *res)
{
	struct shapes *s = ctx;

	(void)va;
	s->giants += res->level == 1;
	return 0;
}

static int link_cmp(const void *a, const void *b)
{
	const struct os_link *x = a, *y = b;

	if (x->level != y->level)
		return x->level < y->level ? -1 : 1;
	return x->va < y->va ? -1 : x->va > y->va;
}

/* Each link the last check found to a shared table: still there, now to
 * another table (un-shared), or to none (dropped). links is sorted. */
static void count_unshared(struct os_run *r, const struct shapes *s)
{
	for (size_t i = 0; i < r->nshared_links; i++) {
		const struct os_link *was = &r->shared_links[i];
		const struct os_link *now = bsearch(was, s->links, s->nlinks, sizeof(*now), link_cmp);

		if (now && now->pa == was->pa)
			continue;
		if (now)
			r->reach.unshared[was->level]++;
		else
			r->reach.dropped[was->level]++;
	}
}

/* Keep the links to tables with more than one parent, for the next check:
 * s->links compacted in place, and handed over to r. */
static void keep_shared_links(struct os_run *r, struct shapes *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nlinks; i++)
		if (s->visits[(size_t)((s->links[i].pa - HX_PA_BASE) / 4096)] > 1)
			s->links[n++] = s->links[i];
	free(r->shared_links);
	r->shared_links = s->links;
	r->nshared_links = n;
	s->links = NULL;
}

static void note_shapes(struct os_run *r)
{
	struct shapes s = { 0 };
	struct rw_visit v = { .leaf = shape_leaf, .table = shape_table, .ctx = &s };
	const char *why = NULL;
	uint64_t bad = 0;

	s.visits = calloc(r->h->npages, sizeof(*s.visits));
	if (s.visits && rw_traverse(&r->h->geom, hx_cpu_mem(r->h), &v, &why, &bad) == 0) {
		r->reach.giant_leaves += s.giants;
		for (unsigned l = 0; l < PT_MAX_LEVELS; l++)
			r->reach.shared[l] += s.shared[l];
		if (s.nlinks)
			qsort(s.links, s.nlinks, sizeof(*s.links), link_cmp);
		count_unshared(r, &s);
		keep_shared_links(r, &s);
	}
	free(s.visits);
	free(s.links);
}

int os_step(struct os_run *r, struct os_rng *rng)
{
	/* Queued ops are rarer than direct ones, and only where asked for
	 * (wide runs), so the classic runs keep their mix. */
	enum os_kind k = (enum os_kind)os_pick(rng, r->wide ? OS_NKINDS : OS_QUEUE);
	int ret;

	switch (k) {
	case OS_MAP: ret = do_map(r, rng, false); break;
	case OS_MAP_PAGES: ret = do_map(r, rng, true); break;
	case OS_MAP_REPEAT: ret = do_repeat(r, rng); break;
	case OS_UNMAP_WHOLE: ret = do_unmap_whole(r, rng); break;
	case OS_QUEUE: ret = do_queue(r, rng); break;
	case OS_COMMIT: ret = do_commit(r, rng); break;
	case OS_ABORT: ret = do_abort(r, rng); break;
	default: ret = do_unmap_random(r, rng); break;
	}
	r->done[k]++;
	if (ret)
		return -1;
	if (sh_check_hx(&r->sh, r->h))
		return -1;
	if (r->wide && !r->no_shapes)
		note_shapes(r);
	return spot_check(r, rng);
}

int os_teardown(struct os_run *r)
{
	int ret = 0;

	while (r->npend) {
		pt_abort(&r->h->pt, &r->pend[r->slot[0]]);
		drop_pending(r, 0);
	}
	if (do_unmap_range(r, 0, r->window) || hx_check_tables(r->h, NULL))
		ret = -1;
	if (hx_delete(r->h))
		ret = -1;
	sh_fini(&r->sh);
	free(r->shared_links);
	r->shared_links = NULL;
	return ret;
}
