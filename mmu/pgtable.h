/* SPDX-License-Identifier: MIT */
/*
 * The LPAE page-table core: builds and edits GPU page tables in memory. It
 * knows formats and geometry, not who walks the tables; it reaches hardware
 * only through the flush ops it is given.
 *
 * Formats (one core, the differences as data):
 *  PT_FMT_ARM64_S1     AArch64 VMSA stage 1 (Arm ARM DDI 0487, D8), 4K/16K/64K
 *                      granules, IAS/OAS 32..48. Used by SMMUv3 CDs and by Mali
 *                      in AArch64 mode (panthor TRANSCFG ADRMODE_AARCH64_4K).
 *  PT_FMT_MALI_LPAE    Mali "legacy" LPAE (Linux io-pgtable-arm ARM_MALI_LPAE,
 *                      used by panfrost): 4K, 4 levels, IAS <= 48, OAS <= 40.
 *  PT_FMT_ARM32_LPAE_S1 reserved for the ARMv7 long-descriptor format.
 *
 * Errors are negative errno codes (<errno.h>). A refused operation changes
 * nothing and leaks nothing.
 */
#ifndef GPUMMU_MMU_PGTABLE_H
#define GPUMMU_MMU_PGTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pool.h"

enum pt_format {
	PT_FMT_ARM64_S1,
	PT_FMT_MALI_LPAE,
	PT_FMT_ARM32_LPAE_S1,
};

/* prot bits for map. Memory type: cached unless NONCACHED or DEVICE (not both). */
#define PT_PROT_READ      (1u << 0)
#define PT_PROT_WRITE     (1u << 1)
#define PT_PROT_EXEC      (1u << 2) /* absent = execute-never */
#define PT_PROT_PRIV      (1u << 3) /* privileged only (AP[1] clear, ARM64_S1) */
#define PT_PROT_NONCACHED (1u << 4)
#define PT_PROT_DEVICE    (1u << 5)
#define PT_PROT_ALL       ((1u << 6) - 1)
/* Test only: leaves written with the access flag clear, so that the first
 * access through them faults (formats with an AF: ARM64_S1). A walker proof
 * that the AF is checked; refused (-EINVAL) on formats without one. */
#define PT_PROT_TEST_NO_AF (1u << 6)

/*
 * The MAIR the tables assume (AttrIndx values). Back ends program this
 * (SMMU CD MAIR, Mali MEMATTR in its own encoding).
 */
#define PT_ATTRIDX_CACHED    0 /* Normal, inner/outer write-back RW-allocate: 0xff */
#define PT_ATTRIDX_NONCACHED 1 /* Normal, non-cacheable: 0x44 */
#define PT_ATTRIDX_DEVICE    2 /* Device-nGnRE: 0x04 */
#define PT_MAIR_VALUE        0x00000000000444ffull /* Attr2 0x04, Attr1 0x44, Attr0 0xff */

/*
 * What one operation invalidated, merged into one range. The core calls the
 * flush op at most once per operation with it.
 */
struct pt_gather {
	uint64_t start, end;  /* [start, end) IOVA; empty when start == end */
	size_t granule;       /* smallest leaf size invalidated (per-granule TLBI stride) */
	bool tables;          /* table entries were removed too: walk caches must go */
};

struct pt_flush_ops {
	int (*flush_all)(void *cookie);
	int (*flush_range)(void *cookie, const struct pt_gather *g);
	/* Required when the walker is not cache coherent: make CPU writes to
	 * [va, va + size) visible to the walker (clean to the point of coherency). */
	void (*cache_clean)(void *cookie, const void *va, size_t size);
};

/* Any allocator other than the pool plugs in through these two hooks. */
struct pt_alloc_ops {
	void *(*alloc)(void *cookie, size_t size); /* zeroed, size-aligned, or NULL */
	void (*free)(void *cookie, void *va, size_t size);
};

struct pt_cfg {
	enum pt_format fmt;
	size_t granule;          /* 4096, 16384 or 65536 */
	unsigned ias, oas;       /* input / output address bits */
	bool coherent;           /* walker snoops CPU caches */
	const struct pt_flush_ops *flush;
	void *flush_cookie;
	struct pool *pool;       /* default allocator, used when alloc == NULL */
	const struct pt_alloc_ops *alloc;
	void *alloc_cookie;
	/* Table memory's physical address = CPU address + pa_offset (0 when
	 * identity mapped, as on the target). */
	int64_t pa_offset;
	/* The walker may hold invalid entries, or the table lines holding them,
	 * from before a map (Mali: TLB and the GPU L2 it walks through): a map
	 * must then be flushed over its range too, not only what it replaced
	 * (Linux panfrost_mmu_map() and panthor_vm_map_pages() flush after
	 * every map). Added for drivers/mali_mmu.c (issue 5). */
	bool flush_on_map;
};

