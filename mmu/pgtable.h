/* SPDX-License-Identifier: MIT */
/*
 * The LPAE page-table core: builds and edits page tables in memory for a GPU
 * MMU (or the CPU's own MMU). It knows formats and geometry, not who walks
 * the tables; it reaches hardware only through the flush ops it is given.
 *
 * Formats (one core, the differences as data in mmu/format.c):
 *  PT_FMT_ARM64_S1      AArch64 VMSA stage 1 (Arm DDI 0487, D8), 4K/16K/64K
 *                       granules, IAS/OAS 32..48. SMMUv3 CDs, Mali in AArch64
 *                       mode (panthor), the AArch64 CPU.
 *  PT_FMT_MALI_LPAE     Mali "legacy" LPAE (Linux io-pgtable-arm ARM_MALI_LPAE,
 *                       panfrost): 4K, 4 levels, IAS <= 48, OAS <= 40.
 *  PT_FMT_ARM32_LPAE_S1 ARMv7 long-descriptor stage 1 (Arm DDI 0406C.c B3.6,
 *                       Linux ARM_32_LPAE_S1): 4K, IAS 32, OAS <= 40. The
 *                       32-bit CPU (TTBCR.EAE), and SMMUs walking AArch32 tables.
 *
 * Errors are negative errno codes (<errno.h>) for what a caller got wrong or
 * what the allocator could not give; a refused operation changes nothing and
 * leaks nothing. A broken invariant of the core itself is not an error code:
 * it fires CHECK (mmu/check.h).
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
#define PT_PROT_PRIV      (1u << 3) /* privileged only (AP[1] clear; stage-1 formats) */
#define PT_PROT_NONCACHED (1u << 4)
#define PT_PROT_DEVICE    (1u << 5)
#define PT_PROT_ALL       ((1u << 6) - 1)
/* Test only: leaves written with the access flag clear, so that the first
 * access through them faults (formats with an AF: ARM64_S1, ARM32_LPAE_S1).
 * A walker proof that the AF is checked; refused (-EINVAL) on formats without one. */
#define PT_PROT_TEST_NO_AF (1u << 6)

/*
 * The MAIR the stage-1 tables assume (AttrIndx values). Back ends program it
 * (SMMU CD MAIR, the CPU's MAIR_EL1 or MAIR0/MAIR1, Mali MEMATTR in its own
 * encoding). Attr<n> encodings: Arm DDI 0487 D19 "MAIR_EL1".
 */
#define PT_ATTRIDX_CACHED    0 /* 0xff: Normal, inner/outer write-back non-transient, RW-allocate */
#define PT_ATTRIDX_NONCACHED 1 /* 0x44: Normal, inner/outer non-cacheable */
#define PT_ATTRIDX_DEVICE    2 /* 0x04: Device-nGnRE */
#define PT_MAIR_VALUE        0x00000000000444ffull /* Attr2 0x04, Attr1 0x44, Attr0 0xff */

/*
 * What one operation invalidated, merged into one range. The core calls the
 * flush op at most once per step that needs it (once per operation, twice
 * when a break-before-make must complete before new entries are written).
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
	 * is then flushed over its range too, not only what it replaced (Linux
	 * panfrost_mmu_map() and panthor_vm_map_pages() flush after every map).
	 * Always on for MALI_LPAE. */
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
	/* ARM64_S1: TCR_EL1-style TTBR0 fields (T0SZ, IRGN0, ORGN0, SH0, TG0, IPS).
	 * ARM32_LPAE_S1: the whole TTBCR (EAE, T0SZ, IRGN0, ORGN0, SH0, EPD1). */
	uint64_t tcr;
	uint64_t mair;  /* PT_MAIR_VALUE (ARM32: MAIR0 = bits 31:0, MAIR1 = bits 63:32) */
};

/* One leaf as the tables hold it, decoded (pt_lookup). */
struct pt_leaf {
	uint64_t pa;            /* output address of the IOVA asked about */
	uint64_t size;          /* bytes the leaf maps */
	unsigned level;         /* absolute level 0..3 */
	unsigned prot;          /* PT_PROT_* the descriptor encodes */
	bool global;            /* nG clear (stage-1 formats); always false on Mali */
	bool contiguous;        /* contiguous hint set */
	bool shared;            /* reached through a shared (map_repeat) table */
};

#define PT_MAX_SHARED 16 /* map_repeat leaf tables shared at once (then private copies) */

struct pt_fmt;
struct pt_op;

/* A leaf table shared by several parent entries (map_repeat). */
struct pt_shared {
	void *table;            /* NULL: free slot */
	uint32_t refs;          /* parent entries pointing at it (>= 2 while listed) */
};

