/* SPDX-License-Identifier: MIT */
/*
 * Differential test: gpummu against Linux io-pgtable-arm (the oracle, see
 * tests/host/oracle/lx.h), the same operations on both, and after every
 * operation both trees walked by the reference walker and compared leaf by
 * leaf in meaning (tests/host/oracle/leaves.h), plus the operations'
 * results and the register values for the same configuration.
 *
 * Every difference is a failure unless it is one of the deliberate ones of
 * docs/oracle.md, each recognised here by a rule that says exactly when it
 * applies (D1..D7 below, same numbers as the table); a recognised one is
 * counted, and the two sides are brought back in step by unmapping the
 * operation's range on both.
 *
 * Per configuration: a scripted sequence (every case by name), then a
 * random one (GPUMMU_SEED=n replays another) whose generator must reach
 * every shape the geometry has: pages, each block size, contiguous runs,
 * tables at every level, shared (map_repeat) tables, maps straddling a
 * last-level table, block splits, cut runs, every valid prot.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/mali_mmu.h"
#include "mmu/bits.h"
#include "tests/host/mali_model.h"
#include "tests/host/mmio_host.h"
#include "tests/host/oracle/pair.h"

#define RANDOM_OPS 480
#define EPOCH_OPS  120  /* then both sides start afresh: Linux keeps every table it made */
#define MAX_ISSUES 12

static const struct pair_cfg configs[] = {
	{ PT_FMT_ARM64_S1, 4096, 48, 48, true },  { PT_FMT_ARM64_S1, 4096, 48, 44, true },
	{ PT_FMT_ARM64_S1, 4096, 39, 40, true },  { PT_FMT_ARM64_S1, 4096, 32, 40, true },
	{ PT_FMT_ARM64_S1, 16384, 48, 48, true }, { PT_FMT_ARM64_S1, 16384, 48, 44, true },
	{ PT_FMT_ARM64_S1, 16384, 39, 40, true }, { PT_FMT_ARM64_S1, 16384, 32, 40, true },
	{ PT_FMT_ARM64_S1, 65536, 48, 48, true }, { PT_FMT_ARM64_S1, 65536, 48, 44, true },
	{ PT_FMT_ARM64_S1, 65536, 39, 40, true }, { PT_FMT_ARM64_S1, 65536, 32, 40, true },
	{ PT_FMT_MALI_LPAE, 4096, 48, 40, true },
	{ PT_FMT_ARM32_LPAE_S1, 4096, 32, 40, true },
};
#define NCONFIGS (sizeof(configs) / sizeof(configs[0]))

/* ---- the run: one pair, what differed, what was reached ---- */

enum known { D1_PA_OAS, D2_BLOCK_OVER_TABLE, D3_SPLIT_IN_PLACE, D4_UNMAP_HOLE, D5_UNMAP_BADARG,
	     D6_UNMAP_SPAN, NKNOWN };

struct cover {
	unsigned long leaf_size[4];   /* leaves seen per absolute level */
	unsigned long contig, shared, split, run_cut, straddle;
	unsigned long tables[PT_MAX_LEVELS];
	uint64_t prots;               /* bit p: prot p mapped successfully */
};

struct run {
	struct pair p;
	const struct pair_cfg *c;
	size_t gran, blk, gig, contig_bytes;  /* page, level-2 block, level-1 block (4K), run */
	uint64_t lo_end, hi_start, ias_end;   /* windows [0, lo_end) and [hi_start, ias_end) */
	uint64_t rng;
	unsigned long op_no;
	struct lf_diff diff;
	unsigned long known[NKNOWN];
	unsigned issues;
	char issue[MAX_ISSUES][300];
	struct cover cov;
	/* D3 observation: what each side's walk shows at flush time */
	bool watch;
	uint64_t watch_va;
	int gp_seen, lx_seen;         /* -1 not flushed, 0 invalid, 1 valid at flush time */
	bool lx_stopped;              /* the last Linux unmap stopped at a hole (and warned) */
};

