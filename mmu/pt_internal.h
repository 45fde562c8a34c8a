/* SPDX-License-Identifier: MIT */
/*
 * Internals shared by the page-table core's files (not for callers).
 *
 * Levels are absolute VMSA levels 0..3; a table at level L holds entries that
 * each map 1 << level_shift(L) bytes. Leaves live at level 3 (pages) or, where
 * the granule allows, at levels 1..2 (blocks).
 */
#ifndef GPUMMU_MMU_PT_INTERNAL_H
#define GPUMMU_MMU_PT_INTERNAL_H

#include "pgtable.h"

typedef uint64_t pte_t;

#define PT_LAST_LEVEL 3

/* Descriptor bits common to the long-descriptor formats: Arm DDI 0487 D8.3 */
#define PTE_VALID      (1ull << 0)
#define PTE_TYPE_MASK  3ull
#define PTE_TYPE_BLOCK 1ull        /* block, and Mali LPAE's last-level page */
#define PTE_TYPE_TABLE 3ull        /* table at levels 0..2, page at level 3 */
#define PTE_ADDR_MASK  0x0000fffffffff000ull /* OA[47:12] */
#define PTE_CONT       (1ull << 52) /* contiguous hint: D8.6.1 */
/* What a leaf carries besides its output address and type (kept on splits). */
#define PTE_ATTR_MASK  (~(PTE_ADDR_MASK | PTE_TYPE_MASK | PTE_CONT))

/* The differences between formats, as data (mmu/format.c). */
struct pt_fmt {
	const char *name;
	pte_t last_level_type;   /* PTE_TYPE_TABLE (page) or PTE_TYPE_BLOCK (Mali) */
	pte_t af;                /* access flag, 0 where the format has none */
	pte_t ng;                /* not-global bit, 0 where the format has none */
	pte_t sh_cached, sh_other;
	pte_t ap_rdonly, ap_unpriv; /* stage-1 AP[2:1]; 0 for Mali */
	pte_t hap_read, hap_write;  /* stage-2 style HAP[2:1]; 0 for stage 1 */
	pte_t xn;
	unsigned contig_entries[3]; /* contiguous run per granule 4K/16K/64K at level 3, 0 = none */
	unsigned max_ias, max_oas;
	unsigned granules;          /* bit set of supported granule shifts: 1 << (shift - 12) */
	bool full_levels;           /* always 4 levels whatever the IAS (Mali LPAE) */
	bool flush_on_map;          /* the walker may cache invalid entries: flush maps too */
};

const struct pt_fmt *pt_fmt_get(enum pt_format fmt);
/* Leaf attribute bits for prot (without OA and type), or 0 if prot is invalid. */
pte_t pt_prot_attrs(const struct pt *pt, unsigned prot);

/*
 * Bit p set iff prot p is valid: no bit outside PT_PROT_ALL, READ or WRITE,
 * not both NONCACHED and DEVICE (checked against the rule in
 * tests/host/test_core_smoke.c).
 */
#define PT_PROT_VALID_SET 0x0000eeeeeeeeeeeeull

static inline bool pt_prot_valid(const struct pt *pt, unsigned prot)
{
	if (prot & PT_PROT_TEST_NO_AF) {
		if (!pt->fmt->af)
			return false;
		prot &= ~PT_PROT_TEST_NO_AF;
	}
	return prot <= PT_PROT_ALL && ((PT_PROT_VALID_SET >> prot) & 1);
}

static inline unsigned level_shift(const struct pt *pt, unsigned level)
{
	return pt->lvl_shift[level];
}

static inline unsigned level_entries(const struct pt *pt, unsigned level)
{
	return pt->lvl_mask[level] + 1;
}

static inline unsigned level_index(const struct pt *pt, unsigned level, uint64_t va)
{
	return (unsigned)(va >> pt->lvl_shift[level]) & pt->lvl_mask[level];
}

/* Can a leaf (block or page) live at this level? 52-bit-only blocks are out of scope. */
static inline bool level_has_leaves(const struct pt *pt, unsigned level)
{
	if (level == PT_LAST_LEVEL || level == 2)
		return true;
	return level == 1 && pt->granule_shift == 12;
}

static inline bool pte_is_table(pte_t e, unsigned level)
{
	return level < PT_LAST_LEVEL && (e & PTE_TYPE_MASK) == PTE_TYPE_TABLE;
}

static inline pte_t leaf_type(const struct pt *pt, unsigned level)
{
	return level == PT_LAST_LEVEL ? pt->fmt->last_level_type : PTE_TYPE_BLOCK;
}

static inline pte_t *table_va(const struct pt *pt, pte_t e)
{
	return (pte_t *)(uintptr_t)((int64_t)(e & PTE_ADDR_MASK) - pt->cfg.pa_offset);
}

static inline uint64_t table_pa(const struct pt *pt, const void *va)
{
	return (uint64_t)((int64_t)(uintptr_t)va + pt->cfg.pa_offset);
}

static inline pte_t table_desc(const struct pt *pt, const void *va)
{
	return table_pa(pt, va) | PTE_TYPE_TABLE;
}

static inline uint64_t leaf_oa(pte_t e, unsigned shift)
{
	return e & PTE_ADDR_MASK & ~((1ull << shift) - 1);
}