#define PT_MAX_LEVELS 4

struct pt_stats {
	size_t tables[PT_MAX_LEVELS]; /* distinct tables linked per level (0 = root level of this geometry) */
	size_t shared_tables;         /* leaf tables with more than one parent (map_repeat) */
	size_t table_bytes;           /* bytes the allocator holds for them, root included */
};

/* Distinct tables linked at all levels together. */
static inline size_t pt_stats_tables(const struct pt_stats *st)
{
	size_t n = 0;

	for (unsigned i = 0; i < PT_MAX_LEVELS; i++)
		n += st->tables[i];
	return n;
}

/* The register values a back end needs to point a walker at the table. */
struct pt_hw {
	uint64_t ttb;   /* root PA; for MALI_LPAE with the TRANSTAB mode bits set */
	uint64_t tcr;   /* ARM64_S1: TCR_EL1-style TTBR0 fields (T0SZ, IRGN0, ORGN0, SH0, TG0, IPS) */
	uint64_t mair;  /* PT_MAIR_VALUE */
};

#define PT_MAX_SHARED 16 /* map_repeat leaf tables shared at once (then private copies) */

struct pt_fmt;

/* A leaf table shared by several parent entries (map_repeat). */
struct pt_shared {
	void *table;            /* NULL: free slot */
	uint32_t refs;          /* parent entries pointing at it (>= 2 while listed) */
	unsigned level;
};

/* Opaque to callers; here so that callers own the storage (no heap on the target). */
struct pt {
	struct pt_cfg cfg;
	void *root;
	unsigned levels, start_level;
	unsigned bits_per_level, root_bits;
	size_t table_size, root_size;
	struct pt_stats st;
	/* core internals */
	const struct pt_fmt *fmt;
	unsigned granule_shift;
	size_t root_alloc;              /* bytes allocated for the root (>= root_size) */
	uint64_t oa_limit;              /* 1 << oas */
	uint8_t lvl_shift[PT_MAX_LEVELS];   /* per absolute level: log2 of an entry's span */
	uint32_t lvl_mask[PT_MAX_LEVELS];   /* per absolute level: entries - 1 */
	uint64_t lvl_low[PT_MAX_LEVELS];    /* per absolute level: IOVA bits inside one entry */
	struct pt_shared shared[PT_MAX_SHARED];
	unsigned shared_resv;           /* slots promised to prepared map_repeat ops */
	void *quarantine;               /* unlinked tables whose flush failed (freed later) */
	uint32_t gen;                   /* bumped by every commit that changed the tables */
	void *walk_tbl;                 /* last level-2 table walked to (NULL: none) */
	uint64_t walk_key;              /* its IOVA >> walk_shift (UINT64_MAX: none) */
	unsigned attr_prot;             /* last prot converted (0: none, never valid) */
	uint64_t attr_bits;             /* its leaf attributes */
	/* one-page fast paths (mmu/pt_fast.c) */
	uint64_t leaf_bits;             /* attr_bits | the last-level leaf type */
	uint64_t iova_bad, pa_bad;      /* bits a one-page IOVA / PA must have clear */
	unsigned walk_shift;            /* lvl_shift[1], or 63 when the root is at level 2 */
	bool map_lean;                  /* a one-page map needs no clean and no flush */
};

/*
 * A prepared operation: validated and with its worst-case tables reserved.
 * commit cannot fail for lack of memory; abort returns the reservation.
 * Fill kind, iova, pa, size, pgsize, prot (the rest is the core's): a caller
 * may memset the op to 0 first.
 *  PT_OP_MAP:        pgsize 0 = largest blocks alignment allows (pt_map), else
 *                    leaves of exactly pgsize (pt_map_pages).
 *  PT_OP_MAP_REPEAT: pa is the one page or block of pgsize.
 *  PT_OP_UNMAP:      pa, pgsize, prot unused; bytes unmapped land in done.
 */
enum pt_op_kind { PT_OP_MAP, PT_OP_MAP_REPEAT, PT_OP_UNMAP };
struct pt_op {
	enum pt_op_kind kind;
	uint64_t iova, pa, size;
	size_t pgsize;
	unsigned prot;
	struct pool_resv resv;  /* pool allocator */
	void *hook_pages;       /* hook allocator: tables taken ahead, linked through entry 0 */
	size_t npages, used;    /* tables taken ahead / drawn */
	bool share_slot;        /* holds one of pt->shared_resv */
	bool prepared;
	uint32_t gen;           /* pt->gen when prepared (overlap re-checked if it moved) */
	uint64_t done;          /* PT_OP_UNMAP: bytes unmapped by commit */
};

