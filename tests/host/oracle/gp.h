/* SPDX-License-Identifier: MIT */
/*
 * The gpummu side of the oracle comparisons and of `make bench`: the one
 * place that calls the core's API (mmu/pgtable.h), so that an API change
 * costs an edit here and nowhere else. Static inline, so the benchmark
 * measures the core and not a wrapper.
 *
 * The core's calls as of issue 8: PT_FMT_ARM32_LPAE_S1 (gp_init), the
 * map that replaces what is mapped (gp_map_replace), the decoded-leaf
 * lookup (gp_leaf), prepared ops (gp_prepare/commit/abort).
 */
#ifndef GPUMMU_TESTS_HOST_ORACLE_GP_H
#define GPUMMU_TESTS_HOST_ORACLE_GP_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "mmu/pgtable.h"

struct gp_cfg {
	enum pt_format fmt;
	size_t granule;
	unsigned ias, oas;
	bool coherent;
	bool flush_on_map;
	struct pool *pool;
	int64_t pa_offset;
	/* Seen at every flush the core asks for (after counting), or NULL. */
	void (*on_flush)(void *ctx, const struct pt_gather *g);
	void *ctx;
};

struct gp {
	struct pt pt;
	struct gp_cfg c;
	struct pt_flush_ops ops;
	unsigned long flushes;
};

static inline int gp_flush_all(void *cookie)
{
	struct gp *g = cookie;
	struct pt_gather all = { 0, UINT64_MAX, 0, true };

	g->flushes++;
	if (g->c.on_flush)
		g->c.on_flush(g->c.ctx, &all);
	return 0;
}

static inline int gp_flush_range(void *cookie, const struct pt_gather *gather)
{
	struct gp *g = cookie;

	g->flushes++;
	if (g->c.on_flush)
		g->c.on_flush(g->c.ctx, gather);
	return 0;
}

/* A coherent host walker needs no clean; a non-coherent one sees the same memory. */
static inline void gp_clean(void *cookie, const void *va, size_t size)
{
	(void)cookie, (void)va, (void)size;
}

/* pt_init's result: 0, -EOPNOTSUPP for a format the core does not build yet, ... */
static inline int gp_init(struct gp *g, const struct gp_cfg *c)
{
	struct pt_cfg cfg;

	memset(g, 0, sizeof(*g));
	g->c = *c;
	g->ops = (struct pt_flush_ops){ gp_flush_all, gp_flush_range, gp_clean };
	cfg = (struct pt_cfg){
		.fmt = c->fmt, .granule = c->granule, .ias = c->ias, .oas = c->oas,
		.coherent = c->coherent, .flush = &g->ops, .flush_cookie = g, .pool = c->pool,
		.pa_offset = c->pa_offset, .flush_on_map = c->flush_on_map,
	};
	return pt_init(&g->pt, &cfg);
}

static inline void gp_fini(struct gp *g)
{
	pt_fini(&g->pt);
}

static inline int gp_map(struct gp *g, uint64_t iova, uint64_t pa, uint64_t size, unsigned prot)
{
	return pt_map(&g->pt, iova, pa, size, prot);
}

static inline int gp_map_pages(struct gp *g, uint64_t iova, uint64_t pa, size_t pgsize,
			       size_t count, unsigned prot)
{
	return pt_map_pages(&g->pt, iova, pa, pgsize, count, prot);
}

static inline int gp_map_repeat(struct gp *g, uint64_t iova, uint64_t size, uint64_t pa,
				size_t pgsize, unsigned prot)
{
	return pt_map_repeat(&g->pt, iova, size, pa, pgsize, prot);
}

/* A map that replaces whatever [iova, iova + size) maps (the VM_BIND map of
 * issue 8: a prepared op with replace set, committed at once). */
static inline int gp_map_replace(struct gp *g, uint64_t iova, uint64_t pa, uint64_t size,
				 unsigned prot)
{
	struct pt_op op = { .kind = PT_OP_MAP, .iova = iova, .pa = pa, .size = size, .prot = prot,
			    .replace = true };
	int ret = pt_prepare(&g->pt, &op);

	return ret ? ret : pt_commit(&g->pt, &op);
}

/* Bytes unmapped, or a negative error. */
static inline int64_t gp_unmap(struct gp *g, uint64_t iova, uint64_t size)
{
	return pt_unmap(&g->pt, iova, size);
}

static inline int gp_lookup(const struct gp *g, uint64_t iova, uint64_t *pa)
{
	return pt_iova_to_phys(&g->pt, iova, pa);
}

/* The leaf translating iova, decoded by the core. */
static inline int gp_leaf(const struct gp *g, uint64_t iova, struct pt_leaf *leaf)
{
	return pt_lookup(&g->pt, iova, leaf);
}

static inline void gp_hw(const struct gp *g, struct pt_hw *hw)
{
	pt_hw_config(&g->pt, hw);
}

/* The pt_cfg the core was created with (for the reference walker's geometry). */
static inline const struct pt_cfg *gp_pt_cfg(const struct gp *g)
{
	return &g->pt.cfg;
}

static inline void gp_stats(const struct gp *g, struct pt_stats *st)
{
	pt_get_stats(&g->pt, st);
}

/* The bench's prepared-bind steps (issue 8): prepare now, commit later. */
static inline int gp_prepare(struct gp *g, struct pt_op *op)
{
	return pt_prepare(&g->pt, op);
}

static inline int gp_commit(struct gp *g, struct pt_op *op)
{
	return pt_commit(&g->pt, op);
}

static inline void gp_abort(struct gp *g, struct pt_op *op)
{
	pt_abort(&g->pt, op);
}

#endif
