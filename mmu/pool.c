/* SPDX-License-Identifier: MIT */
/*
 * The static page pool: a binary buddy allocator over orders 0..4 (4 KiB to
 * 64 KiB). Free blocks are kept on doubly linked lists threaded through the
 * free memory itself, so taking a block, splitting it, and merging a freed
 * block with its buddy are all bounded by POOL_MAX_ORDER steps: O(1).
 *
 * The one-byte-per-page meta array records, for the first page of every
 * block, free or handed out, whether it is free and its order; every other
 * page holds NOT_HEAD. A freed block merges with its buddy exactly when the
 * buddy heads a free block of the same order. Because the pool knows every
 * block, pool_free checks what it is given (a double free, a wrong size, a
 * pointer that is not a block's) instead of trusting it.
 */
#include "pool.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "bits.h"
#include "check.h"

#define NOT_HEAD     0xffu
#define META_ORDER   GENMASK(3, 0)
#define META_FREE    BIT(4)      /* heads a free block */
#define META_USED    BIT(5)      /* heads a block handed out (or reserved ahead) */
#define FREE_HEAD(o) ((uint8_t)(META_FREE | (o)))
#define USED_HEAD(o) ((uint8_t)(META_USED | (o)))

struct free_blk {
	struct free_blk *next, *prev;
};

static int size_order(size_t size)
{
	if (size < POOL_PAGE_SIZE || size > (size_t)POOL_PAGE_SIZE << POOL_MAX_ORDER ||
	    (size & (size - 1)))
		return -1;
	return __builtin_ctzl(size / POOL_PAGE_SIZE);
}

static size_t page_index(const struct pool *p, const void *va)
{
	return (size_t)((const uint8_t *)va - p->base) / POOL_PAGE_SIZE;
}

static void list_push(struct pool *p, int order, void *va)
{
	struct free_blk *b = va, *head = p->free_head[order];

	b->prev = NULL;
	b->next = head;
	if (head)
		head->prev = b;
	p->free_head[order] = b;
	p->page_order[page_index(p, va)] = FREE_HEAD(order);
}

static void list_del(struct pool *p, int order, struct free_blk *b)
{
	if (b->prev)
		b->prev->next = b->next;
	else
		p->free_head[order] = b->next;
	if (b->next)
		b->next->prev = b->prev;
	p->page_order[page_index(p, b)] = NOT_HEAD;
}

/* A block leaves the free lists (handed out, or reserved ahead). */
static void *mark_used(struct pool *p, void *va, int order)
{
	if (va)
		p->page_order[page_index(p, va)] = USED_HEAD(order);
	return va;
}

/* Take a block of order from the free lists, splitting a larger one if needed. */
static void *take(struct pool *p, int order)
{
	int k = order;

	while (k <= POOL_MAX_ORDER && !p->free_head[k])
		k++;
	if (k > POOL_MAX_ORDER)
		return NULL;
	struct free_blk *b = p->free_head[k];

	list_del(p, k, b);
	while (k > order) {
		k--;
		list_push(p, k, (uint8_t *)b + ((size_t)POOL_PAGE_SIZE << k));
	}
	return mark_used(p, b, order);
}

/* Return a block, merging it with its buddy as long as the buddy is free. */
static void give(struct pool *p, void *va, int order)
{
	size_t idx = page_index(p, va);

	p->page_order[idx] = NOT_HEAD;
	while (order < POOL_MAX_ORDER) {
		size_t buddy = idx ^ ((size_t)1 << order);

		if (buddy >= p->npages || p->page_order[buddy] != FREE_HEAD(order))
			break;
		list_del(p, order, (struct free_blk *)(p->base + buddy * POOL_PAGE_SIZE));
		idx &= ~((size_t)1 << order);
		order++;
	}
	list_push(p, order, p->base + idx * POOL_PAGE_SIZE);
}

static void note_high_water(struct pool *p)
{
	size_t held = p->st.used_pages + p->st.reserved_pages;

	if (held > p->st.high_water)
		p->st.high_water = held;
}

int pool_init(struct pool *p, void *base, size_t bytes, uint8_t *meta)
{
	const size_t max_block = (size_t)POOL_PAGE_SIZE << POOL_MAX_ORDER;

	if (!p || !base || !meta || (uintptr_t)base % max_block || !bytes || bytes % max_block)
		return -EINVAL;
	memset(p, 0, sizeof(*p));
	p->base = base;
	p->npages = bytes / POOL_PAGE_SIZE;
	p->page_order = meta;
	p->st.total_pages = p->npages;
	memset(meta, NOT_HEAD, p->npages);
	/* Push from the top so that the lowest block is handed out first. */
	for (size_t i = p->npages; i > 0; i -= (size_t)1 << POOL_MAX_ORDER)
		list_push(p, POOL_MAX_ORDER,
			  p->base + (i - ((size_t)1 << POOL_MAX_ORDER)) * POOL_PAGE_SIZE);
	return 0;
}

