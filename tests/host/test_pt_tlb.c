/* SPDX-License-Identifier: MIT */
/*
 * A TLB and walk cache in front of the random operations: is every entry a
 * walker may have cached either still true after an operation or covered by
 * one of the operation's flushes, and is break-before-make kept?
 *
 * The model (written from Arm DDI 0487 D8.16 "TLB maintenance" and D8.16.1
 * "Using break-before-make", not from the core):
 *  - a walker may walk any address at any time and keep what it found: a
 *    leaf entry (covering its block, or its whole contiguous run) and one
 *    walk-cache entry per table descriptor on the way, each keyed by the
 *    span that descriptor maps; a cached entry is used again as long as it
 *    is cached (it is not refetched);
 *  - invalid descriptors are never cached;
 *  - a range flush removes leaf entries whose span meets [start, end), and
 *    walk-cache entries only when it says tables (a leaf-only TLBI need not
 *    touch them); a full flush removes everything.
 * Probes: a set of addresses in the window, some re-drawn every step, walked
 * before each step and before and after every flush.
 * Checks: at each flush, before it takes effect, no cached leaf may differ
 * from a valid leaf the tables now hold for the same address, and no cached
 * table descriptor may have become a leaf (the new entry was written before
 * the old one's invalidation completed: a TLB conflict); after each step,
 * every cached entry equals what the tables hold (else a flush missed it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/host/opseq.h"

#define NPROBES 768
#define PTE_CONT_BIT (1ull << 52)
#define DESC_ADDR    0x0000fffffffff000ull

struct cached {
	bool valid;
	uint64_t base, span, val;
};

struct probe {
	uint64_t va;
	struct cached walk[PT_MAX_LEVELS]; /* table descriptor at that level */
	struct cached leaf;
	unsigned leaf_level;
};

/* What the tables hold for one address, level by level. */
struct fresh {
	uint64_t desc[PT_MAX_LEVELS];
	bool table[PT_MAX_LEVELS];
	int leaf_level;            /* -1: no valid leaf */
	uint64_t leaf_base, leaf_span, leaf_val;
};

struct tlb {
	struct os_run *r;
	struct pt_flush_ops orig;
	struct probe p[NPROBES];
	char fail[256];
	bool failed;
	unsigned long fills, invalidations;
};

static struct tlb *the_tlb; /* the flush hooks' way back to the model */

/* A non-coherent walker sees what cache_clean pushed out (the harness's
 * model of its memory), a coherent one what the CPU wrote. */
static int dev_read(void *ctx, uint64_t pa, uint64_t *val)
{
	struct hx *h = ctx;
	uint64_t off = pa - HX_PA_BASE;

	if (pa < HX_PA_BASE || (pa & 7) || off >= (uint64_t)h->npages * 4096 ||
	    !h->page_state[off / 4096])
		return -1;
	memcpy(val, h->dev + off, 8);
	return 0;
}

static const struct rw_mem *walker_mem(struct tlb *t)
{
	static struct rw_mem m = { .read64 = dev_read };

	if (t->r->h->cfg.coherent)
		return hx_cpu_mem(t->r->h);
	m.ctx = t->r->h;
	return &m;
}

static void tlb_fail(struct tlb *t, const char *fmt, ...)
{
	va_list ap;

	if (t->failed)
		return;
	t->failed = true;
	va_start(ap, fmt);
	vsnprintf(t->fail, sizeof(t->fail), fmt, ap);
	va_end(ap);
}

static void walk_fresh(struct tlb *t, uint64_t va, struct fresh *f)
{
	const struct rw_geom *g = &t->r->h->geom;
	const struct rw_mem *m = walker_mem(t);
	uint64_t tbl = g->root_pa;

	memset(f, 0, sizeof(*f));
	f->leaf_level = -1;
	for (unsigned l = g->start_level; l < PT_MAX_LEVELS; l++) {
		unsigned shift = rw_level_shift(g, l);
		uint64_t mask = l == g->start_level ? g->root_entries - 1
						    : (1ull << (g->gshift - 3)) - 1;
		uint64_t e = 0;

		if (m->read64(m->ctx, tbl + 8 * ((va >> shift) & mask), &e))
			return;
		f->desc[l] = e;
		if (!(e & 1))
			return;
		if (l < 3 && (e & 3) == 3) {
			f->table[l] = true;
			tbl = e & DESC_ADDR;
			continue;
		}
		f->leaf_level = (int)l;
		f->leaf_span = 1ull << shift;
		f->leaf_val = e;
		if (g->fmt != PT_FMT_MALI_LPAE && (e & PTE_CONT_BIT)) {
			/* A TLB may hold the whole run as one entry (D8.6.1). */
			uint64_t run = (uint64_t)rw_contig_entries(g->gshift, l) << shift;

			f->leaf_val = e - ((va & (run - 1)) & ~(f->leaf_span - 1));
			f->leaf_span = run;
		}
		f->leaf_base = va & ~(f->leaf_span - 1);
		return;
	}
}