static void issue(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void issue(struct run *r, const char *fmt, ...)
{
	va_list ap;

	if (r->issues++ >= MAX_ISSUES)
		return;
	va_start(ap, fmt);
	vsnprintf(r->issue[r->issues - 1], sizeof(r->issue[0]), fmt, ap);
	va_end(ap);
}

static uint64_t rnd(struct run *r)
{
	r->rng ^= r->rng << 13;
	r->rng ^= r->rng >> 7;
	r->rng ^= r->rng << 17;
	return r->rng;
}

static uint64_t below(struct run *r, uint64_t n)
{
	return n ? rnd(r) % n : 0;
}

static bool chance(struct run *r, unsigned percent)
{
	return below(r, 100) < percent;
}

/* The valid prots: READ and/or WRITE, EXEC or not, PRIV or not, one memory type. */
static unsigned prot_of(unsigned k)
{
	static const unsigned rw[] = { PT_PROT_READ, PT_PROT_WRITE, PT_PROT_READ | PT_PROT_WRITE };
	static const unsigned mt[] = { 0, PT_PROT_NONCACHED, PT_PROT_DEVICE };

	return rw[k % 3] | (k / 3 % 2 ? PT_PROT_EXEC : 0) | (k / 6 % 2 ? PT_PROT_PRIV : 0) |
	       mt[k / 12 % 3];
}
#define NPROTS 36

/* ---- flush-time observation (D3) ---- */

static int walk_valid(struct pair *p, const struct lf_side *s, uint64_t va)
{
	struct rw_result res;

	rw_walk(&s->geom, &p->mem, va, &res);
	return res.st == RW_OK;
}

static void gp_flush_seen(void *ctx, const struct pt_gather *g)
{
	struct run *r = ctx;

	(void)g;
	if (r->watch && r->gp_seen < 0)
		r->gp_seen = walk_valid(&r->p, &r->p.gs, r->watch_va);
}

static void lx_sync_seen(void *ctx, uint64_t start, uint64_t end, size_t pgsize)
{
	struct run *r = ctx;

	(void)start, (void)end, (void)pgsize;
	if (r->watch && r->lx_seen < 0)
		r->lx_seen = walk_valid(&r->p, &r->p.ls, r->watch_va);
}

/* ---- operations on both sides ---- */

enum opk { OP_MAP, OP_MAP_PAGES, OP_REPEAT, OP_UNMAP };

struct op {
	enum opk k;
	uint64_t iova, pa, size;
	size_t pgsize;
	unsigned prot;
};

static const char *const opk_name[] = { "map", "map_pages", "map_repeat", "unmap" };

static void op_str(const struct op *o, char *buf, size_t len, unsigned long n)
{
	snprintf(buf, len, "op %lu %s iova %#llx size %#llx pa %#llx pgsize %#zx prot %#x", n,
		 opk_name[o->k], (unsigned long long)o->iova, (unsigned long long)o->size,
		 (unsigned long long)o->pa, o->pgsize, o->prot);
}

/* Linux without a repeat op: one iommu_map per page or block, all undone on an error. */
static int lx_repeat(struct lx_dom *l, const struct op *o)
{
	for (uint64_t at = 0; at < o->size; at += o->pgsize) {
		int ret = lx_map(l, o->iova + at, o->pa, o->pgsize, o->prot);

		if (ret) {
			lx_unmap(l, o->iova, at);
			return ret;
		}
	}
	return 0;
}

/*
 * Linux unmap of a range that may have holes, as a caller that wants it all
 * gone does with iommu_unmap(): one call for the range; where a call stops
 * short (an empty entry where its page size needs one: a hole, D4), the
 * next call starts at the next leaf. The count is then the kernel's: a
 * table freed whole counts its whole span.
 */
static uint64_t restart_at(const struct run *r, uint64_t from, uint64_t end, uint64_t leaf)
{
	const uint64_t blocks[3] = { r->gig, r->blk, r->gran };

	for (int k = 0; k < 3; k++) {
		uint64_t s = leaf & ~(blocks[k] - 1);

		if (blocks[k] && s >= from && s + blocks[k] <= end)
			return s;
	}
	return leaf;
}

static int64_t lx_unmap_all(struct run *r, uint64_t iova, uint64_t size, bool *stopped)
{
	uint64_t at = iova, end = iova + size;
	int64_t done = 0;

	*stopped = false;
	while (at < end) {
		uint64_t got = lx_unmap(r->p.l, at, end - at), next[1][2];

		done += (int64_t)got;
		at += got;
		if (at >= end)
			break;
		*stopped = true;
		/* The leaves past a stop are as before the op: nothing after it was
		 * touched. Restart at the largest page-size block in the range that
		 * holds the next leaf (its entry is not empty), as a caller
		 * unmapping by its own mappings' bounds would. */
		if (!lf_runs(&r->p.ll, at, end, next, 1) || next[0][0] == at)
			break;
		at = restart_at(r, at, end, next[0][0]);
	}
	return done;
}

static int64_t gp_apply(struct run *r, const struct op *o)
{
	struct gp *g = &r->p.g;

	switch (o->k) {
	case OP_MAP: return gp_map(g, o->iova, o->pa, o->size, o->prot);
	case OP_MAP_PAGES: return gp_map_pages(g, o->iova, o->pa, o->pgsize, o->size / o->pgsize, o->prot);
	case OP_REPEAT: return gp_map_repeat(g, o->iova, o->size, o->pa, o->pgsize, o->prot);
	case OP_UNMAP: return gp_unmap(g, o->iova, o->size);
	}
	return -1;
}

static int64_t lx_apply(struct run *r, const struct op *o)
{
	struct lx_dom *l = r->p.l;

	switch (o->k) {
	case OP_MAP: return lx_map(l, o->iova, o->pa, o->size, o->prot);
	case OP_MAP_PAGES: return lx_map_pages(l, o->iova, o->pa, o->pgsize, o->size / o->pgsize, o->prot);
	case OP_REPEAT: return lx_repeat(l, o);
	case OP_UNMAP: return lx_unmap_all(r, o->iova, o->size, &r->lx_stopped);
	}
	return -1;
}

static uint64_t page_sizes(const struct run *r)
{
	return r->gran | r->blk | r->gig;
}

/*
 * D2's rule, on the trees before the op: somewhere in the range an aligned
 * block of a size Linux would use (IOVA and PA equally aligned) covers a
 * table that Linux still has, and no Linux leaf at least that large. Linux
 * then frees that table with its pages and writes the block (arm_lpae_init_pte).
 */
static bool block_over_table(const struct run *r, const struct op *o)
{
	const uint64_t blocks[2] = { r->gig, r->blk };
	uint64_t sizes = o->k == OP_REPEAT ? o->pgsize : page_sizes(r) & ~(uint64_t)r->gran;
	const struct lf_list *l = &r->p.ll;

	for (int k = 0; k < 2; k++) {
		uint64_t b = blocks[k], first[1][2];

		if (!(sizes & b) || ((o->iova ^ o->pa) & (b - 1) && o->k != OP_REPEAT))
			continue;
		for (uint64_t at = (o->iova + b - 1) & ~(b - 1); at + b <= o->iova + o->size; at += b) {
			bool small = false, big = false;

			if (!lf_runs(l, at, at + b, first, 1))
				continue;
			for (const struct lf *f = lf_find(l, first[0][0]); f < l->v + l->n && f->va < at + b; f++) {
				small |= f->size < b;
				big |= f->size >= b;
			}
			if (small && !big)
				return true;
		}
	}
	return false;
}

static bool is_map(const struct op *o)
{
	return o->k != OP_UNMAP;
}

static bool pa_crosses_oas(const struct run *r, const struct op *o)
{
	uint64_t end = o->pa + (o->k == OP_REPEAT ? o->pgsize : o->size);

	return is_map(o) && o->pa < (1ull << r->c->oas) && end > (1ull << r->c->oas);
}

/* log2 of what one entry at level maps (Arm DDI 0487 D8.2: granule bits
 * plus one table index per level below). */
static unsigned entry_shift(const struct run *r, unsigned level)
{
	unsigned g = (unsigned)__builtin_ctzll(r->gran);

	return g + (3 - level) * (g - 3);
}

/*
 * D6's rule: the range covers, aligned, the whole span of an entry whose
 * span is no page size (4K: level 0; 16K: level 1; 64K: level 1), and the
 * table below it is linked. gpummu unlinks that table and counts the span;
 * iommu_unmap() cannot pick that size and counts only the page-size
 * entries under it that are not empty.
 */
static bool covers_unpaged_span(const struct run *r, const struct op *o)
{
	for (unsigned level = r->p.g.pt.start_level; level < 3; level++) {
		uint64_t span = 1ull << entry_shift(r, level);
		uint64_t at = (o->iova + span - 1) & ~(span - 1);

		if (span & page_sizes(r))
			continue;
		for (; at + span <= o->iova + o->size && at + span > at; at += span) {
			uint64_t run[1][2];

			if (lf_runs(&r->p.gl, at, at + span, run, 1))
				return true;
		}
	}
	return false;
}

static void resync(struct run *r, const struct op *o, bool lx_beyond_oas)
{
	char err[200];

	gp_unmap(&r->p.g, o->iova, o->size);
	if (lx_beyond_oas) {
		/* Leaves past 2^oas are RW_BAD to the walker: unmap what was mapped directly. */
		lx_unmap(r->p.l, o->iova, o->size);
		return;
	}
	/* Linux's runs as they are now, after the op. */
	if (pair_walk(&r->p, err, sizeof(err))) {
		issue(r, "before resync: %s", err);
		return;
	}
	lx_unmap_all(r, o->iova, o->size, &r->lx_stopped);
}

static void note_cover(struct run *r, const struct op *o, int64_t ret)
{
	struct pt_stats st;

	if (ret < 0)
		return;
	if (is_map(o)) {
		r->cov.prots |= 1ull << o->prot;
		if (o->iova / r->blk != (o->iova + o->size - 1) / r->blk)
			r->cov.straddle++;
	}
	gp_stats(&r->p.g, &st);
	r->cov.shared += st.shared_tables;
	for (unsigned i = 0; i < PT_MAX_LEVELS; i++)
		r->cov.tables[i] += st.tables[i];
	for (size_t i = 0; i < r->p.gl.n; i++) {
		const struct lf *f = &r->p.gl.v[i];

		r->cov.leaf_size[f->size == r->gran ? 3 : f->size == r->blk ? 2 : 1]++;
		r->cov.contig += f->contig;
	}
}

/* Unmap coverage, on gpummu's leaves before the op: a block cut, a run cut. */
static void note_cuts(struct run *r, const struct op *o)
{
	uint64_t ends[2] = { o->iova, o->iova + o->size };

	for (int e = 0; e < 2; e++) {
		const struct lf *f = lf_find(&r->p.gl, ends[e] - (uint64_t)e);

		if (!f || (e == 0 ? f->va == ends[0] : f->va + f->size == ends[1]))
			continue;
		r->cov.split += f->size > r->gran;
	}
	for (int e = 0; e < 2; e++) {
		uint64_t run_start = ends[e] & ~(uint64_t)(r->contig_bytes - 1);
		const struct lf *f = lf_find(&r->p.gl, run_start);

		if (f && f->contig && ends[e] != run_start && ends[e] < run_start + r->contig_bytes)
			r->cov.run_cut++;
	}
}

/* One op on both sides, its results compared, then both trees; gpummu's result. */
static int64_t apply(struct run *r, const struct op *o)
{
	char what[200], err[200];
	unsigned long warns = lx_warn_count();
	bool d2 = is_map(o) && block_over_table(r, o);
	bool d6 = o->k == OP_UNMAP && covers_unpaged_span(r, o);
	int64_t rg, rl;

	op_str(o, what, sizeof(what), ++r->op_no);
	if (o->k == OP_UNMAP)
		note_cuts(r, o);
	rg = gp_apply(r, o);
	rl = lx_apply(r, o);
	/* Linux warns where a caller misuses it: a map over a mapping, an
	 * unmap of nothing (WARN_ON(!pte)); on nothing else. */
	if (lx_warn_count() != warns && (is_map(o) ? rl == 0 : !r->lx_stopped))
		issue(r, "%s: Linux warned (%s) on an op it did not refuse", what, lx_last_warn());
	if (rg == -ERANGE && pa_crosses_oas(r, o) && (rl == 0 || rl == -ERANGE)) {
		r->known[D1_PA_OAS]++;
		resync(r, o, rl == 0);
	} else if (d2 && rg == -EEXIST && (rl == 0 || rl == -EEXIST)) {
		r->known[D2_BLOCK_OVER_TABLE]++;
		resync(r, o, false);
	} else if (d6 && rg > rl && rl > 0) {
		r->known[D6_UNMAP_SPAN]++;
	} else if (rg != rl) {
		issue(r, "%s: gpummu returned %lld, Linux %lld", what, (long long)rg, (long long)rl);
		resync(r, o, false);
	}
	if (pair_walk(&r->p, err, sizeof(err))) {
		issue(r, "%s: %s", what, err);
		return rg;
	}
	lf_compare(&r->p.gs, &r->p.gl, &r->p.ls, &r->p.ll, &r->diff, what);
	note_cover(r, o, rg);
	return rg;
}

/* ---- setup ---- */

/* A fresh pair of empty tables for r's configuration. */
static void run_pair(struct run *r)
{
	const struct lx_flush_hooks hooks = { .sync = lx_sync_seen, .ctx = r };
	char err[200];

	if (pair_new(&r->p, r->c, gp_flush_seen, &hooks, r, err, sizeof(err)))
		fail_msg("%s", err);
	if (pair_walk(&r->p, err, sizeof(err)))
		fail_msg("empty tables: %s", err);
}

static void run_init(struct run *r, const struct pair_cfg *c)
{
	uint64_t space;

	memset(r, 0, sizeof(*r));
	r->c = c;
	r->gran = c->granule;
	r->blk = c->granule == 4096 ? 1ull << 21 : c->granule == 16384 ? 1ull << 25 : 1ull << 29;
	r->gig = c->granule == 4096 ? 1ull << 30 : 0;
	r->contig_bytes = c->granule * (c->granule == 4096 ? 16 : c->granule == 16384 ? 128 : 32);
	r->ias_end = 1ull << c->ias;
	space = r->ias_end < (8ull << 30) ? r->ias_end : 8ull << 30;
	r->lo_end = space / 2;
	r->hi_start = r->ias_end - space / 2;
	r->rng = 0x9e3779b97f4a7c15ull ^ (uint64_t)(c - configs) * 0x100000001b3ull;
	if (getenv("GPUMMU_SEED"))
		r->rng ^= strtoull(getenv("GPUMMU_SEED"), NULL, 0) * 0x2545f4914f6cdd1dull;
	r->gp_seen = r->lx_seen = -1;
	run_pair(r);
}

/* Both sides start afresh (their pools must come back whole first). */
static void run_restart(struct run *r)
{
	if (pair_delete(&r->p))
		issue(r, "after op %lu: a pool did not come back whole", r->op_no);
	run_pair(r);
}

static void run_report(struct run *r, const char *name)
{
	char buf[2048];

	lf_diff_print(&r->diff, buf, sizeof(buf));
	printf("# %s: %lu ops, known differences D1 %lu D2 %lu D3 %lu D4 %lu D5 %lu D6 %lu\n", name,
	       r->op_no, r->known[0], r->known[1], r->known[2], r->known[3], r->known[4],
	       r->known[5]);
	if (lf_diff_total(&r->diff))
		printf("# %s: leaves differ in meaning:\n%s", name, buf);
	for (unsigned i = 0; i < r->issues && i < MAX_ISSUES; i++)
		printf("# %s: %s\n", name, r->issue[i]);
	if (r->issues > MAX_ISSUES)
		printf("# %s: ... %u more\n", name, r->issues - MAX_ISSUES);
}

static void cfg_name(const struct pair_cfg *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s %zuK %u/%u", pt_format_name(c->fmt), c->granule / 1024, c->ias, c->oas);
}

/* Reports, frees r, and fails the test if anything differed. */
static void run_finish(struct run *r, const char *what)
{
	char name[80];
	bool bad;
	int leaked;

	cfg_name(r->c, name, sizeof(name));
	strncat(name, what, sizeof(name) - strlen(name) - 1);
	run_report(r, name);
	bad = r->issues || lf_diff_total(&r->diff);
	leaked = pair_delete(&r->p);
	free(r);
	if (leaked)
		fail_msg("%s: a pool did not come back whole", name);
	if (bad)
		fail_msg("%s: gpummu and Linux differ (see above)", name);
}

/* ---- scripted sequence ---- */

static struct op mk(enum opk k, uint64_t iova, uint64_t pa, uint64_t size, size_t pgsize,
		    unsigned prot)
{
	return (struct op){ k, iova, pa, size, pgsize, prot };
}

#define RW (PT_PROT_READ | PT_PROT_WRITE)

/* D3: a cut block is split with break-before-make by gpummu (the kept part
 * is invalid when the flush runs), in place by Linux 6.12 (already valid). */
static void script_split_observed(struct run *r, uint64_t base)
{
	r->watch = true;
	r->watch_va = base + r->blk / 2;
	r->gp_seen = r->lx_seen = -1;
	apply(r, &(struct op){ OP_UNMAP, base + r->gran, 0, r->gran, 0, 0 });
	r->watch = false;
	if (r->gp_seen == 0 && r->lx_seen == 1)
		r->known[D3_SPLIT_IN_PLACE]++;
	else
		issue(r, "block split: kept part at flush time gpummu %d (want 0: break-before-make), "
		      "Linux %d (want 1: 6.12 swaps in place)", r->gp_seen, r->lx_seen);
}

/* D4 and D5: one iommu_unmap over a hole stops there; bad arguments give 0. */
static void script_unmap_semantics(struct run *r, uint64_t base)
{
	char err[200];
	uint64_t got;
	int64_t rg;

	apply(r, &(struct op){ OP_MAP, base, base, r->gran, 0, RW });
	apply(r, &(struct op){ OP_MAP, base + 2 * r->gran, base, r->gran, 0, RW });
	got = lx_unmap(r->p.l, base, 3 * r->gran);
	rg = gp_unmap(&r->p.g, base, 3 * r->gran);
	if (got == r->gran && rg == (int64_t)(2 * r->gran))
		r->known[D4_UNMAP_HOLE]++;
	else
		issue(r, "unmap over a hole: Linux %#llx (want one page), gpummu %lld (want two)",
		      (unsigned long long)got, (long long)rg);
	lx_unmap(r->p.l, base + 2 * r->gran, r->gran);
	got = lx_unmap(r->p.l, base + r->gran / 2, r->gran);
	rg = gp_unmap(&r->p.g, base + r->gran / 2, r->gran);
	if (got == 0 && rg == -EINVAL)
		r->known[D5_UNMAP_BADARG]++;
	else
		issue(r, "unaligned unmap: Linux %#llx (want 0), gpummu %lld (want -EINVAL)",
		      (unsigned long long)got, (long long)rg);
	if (pair_walk(&r->p, err, sizeof(err)))
		issue(r, "after unmap semantics: %s", err);
}

/* D2 again, with gpummu's replacing map: its tree must be Linux's. */
static void script_replace(struct run *r, uint64_t iova, uint64_t pa)
{
	char what[] = "replacing map over a table still mapping a page", err[200];
	int gr, lr;

	apply(r, &(struct op){ OP_MAP, iova + r->gran, pa + r->gran, r->gran, 0, RW });
	gr = gp_map_replace(&r->p.g, iova, pa, r->blk, RW);
	lr = lx_map(r->p.l, iova, pa, r->blk, RW);
	if (gr || lr)
		issue(r, "%s: gpummu %d, Linux %d (want 0, 0)", what, gr, lr);
	if (pair_walk(&r->p, err, sizeof(err)))
		issue(r, "%s: %s", what, err);
	else
		lf_compare(&r->p.gs, &r->p.gl, &r->p.ls, &r->p.ll, &r->diff, what);
	apply(r, &(struct op){ OP_UNMAP, iova, 0, r->blk, 0, 0 });
}

/* D6: two pages under one entry whose span is no page size, unmapped with it. */
static void script_unmap_span(struct run *r)
{
	for (unsigned level = r->p.g.pt.start_level; level < 3; level++) {
		uint64_t span = 1ull << entry_shift(r, level);

		if ((span & page_sizes(r)) || 2 * span > r->ias_end)
			continue;
		apply(r, &(struct op){ OP_MAP, span, 0x1000000, r->gran, 0, RW });
		apply(r, &(struct op){ OP_MAP, span + span / 2, 0x2000000, r->gran, 0, RW });
		apply(r, &(struct op){ OP_UNMAP, span, 0, span, 0, 0 });
		return;
	}
}

/*
 * Slots of one level-2 block each from IOVA 0: 0 small cases, 1-2 blocks and
 * their split, 3 D2, 4 the straddling map and page runs, 5 a map_pages
 * block, 6-7 two whole tables of one repeated page (8 slots: fits the
 * smallest space, 64K granule with a 32-bit IAS).
 */
static void scripted(struct run *r)
{
	uint64_t b = r->blk, g = r->gran, c = r->contig_bytes, top = 1ull << r->c->oas;
	uint64_t s1 = b, s3 = 3 * b, s4 = 4 * b, s6 = 6 * b;

	/* pages, a contiguous run, blocks, a 1 GiB block, a map straddling tables */
	apply(r, &(struct op){ OP_MAP, 0, 0x10000000, g, 0, RW });
	apply(r, &(struct op){ OP_MAP, c, 0x20000000 + c, c, 0, PT_PROT_READ });
	apply(r, &(struct op){ OP_MAP, s1, 0x40000000, 2 * b, 0, RW | PT_PROT_EXEC });
	if (r->gig && r->ias_end >= 4 * r->gig)
		apply(r, &(struct op){ OP_MAP, 2 * r->gig, 0x80000000, r->gig, 0, RW });
	apply(r, &(struct op){ OP_MAP, s4 - 3 * g, 0x50000000 - 3 * g, 6 * g, 0,
			       PT_PROT_WRITE | PT_PROT_DEVICE });
	apply(r, &(struct op){ OP_MAP_PAGES, s4 + 2 * c, 0x60000000, g, 2 * c / g,
			       RW | PT_PROT_NONCACHED });
	apply(r, &(struct op){ OP_MAP_PAGES, 5 * b, 0x60000000, b, 1, PT_PROT_READ | PT_PROT_PRIV });
	/* overlaps: a page over a page, a page inside a block, a block over a block */
	apply(r, &(struct op){ OP_MAP, 0, 0x30000000, g, 0, RW });
	apply(r, &(struct op){ OP_MAP, s1 + g, 0x30000000, g, 0, RW });
	apply(r, &(struct op){ OP_MAP, s1, 0x40000000, b, 0, RW });
	/* partial unmaps: one page of a run, one page and a range of a block, across blocks */
	apply(r, &(struct op){ OP_UNMAP, c + 3 * g, 0, g, 0, 0 });
	script_split_observed(r, s1);
	apply(r, &(struct op){ OP_UNMAP, s1 + b - 5 * g, 0, 10 * g, 0, 0 });
	if (r->gig && r->ias_end >= 4 * r->gig)
		apply(r, &(struct op){ OP_UNMAP, 2 * r->gig + b + g, 0, g, 0, 0 });
	/* D2: a block over a level-3 table that still maps a page */
	apply(r, &(struct op){ OP_MAP, s3 + g, 6 * b + g, g, 0, RW });
	apply(r, &(struct op){ OP_MAP, s3, 6 * b, b, 0, RW });
	script_replace(r, s3, 6 * b);
	/* D1: a PA range crossing 2^oas, in a free range */
	apply(r, &(struct op){ OP_MAP, 4 * c, top - 2 * g, 4 * g, 0, RW });
	/* unaligned: refused by both */
	apply(r, &(struct op){ OP_MAP, 6 * c + g / 2, 0, g, 0, RW });
	/* map_repeat: two whole last-level tables of one page (shared), then a cut */
	apply(r, &(struct op){ OP_REPEAT, s6, 0x7000000, 2 * b, g, PT_PROT_READ });
	apply(r, &(struct op){ OP_UNMAP, s6 + b - g, 0, 2 * g, 0, 0 });
	script_unmap_semantics(r, 8 * c);
	script_unmap_span(r);
	/* everything away, then the IOVA range crossing 2^ias: refused by both */
	apply(r, &(struct op){ OP_UNMAP, 0, 0, r->lo_end, 0, 0 });
	apply(r, &(struct op){ OP_UNMAP, r->hi_start, 0, r->ias_end - r->hi_start, 0, 0 });
	apply(r, &(struct op){ OP_MAP, r->ias_end - 2 * g, 0x1000000, 4 * g, 0, RW });
}

static void test_scripted(void **state)
{
	const struct pair_cfg *c = *state;
	struct run *r = malloc(sizeof(*r));

	assert_non_null(r);
	run_init(r, c);
	scripted(r);
	if (!r->known[D1_PA_OAS] || !r->known[D2_BLOCK_OVER_TABLE] || !r->known[D3_SPLIT_IN_PLACE])
		issue(r, "the scripted known differences were not all seen (D1 %lu D2 %lu D3 %lu)",
		      r->known[0], r->known[1], r->known[2]);
	run_finish(r, " scripted");
}

/* ---- random sequence ---- */

static uint64_t rand_iova(struct run *r, uint64_t align)
{
	uint64_t lo = chance(r, 80) ? 0 : r->hi_start, span = r->lo_end;

	return lo + (below(r, span) & ~(align - 1));
}

/* A PA for iova, with the same offset inside align (so blocks are possible). */
static uint64_t rand_pa(struct run *r, uint64_t iova, uint64_t align, uint64_t size)
{
	uint64_t top = 1ull << r->c->oas, pa;

	pa = (below(r, top) & ~(align - 1)) + (iova & (align - 1));
	if (pa + size > top)
		pa = (iova & (align - 1)) % (top - size + 1);
	return pa & ~(uint64_t)(r->gran - 1);
}

static void gen_map(struct run *r, struct op *o)
{
	uint64_t sizes[3] = { r->gran, r->blk, r->gig ? r->gig : r->blk };
	unsigned shape = (unsigned)below(r, 10);
	uint64_t align;

	o->k = OP_MAP;
	o->pgsize = 0;
	o->prot = prot_of((unsigned)below(r, NPROTS));
	if (shape < 5) {                 /* pages, often a whole contiguous run */
		align = chance(r, 50) ? r->contig_bytes : r->gran;
		o->size = r->gran * (1 + below(r, 3 * r->contig_bytes / r->gran));
	} else if (shape < 8) {          /* blocks with pages around them */
		align = r->blk;
		o->size = r->blk * (1 + below(r, 3)) + r->gran * below(r, 4);
	} else if (shape < 9) {          /* straddling a last-level table boundary */
		align = r->gran;
		o->size = r->gran * (2 + below(r, 40));
	} else {                         /* the largest block */
		align = sizes[2];
		o->size = sizes[2] * (1 + below(r, 2));
	}
	o->iova = rand_iova(r, align);
	if (shape == 8)
		o->iova = (o->iova | (r->blk - 1)) + 1 - r->gran * (1 + below(r, o->size / r->gran - 1));
	if (shape >= 5 && chance(r, 30))
		o->iova += r->gran * below(r, 4);
	if (o->iova + o->size > r->ias_end)
		o->iova = r->ias_end - o->size;
	o->pa = rand_pa(r, o->iova, align == r->gran && chance(r, 50) ? r->contig_bytes : align,
			o->size);
}

static void gen_map_pages(struct run *r, struct op *o)
{
	uint64_t sizes[3] = { r->gran, r->blk, r->gig };
	size_t pgsize = sizes[below(r, r->gig ? 3 : 2)], count;

	count = pgsize == r->gran ? 1 + below(r, 3 * r->contig_bytes / r->gran) : 1 + below(r, 3);
	*o = mk(OP_MAP_PAGES, rand_iova(r, pgsize), 0, pgsize * count, pgsize,
		prot_of((unsigned)below(r, NPROTS)));
	if (o->iova + o->size > r->ias_end)
		o->iova = (r->ias_end - o->size) & ~(uint64_t)(pgsize - 1);
	o->pa = rand_pa(r, 0, pgsize, o->size);
}

static void gen_repeat(struct run *r, struct op *o)
{
	bool pages = chance(r, 70);
	size_t pgsize = pages ? r->gran : r->blk;
	/* the span of one last-level (pages) or level-2 (blocks) table */
	uint64_t span = pages ? r->blk : r->blk * (r->gran / 8);

	if (span > r->lo_end / 4)
		pgsize = r->gran, span = r->blk;
	if (pgsize == r->gran && r->gran == 65536 && chance(r, 50))
		span = r->contig_bytes * 4; /* smaller than a table: no share, fewer Linux calls */
	*o = mk(OP_REPEAT, rand_iova(r, span), rand_pa(r, 0, pgsize, pgsize), span * (2 + below(r, 2)),
		pgsize, prot_of((unsigned)below(r, NPROTS)));
	if (o->iova + o->size > r->ias_end)
		o->iova = r->ias_end - o->size;
}

static void gen_unmap(struct run *r, struct op *o)
{
	const struct lf_list *l = &r->p.gl;
	const struct lf *f;
	uint64_t off, n;

	*o = mk(OP_UNMAP, 0, 0, 0, 0, 0);
	if (!l->n || chance(r, 10)) {
		o->iova = rand_iova(r, r->gran);
		o->size = r->gran * (1 + below(r, 2 * r->blk / r->gran));
		if (o->iova + o->size > r->ias_end)
			o->iova = r->ias_end - o->size;
		return;
	}
	f = &l->v[below(r, l->n)];
	switch (below(r, 3)) {
	case 0:                          /* exactly a leaf */
		o->iova = f->va;
		o->size = f->size;
		return;
	case 1:                          /* part of a block or run */
		off = below(r, f->size / r->gran) * r->gran;
		o->iova = f->va + off;
		n = (f->size - off) / r->gran;
		o->size = r->gran * (1 + below(r, n < 40 ? n : 40));
		return;
	default: {                       /* from inside one leaf to inside a later one */
		size_t i = (size_t)(f - l->v), left = l->n - i;
		const struct lf *t = &l->v[i + below(r, left < 20 ? left : 20)];

		uint64_t end = t->va + t->size - below(r, t->size / r->gran) * r->gran;

		o->iova = f->va + below(r, f->size / r->gran) * r->gran;
		o->size = end > o->iova ? end - o->iova : r->gran;
		return;
	}
	}
}

static void gen_bad(struct run *r, struct op *o)
{
	gen_map(r, o);
	if (chance(r, 50) && r->p.gl.n) {  /* over something mapped */
		const struct lf *f = &r->p.gl.v[below(r, r->p.gl.n)];

		o->iova = f->va + below(r, f->size / r->gran) * r->gran;
		o->size = r->gran * (1 + below(r, 8));
		o->pa = rand_pa(r, o->iova, r->gran, o->size);
	} else {                           /* unaligned */
		o->iova += r->gran / 2;
	}
}

static void random_ops(struct run *r, unsigned n)
{
	unsigned maps = 0;

	for (unsigned i = 0; i < n; i++) {
		struct op o;
		unsigned k = (unsigned)below(r, 100);

		if (k < 30)
			gen_map(r, &o);
		else if (k < 45)
			gen_map_pages(r, &o);
		else if (k < 50)
			gen_repeat(r, &o);
		else if (k < 92)
			gen_unmap(r, &o);
		else
			gen_bad(r, &o);
		/* the maps walk through every valid prot in turn (the next one
		 * once this one has mapped) */
		if (is_map(&o))
			o.prot = prot_of(maps % NPROTS);
		if (i && i % EPOCH_OPS == 0)
			run_restart(r);
		if (apply(r, &o) == 0 && is_map(&o))
			maps++;
	}
}

static void check_cover(struct run *r)
{
	bool mali = r->c->fmt == PT_FMT_MALI_LPAE;
	unsigned levels = r->p.g.pt.levels;

	if (!r->cov.leaf_size[3] || !r->cov.leaf_size[2] || (r->gig && !r->cov.leaf_size[1]))
		issue(r, "generator: leaves per level 1/2/3 %lu/%lu/%lu", r->cov.leaf_size[1],
		      r->cov.leaf_size[2], r->cov.leaf_size[3]);
	if ((!mali && (!r->cov.contig || !r->cov.run_cut)) || !r->cov.shared || !r->cov.split ||
	    !r->cov.straddle)
		issue(r, "generator: contig %lu run cuts %lu shared %lu splits %lu straddles %lu",
		      r->cov.contig, r->cov.run_cut, r->cov.shared, r->cov.split, r->cov.straddle);
	for (unsigned i = 0; i < levels; i++)
		if (!r->cov.tables[i])
			issue(r, "generator: never a table at level index %u of %u", i, levels);
	for (unsigned k = 0; k < NPROTS; k++)
		if (!(r->cov.prots >> prot_of(k) & 1))
			issue(r, "generator: prot %#x never mapped", prot_of(k));
}

static void test_random(void **state)
{
	const struct pair_cfg *c = *state;
	struct run *r = malloc(sizeof(*r));

	assert_non_null(r);
	run_init(r, c);
	random_ops(r, RANDOM_OPS);
	check_cover(r);
	run_finish(r, " random");
}

/* ---- register values for the same configuration ---- */

#define MEMTYPES 3
static const unsigned memtype_prot[MEMTYPES] = { 0, PT_PROT_NONCACHED, PT_PROT_DEVICE };
static const char *const memtype_name[MEMTYPES] = { "cached", "non-cacheable", "device" };

/* The AttrIndx each side writes for each memory type, from a mapped leaf. */
static void attr_indices(struct pair *p, unsigned gi[MEMTYPES], unsigned li[MEMTYPES])
{
	for (unsigned t = 0; t < MEMTYPES; t++) {
		uint64_t va = (uint64_t)(t + 1) * p->c.granule * 64;
		struct rw_result a, b;

		assert_int_equal(gp_map(&p->g, va, va, p->c.granule, RW | memtype_prot[t]), 0);
		assert_int_equal(lx_map(p->l, va, va, p->c.granule, RW | memtype_prot[t]), 0);
		rw_walk(&p->gs.geom, &p->mem, va, &a);
		rw_walk(&p->ls.geom, &p->mem, va, &b);
		assert_int_equal(a.st, RW_OK);
		assert_int_equal(b.st, RW_OK);
		gi[t] = a.attridx;
		li[t] = b.attridx;
	}
}

static unsigned reg_fail;

static void reg_check(const char *cfg, const char *what, uint64_t gp, uint64_t lx)
{
	if (gp == lx)
		return;
	printf("# %s: %s: gpummu %#llx, Linux %#llx\n", cfg, what, (unsigned long long)gp,
	       (unsigned long long)lx);
	reg_fail++;
}

/* The memory type byte each side's register gives each memory type. */
static void memtypes_check(const char *cfg, bool mali, uint64_t greg, const unsigned gi[],
			   uint64_t lreg, const unsigned li[])
{
	for (unsigned t = 0; t < MEMTYPES; t++) {
		uint8_t a = (uint8_t)(greg >> (8 * gi[t])), b = (uint8_t)(lreg >> (8 * li[t]));
		char x[48], y[48];

		if (a == b)
			continue;
		printf("# %s: %s memory through %s: gpummu AttrIndx %u = %s, Linux AttrIndx %u = %s\n",
		       cfg, memtype_name[t], mali ? "MEMATTR" : "MAIR", gi[t],
		       lf_attr_name(mali, a, x), li[t], lf_attr_name(mali, b, y));
		reg_fail++;
	}
}

static void test_regs_s1(void **state)
{
	(void)state;
	reg_fail = 0;
	for (size_t i = 0; i < NCONFIGS; i++) {
		for (int coh = 0; coh < 2; coh++) {
			struct pair_cfg c = configs[i];
			struct pair p;
			struct pt_hw hw;
			struct lx_regs lr;
			unsigned gi[MEMTYPES], li[MEMTYPES];
			char err[200], name[80];

			if (c.fmt == PT_FMT_MALI_LPAE)
				continue;
			c.coherent = coh;
			cfg_name(&c, name, sizeof(name));
			strcat(name, coh ? " coherent" : " non-coherent");
			if (pair_new(&p, &c, NULL, NULL, NULL, err, sizeof(err)))
				fail_msg("%s: %s", name, err);
			gp_hw(&p.g, &hw);
			lx_get_regs(p.l, &lr);
			if (c.fmt == PT_FMT_ARM64_S1) {
				reg_check(name, "TCR (T0SZ IRGN0 ORGN0 SH0 TG0 IPS)", hw.tcr,
					  lf_tcr(lr.tcr_tsz, lr.tcr_irgn, lr.tcr_orgn, lr.tcr_sh,
						 lr.tcr_tg, lr.tcr_ips));
			} else {
				/* ARMv7 TTBCR (DDI 0406C.c B4.1.153): T0SZ[2:0] counts from 32;
				 * IRGN0, ORGN0, SH0 where TCR_EL1 has them. */
				reg_check(name, "TTBCR input size", 32 - FIELD_GET(GENMASK(2, 0), hw.tcr),
					  64 - lr.tcr_tsz);
				reg_check(name, "TTBCR IRGN0 ORGN0 SH0", hw.tcr & GENMASK(13, 8),
					  lf_tcr(0, lr.tcr_irgn, lr.tcr_orgn, lr.tcr_sh, 0, 0));
			}
			reg_check(name, "TTBR bits below the root table address", hw.ttb & 0x3f,
				  lr.ttbr & 0x3f);
			attr_indices(&p, gi, li);
			memtypes_check(name, false, hw.mair, gi, lr.mair, li);
			assert_int_equal(pair_delete(&p), 0);
		}
	}
	if (reg_fail)
		fail_msg("%u register values differ in meaning (see above)", reg_fail);
}

/*
 * Mali: what the gpummu driver writes (through the Mali register model)
 * against what Linux says: MALI_LPAE from io_pgtable_cfg (transtab,
 * memattr) as panfrost 6.12 writes them; ARM64_S1 (AArch64 4K mode) as
 * panthor 6.12 does: TRANSTAB = ttbr, TRANSCFG = PTW_MEMATTR_WB | PTW_RA |
 * ADRMODE_AARCH64_4K | INA_BITS(55 - va bits) (| PTW_SH_OS when coherent),
 * MEMATTR = mair_to_memattr(mair) (panthor_mmu.c, panthor_regs.h values).
 */
#define GPU_BASE 0xff9a0000u
#define MALI_AS  1u
#define TRANSCFG_AARCH64_4K 6ull
#define TRANSCFG_INA_BITS(x) ((uint64_t)(x) << 6)
#define TRANSCFG_PTW_MEMATTR_WB (2ull << 24)
#define TRANSCFG_PTW_SH_OS (2ull << 28)
#define TRANSCFG_PTW_RA (1ull << 30)
#define MEMATTR_NC_MIDGARD 0x4cu   /* INNER_OUTER_NC | SH_MIDGARD_INNER | ALLOC_EXPL(0, 0) */
#define MEMATTR_WB_CPU_INNER 0x9cu /* INNER_OUTER_WB | SH_CPU_INNER | ALLOC_EXPL(0, 0) */

static uint64_t panthor612_memattr(uint64_t mair)
{
	uint64_t m = 0;

	for (unsigned i = 0; i < 8; i++) {
		uint8_t a = (uint8_t)(mair >> (8 * i)), outer = a >> 4, inner = a & 0xf;
		uint8_t out = MEMATTR_NC_MIDGARD;

		if ((outer & 3) && (outer & 4) && (inner & 4))
			out = MEMATTR_WB_CPU_INNER | (inner & 1) | (inner & 2);
		m |= (uint64_t)out << (8 * i);
	}
	return m;
}

struct mali_case {
	const char *name;
	uint32_t gpu_id;
	enum pt_format fmt;
	bool coherent;
	bool d7;        /* non-coherent AArch64 mode: MEMATTR differs by D7 */
};

static void mali_regs_one(const struct mali_case *mc)
{
	struct mali_model m;
	struct mali_gpu gpu;
	struct gpu_as as;
	struct pair_cfg c = { mc->fmt, 4096, 48, 40, mc->coherent };
	struct pair p;
	struct lx_regs lr;
	unsigned gi[MEMTYPES], li[MEMTYPES];
	char err[200];
	uint64_t transcfg, memattr;

	mali_model_init(&m, &(struct mali_model_cfg){ mc->gpu_id, 0x2830, 0xff, mc->coherent, 1 });
	assert_int_equal(mali_model_map(&m, GPU_BASE), 0);
	if (pair_new(&p, &c, NULL, NULL, NULL, err, sizeof(err)))
		fail_msg("%s: %s", mc->name, err);
	assert_int_equal(mali_model_add_mem(&m, PAIR_PA_BASE, p.arena, PAIR_POOL_BYTES, false), 0);
	assert_int_equal(mali_probe(&gpu, GPU_BASE, mc->coherent), 0);
	assert_int_equal(mali_as_init(&gpu, &as, MALI_AS), 0);
	/* the driver programs the AS for the pair's own gpummu table */
	assert_int_equal(gpu_as_attach(&as, &p.g.pt), 0);
	lx_get_regs(p.l, &lr);
	attr_indices(&p, gi, li);
	if (mc->fmt == PT_FMT_MALI_LPAE) {
		reg_check(mc->name, "TRANSTAB mode bits", m.as[MALI_AS].transtab & 0xfff,
			  lr.transtab & 0xfff);
		memtypes_check(mc->name, true, m.as[MALI_AS].memattr, gi, lr.memattr, li);
		/* D8: on a GPU with AS_TRANSCFG, gpummu selects the legacy mode
		 * explicitly (0, kbase's AS_TRANSCFG_ADRMODE_LEGACY); panfrost 6.12
		 * never writes the register. Checked to stay so. */
		if (m.has_transcfg)
			reg_check(mc->name, "TRANSCFG (D8: ADRMODE_LEGACY expected)",
				  m.as[MALI_AS].transcfg, 0);
	} else {
		transcfg = TRANSCFG_PTW_MEMATTR_WB | TRANSCFG_PTW_RA | TRANSCFG_AARCH64_4K |
			   TRANSCFG_INA_BITS(55 - 48) | (mc->coherent ? TRANSCFG_PTW_SH_OS : 0);
		memattr = panthor612_memattr(lr.mair);
		reg_check(mc->name, "TRANSTAB bits below the root", m.as[MALI_AS].transtab & 0xfff,
			  lr.ttbr & 0xfff);
		reg_check(mc->name, "TRANSCFG", m.as[MALI_AS].transcfg, transcfg);
		if (mc->d7) {
			/* D7: gpummu follows later upstream panthor (SH_MIDGARD_INNER for WB on
			 * a non-coherent GPU); 6.12 writes SH_CPU_INNER. Checked to stay so. */
			uint8_t a = (uint8_t)(m.as[MALI_AS].memattr >> (8 * gi[0]));
			uint8_t b = (uint8_t)(memattr >> (8 * li[0]));

			if ((a & ~0x30u) != (b & ~0x30u) || (a & 0x30u) != 0 || (b & 0x30u) != 0x10u)
				reg_check(mc->name, "cached MEMATTR byte (D7 expected)", a, b);
		} else {
			memtypes_check(mc->name, true, m.as[MALI_AS].memattr, gi, memattr, li);
		}
	}
	assert_int_equal(gpu_as_detach(&as), 0);
	assert_int_equal(pair_delete(&p), 0);
	mali_model_fini(&m);
	mmio_host_unmap_all();
}

static void test_regs_mali(void **state)
{
	static const struct mali_case cases[] = {
		{ "Mali-T860 MALI_LPAE (panfrost)", 0x08602000u, PT_FMT_MALI_LPAE, false, false },
		{ "Mali-T860 MALI_LPAE coherent", 0x08602000u, PT_FMT_MALI_LPAE, true, false },
		{ "Mali-G52 MALI_LPAE (has AS_TRANSCFG)", 0x72020000u, PT_FMT_MALI_LPAE, false, false },
		{ "Mali-G610 ARM64_S1 coherent (panthor)", 0xa8670000u, PT_FMT_ARM64_S1, true, false },
		{ "Mali-G610 ARM64_S1 non-coherent", 0xa8670000u, PT_FMT_ARM64_S1, false, true },
	};

	(void)state;
	reg_fail = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		mali_regs_one(&cases[i]);
	if (reg_fail)
		fail_msg("%u Mali register values differ in meaning (see above)", reg_fail);
}

int main(void)
{
	struct CMUnitTest tests[2 * NCONFIGS + 2];
	static char names[2 * NCONFIGS][80];
	size_t n = 0;

	printf("# oracle: Linux io-pgtable-arm %s\n", lx_version());
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_regs_s1);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_regs_mali);
	for (size_t i = 0; i < NCONFIGS; i++) {
		for (int k = 0; k < 2; k++) {
			char *name = names[2 * i + (size_t)k];

			cfg_name(&configs[i], name, 80);
			strcat(name, k ? " random" : " scripted");
			tests[n] = (struct CMUnitTest){ name, k ? test_random : test_scripted, NULL,
							NULL, (void *)&configs[i] };
			n++;
		}
	}
	return _cmocka_run_group_tests("oracle_diff", tests, n, NULL, NULL);
}