/* Contiguous-hint run length at the last level, or 0. */
static inline unsigned contig_entries(const struct pt *pt)
{
	return pt->fmt->contig_entries[(pt->granule_shift - 12) / 2];
}

/* No valid entry left? Non-root tables hold a multiple of 8 entries. */
static inline bool pt_table_empty(const struct pt *pt, const pte_t *t, unsigned level)
{
	unsigned n = level_entries(pt, level);

	for (unsigned k = 0; k < n; k += 8)
		if ((t[k] | t[k + 1] | t[k + 2] | t[k + 3] | t[k + 4] | t[k + 5] | t[k + 6] |
		     t[k + 7]) & PTE_VALID)
			return false;
	return true;
}

/*
 * One operation's context: what it invalidated (merged), the tables it
 * unlinked (freed after the flush), and where new tables come from.
 */
struct pt_ctx {
	struct pt *pt;
	struct pt_op *op;
	struct pt_gather g;
	bool gathered;
	void *to_free;          /* unlinked tables, linked through entry 0 (see pt_defer_free) */
	pte_t *shared_tbl;      /* map_repeat: the leaf table this op shares */
	uint32_t shared_refs;   /* parent entries this op pointed at it */
	bool share_ok;          /* the op holds a shared-table slot */
	int err;                /* broken invariant seen (reservation too small) */
	const pte_t *keep[2];   /* unmap: tables holding a cut leaf (not unlinked) */
};

/* mmu/pt_core.c */
pte_t *pt_table_new(struct pt_ctx *c, unsigned level);
void pt_table_free_now(struct pt *pt, pte_t *t, unsigned level);
void pt_defer_free(struct pt_ctx *c, pte_t *table, unsigned level);

/* A table went back: the fast paths' remembered level-2 table may be gone. */
static inline void pt_walk_forget(struct pt *pt)
{
	pt->walk_tbl = NULL;
	pt->walk_key = UINT64_MAX; /* no IOVA >> walk_shift is this */
}
void pt_clean_lines(const struct pt *pt, const void *va, size_t size);

/* Make CPU writes to [va, va + size) visible to a non-coherent walker. */
static inline void pt_clean(const struct pt *pt, const void *va, size_t size)
{
	if (!pt->cfg.coherent)
		pt_clean_lines(pt, va, size);
}
void pt_gather_add(struct pt_ctx *c, uint64_t va, uint64_t end, size_t granule, bool tables);
int pt_shared_lookup(const struct pt *pt, const void *table);

/* Slot of a shared (map_repeat) table in pt->shared, or -1 if private. */
static inline int pt_shared_find(const struct pt *pt, const void *table)
{
	return pt->st.shared_tables ? pt_shared_lookup(pt, table) : -1;
}
void pt_shared_put(struct pt *pt, int slot);
int pt_flush_gathered(struct pt_ctx *c);
int pt_flush_and_release(struct pt *pt, const struct pt_gather *g);
int pt_flush_settle(struct pt *pt, int ret);

struct pt_mapspec {
	pte_t attrs;            /* leaf bits besides OA and type */
	uint64_t maxblk;        /* largest leaf allowed */
	uint64_t minblk;        /* smallest leaf allowed (map_pages: == maxblk) */
	bool repeat;            /* every leaf points at pa */
};
/* mmu/pt_fast.c: pt_map / pt_unmap inside one last-level table, else the slow path. */
int pt_map_fast(struct pt *pt, uint64_t iova, uint64_t pa, uint64_t size, size_t pgsize,
		unsigned prot);
int64_t pt_unmap_fast(struct pt *pt, uint64_t iova, uint64_t size);
/* mmu/pt_core.c: the same as prepare + commit (pgsize 0: largest leaves). */
int pt_map_slow(struct pt *pt, uint64_t iova, uint64_t pa, uint64_t size, size_t pgsize,
		unsigned prot);
int64_t pt_unmap_slow(struct pt *pt, uint64_t iova, uint64_t size);
void pt_write_leaves(const struct pt *pt, pte_t *tbl, unsigned level, unsigned i, unsigned n,
		     uint64_t va, uint64_t pa, const struct pt_mapspec *m);

/* mmu/pt_map.c */
struct pt_mapspec pt_op_mapspec(const struct pt *pt, const struct pt_op *op);
void pt_map_range(struct pt_ctx *c, pte_t *tbl, unsigned level, uint64_t va, uint64_t end,
		  uint64_t pa, const struct pt_mapspec *m);
bool pt_range_busy(const struct pt *pt, const pte_t *tbl, unsigned level, uint64_t va,
		   uint64_t end);
size_t pt_map_worst_tables(const struct pt *pt, const struct pt_op *op, bool share);

/* mmu/pt_unmap.c */
uint64_t pt_clear_leaves(const struct pt *pt, pte_t *tbl, unsigned i, unsigned n);
uint64_t pt_unmap_range(struct pt_ctx *c, uint64_t va, uint64_t end);
size_t pt_unmap_need(const struct pt *pt, uint64_t va, uint64_t end);
uint64_t pt_drop_table(struct pt_ctx *c, pte_t *tbl, unsigned level, bool now);

#endif
