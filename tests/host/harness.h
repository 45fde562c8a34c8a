/* SPDX-License-Identifier: MIT */
/*
 * The environment one host test puts around one page table: an arena
 * allocator behind the two allocation hooks (counting, with failure
 * injection, every live block known), recording flush ops, and a model of a
 * non-coherent walker's view of memory (what cache_clean has pushed out).
 *
 * Table memory gets a physical address of HX_PA_BASE + offset in the arena,
 * so the core's pa_offset path is exercised and 32-bit OAS geometries fit.
 */
#ifndef GPUMMU_TESTS_HOST_HARNESS_H
#define GPUMMU_TESTS_HOST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmu/pgtable.h"
#include "tests/host/ref_walker.h"

#define HX_PA_BASE    0x40000000ull
#define HX_MAX_EVENTS 4096

enum hx_ev_kind { HX_EV_ALLOC, HX_EV_ALLOC_FAIL, HX_EV_FREE, HX_EV_FLUSH_RANGE,
		  HX_EV_FLUSH_ALL, HX_EV_CLEAN };

struct hx_event {
	enum hx_ev_kind kind;
	uint64_t pa, size;        /* ALLOC/FREE/CLEAN: block or range (PA) */
	struct pt_gather g;       /* FLUSH_RANGE */
	struct rw_result probe;   /* FLUSH_*: walk of probe_iova at flush time */
};

struct hx {
	struct pt pt;
	struct pt_cfg cfg;
	struct pt_flush_ops flush_ops;
	struct pt_alloc_ops alloc_ops;
	struct rw_geom geom;
	bool live;                /* pt_init succeeded and not yet fini */

	uint8_t *arena;
	size_t npages;
	uint8_t *page_state;      /* 0 free, 1 head of a block, 2 inside a block */
	size_t *block_size;       /* per head page: size asked for */
	uint32_t *seen;           /* per head page: epoch of the last traversal that reached it */
	uint32_t *visits;
	size_t *reached;          /* scratch: tables found by the last traversal */
	uint32_t epoch;
	uint8_t *dev;             /* the walker's view of memory (non-coherent model) */
	uint8_t *cleaned;         /* per 8 bytes: pushed out since allocation */

	long alloc_calls, fail_at; /* fail the fail_at-th call (1-based); 0: never */
	size_t live_blocks, live_bytes;
	/* Blocks the test knows are held outside the tables (prepared ops'
	 * reservations): live but not reachable, and not a leak. */
	size_t held_blocks, held_bytes;

	struct hx_event ev[HX_MAX_EVENTS];
	size_t nev;
	int flush_ret;            /* what the flush ops return */
	bool probe_on;
	uint64_t probe_iova;

	unsigned violations;      /* rules broken inside hooks; first reason in viol */
	char viol[256];
};

/* NULL when pt_init refuses (the reason is in *err). */
struct hx *hx_new(enum pt_format fmt, size_t granule, unsigned ias, unsigned oas,
		  bool coherent, size_t arena_pages, int *err);
/* pt_fini (if live) and free. -1 when a rule was broken or a block leaked. */
int hx_delete(struct hx *h);

const struct rw_mem *hx_cpu_mem(struct hx *h);

void hx_walk(struct hx *h, uint64_t iova, struct rw_result *r);
/* Walk, and require a translation to pa with the attributes of prot. */
int hx_expect_map(struct hx *h, uint64_t iova, uint64_t pa, unsigned prot);

/*
 * Whole-table check: every descriptor well formed, the tables reached are
 * exactly the live blocks of the allocator (no leak, no dangling link), the
 * core's statistics agree, and for a non-coherent walker the walker's view
 * equals the CPU's. 0, or -1 with a message printed.
 */
int hx_check_tables(struct hx *h, size_t *ntables);

void hx_clear_events(struct hx *h);
size_t hx_count(const struct hx *h, enum hx_ev_kind kind);
/* Index of the n-th (0-based) event of kind, or -1. */
long hx_find(const struct hx *h, enum hx_ev_kind kind, size_t n);
/* Flush calls of either kind. */
size_t hx_flushes(const struct hx *h);
/* Index of the first range flush, else of the first full flush, or -1. */
long hx_first_flush(const struct hx *h);

#endif