/* The walker walks every probe, keeping what it has cached already. */
static void fill(struct tlb *t)
{
	const struct rw_geom *g = &t->r->h->geom;

	t->fills++;
	for (unsigned k = 0; k < NPROBES; k++) {
		struct probe *p = &t->p[k];
		struct fresh f;

		walk_fresh(t, p->va, &f);
		for (unsigned l = g->start_level; l < PT_MAX_LEVELS; l++) {
			uint64_t span = 1ull << rw_level_shift(g, l);

			if (!f.table[l])
				break;
			if (!p->walk[l].valid)
				p->walk[l] = (struct cached){ true, p->va & ~(span - 1), span, f.desc[l] };
		}
		if (f.leaf_level >= 0 && !p->leaf.valid) {
			p->leaf = (struct cached){ true, f.leaf_base, f.leaf_span, f.leaf_val };
			p->leaf_level = (unsigned)f.leaf_level;
		}
	}
}

/* Cached entries the tables no longer agree with. conflict_only: report
 * only what a walker could meet alongside its new valid entry. */
static void compare(struct tlb *t, bool conflict_only, const char *when)
{
	const struct rw_geom *g = &t->r->h->geom;

	for (unsigned k = 0; k < NPROBES && !t->failed; k++) {
		struct probe *p = &t->p[k];
		struct fresh f;

		walk_fresh(t, p->va, &f);
		for (unsigned l = g->start_level; l < PT_MAX_LEVELS; l++) {
			const struct cached *c = &p->walk[l];
			bool leaf_now = (int)l == f.leaf_level;

			if (!c->valid || (f.table[l] && f.desc[l] == c->val))
				continue;
			if (conflict_only && !leaf_now)
				continue;
			tlb_fail(t, "%s: va 0x%llx: walk cache holds the level-%u table descriptor "
				 "0x%llx (span 0x%llx at 0x%llx), the tables now hold 0x%llx", when,
				 (unsigned long long)p->va, l, (unsigned long long)c->val,
				 (unsigned long long)c->span, (unsigned long long)c->base,
				 (unsigned long long)f.desc[l]);
		}
		if (!p->leaf.valid || (f.leaf_level == (int)p->leaf_level &&
				       f.leaf_base == p->leaf.base && f.leaf_span == p->leaf.span &&
				       f.leaf_val == p->leaf.val))
			continue;
		if (conflict_only && f.leaf_level < 0)
			continue;
		tlb_fail(t, "%s: va 0x%llx: TLB holds the level-%u leaf 0x%llx (span 0x%llx at "
			 "0x%llx), the tables now hold %s 0x%llx (span 0x%llx)", when,
			 (unsigned long long)p->va, p->leaf_level, (unsigned long long)p->leaf.val,
			 (unsigned long long)p->leaf.span, (unsigned long long)p->leaf.base,
			 f.leaf_level < 0 ? "no leaf" : "the leaf", (unsigned long long)f.leaf_val,
			 (unsigned long long)f.leaf_span);
	}
}

static bool meets(const struct cached *c, uint64_t start, uint64_t end)
{
	return c->valid && c->base < end && start < c->base + c->span;
}

static void invalidate(struct tlb *t, const struct pt_gather *gt)
{
	t->invalidations++;
	for (unsigned k = 0; k < NPROBES; k++) {
		struct probe *p = &t->p[k];

		if (!gt || meets(&p->leaf, gt->start, gt->end))
			p->leaf.valid = false;
		for (unsigned l = 0; l < PT_MAX_LEVELS; l++)
			if (!gt || (gt->tables && meets(&p->walk[l], gt->start, gt->end)))
				p->walk[l].valid = false;
	}
}

static int tlb_flush_range(void *cookie, const struct pt_gather *g)
{
	struct tlb *t = the_tlb;
	int ret;

	fill(t); /* a walk just before the flush: the state so far */
	compare(t, true, "before a flush (break-before-make)");
	ret = t->orig.flush_range(cookie, g);
	if (!ret)
		invalidate(t, g->start < g->end ? g : &(struct pt_gather){ 0 });
	fill(t);
	return ret;
}

static int tlb_flush_all(void *cookie)
{
	struct tlb *t = the_tlb;
	int ret;

	fill(t);
	compare(t, true, "before a full flush (break-before-make)");
	ret = t->orig.flush_all(cookie);
	if (!ret)
		invalidate(t, NULL);
	fill(t);
	return ret;
}

/* Non-coherent: each clean makes writes visible, a point where the walker
 * may walk between two flushes. */
static void tlb_clean(void *cookie, const void *va, size_t size)
{
	struct tlb *t = the_tlb;

	t->orig.cache_clean(cookie, va, size);
	fill(t);
	compare(t, true, "after a clean (break-before-make)");
}

/* A probe somewhere in the window, often next to a block or level-1 edge. */
static uint64_t random_probe(struct os_run *r, struct os_rng *rng)
{
	uint64_t unit;

	switch (os_pick(rng, 4)) {
	case 0: unit = r->block; break;
	case 1: unit = r->span1 < r->window ? r->span1 : r->block; break;
	default: return os_pick(rng, r->window / r->granule) * r->granule;
	}
	{
		uint64_t edge = os_pick(rng, r->window / unit + 1) * unit;
		uint64_t off = os_pick(rng, 4) * r->granule;
		uint64_t va = os_pick(rng, 2) ? edge + off : edge - off - r->granule;

		return va < r->window ? va : os_pick(rng, r->window / r->granule) * r->granule;
	}
}

