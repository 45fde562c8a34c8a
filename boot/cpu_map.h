/* SPDX-License-Identifier: MIT */
/*
 * The CPU's own translation tables, built by the page-table core (mmu/) from
 * a list of regions, the architecture-neutral half of running with the MMU
 * on: which regions, with which prot, built and edited through the core, and
 * the report. The architecture half (boot/aarch64/: system registers, the
 * enable sequence, TLB maintenance) plugs in through struct cpu_map_arch, so
 * a 32-bit LPAE CPU reuses this file as it is.
 *
 * Portable C without hardware access: the host tests build it too.
 */
#ifndef GPUMMU_BOOT_CPU_MAP_H
#define GPUMMU_BOOT_CPU_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmu/pgtable.h"

/* One region of physical addresses [start, end), page aligned. prot 0 = a
 * hole kept unmapped on purpose (a stack guard page). va 0: identity mapped
 * (VA = PA). A region beyond the VA space (2^ias: on a 32-bit LPAE CPU, a
 * device above 4 GiB such as QEMU virt's high PCIe ECAM) is given a VA by
 * cpu_map_build: below 2^ias, from the top down, clear of every other
 * region, 2 MiB aligned; the map's copy records it in va. */
struct cpu_region {
	const char *name;
	uint64_t start, end;
	unsigned prot;
	uint64_t va;
};

/* Where the CPU sees the region's first byte. */
static inline uint64_t cpu_region_va(const struct cpu_region *r)
{
	return r->va ? r->va : r->start;
}

#define CPU_MAP_MAX_REGIONS 24

/* TLB maintenance instructions issued, by kind (the back end counts). */
struct cpu_tlb_count {
	unsigned long page;   /* by address, one translation granule (or leaf) each */
	unsigned long range;  /* range forms (FEAT_TLBIRANGE) */
	unsigned long all;    /* everything of the regime */
};

/* The architecture half: the core's flush ops land here. */
struct cpu_map_arch {
	int (*flush_range)(const struct pt_gather *g, struct cpu_tlb_count *c);
	int (*flush_all)(struct cpu_tlb_count *c);
	/* After new valid entries were written: make them visible to this
	 * CPU's walker before the next access (no TLBI: invalid entries are
	 * never held in a TLB). */
	void (*sync)(void);
};

struct cpu_map {
	struct pt pt;
	const struct cpu_map_arch *arch;
	struct cpu_region region[CPU_MAP_MAX_REGIONS];
	size_t nregions;
	struct cpu_tlb_count tlb;
	/* Tests only: flushes held back (merged) until cpu_map_release(). */
	bool hold;
	unsigned held;
	struct pt_gather held_g;
};

/*
 * Build the map: check the regions (page aligned, in ascending order without
 * overlap, prot valid, never both WRITE and EXEC), place those beyond the
 * VA space (-ENOSPC when no room is left below 2^ias), pt_init with cfg (its
 * flush ops are replaced by the map's own, which call arch), then pt_map
 * every region that has a prot. 0, or a negative errno with a message
 * printed and nothing left allocated.
 */
int cpu_map_build(struct cpu_map *m, const struct pt_cfg *cfg, const struct cpu_map_arch *arch,
		  const struct cpu_region *r, size_t n);
void cpu_map_fini(struct cpu_map *m);

/* Print the map: one line per region (address range, size, permissions,
 * memory type), then the table pages it takes. */
void cpu_map_print(const struct cpu_map *m, void (*emit)(const char *line));

/* The region holding physical address addr, or NULL. */
const struct cpu_region *cpu_map_find(const struct cpu_map *m, uint64_t addr);
/* The VA at which the map shows physical address pa (inside a mapped
 * region), or UINT64_MAX. */
uint64_t cpu_map_va_of(const struct cpu_map *m, uint64_t pa);
/* "rwx"-style text for prot, with the memory type: e.g. "r-x normal-wb". */
const char *cpu_map_prot_str(unsigned prot, char buf[24]);

/* Runtime edits, through the same core (gather, break-before-make, flush)
 * as the GPU's tables. va outside every region (tests use their own window). */
int cpu_map_add(struct cpu_map *m, uint64_t va, uint64_t pa, uint64_t size, unsigned prot);
int64_t cpu_map_remove(struct cpu_map *m, uint64_t va, uint64_t size);

/* Tests: hold flushes back (the tables change, the TLB keeps what it has),
 * then issue what was held as one flush. */
void cpu_map_hold(struct cpu_map *m);
int cpu_map_release(struct cpu_map *m);

#endif
