/* SPDX-License-Identifier: MIT */
/*
 * Static page pool: a fixed, aligned region (reserved by the linker script on
 * the target, a static array on the host) handed out as zeroed 4 KiB pages, or
 * naturally aligned 16 KiB / 64 KiB blocks carved from it. O(1) alloc and free.
 *
 * Reservations let an operation take its worst case up front (the step that
 * may fail) and then run without any allocation failing (the step that
 * cannot); whatever it did not use goes back. This is the shape an
 * asynchronous VM_BIND needs: prepare when queued, commit when it runs.
 */
#ifndef GPUMMU_MMU_POOL_H
#define GPUMMU_MMU_POOL_H

#include <stddef.h>
#include <stdint.h>

#define POOL_PAGE_SIZE 4096u
#define POOL_MAX_ORDER 4 /* 2^4 pages = 64 KiB, the largest table granule */

struct pool_stats {
	size_t total_pages;     /* pages in the region */
	size_t used_pages;      /* pages handed out (4 KiB units) */
	size_t reserved_pages;  /* pages promised to open reservations */
	size_t high_water;      /* max used_pages + reserved_pages ever seen */
	size_t failed_allocs;   /* allocations or reservations refused */
};

struct pool {
	uint8_t *base;          /* first page, POOL_PAGE_SIZE << POOL_MAX_ORDER aligned */
	size_t npages;
	/* Free lists per order (0 = 4 KiB, 2 = 16 KiB, 4 = 64 KiB), threaded
	 * through the free pages themselves so the pool needs no side table
	 * beyond one order byte per page. */
	void *free_head[POOL_MAX_ORDER + 1];
	uint8_t *page_order;    /* per page: order of the free block it heads, or 0xff */
	void (*zero)(void *va, size_t bytes); /* pool_set_zero(); NULL: memset */
	struct pool_stats st;
};

/*
 * A reservation: pages promised by the pool, drawn on without failing.
 * pool_reserve() promises 4 KiB units without taking any page (a counter);
 * pool_reserve_blocks() takes whole 16/64 KiB blocks up front (held on a list
 * threaded through the blocks themselves) because a promise of 4 KiB units
 * cannot guarantee an aligned larger block once the pool is fragmented.
 */
struct pool_resv {
	struct pool *pool;
	size_t pages;           /* 4 KiB units still promised (lazy part) */
	void *blocks;           /* blocks taken ahead (pool_reserve_blocks) */
	size_t nblocks, block_size;
};

/*
 * base must be aligned to 64 KiB; bytes a multiple of 64 KiB. meta must hold
 * one byte per page (bytes / 4096). Returns 0 or -EINVAL.
 */
int pool_init(struct pool *p, void *base, size_t bytes, uint8_t *meta);
/*
 * How blocks handed out zeroed are zeroed: zero(va, bytes) for each whole
 * block (va size-aligned, bytes 4K, 16K or 64K), or memset when NULL (the
 * default). The target gives a faster one once the memory is Normal (the
 * MMU on: DC ZVA, drivers/cache.h); the pool itself touches no hardware.
 */
void pool_set_zero(struct pool *p, void (*zero)(void *va, size_t bytes));

/* A zeroed, size-aligned block of size 4K, 16K or 64K, or NULL (counted in failed_allocs). */
void *pool_alloc(struct pool *p, size_t size);
void pool_free(struct pool *p, void *va, size_t size);

/* Promise npages 4 KiB units to r. 0, or -ENOMEM with nothing reserved. */
int pool_reserve(struct pool *p, struct pool_resv *r, size_t npages);
/*
 * Promise count blocks of size (4K, 16K or 64K) by taking them now. 0, or
 * -ENOMEM with nothing taken (-EINVAL for another size). Like pool_reserve,
 * this starts r afresh: end a previous reservation in r first.
 */
int pool_reserve_blocks(struct pool *p, struct pool_resv *r, size_t size, size_t count);
/*
 * Draw one zeroed block from a reservation. Blocks taken by
 * pool_reserve_blocks() always succeed; a 4 KiB draw on a lazy promise always
 * succeeds; a larger draw on a lazy promise succeeds unless the pool is too
 * fragmented to hold an aligned block (NULL, promise unchanged).
 */
void *pool_resv_alloc(struct pool_resv *r, size_t size);
/* The same, not zeroed: for a caller that writes every byte itself (zeroing
 * a 4 KiB table a map then fills whole is most of the cost of mapping it). */
void *pool_resv_alloc_raw(struct pool_resv *r, size_t size);
/* Return what the reservation did not use. */
void pool_unreserve(struct pool_resv *r);

void pool_get_stats(const struct pool *p, struct pool_stats *out);
/* Pages free right now (not used, not reserved). */
size_t pool_free_pages(const struct pool *p);

#endif
