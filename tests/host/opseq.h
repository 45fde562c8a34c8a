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

enum os_kind { OS_MAP, OS_MAP_PAGES, OS_MAP_REPEAT, OS_UNMAP_WHOLE, OS_UNMAP_RANGE, OS_NKINDS };

struct os_run {
	struct hx *h;
	struct shadow sh;
	uint64_t window;          /* IOVAs used: [0, window) */
	uint64_t pa_span;         /* PAs used: [0, pa_span) */
	size_t granule, block;    /* smallest leaf and the level-2 block */
	unsigned long done[OS_NKINDS], refused;
};

/* The table a run works on. */
struct os_cfg {
	enum pt_format fmt;
	size_t granule;
	unsigned ias, oas;
	bool coherent;
};

int os_setup(struct os_run *r, const struct os_cfg *c);
/* One random operation and the full check. 0, or -1 (printed). */
int os_step(struct os_run *r, struct os_rng *rng);
/* Unmap everything, destroy the table; -1 when a table page leaked. */
int os_teardown(struct os_run *r);

#endif
