/* SPDX-License-Identifier: MIT */
/*
 * Host benchmark of the page-table core (ARM64_S1, 4K granule, 48-bit,
 * coherent walk, static pool). One line per step:
 *   W3.map ns=20.98 tables=35 flushes=0 units=16384
 * ns per unit (page, block or call), median of RUNS runs; tables = table
 * pages in use after the step; flushes = flush-op calls in the step.
 *
 * With --instr the steps run once each, bracketed by callgrind client
 * requests (run under valgrind --tool=callgrind --collect-atstart=no); each
 * step dumps its own profile named after it, and bench/run-bench.sh turns
 * the dumps into instructions per unit. W6 is W1's unmap seen as one call
 * (its instructions are W1.unmap's total).
 *
 * The per-call steps (W3.map, W3.unmap, W4.lookup) each have an empty
 * baseline step, "loop.<step>": the same loop, index loads and argument
 * set-up, calling an opaque no-op instead of the core. run-bench.sh
 * subtracts its instructions from the step's, so instr= counts the core's
 * own instructions per call, and prints what it subtracted as loop= (per
 * unit) on the step's line. ns= is not corrected (the raw time per call).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mmu/pgtable.h"

#ifdef HAVE_CALLGRIND
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_TOGGLE_COLLECT
#define CALLGRIND_DUMP_STATS_AT(s) (void)(s)
#endif

#define RUNS        7
#define POOL_BYTES  (64u << 20)
#define SZ_4K       0x1000ull
#define SZ_2M       0x200000ull
#define SZ_1G       0x40000000ull
#define W1_PAGES    (SZ_1G / SZ_4K)
#define W3_PAGES    16384u
#define BASE        (5 * SZ_1G)
#define PA_BASE     (0x80000000ull)
#define PROT        (PT_PROT_READ | PT_PROT_WRITE)

enum step { W1_MAP, W1_UNMAP, W2_MAP, W2_UNMAP, W3_MAP, W3_UNMAP, W4_LOOKUP, W5_MAP,
	    W6_UNMAP, LOOP_W3_MAP, LOOP_W3_UNMAP, LOOP_W4_LOOKUP, NSTEPS };

static const char *const step_name[NSTEPS] = {
	"W1.map", "W1.unmap", "W2.map", "W2.unmap", "W3.map", "W3.unmap", "W4.lookup",
	"W5.map", "W6.unmap", "loop.W3.map", "loop.W3.unmap", "loop.W4.lookup",
};

/* The core calls a per-call step makes, or their baseline stand-ins below. */
typedef int map_fn(struct pt *pt, uint64_t iova, uint64_t pa, uint64_t size, unsigned prot);
typedef int64_t unmap_fn(struct pt *pt, uint64_t iova, uint64_t size);
typedef int lookup_fn(const struct pt *pt, uint64_t iova, uint64_t *pa);

/*
 * Opaque no-ops for the baseline steps: same arguments, the result the loop
 * expects, nothing else. noipa keeps every call and its set-up (without it
 * the compiler could see through them and drop the loop's work).
 */
static __attribute__((noipa)) int noop_map(struct pt *pt, uint64_t iova, uint64_t pa,
					   uint64_t size, unsigned prot)
{
	(void)pt, (void)iova, (void)pa, (void)size, (void)prot;
	return 0;
}

static __attribute__((noipa)) int64_t noop_unmap(struct pt *pt, uint64_t iova, uint64_t size)
{
	(void)pt, (void)iova;
	return (int64_t)size;
}

static __attribute__((noipa)) int noop_lookup(const struct pt *pt, uint64_t iova, uint64_t *pa)
{
	(void)pt;
	*pa = iova;
	return 0;
}

struct result {
	double ns[RUNS];
	size_t tables, units;
	unsigned long flushes;
};

struct bench {
	struct pool pool;
	struct pt pt;
	unsigned long flushes;
	uint32_t order_map[W3_PAGES], order_unmap[W3_PAGES];
	struct result r[NSTEPS];
	bool instr;
	int run;
};