void pool_set_zero(struct pool *p, void (*zero)(void *va, size_t bytes))
{
	p->zero = zero;
}

static void *zeroed(const struct pool *p, void *va, size_t size)
{
	if (p->zero)
		p->zero(va, size);
	else
		memset(va, 0, size);
	return va;
}

size_t pool_free_pages(const struct pool *p)
{
	return p->st.total_pages - p->st.used_pages - p->st.reserved_pages;
}

void *pool_alloc(struct pool *p, size_t size)
{
	int order = size_order(size);
	size_t pages = size / POOL_PAGE_SIZE;
	void *va = NULL;

	if (order >= 0 && pool_free_pages(p) >= pages)
		va = take(p, order);
	if (!va) {
		p->st.failed_allocs++;
		return NULL;
	}
	p->st.used_pages += pages;
	note_high_water(p);
	return zeroed(p, va, size);
}

void pool_free(struct pool *p, void *va, size_t size)
{
	int order = size_order(size);
	uintptr_t off = (uintptr_t)va - (uintptr_t)p->base;

	if (!va)
		return;
	CHECK(order >= 0, "pool_free of a size the pool never hands out");
	CHECK((uintptr_t)va >= (uintptr_t)p->base && off < p->npages * POOL_PAGE_SIZE,
	      "pool_free of memory outside the pool");
	CHECK(!(off & (size - 1)), "pool_free of an address not aligned to its size");
	CHECK(p->page_order[off / POOL_PAGE_SIZE] == USED_HEAD(order),
	      "pool_free of a block not handed out with this size (double free?)");
	give(p, va, order);
	p->st.used_pages -= size / POOL_PAGE_SIZE;
}

static void resv_clear(struct pool_resv *r, struct pool *p)
{
	r->pool = p;
	r->pages = 0;
	r->blocks = NULL;
	r->nblocks = 0;
	r->block_size = 0;
}

/* Blocks taken ahead by pool_reserve_blocks, linked through their first word. */
static void blocks_push(struct pool_resv *r, void *va)
{
	*(void **)va = r->blocks;
	r->blocks = va;
	r->nblocks++;
}

static void *blocks_pop(struct pool_resv *r)
{
	void **blk = r->blocks;

	r->blocks = *blk;
	r->nblocks--;
	return blk;
}

int pool_reserve(struct pool *p, struct pool_resv *r, size_t npages)
{
	resv_clear(r, p);
	if (pool_free_pages(p) < npages) {
		p->st.failed_allocs++;
		return -ENOMEM;
	}
	r->pages = npages;
	p->st.reserved_pages += npages;
	note_high_water(p);
	return 0;
}

int pool_reserve_blocks(struct pool *p, struct pool_resv *r, size_t size, size_t count)
{
	int order = size_order(size);
	size_t pages = size / POOL_PAGE_SIZE;

	resv_clear(r, p);
	if (order < 0)
		return -EINVAL;
	if (pool_free_pages(p) < pages * count) {
		p->st.failed_allocs++;
		return -ENOMEM;
	}
	r->block_size = size;
	for (size_t i = 0; i < count; i++) {
		void *blk = take(p, order);

		if (!blk) {
			pool_unreserve(r); /* fragmented: give back what this call took */
			p->st.failed_allocs++;
			return -ENOMEM;
		}
		blocks_push(r, blk);
		p->st.reserved_pages += pages;
	}
	note_high_water(p);
	return 0;
}

void *pool_resv_alloc_raw(struct pool_resv *r, size_t size)
{
	struct pool *p = r->pool;
	size_t pages = size / POOL_PAGE_SIZE;
	void *va;

	if (r->nblocks && size == r->block_size) {
		va = blocks_pop(r);
	} else {
		int order = size_order(size);

		if (order < 0 || r->pages < pages)
			return NULL;
		va = take(p, order);
		if (!va)
			return NULL;
		r->pages -= pages;
	}
	p->st.reserved_pages -= pages;
	p->st.used_pages += pages;
	return va;
}

void *pool_resv_alloc(struct pool_resv *r, size_t size)
{
	void *va = pool_resv_alloc_raw(r, size);

	return va ? zeroed(r->pool, va, size) : NULL;
}

void pool_unreserve(struct pool_resv *r)
{
	struct pool *p = r->pool;

	if (!p)
		return;
	p->st.reserved_pages -= r->pages;
	r->pages = 0;
	while (r->nblocks) {
		give(p, blocks_pop(r), size_order(r->block_size));
		p->st.reserved_pages -= r->block_size / POOL_PAGE_SIZE;
	}
}

void pool_get_stats(const struct pool *p, struct pool_stats *out)
{
	*out = p->st;
}
