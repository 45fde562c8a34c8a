/* SPDX-License-Identifier: MIT */
#include "tests/host/opseq.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define ARENA_PAGES 1024 /* 4 MiB of table memory: several times what a window needs */

void os_rng_seed(struct os_rng *r, uint64_t seed)
{
	memset(r, 0, sizeof(*r));
	r->state = seed ? seed : 0x9e3779b97f4a7c15ull;
}

void os_rng_data(struct os_rng *r, const uint8_t *data, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->data = data;
	r->len = len;
	r->from_data = true;
}

uint64_t os_rand(struct os_rng *r)
{
	uint64_t v = 0;

	/* Two bytes a draw: every choice made here is below 65536 values, and
	 * short inputs then hold many operations. */
	if (r->from_data) {
		for (unsigned i = 0; i < 2 && r->pos < r->len; i++)
			v |= (uint64_t)r->data[r->pos++] << (8 * i);
		return v;
	}
	/* xorshift64* (Vigna) */
	r->state ^= r->state >> 12;
	r->state ^= r->state << 25;
	r->state ^= r->state >> 27;
	return r->state * 0x2545f4914f6cdd1dull;
}

bool os_exhausted(const struct os_rng *r)
{
	return r->from_data && r->pos >= r->len;
}

uint64_t os_pick(struct os_rng *r, uint64_t n)
{
	return n ? os_rand(r) % n : 0;
}

int os_setup(struct os_run *r, const struct os_cfg *c)
{
	int err;

	memset(r, 0, sizeof(*r));
	sh_init(&r->sh);
	r->h = hx_new(c->fmt, c->granule, c->ias, c->oas, c->coherent, ARENA_PAGES, &err);
	if (!r->h) {
		fprintf(stderr, "opseq: pt_init failed: %d\n", err);
		return -1;
	}
	r->granule = r->h->cfg.granule;
	r->block = (size_t)1 << rw_level_shift(&r->h->geom, 2);
	/* A few blocks wide: blocks, splits and table frees all happen, while a
	 * full traversal per step stays cheap. */
	r->window = r->granule == 65536 ? 2 * (uint64_t)r->block : 4 * (uint64_t)r->block;
	r->pa_span = 16 * (uint64_t)r->block;
	return 0;
}

static unsigned random_prot(struct os_rng *rng)
{
	unsigned p = PT_PROT_READ | ((unsigned)os_pick(rng, 16) &
				     (PT_PROT_WRITE | PT_PROT_EXEC | PT_PROT_PRIV));

	switch (os_pick(rng, 4)) {
	case 0: return p | PT_PROT_NONCACHED;
	case 1: return p | PT_PROT_DEVICE;
	default: return p;
	}
}

/* A size: mostly a few granules, sometimes whole blocks, sometimes blocks
 * plus an odd tail, so every leaf size and split path is reached. */
static uint64_t random_size(struct os_run *r, struct os_rng *rng)
{
	switch (os_pick(rng, 4)) {
	case 0:
		return (1 + os_pick(rng, 2)) * r->block;
	case 1:
		return r->block + (1 + os_pick(rng, 32)) * r->granule;
	default:
		return (1 + os_pick(rng, 40)) * r->granule;
	}
}

static uint64_t random_iova(struct os_run *r, struct os_rng *rng, uint64_t size)
{
	uint64_t iova;

	if (size > r->window)
		return 0;
	if (os_pick(rng, 2))
		iova = os_pick(rng, (r->window - size) / r->block + 1) * r->block;
	else
		iova = os_pick(rng, (r->window - size) / r->granule + 1) * r->granule;
	return iova;
}

/* Either the IOVA's own offset (blocks possible) or any granule in range. */
static uint64_t random_pa(struct os_run *r, struct os_rng *rng, uint64_t iova, uint64_t size)
{
	uint64_t off = iova % r->block, nblk = (off + size + r->block - 1) / r->block;
	uint64_t span_blocks = r->pa_span / r->block;

	if (os_pick(rng, 2) && nblk <= span_blocks)
		return os_pick(rng, span_blocks - nblk + 1) * r->block + off;
	return os_pick(rng, (r->pa_span - size) / r->granule + 1) * r->granule;
}

static int expect_ret(const char *op, int64_t got, int64_t want, uint64_t iova, uint64_t size)
{
	if (got == want)
		return 0;
	fprintf(stderr, "opseq: %s iova 0x%" PRIx64 " size 0x%" PRIx64 " returned %" PRId64
		", model expects %" PRId64 "\n", op, iova, size, got, want);
	return -1;
}

/* A map the model would refuse must be refused with -EEXIST; one it
 * accepts must succeed, except that the table memory may run out. */
