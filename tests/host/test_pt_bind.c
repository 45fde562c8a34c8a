/* SPDX-License-Identifier: MIT */
/*
 * The asynchronous bind guarantee (issue 8, 6): thousands of random ops are
 * prepared against one tree, as a VM_BIND queue takes them, then committed
 * in a shuffled but fixed order with other edits (direct maps and unmaps,
 * other commits) in between. Every commit must return 0, the tables must
 * equal the shadow model after each, and once the queue is empty every page
 * the reservations took must be back in the pool.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/host/opseq.h"
#include "tests/host/pool_fx.h"

#define SZ_2M 0x200000ull

struct bind {
	struct rx *x;
	struct os_rng g;
	uint64_t window, block, span1, granule;
	unsigned long direct, refused, committed, replaced;
};

static unsigned random_prot(struct os_rng *g)
{
	static const unsigned prots[] = {
		PT_PROT_READ, PT_PROT_READ | PT_PROT_WRITE, PT_PROT_READ | PT_PROT_EXEC,
		PT_PROT_READ | PT_PROT_WRITE | PT_PROT_NONCACHED,
		PT_PROT_READ | PT_PROT_WRITE | PT_PROT_DEVICE | PT_PROT_PRIV,
	};

	return prots[os_pick(g, sizeof(prots) / sizeof(prots[0]))];
}

/* Sizes from a few granules to level-1 spans (giant leaves where 4K). */
static uint64_t random_size(struct bind *b)
{
	switch (os_pick(&b->g, 5)) {
	case 0: return (1 + os_pick(&b->g, 3)) * b->block;
	case 1: return b->block + (1 + os_pick(&b->g, 16)) * b->granule;
	case 2: return b->span1 + (os_pick(&b->g, 2) ? b->block : 0);
	default: return (1 + os_pick(&b->g, 24)) * b->granule;
	}
}

static uint64_t random_iova(struct bind *b, uint64_t size)
{
	uint64_t align = os_pick(&b->g, 2) ? b->block : b->granule;

	return os_pick(&b->g, (b->window - size) / align + 1) * align;
}

/* A random map (replacing what it meets), map_repeat or unmap. */
static void random_op(struct bind *b, struct pt_op *op)
{
	uint64_t size = random_size(b);

	memset(op, 0, sizeof(*op));
	op->size = size;
	op->iova = random_iova(b, size);
	op->prot = random_prot(&b->g);
	op->replace = true;
	switch (os_pick(&b->g, 4)) {
	case 0:
		op->kind = PT_OP_UNMAP;
		break;
	case 1:
		/* At most a few blocks: past PT_MAX_SHARED shared tables each
		 * block of a repeat needs its own table, reserved up front. */
		op->kind = PT_OP_MAP_REPEAT;
		op->pgsize = b->granule;
		op->size = os_pick(&b->g, 2) ? (1 + os_pick(&b->g, 4)) * b->block
					     : (1 + os_pick(&b->g, 64)) * b->granule;
		op->iova = random_iova(b, op->size);
		op->pa = os_pick(&b->g, 1024) * b->granule;
		break;
	default:
		op->kind = PT_OP_MAP;
		/* Congruent with the IOVA mod a level-1 span: blocks and giant
		 * leaves where the range allows. */
		op->pa = (os_pick(&b->g, 8) * b->span1 + op->iova % b->span1) & ((1ull << 40) - 1);
		break;
	}
}

/* The model of a committed op, whatever ran since it was prepared. */
static void model_commit(struct bind *b, const struct pt_op *op)
{
	struct shadow *sh = &b->x->sh;

	sh_remove(sh, op->iova, op->iova + op->size);
	if (op->kind != PT_OP_UNMAP)
		sh_add(sh, op->iova, op->size, op->pa,
		       op->kind == PT_OP_MAP_REPEAT ? op->pgsize : 0, op->prot);
}

