/* SPDX-License-Identifier: MIT */
/*
 * `make bench`: the same workloads on gpummu (through tests/host/oracle/gp.h)
 * and on Linux io-pgtable-arm (the oracle, tests/host/oracle/lx.h, driven as
 * the kernel drives it), in one run: ARM64_S1, 4K granule, 48/48 bits,
 * coherent walk, each side's tables from its own gpummu page pool, both
 * built -O2 by the same compiler. One line per step and side:
 *   gpummu.W3.map ns=20.98 pages=35 flushes=0 units=16384
 * ns per unit (page, block or call), median of RUNS runs; pages = pool pages
 * in use after the step; flushes = TLB maintenance calls in the step.
 *
 * Steps (gpummu call / Linux call):
 *  W1.map        1 GiB of 4K pages: pt_map_pages / ops->map_pages(4K, 262144)
 *  W4.lookup     every page of it: pt_iova_to_phys / ops->iova_to_phys
 *  W1.unmap      the same pages: pt_unmap(1 GiB) / ops->unmap_pages(4K, ...) + sync
 *  W6.unmap      1 GiB of 4K pages in one call: pt_unmap / iommu_unmap (frees the subtree)
 *  W2.map/unmap  1 GiB of 2M blocks: pt_map_pages / map_pages(2M); pt_unmap / unmap_pages(2M)
 *  W3.map        16384 one-page maps in shuffled order: pt_map / iommu_map
 *  W3.unmap_single  those pages unmapped one per call, shuffled: pt_unmap / iommu_unmap
 *  W3.unmap      the region mapped by pt_map_pages / map_pages (gpummu: contiguous
 *                runs), unmapped one page per call, shuffled
 *  W5.map        1 GiB of one 4K page: pt_map_repeat / one iommu_map per page
 *  B1.prepare, B1.commit (gpummu only, issue 8's prepared binds): 10^4
 *                random binds prepared, then committed in shuffled order
 *
 * With --instr the steps run once each, bracketed by callgrind client
 * requests (run under valgrind --tool=callgrind --collect-atstart=no); each
 * dumps its own profile named after it and bench/run-bench.sh turns the
 * dumps into instructions per unit. The per-call steps have an empty
 * baseline, "loop.<step>": the same loop through the same kind of pointer
 * calling an opaque no-op; its instructions are subtracted from both sides.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/host/oracle/gp.h"
#include "tests/host/oracle/lx.h"

#ifdef HAVE_CALLGRIND
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_TOGGLE_COLLECT
#define CALLGRIND_DUMP_STATS_AT(s) (void)(s)
#endif

#define RUNS        7
#define POOL_BYTES  (64u << 20)
#define B1_POOL     (512u << 20)
#define SZ_4K       0x1000ull
#define SZ_2M       0x200000ull
#define SZ_1G       0x40000000ull
#define W1_PAGES    (SZ_1G / SZ_4K)
#define W3_PAGES    16384u
#define B1_OPS      10000u
#define BASE        (5 * SZ_1G)
#define PA_BASE     0x80000000ull
#define PROT        (PT_PROT_READ | PT_PROT_WRITE)

/* One side: the calls a workload makes, each through a pointer of one type. */
struct side {
	const char *name;
	void *ctx;
	struct pool *pool;
	int (*map)(void *ctx, uint64_t iova, uint64_t pa, uint64_t size, unsigned prot);
	int (*map_pages)(void *ctx, uint64_t iova, uint64_t pa, size_t pgsize, size_t count,
			 unsigned prot);
	int64_t (*unmap)(void *ctx, uint64_t iova, uint64_t size);
	int64_t (*unmap_pages)(void *ctx, uint64_t iova, size_t pgsize, size_t count);
	int (*repeat)(void *ctx, uint64_t iova, uint64_t size, uint64_t pa, size_t pgsize,
		      unsigned prot);
	int (*lookup)(void *ctx, uint64_t iova, uint64_t *pa);
	unsigned long (*flushes)(void *ctx);
};

/* ---- gpummu ---- */

static int g_map(void *c, uint64_t iova, uint64_t pa, uint64_t size, unsigned prot)
{
	return gp_map(c, iova, pa, size, prot);
}

