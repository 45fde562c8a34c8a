/* SPDX-License-Identifier: MIT */
/*
 * The GPU MMU interface: one hardware context that walks a page table. A
 * Mali AS slot (drivers/mali_mmu.c) or an SMMUv3 StreamID + ASID
 * (drivers/smmuv3.c). Every back end implements the same small set.
 *
 * The page-table core's flush ops are wired here: create the gpu_as, then
 * the page table with flush = &gpu_as_pt_flush_ops, flush_cookie = the
 * gpu_as, then attach.
 */
#ifndef GPUMMU_DRIVERS_GPU_AS_H
#define GPUMMU_DRIVERS_GPU_AS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../mmu/pgtable.h"

struct gpu_fault {
	uint64_t addr;        /* faulting IOVA */
	uint32_t source;      /* StreamID, or Mali source id */
	uint32_t code;        /* raw event / exception type */
	uint64_t raw;         /* raw status word(s) as read */
	bool write;           /* access was a write */
	const char *type;     /* decoded: "translation fault level 3", ... */
	const char *access;   /* decoded: "read", "write", "execute", "atomic" */
};

struct gpu_as;

struct gpu_as_ops {
	const char *name;
	int (*attach)(struct gpu_as *as, struct pt *pt);
	int (*detach)(struct gpu_as *as);
	int (*flush_range)(struct gpu_as *as, const struct pt_gather *g);
	int (*flush_all)(struct gpu_as *as);
	/* 0 and *f filled for the oldest pending fault, -ENOENT when none,
	 * -EAGAIN when faults keep coming faster than they can be read. */
	int (*read_fault)(struct gpu_as *as, struct gpu_fault *f);
};

struct gpu_as {
	const struct gpu_as_ops *ops;
	void *dev;            /* the back end's device state */
	uint32_t id;          /* Mali AS number, or SMMU StreamID */
	uint32_t asid;        /* SMMU ASID (unused on Mali) */
	struct pt *pt;        /* attached table, or NULL */
	/* CPU cache maintenance for non-coherent walkers (board / arch code). */
	void (*cache_clean)(const void *va, size_t size);
	unsigned long flushes;    /* flush calls received */
	unsigned long hw_cmds;    /* invalidation commands issued to hardware */
};

/* pt_flush_ops that forward to as->ops; cookie is the struct gpu_as. */
extern const struct pt_flush_ops gpu_as_pt_flush_ops;

/* A detached address space of a back end; counters and hooks cleared. */
void gpu_as_init(struct gpu_as *as, const struct gpu_as_ops *ops, void *dev, uint32_t id,
		 uint32_t asid);
/* A page-table config whose flushes reach as: the back end fills in the rest. */
void gpu_as_pt_cfg(struct gpu_as *as, struct pt_cfg *cfg);

static inline int gpu_as_attach(struct gpu_as *as, struct pt *pt) { return as->ops->attach(as, pt); }
static inline int gpu_as_detach(struct gpu_as *as) { return as->ops->detach(as); }
static inline int gpu_as_flush_all(struct gpu_as *as) { return as->ops->flush_all(as); }
static inline int gpu_as_read_fault(struct gpu_as *as, struct gpu_fault *f) { return as->ops->read_fault(as, f); }

#endif