static int count_flush_all(void *cookie)
{
	((struct bench *)cookie)->flushes++;
	return 0;
}

static int count_flush_range(void *cookie, const struct pt_gather *g)
{
	(void)g;
	((struct bench *)cookie)->flushes++;
	return 0;
}

static const struct pt_flush_ops flush_ops = { count_flush_all, count_flush_range, NULL };

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static size_t tables_in_use(const struct pt *pt)
{
	struct pt_stats st;

	pt_get_stats(pt, &st);
	return pt_stats_tables(&st);
}

static void die(const char *what, long long v)
{
	fprintf(stderr, "bench: %s failed (%lld)\n", what, v);
	exit(1);
}

/* Bracket one step: time it, count its flushes, and in --instr mode profile it. */
struct mark {
	double t0;
	unsigned long f0;
};

static struct mark step_begin(struct bench *b)
{
	struct mark m = { 0, b->flushes };

	if (b->instr) {
		CALLGRIND_ZERO_STATS;
		CALLGRIND_TOGGLE_COLLECT;
	}
	m.t0 = now_ns();
	return m;
}

static void step_end(struct bench *b, struct mark m, enum step s, size_t units)
{
	double t = now_ns() - m.t0;
	struct result *r = &b->r[s];

	if (b->instr) {
		CALLGRIND_TOGGLE_COLLECT;
		CALLGRIND_DUMP_STATS_AT(step_name[s]);
	}
	r->ns[b->run] = t / (double)units;
	r->units = units;
	r->flushes = b->flushes - m.f0;
	r->tables = tables_in_use(&b->pt);
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

/* W4: every page of W1 looked up in order (or the baseline: the same loop, no lookup). */
static void w4(struct bench *b, enum step s, lookup_fn *lookup)
{
	struct mark m = step_begin(b);
	uint64_t pa, sum = 0;
	int ret = 0;

	for (uint64_t i = 0; i < W1_PAGES; i++) {
		ret = lookup(&b->pt, BASE + i * SZ_4K + 8, &pa);
		sum += pa;
	}
	step_end(b, m, s, W1_PAGES);
	if (ret || sum == 0)
		die(step_name[s], ret);
}

static void w1_w4_w6(struct bench *b)
{
	struct mark m;
	int64_t got;
	int ret;

	m = step_begin(b);
	ret = pt_map_pages(&b->pt, BASE, PA_BASE, SZ_4K, W1_PAGES, PROT);
	step_end(b, m, W1_MAP, W1_PAGES);
	if (ret)
		die("W1 map", ret);

	w4(b, W4_LOOKUP, pt_iova_to_phys);
	w4(b, LOOP_W4_LOOKUP, noop_lookup);

	m = step_begin(b);
	got = pt_unmap(&b->pt, BASE, SZ_1G);
	step_end(b, m, W1_UNMAP, W1_PAGES);
	if (got != (int64_t)SZ_1G)
		die("W1 unmap", got);
	/* W6 is W1's unmap counted as one call. */
	b->r[W6_UNMAP].ns[b->run] = b->r[W1_UNMAP].ns[b->run] * (double)W1_PAGES;
	b->r[W6_UNMAP].units = 1;
	b->r[W6_UNMAP].flushes = b->r[W1_UNMAP].flushes;
	b->r[W6_UNMAP].tables = b->r[W1_UNMAP].tables;
}

static void w2(struct bench *b)
{
	struct mark m = step_begin(b);
	int ret = pt_map_pages(&b->pt, BASE, PA_BASE, SZ_2M, SZ_1G / SZ_2M, PROT);
	int64_t got;

	step_end(b, m, W2_MAP, SZ_1G / SZ_2M);
	if (ret)
		die("W2 map", ret);
	m = step_begin(b);
	got = pt_unmap(&b->pt, BASE, SZ_1G);
	step_end(b, m, W2_UNMAP, SZ_1G / SZ_2M);
	if (got != (int64_t)SZ_1G)
		die("W2 unmap", got);
}

/* W3: single pages mapped in shuffled order (or the baseline: the same loop, no map). */
static void w3_map(struct bench *b, enum step s, map_fn *map)
{
	struct mark m = step_begin(b);
	int ret = 0;

	for (unsigned i = 0; i < W3_PAGES && !ret; i++) {
		uint64_t k = b->order_map[i];

		ret = map(&b->pt, BASE + k * SZ_4K, PA_BASE + k * SZ_4K, SZ_4K, PROT);
	}
	step_end(b, m, s, W3_PAGES);
	if (ret)
		die(step_name[s], ret);
}

/* ... and unmapped one by one in another shuffled order. */
static void w3_unmap(struct bench *b, enum step s, unmap_fn *unmap)
{
	struct mark m = step_begin(b);
	int64_t got = SZ_4K;

	for (unsigned i = 0; i < W3_PAGES && got == (int64_t)SZ_4K; i++)
		got = unmap(&b->pt, BASE + b->order_unmap[i] * SZ_4K, SZ_4K);
	step_end(b, m, s, W3_PAGES);
	if (got != (int64_t)SZ_4K)
		die(step_name[s], got);
}

static void w3(struct bench *b)
{
	w3_map(b, LOOP_W3_MAP, noop_map);
	w3_map(b, W3_MAP, pt_map);
	w3_unmap(b, LOOP_W3_UNMAP, noop_unmap);
	w3_unmap(b, W3_UNMAP, pt_unmap);
}

static void w5(struct bench *b)
{
	struct mark m = step_begin(b);
	int ret = pt_map_repeat(&b->pt, BASE, SZ_1G, PA_BASE, SZ_4K, PROT);

	step_end(b, m, W5_MAP, 1);
	if (ret)
		die("W5 map_repeat", ret);
	if (pt_unmap(&b->pt, BASE, SZ_1G) != (int64_t)SZ_1G)
		die("W5 unmap", 0);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	struct bench *b = calloc(1, sizeof(*b));
	void *mem = aligned_alloc(65536, POOL_BYTES);
	uint8_t *meta = malloc(POOL_BYTES / POOL_PAGE_SIZE);
	struct pt_cfg cfg = {
		.fmt = PT_FMT_ARM64_S1, .granule = 4096, .ias = 48, .oas = 48, .coherent = true,
		.flush = &flush_ops,
	};
	int runs = RUNS, ret;

	if (!b || !mem || !meta)
		die("allocation", 0);
	b->instr = argc > 1 && !strcmp(argv[1], "--instr");
	if (b->instr)
		runs = 1;
	if ((ret = pool_init(&b->pool, mem, POOL_BYTES, meta)))
		die("pool_init", ret);
	cfg.pool = &b->pool;
	cfg.flush_cookie = b;
	if ((ret = pt_init(&b->pt, &cfg)))
		die("pt_init", ret);
	shuffle(b->order_map, W3_PAGES, 1);
	shuffle(b->order_unmap, W3_PAGES, 2);
	for (b->run = 0; b->run < runs; b->run++) {
		w1_w4_w6(b);
		w2(b);
		w3(b);
		w5(b);
	}
	for (int s = 0; s < NSTEPS; s++) {
		struct result *r = &b->r[s];

		qsort(r->ns, (size_t)runs, sizeof(double), cmp_double);
		printf("%s ns=%.2f tables=%zu flushes=%lu units=%zu\n", step_name[s],
		       r->ns[runs / 2], r->tables, r->flushes, r->units);
	}
	pt_fini(&b->pt);
	if (pool_free_pages(&b->pool) != b->pool.st.total_pages)
		die("pool not back to empty after pt_fini", (long long)pool_free_pages(&b->pool));
	free(meta);
	free(mem);
	free(b);
	return 0;
}