static int g_map_pages(void *c, uint64_t iova, uint64_t pa, size_t pgsize, size_t count,
		       unsigned prot)
{
	return gp_map_pages(c, iova, pa, pgsize, count, prot);
}

static int64_t g_unmap(void *c, uint64_t iova, uint64_t size)
{
	return gp_unmap(c, iova, size);
}

/* gpummu has no page-size unmap: the range is the same call as any unmap. */
static int64_t g_unmap_pages(void *c, uint64_t iova, size_t pgsize, size_t count)
{
	return gp_unmap(c, iova, (uint64_t)pgsize * count);
}

static int g_repeat(void *c, uint64_t iova, uint64_t size, uint64_t pa, size_t pgsize,
		    unsigned prot)
{
	return gp_map_repeat(c, iova, size, pa, pgsize, prot);
}

static int g_lookup(void *c, uint64_t iova, uint64_t *pa)
{
	return gp_lookup(c, iova, pa);
}

static unsigned long g_flushes(void *c)
{
	return ((struct gp *)c)->flushes;
}

/* ---- Linux ---- */

static int l_map(void *c, uint64_t iova, uint64_t pa, uint64_t size, unsigned prot)
{
	return lx_map(c, iova, pa, size, prot);
}

static int l_map_pages(void *c, uint64_t iova, uint64_t pa, size_t pgsize, size_t count,
		       unsigned prot)
{
	return lx_map_pages(c, iova, pa, pgsize, count, prot);
}

static int64_t l_unmap(void *c, uint64_t iova, uint64_t size)
{
	return (int64_t)lx_unmap(c, iova, size);
}

static int64_t l_unmap_pages(void *c, uint64_t iova, size_t pgsize, size_t count)
{
	return (int64_t)lx_unmap_pages(c, iova, pgsize, count);
}

/* No repeat op in io-pgtable: what a driver without one does, one map per page. */
static int l_repeat(void *c, uint64_t iova, uint64_t size, uint64_t pa, size_t pgsize,
		    unsigned prot)
{
	for (uint64_t at = 0; at < size; at += pgsize) {
		int ret = lx_map(c, iova + at, pa, pgsize, prot);

		if (ret)
			return ret;
	}
	return 0;
}

static int l_lookup(void *c, uint64_t iova, uint64_t *pa)
{
	*pa = lx_iova_to_phys(c, iova);
	return *pa ? 0 : -ENOENT;
}

static unsigned long l_flushes(void *c)
{
	struct lx_stats st;

	lx_get_stats(c, &st);
	return st.syncs + st.walk_flushes + st.flush_all;
}

/* ---- the baseline: the same loops calling opaque no-ops ---- */

static __attribute__((noipa)) int noop_map(void *c, uint64_t iova, uint64_t pa, uint64_t size,
					   unsigned prot)
{
	(void)c, (void)iova, (void)pa, (void)size, (void)prot;
	return 0;
}

static __attribute__((noipa)) int64_t noop_unmap(void *c, uint64_t iova, uint64_t size)
{
	(void)c, (void)iova;
	return (int64_t)size;
}

static __attribute__((noipa)) int noop_lookup(void *c, uint64_t iova, uint64_t *pa)
{
	(void)c;
	*pa = iova;
	return 0;
}

/* ---- steps ---- */

#define MAX_STEPS 32

struct result {
	char name[40];
	double ns[RUNS];
	size_t pages, units;
	unsigned long flushes;
};

struct bench {
	uint32_t order_map[W3_PAGES], order_unmap[W3_PAGES];
	struct result r[MAX_STEPS];
	int nsteps;
	bool instr;
	int run;
};

struct mark {
	double t0;
	unsigned long f0;
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void die(const char *side, const char *what, long long v)
{
	fprintf(stderr, "bench: %s %s failed (%lld)\n", side, what, v);
	exit(1);
}

static struct mark step_begin(struct bench *b, const struct side *s)
{
	struct mark m = { 0, s && s->flushes ? s->flushes(s->ctx) : 0 };