/* Opaque to callers; here so that callers own the storage (no heap on the target). */
struct pt {
	struct pt_cfg cfg;
	void *root;
	unsigned levels, start_level;
	unsigned bits_per_level, root_bits;
	size_t table_size, root_size;
	struct pt_stats st;
	/* ---- core internals ---- */
	/* geometry and format (mmu/pt_geom.h, mmu/format.c) */
	const struct pt_fmt *fmt;
	unsigned granule_shift;
	size_t root_alloc;              /* bytes allocated for the root (>= root_size) */
	uint64_t oa_limit;              /* 1 << oas */
	uint8_t lvl_shift[PT_MAX_LEVELS];   /* per absolute level: log2 of an entry's span */
	uint32_t lvl_mask[PT_MAX_LEVELS];   /* per absolute level: entries - 1 */
	uint64_t lvl_low[PT_MAX_LEVELS];    /* per absolute level: IOVA bits inside one entry */
	uint64_t cont_bit;              /* the format's contiguous-hint bit, 0 if none */
	unsigned cont_entries;          /* contiguous run at the last level, 0 if none */
	/* table memory (mmu/pt_table.c) */
	struct pt_shared shared[PT_MAX_SHARED];
	unsigned shared_resv;           /* slots promised to prepared map_repeat ops */
	void *quarantine;               /* unlinked tables whose flush failed (freed later) */
	struct pt_op *prepared;         /* prepared ops not yet committed or aborted */
	/* the remembered walk: the level-2 table last walked to, under the key
	 * iova >> walk_shift; kept true by mmu/pt_table.c, the only writer of
	 * entries above the last level */
	void *walk_tbl;
	uint64_t walk_key;              /* UINT64_MAX: none */
	unsigned walk_shift;            /* lvl_shift[1], or 63 when the root is at level 2 */
	/* one-page fast paths (mmu/pt_fast.c) */
	unsigned attr_prot;             /* last prot converted (UINT32_MAX: none) */
	uint64_t leaf_bits;             /* its last-level leaf: attributes | type */
	uint64_t iova_bad, pa_bad;      /* bits a one-page IOVA / PA must have clear */
	bool map_lean;                  /* a one-page map needs no clean and no flush */
};

/*
 * A prepared operation: validated, with its worst-case tables reserved, so
 * that its commit cannot fail for memory whatever runs in between (the
 * shape of an asynchronous VM_BIND: prepare when the job is queued, commit
 * when it runs). Fill kind, iova, pa, size, pgsize, prot, replace; the rest
 * is the core's. An op must start zeroed (e.g. `struct pt_op op = { ... }`),
 * and a prepared op must stay where it is until commit or abort (the core
 * links it into the table's list of prepared ops).
 *  PT_OP_MAP:        pgsize 0 = largest blocks alignment allows (pt_map), else
 *                    leaves of exactly pgsize (pt_map_pages).
 *  PT_OP_MAP_REPEAT: pa is the one page or block of pgsize.
 *  PT_OP_UNMAP:      pa, pgsize, prot unused; commit returns bytes in done.
 */
enum pt_op_kind { PT_OP_MAP, PT_OP_MAP_REPEAT, PT_OP_UNMAP };
struct pt_op {
	enum pt_op_kind kind;
	uint64_t iova, pa, size;
	size_t pgsize;
	unsigned prot;
	/* Map ops: false = prepare refuses a range that is mapped now (-EEXIST).
	 * Either way a committed map replaces whatever its range holds then. */
	bool replace;
	uint64_t done;          /* PT_OP_UNMAP: bytes unmapped by commit (see pt_unmap) */
	/* the core's */
	uint32_t state;         /* prepared or not (a magic value, not a flag) */
	struct pt_op *next, *prev; /* pt->prepared */
	struct pool_resv resv;  /* pool allocator: tables reserved */
	void *hook_pages;       /* hook allocator: tables taken ahead, linked through entry 0 */
	bool share_slot;        /* holds one of pt->shared_resv */
};

/*
 * Create an empty table. -EINVAL: no flush ops (flush_range and flush_all are
 * both required; cache_clean too when !coherent), a granule, IAS or OAS the
 * format lacks (ARM64_S1 32..48; MALI_LPAE IAS 32..48, OAS 32..40;
 * ARM32_LPAE_S1 4K, IAS 32, OAS 32..40), or no allocator (pool, or both
 * alloc hooks). -ENOMEM: no root. The root takes max(root_size, 64) bytes
 * from the hooks, or max(root_size, 4 KiB) from the pool; on a non-coherent
 * walker it is cleaned at once.
 */