static void redraw(struct tlb *t, struct os_rng *rng, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		struct probe *p = &t->p[os_pick(rng, NPROBES)];

		memset(p, 0, sizeof(*p)); /* evicted */
		p->va = random_probe(t->r, rng);
	}
}

static void run(const struct os_cfg *o, unsigned ops)
{
	static struct tlb t;
	struct os_run r;
	struct os_rng rng, prng;
	const char *s = getenv("GPUMMU_SEED");
	uint64_t sd = (s ? strtoull(s, NULL, 0) : 0x746c62ull) ^ ((uint64_t)o->granule << 20) ^
		      o->fmt ^ ((uint64_t)o->wide << 33);

	memset(&t, 0, sizeof(t));
	os_rng_seed(&rng, sd);
	os_rng_seed(&prng, ~sd);
	assert_int_equal(os_setup(&r, o), 0);
	t.r = &r;
	the_tlb = &t;
	t.orig = r.h->flush_ops;
	r.h->flush_ops.flush_range = tlb_flush_range;
	r.h->flush_ops.flush_all = tlb_flush_all;
	if (!o->coherent)
		r.h->flush_ops.cache_clean = tlb_clean;
	for (unsigned k = 0; k < NPROBES; k++)
		t.p[k].va = random_probe(&r, &prng);
	for (unsigned i = 0; i < ops && !t.failed; i++) {
		redraw(&t, &prng, NPROBES / 16);
		fill(&t);
		if (os_step(&r, &rng))
			fail_msg("step %u of seed 0x%llx failed", i, (unsigned long long)sd);
		compare(&t, false, "after the operation");
		if (t.failed)
			fail_msg("step %u of seed 0x%llx: %s", i, (unsigned long long)sd, t.fail);
	}
	printf("%s %zuK%s%s: %u ops, %lu walks of %u probes, %lu invalidations: TLB model agrees\n",
	       pt_format_name(o->fmt), o->granule / 1024, o->wide ? " wide" : "",
	       o->coherent ? "" : " non-coherent", ops, t.fills,
	       NPROBES, t.invalidations);
	r.h->flush_ops = t.orig;
	assert_int_equal(os_teardown(&r), 0);
}

#define TLB_TEST(name, fmt, granule, ias, oas, coherent, wide, ops) \
	static void name(void **state) \
	{ \
		static const struct os_cfg c = { fmt, granule, ias, oas, coherent, wide, false }; \
		(void)state; \
		run(&c, ops); \
	}

TLB_TEST(test_tlb_s1_4k, PT_FMT_ARM64_S1, 4096, 32, 40, true, false, 3000)
TLB_TEST(test_tlb_s1_16k, PT_FMT_ARM64_S1, 16384, 36, 44, true, false, 1500)
TLB_TEST(test_tlb_s1_64k, PT_FMT_ARM64_S1, 65536, 42, 48, true, false, 1000)
TLB_TEST(test_tlb_mali, PT_FMT_MALI_LPAE, 4096, 40, 40, true, false, 2000)
TLB_TEST(test_tlb_arm32, PT_FMT_ARM32_LPAE_S1, 4096, 32, 40, true, false, 2000)
TLB_TEST(test_tlb_s1_4k_noncoherent, PT_FMT_ARM64_S1, 4096, 48, 48, false, false, 1500)
TLB_TEST(test_tlb_mali_noncoherent, PT_FMT_MALI_LPAE, 4096, 33, 40, false, false, 1500)
TLB_TEST(test_tlb_wide_s1_4k, PT_FMT_ARM64_S1, 4096, 48, 40, true, true, 800)
TLB_TEST(test_tlb_wide_s1_16k, PT_FMT_ARM64_S1, 16384, 44, 48, true, true, 500)
TLB_TEST(test_tlb_wide_s1_64k, PT_FMT_ARM64_S1, 65536, 48, 48, true, true, 500)
TLB_TEST(test_tlb_wide_mali, PT_FMT_MALI_LPAE, 4096, 48, 40, true, true, 600)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tlb_s1_4k),
		cmocka_unit_test(test_tlb_s1_16k),
		cmocka_unit_test(test_tlb_s1_64k),
		cmocka_unit_test(test_tlb_mali),
		cmocka_unit_test(test_tlb_arm32),
		cmocka_unit_test(test_tlb_s1_4k_noncoherent),
		cmocka_unit_test(test_tlb_mali_noncoherent),
		cmocka_unit_test(test_tlb_wide_s1_4k),
		cmocka_unit_test(test_tlb_wide_s1_16k),
		cmocka_unit_test(test_tlb_wide_s1_64k),
		cmocka_unit_test(test_tlb_wide_mali),
	};

	return cmocka_run_group_tests_name("pt_tlb", tests, NULL, NULL);
}