	if (b->instr) {
		CALLGRIND_ZERO_STATS;
		CALLGRIND_TOGGLE_COLLECT;
	}
	m.t0 = now_ns();
	return m;
}

static struct result *result_of(struct bench *b, const char *name)
{
	for (int i = 0; i < b->nsteps; i++)
		if (!strcmp(b->r[i].name, name))
			return &b->r[i];
	if (b->nsteps == MAX_STEPS)
		die("", "too many steps", MAX_STEPS);
	snprintf(b->r[b->nsteps].name, sizeof(b->r[0].name), "%s", name);
	return &b->r[b->nsteps++];
}

/* side NULL: a baseline step (named as given). */
static void step_end(struct bench *b, struct mark m, const struct side *s, const char *step,
		     size_t units)
{
	double t = now_ns() - m.t0;
	char name[40];
	struct result *r;

	snprintf(name, sizeof(name), "%s%s%s", s ? s->name : "", s ? "." : "", step);
	if (b->instr) {
		CALLGRIND_TOGGLE_COLLECT;
		CALLGRIND_DUMP_STATS_AT(name);
	}
	r = result_of(b, name);
	r->ns[b->run] = t / (double)units;
	r->units = units;
	r->flushes = s && s->flushes ? s->flushes(s->ctx) - m.f0 : 0;
	r->pages = s ? s->pool->st.used_pages : 0;
}

static void shuffle(uint32_t *a, unsigned n, uint64_t seed)
{
	for (unsigned i = 0; i < n; i++)
		a[i] = i;
	for (unsigned i = n - 1; i > 0; i--) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		unsigned j = (unsigned)((seed >> 33) % (i + 1));
		uint32_t t = a[i];

		a[i] = a[j];
		a[j] = t;
	}
}

static void w4(struct bench *b, const struct side *s, const char *step,
	       int (*lookup)(void *, uint64_t, uint64_t *))
{
	struct mark m = step_begin(b, s);
	uint64_t pa, sum = 0;
	int ret = 0;

	for (uint64_t i = 0; i < W1_PAGES; i++) {
		ret |= lookup(s->ctx, BASE + i * SZ_4K + 8, &pa);
		sum += pa;
	}
	step_end(b, m, lookup == noop_lookup ? NULL : s, step, W1_PAGES);
	if (ret || sum == 0)
		die(s->name, step, ret);
}

static void map_w1(const struct side *s)
{
	int ret = s->map_pages(s->ctx, BASE, PA_BASE, SZ_4K, W1_PAGES, PROT);

	if (ret)
		die(s->name, "W1 map", ret);
}

static void w1_w4_w6(struct bench *b, const struct side *s)
{
	struct mark m = step_begin(b, s);
	int64_t got;

	map_w1(s);
	step_end(b, m, s, "W1.map", W1_PAGES);
	w4(b, s, "W4.lookup", s->lookup);
	w4(b, s, "loop.W4.lookup", noop_lookup);
	m = step_begin(b, s);
	got = s->unmap_pages(s->ctx, BASE, SZ_4K, W1_PAGES);
	step_end(b, m, s, "W1.unmap", W1_PAGES);
	if (got != (int64_t)SZ_1G)
		die(s->name, "W1 unmap", got);
	map_w1(s);
	m = step_begin(b, s);
	got = s->unmap(s->ctx, BASE, SZ_1G);
	step_end(b, m, s, "W6.unmap", 1);
	if (got != (int64_t)SZ_1G)
		die(s->name, "W6 unmap", got);
}

static void w2(struct bench *b, const struct side *s)
{
	struct mark m = step_begin(b, s);
	int ret = s->map_pages(s->ctx, BASE, PA_BASE, SZ_2M, SZ_1G / SZ_2M, PROT);
	int64_t got;

	step_end(b, m, s, "W2.map", SZ_1G / SZ_2M);
	if (ret)
		die(s->name, "W2 map", ret);
	m = step_begin(b, s);
	got = s->unmap_pages(s->ctx, BASE, SZ_2M, SZ_1G / SZ_2M);
	step_end(b, m, s, "W2.unmap", SZ_1G / SZ_2M);
	if (got != (int64_t)SZ_1G)
		die(s->name, "W2 unmap", got);
}