/*
 * Create an empty table. -EINVAL: no flush ops (flush_range and flush_all are
 * both required; cache_clean too when !coherent), a granule, IAS (32..48) or
 * OAS (32..48, MALI_LPAE <= 40) the format lacks, or no allocator (pool, or
 * both alloc hooks). -EOPNOTSUPP: PT_FMT_ARM32_LPAE_S1 (reserved). -ENOMEM:
 * no root. The root takes max(root_size, 64) bytes from the hooks, or
 * max(root_size, 4 KiB) from the pool; on a non-coherent walker it is
 * cleaned at once.
 */
int pt_init(struct pt *pt, const struct pt_cfg *cfg);
/* Frees every table without a flush (detach the walker first): the
 * allocator is exactly as before pt_init. */
void pt_fini(struct pt *pt);

/*
 * Map [iova, iova + size) to pa with the largest leaves alignment allows
 * (4K granule: 1G/2M/4K; 16K: 32M/16K; 64K: 512M/64K), and on ARM64_S1 the
 * contiguous hint on every aligned run of 16/128/32 last-level pages whose
 * IOVA and PA are equally aligned. Errors, each changing nothing:
 *  -EINVAL  zero size, iova/pa/size not granule aligned, invalid prot (bits
 *           outside PT_PROT_ALL, neither READ nor WRITE, NONCACHED|DEVICE)
 *  -ERANGE  the IOVA range wraps or passes 2^ias, the PA range 2^oas
 *  -EEXIST  anything in the range is mapped (checked before the PA range)
 *  -ENOMEM  the worst-case tables could not be reserved
 * No flush is made (the entries were invalid) unless cfg.flush_on_map or
 * MALI_LPAE: then one flush_range over the mapped range.
 */
int pt_map(struct pt *pt, uint64_t iova, uint64_t pa, uint64_t size, unsigned prot);
/* Batched: count leaves of exactly pgsize each (a supported leaf size),
 * contiguous in IOVA and PA, both pgsize aligned. Errors as pt_map. */
int pt_map_pages(struct pt *pt, uint64_t iova, uint64_t pa, size_t pgsize, size_t count,
		 unsigned prot);
/*
 * One page or block of pgsize at pa, repeated over [iova, iova + size)
 * (iova, size, pa pgsize aligned). Wherever the range covers a whole
 * last-level table's span (for pgsize's level), the parents all point at one
 * shared table filled with the leaf (reference counted in pt->shared, at
 * most PT_MAX_SHARED such tables per pt, after which copies are made). A
 * later unmap of part of a shared table gives that part a private copy.
 */
int pt_map_repeat(struct pt *pt, uint64_t iova, uint64_t size, uint64_t pa, size_t pgsize,
		  unsigned prot);
/*
 * Bytes unmapped (0 when nothing was mapped: no flush, no error), or a
 * negative error. An argument error changes nothing. The flush op's error is
 * returned as is: the entries are gone then, but the walker may still
 * translate through them, so the caller must not reuse those pages yet; the
 * tables the unmap emptied are parked until a later flush succeeds (or
 * pt_fini). A range cutting a block or a contiguous run is split with
 * break-before-make inside the same single flush.
 */
int64_t pt_unmap(struct pt *pt, uint64_t iova, uint64_t size);

/*
 * Two phases (pt_map etc. are prepare + commit). prepare validates (errors as
 * above) and reserves the worst case: for a map, one table per entry the
 * range touches that cannot be a leaf, counted as if nothing existed; for an
 * unmap, what its two edges need (a private copy of a cut shared table, the
 * tables below a cut block). commit cannot fail for memory; it returns 0 or
 * the flush op's error, and, when other commits ran since prepare, -EEXIST
 * if a map's range got taken or -EAGAIN if an unmap's edges now need more
 * than was reserved (nothing changed in both cases). abort returns the
 * reservation. A prepared op holds pool pages (or hook blocks) until then.
 */
int pt_prepare(struct pt *pt, struct pt_op *op);
int pt_commit(struct pt *pt, struct pt_op *op);
void pt_abort(struct pt *pt, struct pt_op *op);

/* 0 and *pa, -ENOENT when iova is not mapped, -ERANGE beyond 2^ias. */
int pt_iova_to_phys(const struct pt *pt, uint64_t iova, uint64_t *pa);

void pt_get_stats(const struct pt *pt, struct pt_stats *out);
void pt_hw_config(const struct pt *pt, struct pt_hw *out);
uint64_t pt_root_pa(const struct pt *pt);

/* ptdump-style listing, one line per call of emit: a header (format,
 * geometry, root PA, tables per level, shared count), then one line per run
 * of leaves with equal size and attributes and consecutive (or, for
 * map_repeat, one repeated) output address, marked [shared table] when
 * reached through a shared table. Prints nothing else. */
void pt_dump(const struct pt *pt, void (*emit)(void *ctx, const char *line), void *ctx);

const char *pt_format_name(enum pt_format fmt);

#endif
