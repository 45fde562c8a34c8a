/* SPDX-License-Identifier: MIT */
/*
 * Both sides' tables read as lists of leaves, each resolved to what it means
 * (output address, memory type through the side's own MAIR or MEMATTR,
 * shareability, permissions, nG), and compared meaning by meaning: the two
 * sides number AttrIndx differently and gpummu sets the contiguous hint
 * where Linux does not, so raw descriptors are never compared.
 *
 * The tables are read by the project's reference walker
 * (tests/host/ref_walker.c, written from Arm DDI 0487 D8 and the Mali LPAE
 * facts), starting from each side's own register values.
 */
#ifndef GPUMMU_TESTS_HOST_ORACLE_LEAVES_H
#define GPUMMU_TESTS_HOST_ORACLE_LEAVES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tests/host/ref_walker.h"

struct lf {
	uint64_t va, size, oa;
	uint8_t attr;       /* memory type byte: MAIR[AttrIndx] or MEMATTR[AttrIndx] */
	uint8_t sh;
	bool write, read, user, uxn, pxn, ng, contig;
};

struct lf_list {
	struct lf *v;
	size_t n, cap;
};

/* One side's view: the walker's geometry from its registers, and its attribute register. */
struct lf_side {
	const char *name;
	struct rw_geom geom;
	uint64_t attr_reg;  /* ARM64_S1: MAIR; MALI_LPAE: MEMATTR */
};

/* The TCR_EL1 TTBR0 fields (Arm DDI 0487 D19, TCR_EL1) from their values. */
uint64_t lf_tcr(unsigned t0sz, unsigned irgn0, unsigned orgn0, unsigned sh0, unsigned tg0,
		unsigned ips);

/* Geometry from cfg and the side's register values (hw.ttb: TTBR or TRANSTAB). */
int lf_side_init(struct lf_side *s, const char *name, const struct pt_cfg *cfg,
		 const struct pt_hw *hw, uint64_t attr_reg, const char **why);

/* Every leaf in IOVA order. 0, or -1 with the walker's complaint in err. */
int lf_collect(const struct lf_side *s, const struct rw_mem *m, struct lf_list *out, char *err,
	       size_t errlen);
void lf_free(struct lf_list *l);

/* The leaf holding va, or NULL. */
const struct lf *lf_find(const struct lf_list *l, uint64_t va);

/* The maximal mapped runs of [start, end) (leaves clipped to the range), as
 * pairs {run start, run end}; at most max, returns how many. */
size_t lf_runs(const struct lf_list *l, uint64_t start, uint64_t end, uint64_t (*runs)[2],
	       size_t max);

enum lf_field { LF_SHAPE, LF_OA, LF_MEMTYPE, LF_SH, LF_PERM, LF_NG, LF_NFIELDS };

/* Mismatches per field, and the first one of each, described. */
struct lf_diff {
	unsigned long count[LF_NFIELDS];
	char first[LF_NFIELDS][240];
};

/* Compare a (gpummu) with b (Linux) leaf by leaf; add what differs to d
 * (ctx names the operation in the first-of-a-kind messages). */
void lf_compare(const struct lf_side *sa, const struct lf_list *a, const struct lf_side *sb,
		const struct lf_list *b, struct lf_diff *d, const char *ctx);
unsigned long lf_diff_total(const struct lf_diff *d);
/* One line per field that differs into buf. */
void lf_diff_print(const struct lf_diff *d, char *buf, size_t len);

/* "0x04 Device-nGnRE" and the like (MAIR_EL1 Attr<n> through the reference
 * walker; Mali legacy MEMATTR values from Linux io-pgtable-arm.c). */
const char *lf_attr_name(bool mali, uint8_t attr, char buf[48]);

#endif