static void w3_map(struct bench *b, const struct side *s, const char *step,
		   int (*map)(void *, uint64_t, uint64_t, uint64_t, unsigned))
{
	struct mark m = step_begin(b, s);
	int ret = 0;

	for (unsigned i = 0; i < W3_PAGES && !ret; i++) {
		uint64_t k = b->order_map[i];

		ret = map(s->ctx, BASE + k * SZ_4K, PA_BASE + k * SZ_4K, SZ_4K, PROT);
	}
	step_end(b, m, map == noop_map ? NULL : s, step, W3_PAGES);
	if (ret)
		die(s->name, step, ret);
}

static void w3_unmap(struct bench *b, const struct side *s, const char *step,
		     int64_t (*unmap)(void *, uint64_t, uint64_t))
{
	struct mark m = step_begin(b, s);
	int64_t got = SZ_4K;

	for (unsigned i = 0; i < W3_PAGES && got == (int64_t)SZ_4K; i++)
		got = unmap(s->ctx, BASE + b->order_unmap[i] * SZ_4K, SZ_4K);
	step_end(b, m, unmap == noop_unmap ? NULL : s, step, W3_PAGES);
	if (got != (int64_t)SZ_4K)
		die(s->name, step, got);
}

static void w3(struct bench *b, const struct side *s)
{
	int ret;

	w3_map(b, s, "loop.W3.map", noop_map);
	w3_map(b, s, "W3.map", s->map);
	w3_unmap(b, s, "loop.W3.unmap", noop_unmap);
	w3_unmap(b, s, "W3.unmap_single", s->unmap);
	ret = s->map_pages(s->ctx, BASE, PA_BASE, SZ_4K, W3_PAGES, PROT);
	if (ret)
		die(s->name, "W3 map_pages", ret);
	w3_unmap(b, s, "W3.unmap", s->unmap);
}

static void w5(struct bench *b, const struct side *s)
{
	struct mark m = step_begin(b, s);
	int ret = s->repeat(s->ctx, BASE, SZ_1G, PA_BASE, SZ_4K, PROT);

	step_end(b, m, s, "W5.map", 1);
	if (ret)
		die(s->name, "W5 map_repeat", ret);
	if (s->unmap(s->ctx, BASE, SZ_1G) != (int64_t)SZ_1G)
		die(s->name, "W5 unmap", 0);
}

/*
 * B1 (issue 8): B1_OPS random binds in a 4 GiB window (maps of 1..16 pages or
 * one 2M block that replace what they cover, and unmaps), all prepared first
 * (a queue of VM_BIND jobs), then committed in shuffled order. Printed: ns
 * per prepare and per commit, pool pages reserved by the queue, commits
 * that failed, pages the commits gave back unused.
 */