static int after_map(struct os_run *r, const char *op, int ret, bool overlap, uint64_t iova,
		     uint64_t size, uint64_t pa, uint64_t pgsize, unsigned prot)
{
	if (overlap) {
		r->refused++;
		return expect_ret(op, ret, -EEXIST, iova, size);
	}
	if (ret == -ENOMEM && r->h->live_blocks > ARENA_PAGES / 2)
		return 0;
	if (expect_ret(op, ret, 0, iova, size))
		return -1;
	sh_add(&r->sh, iova, size, pa, pgsize, prot);
	return 0;
}

static int do_map(struct os_run *r, struct os_rng *rng, bool pages)
{
	uint64_t size = random_size(r, rng), iova = random_iova(r, rng, size);
	uint64_t pa = random_pa(r, rng, iova, size);
	unsigned prot = random_prot(rng);
	bool overlap = sh_overlaps(&r->sh, iova, iova + size);
	int ret;

	if (pages)
		ret = pt_map_pages(&r->h->pt, iova, pa, r->granule, size / r->granule, prot);
	else
		ret = pt_map(&r->h->pt, iova, pa, size, prot);
	return after_map(r, pages ? "map_pages" : "map", ret, overlap, iova, size, pa, 0, prot);
}

/* Often block-aligned and whole blocks long, so leaf tables get shared and
 * later partial maps and unmaps have to un-share them. */
static int do_repeat(struct os_run *r, struct os_rng *rng)
{
	uint64_t pgsize = os_pick(rng, 3) ? r->granule : r->block;
	uint64_t size, iova, pa = os_pick(rng, r->pa_span / pgsize) * pgsize;
	unsigned prot = random_prot(rng);
	uint64_t align = os_pick(rng, 2) ? r->block : pgsize;
	bool overlap;
	int ret;

	if (pgsize == r->block || os_pick(rng, 2))
		size = (1 + os_pick(rng, 2)) * r->block;
	else
		size = (1 + os_pick(rng, 2 * r->block / pgsize)) * pgsize;
	iova = os_pick(rng, (r->window - size) / align + 1) * align;
	overlap = sh_overlaps(&r->sh, iova, iova + size);
	ret = pt_map_repeat(&r->h->pt, iova, size, pa, pgsize, prot);
	return after_map(r, "map_repeat", ret, overlap, iova, size, pa, pgsize, prot);
}

static int do_unmap_range(struct os_run *r, uint64_t iova, uint64_t size)
{
	uint64_t want = sh_unmap_expect(&r->h->geom, hx_cpu_mem(r->h), iova, iova + size);
	int64_t got = pt_unmap(&r->h->pt, iova, size);

	if (expect_ret("unmap", got, (int64_t)want, iova, size))
		return -1;
	sh_remove(&r->sh, iova, iova + size);
	return 0;
}

static int do_unmap_whole(struct os_run *r, struct os_rng *rng)
{
	const struct sh_ext *e;

	if (!r->sh.n)
		return 0;
	e = &r->sh.e[os_pick(rng, r->sh.n)];
	return do_unmap_range(r, e->start, e->end - e->start);
}

static int do_unmap_random(struct os_run *r, struct os_rng *rng)
{
	uint64_t size = random_size(r, rng);

	return do_unmap_range(r, random_iova(r, rng, size), size);
}

/* The core's own lookup agrees with the model at one random address. */
static int spot_check(struct os_run *r, struct os_rng *rng)
{
	uint64_t va = os_pick(rng, r->window / 8) * 8, pa = 0, want = 0;
	unsigned prot;
	bool mapped = sh_lookup(&r->sh, va, &want, &prot);
	int ret = pt_iova_to_phys(&r->h->pt, va, &pa);

	if (mapped && (ret || pa != want)) {
		fprintf(stderr, "opseq: iova_to_phys(0x%" PRIx64 ") = %d, 0x%" PRIx64
			", model 0x%" PRIx64 "\n", va, ret, pa, want);
		return -1;
	}
	if (!mapped && ret != -ENOENT) {
		fprintf(stderr, "opseq: iova_to_phys(0x%" PRIx64 ") = %d on an unmapped address\n",
			va, ret);
		return -1;
	}
	return 0;
}

int os_step(struct os_run *r, struct os_rng *rng)
{
	enum os_kind k = (enum os_kind)os_pick(rng, OS_NKINDS);
	int ret;

	switch (k) {
	case OS_MAP: ret = do_map(r, rng, false); break;
	case OS_MAP_PAGES: ret = do_map(r, rng, true); break;
	case OS_MAP_REPEAT: ret = do_repeat(r, rng); break;
	case OS_UNMAP_WHOLE: ret = do_unmap_whole(r, rng); break;
	default: ret = do_unmap_random(r, rng); break;
	}
	r->done[k]++;
	if (ret)
		return -1;
	if (sh_check_hx(&r->sh, r->h))
		return -1;
	return spot_check(r, rng);
}

int os_teardown(struct os_run *r)
{
	int ret = 0;

	if (do_unmap_range(r, 0, r->window) || hx_check_tables(r->h, NULL))
		ret = -1;
	if (hx_delete(r->h))
		ret = -1;
	sh_fini(&r->sh);
	return ret;
}
