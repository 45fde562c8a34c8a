/* SPDX-License-Identifier: MIT */
/*
 * Random operation sequences against one table and the shadow model: map,
 * map_pages, map_repeat, unmap of a whole mapping, unmap of any range
 * (partial unmaps split blocks and repeated tables). After every step the
 * return value is checked against the model's prediction and the whole table
 * against the model through the reference walker, plus the allocator's
 * books. The random test drives it from a PRNG, the fuzzer from its input.
 */
#ifndef GPUMMU_TESTS_HOST_OPSEQ_H
#define GPUMMU_TESTS_HOST_OPSEQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tests/host/harness.h"
#include "tests/host/shadow.h"

/* Random numbers from a PRNG, or from fuzzer bytes until they run out. */
struct os_rng {
	uint64_t state;
	const uint8_t *data;
	size_t len, pos;
	bool from_data;
};

void os_rng_seed(struct os_rng *r, uint64_t seed);
void os_rng_data(struct os_rng *r, const uint8_t *data, size_t len);
uint64_t os_rand(struct os_rng *r);
/* A draw below n (0 when n is 0). */
uint64_t os_pick(struct os_rng *r, uint64_t n);
bool os_exhausted(const struct os_rng *r);

enum os_kind { OS_MAP, OS_MAP_PAGES, OS_MAP_REPEAT, OS_UNMAP_WHOLE, OS_UNMAP_RANGE,
	       OS_QUEUE, OS_COMMIT, OS_ABORT, OS_NKINDS };

#define OS_MAX_PENDING 8

/* Shapes a run reached (counted from the tables after each step), so a test
 * can require that its generator produced what it is meant to. */
struct os_reach {
	unsigned long giant_leaves;   /* level-1 blocks seen */
	unsigned long shared[PT_MAX_LEVELS]; /* shared tables seen, per absolute level */
	/* A parent of a shared table that no longer points at it, per level of
	 * the table: now at another table (un-shared: a private copy, or a
	 * replace), or at none (a dropped reference). */
	unsigned long unshared[PT_MAX_LEVELS], dropped[PT_MAX_LEVELS];
	unsigned long commits, aborts;
};

/* One upper entry pointing at a table, as a traversal found it. */
struct os_link {
	uint64_t va, pa;
	unsigned level;
};

struct os_run {
	struct hx *h;
	struct shadow sh;
	uint64_t window;          /* IOVAs used: [0, window) */
	uint64_t pa_span;         /* PAs used: [0, pa_span) */
	size_t granule, block;    /* smallest leaf and the level-2 block */
	uint64_t span1;           /* a level-1 entry's span (a giant leaf where 4K allows one) */
	bool giant;               /* level-1 leaves exist (4K granule) */
	bool wide;
	bool vast;                /* wide over two level-0 spans: shared level-1 tables */
	uint64_t span0;           /* a level-0 entry's span (vast runs) */
	bool no_shapes;           /* skip counting shapes (a soak that only checks) */
	struct pt_op pend[OS_MAX_PENDING]; /* prepared, committed or aborted in any order */
	unsigned slot[OS_MAX_PENDING];     /* pend[slot[0 .. npend - 1]] are prepared */
	unsigned npend;
	unsigned long done[OS_NKINDS], refused;
	struct os_reach reach;
	struct os_link *shared_links; /* links to shared tables at the last check */
	size_t nshared_links;
};

/* The table a run works on. wide: a window of several level-1 spans (4K:
 * 4 GiB) with giant leaves, shared level-2 and level-3 tables, and cuts at
 * every level; otherwise a few level-2 blocks. */
struct os_cfg {
	enum pt_format fmt;
	size_t granule;
	unsigned ias, oas;
	bool coherent;
	bool wide;
	bool vast; /* wide over two level-0 spans (4K, IAS 48: 1 TiB), repeats of
		    * 1 GiB blocks sharing level-1 tables; implies wide */
};

int os_setup(struct os_run *r, const struct os_cfg *c);
/* One random operation and the full check. 0, or -1 (printed). */
int os_step(struct os_run *r, struct os_rng *rng);
/* Unmap everything, destroy the table; -1 when a table page leaked. */
int os_teardown(struct os_run *r);

#endif