static void b1(struct bench *b, struct gp *g, struct pool *pool)
{
	struct side s = { .name = "gpummu", .ctx = g, .pool = pool, .flushes = g_flushes };
	struct pt_op *ops = calloc(B1_OPS, sizeof(*ops));
	uint32_t *order = malloc(B1_OPS * sizeof(*order));
	uint64_t x = 0x2545f4914f6cdd1dull;
	size_t reserved, used0 = pool->st.used_pages;
	unsigned failed = 0;
	struct mark m;

	if (!ops || !order)
		die("gpummu", "B1 allocation", 0);
	for (unsigned i = 0; i < B1_OPS; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		uint64_t iova = BASE + (x % (4 * SZ_1G / SZ_2M)) * SZ_2M;

		ops[i] = (struct pt_op){ .kind = x % 10 < 7 ? PT_OP_MAP : PT_OP_UNMAP, .iova = iova,
					 .pa = PA_BASE + (iova - BASE), .prot = PROT, .replace = true,
					 .size = x >> 40 & 1 ? SZ_2M : SZ_4K * (1 + (x >> 41) % 16) };
	}
	shuffle(order, B1_OPS, 3);
	m = step_begin(b, &s);
	for (unsigned i = 0; i < B1_OPS; i++)
		if (gp_prepare(g, &ops[i]))
			die("gpummu", "B1 prepare", i);
	step_end(b, m, &s, "B1.prepare", B1_OPS);
	reserved = pool->st.reserved_pages;
	m = step_begin(b, &s);
	for (unsigned i = 0; i < B1_OPS; i++)
		failed += gp_commit(g, &ops[order[i]]) < 0;
	step_end(b, m, &s, "B1.commit", B1_OPS);
	if (b->run == 0 && !b->instr)
		printf("B1 reserved=%zu returned=%zu failed=%u\n", reserved,
		       reserved - (pool->st.used_pages - used0) - pool->st.reserved_pages, failed);
	if (gp_unmap(g, BASE, 4 * SZ_1G) < 0)
		die("gpummu", "B1 unmap", 0);
	free(order);
	free(ops);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

struct pooled {
	void *mem;
	uint8_t *meta;
	struct pool pool;
};

static struct pool *pooled_init(struct pooled *p, size_t bytes)
{
	p->mem = aligned_alloc(65536, bytes);
	p->meta = malloc(bytes / POOL_PAGE_SIZE);
	if (!p->mem || !p->meta || pool_init(&p->pool, p->mem, bytes, p->meta))
		die("", "pool", 0);
	return &p->pool;
}

static void pooled_fini(struct pooled *p)
{
	if (pool_free_pages(&p->pool) != p->pool.st.total_pages)
		die("", "pool not back to empty", (long long)pool_free_pages(&p->pool));
	free(p->meta);
	free(p->mem);
}

int main(int argc, char **argv)
{
	static struct bench b;
	struct pooled pg, pl, pb;
	struct gp *g = calloc(1, sizeof(*g)), *gb = calloc(1, sizeof(*gb));
	struct gp_cfg gc = { .fmt = PT_FMT_ARM64_S1, .granule = 4096, .ias = 48, .oas = 48,
			     .coherent = true };
	struct lx_dom *l;
	int runs = RUNS, ret;

	if (!g || !gb)
		die("", "allocation", 0);
	b.instr = argc > 1 && !strcmp(argv[1], "--instr");
	if (b.instr)
		runs = 1;
	gc.pool = pooled_init(&pg, POOL_BYTES);
	if ((ret = gp_init(g, &gc)))
		die("gpummu", "pt_init", ret);
	gc.pool = pooled_init(&pb, B1_POOL);
	if ((ret = gp_init(gb, &gc)))
		die("gpummu", "pt_init (B1)", ret);
	l = lx_new(&(struct lx_cfg){ .fmt = LX_ARM64_S1, .granule = 4096, .ias = 48, .oas = 48,
				     .coherent = true, .pool = pooled_init(&pl, POOL_BYTES) });
	if (!l)
		die("Linux", "alloc_io_pgtable_ops", 0);

	const struct side sides[2] = {
		{ "gpummu", g, &pg.pool, g_map, g_map_pages, g_unmap, g_unmap_pages, g_repeat,
		  g_lookup, g_flushes },
		{ "Linux", l, &pl.pool, l_map, l_map_pages, l_unmap, l_unmap_pages, l_repeat,
		  l_lookup, l_flushes },
	};

	shuffle(b.order_map, W3_PAGES, 1);
	shuffle(b.order_unmap, W3_PAGES, 2);
	if (!b.instr)
		printf("# oracle: Linux io-pgtable-arm %s\n", lx_version());
	for (b.run = 0; b.run < runs; b.run++) {
		for (int i = 0; i < 2; i++) {
			w1_w4_w6(&b, &sides[i]);
			w2(&b, &sides[i]);
			w3(&b, &sides[i]);
			w5(&b, &sides[i]);
		}
		b1(&b, gb, &pb.pool);
	}
	for (int i = 0; i < b.nsteps; i++) {
		struct result *r = &b.r[i];

		qsort(r->ns, (size_t)runs, sizeof(double), cmp_double);
		printf("%s ns=%.2f pages=%zu flushes=%lu units=%zu\n", r->name, r->ns[runs / 2],
		       r->pages, r->flushes, r->units);
	}
	lx_free(l);
	gp_fini(g);
	gp_fini(gb);
	pooled_fini(&pg);
	pooled_fini(&pl);
	pooled_fini(&pb);
	free(g);
	free(gb);
	return 0;
}
