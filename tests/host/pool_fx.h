/* SPDX-License-Identifier: MIT */
/*
 * A page table in a real page pool (the target's allocator) whose memory the
 * walker sees at RX_PA_BASE (pa_offset, so 40-bit formats fit), with counting
 * flush ops and the shadow model beside it: for host tests that need the
 * pool's own books (reservations, frees).
 */
#ifndef GPUMMU_TESTS_HOST_POOL_FX_H
#define GPUMMU_TESTS_HOST_POOL_FX_H

#include "mmu/pgtable.h"
#include "tests/host/ref_walker.h"
#include "tests/host/shadow.h"

#define RX_PA_BASE 0x80000000ull

struct rx {
	struct pool pool;
	struct pt pt;
	struct pt_cfg cfg;
	struct rw_geom geom;
	struct shadow sh;
	uint8_t *mem, *meta;
	size_t bytes, free_before;
	unsigned flushes;
	int flush_ret;
	struct rw_mem mem_ops;
};

/* A table of fmt/granule (IAS 48, ARM32 32; OAS 48, Mali and ARM32 40) over a pool of
 * pool_pages pages; cmocka fails the test if it cannot be made. */
struct rx *rx_new_cfg(enum pt_format fmt, size_t granule, size_t pool_pages, bool flush_on_map);
/* The walker's view of table memory (PA = VA). */
const struct rw_mem *rx_mem(struct rx *x);
/* The tables say exactly what the model says (else the test fails). */
void rx_check(struct rx *x);
/* Check, pt_fini, the pool exactly as before pt_init, free everything. */
void rx_done(struct rx *x);

#endif