/* Another edit that did not come through the queue. */
static void direct_edit(struct bind *b)
{
	uint64_t size = random_size(b), iova = random_iova(b, size);
	struct shadow *sh = &b->x->sh;

	if (os_pick(&b->g, 2)) {
		uint64_t want = sh_unmap_expect(&b->x->geom, rx_mem(b->x), iova, iova + size);

		assert_int_equal(pt_unmap(&b->x->pt, iova, size), (int64_t)want);
		sh_remove(sh, iova, iova + size);
	} else {
		int ret = pt_map(&b->x->pt, iova, iova, size, PT_PROT_READ);

		assert_int_equal(ret, sh_overlaps(sh, iova, iova + size) ? -EEXIST : 0);
		b->refused += ret != 0;
		if (!ret)
			sh_add(sh, iova, size, iova, 0, PT_PROT_READ);
	}
	b->direct++;
}

static void run(enum pt_format fmt, size_t granule, unsigned nops, size_t pool_pages)
{
	struct bind b = { 0 };
	struct pt_op *ops = calloc(nops, sizeof(*ops));
	unsigned *order = calloc(nops, sizeof(*order));
	struct pool_stats before, queued, after;

	b.x = rx_new_cfg(fmt, granule, pool_pages, false);
	os_rng_seed(&b.g, 0x62696e64ull ^ granule ^ fmt);
	b.granule = granule;
	b.block = 1ull << rw_level_shift(&b.x->geom, 2);
	b.span1 = 1ull << rw_level_shift(&b.x->geom, 1);
	b.window = 4 * b.span1 < (1ull << 40) ? 4 * b.span1 : 1ull << 40;
	pool_get_stats(&b.x->pool, &before);

	/* The queue fills, the tree changes meanwhile. */
	for (unsigned i = 0; i < nops; i++) {
		random_op(&b, &ops[i]);
		if (pt_prepare(&b.x->pt, &ops[i]))
			fail_msg("prepare %u (kind %d, 0x%llx + 0x%llx) failed", i, ops[i].kind,
				 (unsigned long long)ops[i].iova, (unsigned long long)ops[i].size);
		if (os_pick(&b.g, 4) == 0)
			direct_edit(&b);
		order[i] = i;
	}
	pool_get_stats(&b.x->pool, &queued);
	for (unsigned i = nops - 1; i > 0; i--) {
		unsigned j = (unsigned)os_pick(&b.g, i + 1), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	/* ... and drains in another order, with other edits in between. */
	for (unsigned i = 0; i < nops; i++) {
		struct pt_op *op = &ops[order[i]];
		uint64_t want = 0;

		if (op->kind == PT_OP_UNMAP)
			want = sh_unmap_expect(&b.x->geom, rx_mem(b.x), op->iova, op->iova + op->size);
		else
			b.replaced += sh_overlaps(&b.x->sh, op->iova, op->iova + op->size);
		if (pt_commit(&b.x->pt, op))
			fail_msg("commit %u of %u (op %u) failed", i, nops, order[i]);
		if (op->kind == PT_OP_UNMAP)
			assert_int_equal(op->done, want);
		model_commit(&b, op);
		b.committed++;
		if (os_pick(&b.g, 8) == 0)
			direct_edit(&b);
		rx_check(b.x);
	}
	pool_get_stats(&b.x->pool, &after);
	printf("%s %zuK: %u ops queued (%zu pages reserved at peak), %lu committed, 0 failed, "
	       "%lu maps replacing what they met; %lu direct edits (%lu refused); reserved "
	       "after: %zu\n", pt_format_name(fmt), granule / 1024, nops, queued.reserved_pages,
	       b.committed, b.replaced, b.direct, b.refused, after.reserved_pages);
	assert_true(b.replaced > 0);
	assert_int_equal(after.reserved_pages, 0);
	assert_int_equal(after.reserved_pages, before.reserved_pages);
	rx_done(b.x); /* unmapped or not, the pool is exactly as before */
	free(ops);
	free(order);
}

static void test_bind_s1_4k(void **state)
{
	(void)state;
	run(PT_FMT_ARM64_S1, 4096, 3000, 65536);
}

static void test_bind_s1_16k(void **state)
{
	(void)state;
	run(PT_FMT_ARM64_S1, 16384, 400, 65536);
}

static void test_bind_mali(void **state)
{
	(void)state;
	run(PT_FMT_MALI_LPAE, 4096, 2000, 65536);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bind_s1_4k),
		cmocka_unit_test(test_bind_s1_16k),
		cmocka_unit_test(test_bind_mali),
	};

	return cmocka_run_group_tests_name("pt_bind", tests, NULL, NULL);
}
