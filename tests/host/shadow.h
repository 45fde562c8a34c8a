/* SPDX-License-Identifier: MIT */
/*
 * The shadow model: what should be mapped, as a sorted list of extents kept
 * by the test itself. Linear extents map iova to pa + (iova - origin);
 * repeated extents (map_repeat) map it to pa + (iova - origin) % pgsize.
 */
#ifndef GPUMMU_TESTS_HOST_SHADOW_H
#define GPUMMU_TESTS_HOST_SHADOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmu/pgtable.h"
#include "tests/host/ref_walker.h"

struct hx;

struct sh_ext {
	uint64_t start, end;   /* [start, end) */
	uint64_t origin, pa;   /* pa at origin */
	uint64_t pgsize;       /* 0: linear */
	unsigned prot;
};

struct shadow {
	struct sh_ext *e;
	size_t n, cap;
};

void sh_init(struct shadow *s);
void sh_fini(struct shadow *s);
bool sh_overlaps(const struct shadow *s, uint64_t start, uint64_t end);
void sh_add(struct shadow *s, uint64_t start, uint64_t size, uint64_t pa, uint64_t pgsize,
	    unsigned prot);
/* Bytes removed from [start, end). */
uint64_t sh_remove(struct shadow *s, uint64_t start, uint64_t end);
uint64_t sh_bytes(const struct shadow *s);
/* Bytes mapped inside [start, end). */
uint64_t sh_bytes_in(const struct shadow *s, uint64_t start, uint64_t end);
bool sh_lookup(const struct shadow *s, uint64_t va, uint64_t *pa, unsigned *prot);

/*
 * What pt_unmap(va, end - va) must return for the tables as they are now
 * (the rule of mmu/pgtable.h, applied to a traversal by the reference
 * walker): leaves count their bytes inside the range, except below a table
 * whose parent entry's whole span lies inside the range, which counts that
 * whole span.
 */
uint64_t sh_unmap_expect(const struct rw_geom *g, const struct rw_mem *m, uint64_t va,
			 uint64_t end);

/* Every leaf of the tables agrees with the model (address and attributes),
 * and the tables map exactly as many bytes as the model. 0, or -1 printed. */
int sh_compare(const struct shadow *s, const struct rw_geom *g, const struct rw_mem *m);
/* The harness's whole-table check (hx_check_tables), then sh_compare through
 * the CPU's view of h. 0, or -1 printed. */
int sh_check_hx(const struct shadow *s, struct hx *h);

#endif
