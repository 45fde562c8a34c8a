/* SPDX-License-Identifier: MIT */
/*
 * An independent reference walker: translates an input address through raw
 * table memory the way the hardware would, from the architecture rules alone
 * (Arm ARM DDI 0487, D8 "The AArch64 Virtual Memory System Architecture", and
 * for Mali the ARM_MALI_LPAE format of Linux drivers/iommu/io-pgtable-arm.c).
 * It never calls or reads the core's own walk code; it only needs the table
 * geometry the caller configured and the register values (pt_hw_config).
 */
#ifndef GPUMMU_TESTS_HOST_REF_WALKER_H
#define GPUMMU_TESTS_HOST_REF_WALKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmu/pgtable.h"

/* How the walker reads a descriptor at a physical address. 0, or -1 when the
 * address is not table memory (or not visible to the walker). */
struct rw_mem {
	int (*read64)(void *ctx, uint64_t pa, uint64_t *val);
	void *ctx;
};

struct rw_geom {
	enum pt_format fmt;
	unsigned gshift;      /* log2(granule) */
	unsigned ias, oas;
	unsigned start_level; /* 0..3 */
	uint64_t root_pa;
	size_t root_entries;
	uint64_t mair;        /* MAIR the walker resolves AttrIndx through (ARM64_S1) */
};

/*
 * A memory type as MAIR_ELx Attr<n> encodes it (Arm DDI 0487, D19 "MAIR_EL1":
 * 0b0000dd00 Device (dd: nGnRnE, nGnRE, nGRE, GRE); otherwise Normal with
 * Attr[7:4] outer and Attr[3:0] inner: 0b0100 non-cacheable, 0b11RW
 * write-back non-transient, 0b10RW write-through non-transient, 0b00RW /
 * 0b01RW (RW != 00) transient write-through / write-back; outer != 0 with
 * inner 0b0000, and 0b0000dd1x, are UNPREDICTABLE).
 */
enum rw_memtype {
	RW_MT_DEVICE_nGnRnE,
	RW_MT_DEVICE_nGnRE,
	RW_MT_DEVICE_nGRE,
	RW_MT_DEVICE_GRE,
	RW_MT_NORMAL_NC,      /* inner and outer non-cacheable */
	RW_MT_NORMAL_WB_RWA,  /* inner and outer write-back non-transient, read+write allocate */
	RW_MT_NORMAL_OTHER,   /* any other Normal combination */
	RW_MT_UNPREDICTABLE,
};

enum rw_memtype rw_mair_memtype(uint8_t attr);
const char *rw_memtype_name(enum rw_memtype t);

enum rw_status {
	RW_OK,     /* translated */
	RW_FAULT,  /* translation fault (invalid descriptor or beyond IAS) */
	RW_BAD,    /* a descriptor the core must never write (reserved encoding,
	            * misaligned or out-of-range address, unreadable memory) */
};

struct rw_result {
	enum rw_status st;
	unsigned level;       /* level of the leaf, or of the fault */
	uint64_t oa;          /* output address of the input address */
	uint64_t size;        /* bytes covered by the leaf descriptor */
	uint64_t desc;        /* raw leaf descriptor */
	unsigned attridx, sh;
	enum rw_memtype memtype; /* AttrIndx resolved through the geometry's MAIR (ARM64_S1) */
	bool read, write, exec, priv_exec, user, af, contig;
	bool ng;              /* nG (bit 11): the TLB entry is tagged with an ASID (ARM64_S1) */
	const char *why;      /* RW_BAD / RW_FAULT reason */
};

/* Geometry from the configuration and the register values; checks the TTB
 * encoding. 0, or -1 with a reason in *why. */
int rw_geom_init(struct rw_geom *g, const struct pt_cfg *cfg, const struct pt_hw *hw,
		 const char **why);

/* log2 of the bytes one descriptor at level maps. */
unsigned rw_level_shift(const struct rw_geom *g, unsigned level);
/* Entries per contiguous-hint group at level (Arm ARM D8.6.1 "The Contiguous bit"). */
unsigned rw_contig_entries(unsigned gshift, unsigned level);
/* Whether a leaf (block or page) may exist at this level for this format. */
bool rw_leaf_level_ok(const struct rw_geom *g, unsigned level);

void rw_walk(const struct rw_geom *g, const struct rw_mem *m, uint64_t iova,
	     struct rw_result *r);

/* Full traversal in IOVA order. Calls leaf for every valid leaf and table for
 * every table reached (a shared table once per parent). Checks every
 * descriptor and every contiguous-hint group. Returns 0, or -1 with *why and
 * *bad_va set at the first malformed descriptor. Stops early if a callback
 * returns non-zero (and returns that value). */
struct rw_visit {
	int (*leaf)(void *ctx, uint64_t va, const struct rw_result *r);
	int (*table)(void *ctx, uint64_t pa, unsigned level, uint64_t va);
	void *ctx;
};
int rw_traverse(const struct rw_geom *g, const struct rw_mem *m, const struct rw_visit *v,
		const char **why, uint64_t *bad_va);

#endif
