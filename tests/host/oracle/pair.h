/* SPDX-License-Identifier: MIT */
/*
 * One gpummu table and one Linux io-pgtable of the same configuration, side
 * by side: one host arena holds both sides' page pools (the same gpummu
 * pool allocator), at physical address PAIR_PA_BASE, so that one walker
 * memory reads both trees and one pa_offset serves both.
 */
#ifndef GPUMMU_TESTS_HOST_ORACLE_PAIR_H
#define GPUMMU_TESTS_HOST_ORACLE_PAIR_H

#include "tests/host/oracle/gp.h"
#include "tests/host/oracle/leaves.h"
#include "tests/host/oracle/lx.h"

#define PAIR_PA_BASE    0x40000000ull
#define PAIR_POOL_BYTES (64u << 20)   /* per side */

struct pair_cfg {
	enum pt_format fmt;
	size_t granule;
	unsigned ias, oas;
	bool coherent;
};

struct pair {
	struct pair_cfg c;
	uint8_t *arena;
	uint8_t *meta[2];
	struct pool pool[2];          /* 0 gpummu, 1 Linux */
	struct gp g;
	struct lx_dom *l;
	struct rw_mem mem;
	struct lf_side gs, ls;
	struct lf_list gl, ll;        /* the leaves after the last pair_walk */
	struct lx_flush_hooks lx_hooks;
};

/* 0, or -1 with the reason in err. hooks may be NULL. */
int pair_new(struct pair *p, const struct pair_cfg *c, void (*gp_flush)(void *, const struct pt_gather *),
	     const struct lx_flush_hooks *lx_hooks, void *ctx, char *err, size_t len);
/* Both sides freed; -1 if either pool did not come back whole. */
int pair_delete(struct pair *p);
/* Re-read both trees into gl / ll. 0, or -1 with the walker's complaint. */
int pair_walk(struct pair *p, char *err, size_t len);

/* The MEMATTR gpummu's Mali driver programs for a MALI_LPAE table. */
uint64_t pair_gp_memattr(const struct pair_cfg *c);

#endif