int pt_init(struct pt *pt, const struct pt_cfg *cfg);
/* Frees every table without a flush (detach the walker first) and aborts the
 * ops still prepared: the allocator is exactly as before pt_init. */
void pt_fini(struct pt *pt);

/*
 * Map [iova, iova + size) to pa with the largest leaves alignment allows
 * (4K granule: 1G/2M/4K; 16K: 32M/16K; 64K: 512M/64K), and on the stage-1
 * formats the contiguous hint on every aligned run of 16/128/32 last-level
 * pages whose IOVA and PA are equally aligned. Errors, each changing nothing:
 *  -EINVAL  zero size, iova/pa/size not granule aligned, invalid prot (bits
 *           outside PT_PROT_ALL, neither READ nor WRITE, NONCACHED|DEVICE,
 *           PT_PROT_TEST_NO_AF without an AF)
 *  -ERANGE  the IOVA range wraps or passes 2^ias, the PA range 2^oas
 *  -EEXIST  anything in the range is mapped (checked before the PA range)
 *  -ENOMEM  the worst-case tables could not be reserved
 * No flush is made (the entries were invalid) unless cfg.flush_on_map: then
 * one flush_range over the mapped range, and if that flush fails its error
 * is returned with the mapping in place (the walker may not see it yet;
 * unmap it, or flush again, before relying on it).
 */
int pt_map(struct pt *pt, uint64_t iova, uint64_t pa, uint64_t size, unsigned prot);
/* Batched: count leaves of exactly pgsize each (a supported leaf size),
 * contiguous in IOVA and PA, both pgsize aligned. Errors as pt_map; a count
 * whose size overflows is -ERANGE. */
int pt_map_pages(struct pt *pt, uint64_t iova, uint64_t pa, size_t pgsize, size_t count,
		 unsigned prot);
/*
 * One page or block of pgsize at pa, repeated over [iova, iova + size)
 * (iova, size, pa pgsize aligned). Wherever the range covers a whole
 * last-level table's span (for pgsize's level), the parents all point at one
 * shared table filled with the leaf (reference counted, at most
 * PT_MAX_SHARED such tables per pt, after which copies are made). A later
 * unmap of part of a shared table gives that part a private copy.
 */
int pt_map_repeat(struct pt *pt, uint64_t iova, uint64_t size, uint64_t pa, size_t pgsize,
		  unsigned prot);
/*
 * Unmap [iova, iova + size). Returns the bytes unmapped, 0 when nothing was
 * mapped (no flush, no error), or a negative error. The count is exact for
 * leaves; a table whose whole span the range covers is unlinked without
 * reading its leaves and counts its whole span, so the count may exceed what
 * was mapped there (Linux's iommu_unmap() frees such tables unread too; where
 * its count differs, docs/oracle.md D6). Always: 0 when nothing in the range
 * was mapped, size when all of it was. An argument error
 * changes nothing. The flush op's error is returned as is: the entries are
 * gone then, but the walker may still translate through them, so the caller
 * must not reuse those pages yet; the tables the unmap emptied are parked
 * until a later full flush succeeds (or pt_fini). A range cutting a block or a
 * contiguous run is split with break-before-make: the cut leaf is made
 * invalid and flushed before its outside parts are written back.
 */
int64_t pt_unmap(struct pt *pt, uint64_t iova, uint64_t size);

/*
 * Two phases (pt_map etc. are prepare + commit back to back).
 * prepare validates (errors as above; -EBUSY when op is already prepared)
 * and reserves a worst case that does not depend on the tables: for a map,
 * the tables its range needs as if nothing were mapped, plus the two edges
 * of whatever it may replace; for an unmap, its two edges (a cut block split
 * down to pages, a private copy of a cut shared table): at most
 * 2 * (levels - 1) tables. commit cannot fail except for the flush op's own
 * error (then as pt_unmap describes); a map replaces whatever its range
 * holds at commit (removed, flushed, then written: break-before-make, one
 * operation). abort returns the reservation. A prepared op holds pool pages
 * (or hook blocks) until commit, abort or pt_fini.
 */
int pt_prepare(struct pt *pt, struct pt_op *op);
int pt_commit(struct pt *pt, struct pt_op *op);
void pt_abort(struct pt *pt, struct pt_op *op);

/* 0 and *pa, -ENOENT when iova is not mapped, -ERANGE beyond 2^ias. */
int pt_iova_to_phys(const struct pt *pt, uint64_t iova, uint64_t *pa);
/* The leaf translating iova, decoded: 0, -ENOENT, -ERANGE as pt_iova_to_phys. */
int pt_lookup(const struct pt *pt, uint64_t iova, struct pt_leaf *leaf);

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
