/* SPDX-License-Identifier: MIT */
/*
 * The public calls (mmu/pgtable.h): a table's life cycle and the one-call
 * edits, each the fast path (mmu/pt_fast.c) when it applies, else one op.
 */
#include "pt_fast.h"

#include <errno.h>
#include <string.h>

#define PT_ROOT_MIN 64u   /* a translation table base is at least 64-byte aligned */

/* log2 of a supported granule size (4K, 16K, 64K), else 0. */
static unsigned granule_shift_of(size_t granule)
{
	return granule == 4096 ? 12 : granule == 16384 ? 14 : granule == 65536 ? 16 : 0;
}

static int check_cfg(const struct pt_cfg *cfg, const struct pt_fmt *f)
{
	const struct pt_flush_ops *fl = cfg->flush;
	unsigned gshift = granule_shift_of(cfg->granule);

	if (!fl || !fl->flush_all || !fl->flush_range)
		return -EINVAL; /* no flush ops: nothing could make a change visible */
	if (!cfg->coherent && !fl->cache_clean)
		return -EINVAL;
	if (!gshift || !(f->granules & (1u << (gshift - 12))))
		return -EINVAL;
	if (cfg->ias < f->min_ias || cfg->ias > f->max_ias)
		return -EINVAL;
	if (cfg->oas < 32 || cfg->oas > f->max_oas)
		return -EINVAL;
	if (cfg->alloc ? !cfg->alloc->alloc || !cfg->alloc->free : !cfg->pool)
		return -EINVAL;
	return 0;
}

/* Arm DDI 0487 D8.2: levels from the IAS and the granule; a root shorter than
 * a granule is indexed with its own width. */
static void set_geometry(struct pt *pt)
{
	unsigned ias = pt->cfg.ias, g = pt->granule_shift, bpl = g - 3;

	pt->bits_per_level = bpl;
	pt->levels = (ias - g + bpl - 1) / bpl;
	if (pt->fmt->full_levels)
		pt->levels = 4;
	pt->start_level = 4 - pt->levels;
	/* Mali with a small IAS keeps a 4-level walk with a one-entry root. */
	pt->root_bits = ias > g + (pt->levels - 1) * bpl ? ias - g - (pt->levels - 1) * bpl : 0;
	for (unsigned l = pt->start_level; l <= PT_LAST_LEVEL; l++) {
		pt->lvl_shift[l] = (uint8_t)(g + (PT_LAST_LEVEL - l) * bpl);
		pt->lvl_mask[l] = (1u << (l == pt->start_level ? pt->root_bits : bpl)) - 1;
		pt->lvl_low[l] = (1ull << pt->lvl_shift[l]) - 1;
	}
	pt->table_size = pt->cfg.granule;
	pt->root_size = (size_t)8 << pt->root_bits;
	pt->root_alloc = pt->root_size < PT_ROOT_MIN ? PT_ROOT_MIN : pt->root_size;
	if (!pt->cfg.alloc && pt->root_alloc < POOL_PAGE_SIZE)
		pt->root_alloc = POOL_PAGE_SIZE;
	pt->cont_bit = pt->fmt->cont;
	pt->cont_entries = pt->fmt->cont ? pt->fmt->contig_entries[(g - 12) / 2] : 0;
}

/* What the one-page fast paths test, precomputed so each is one mask. */
static void set_fast_checks(struct pt *pt)
{
	uint64_t low = pt->cfg.granule - 1;

	/* An aligned page below 2^ias (2^oas) ends there too: its start is all to check. */
	pt->iova_bad = ~((1ull << pt->cfg.ias) - 1) | low;
	pt->pa_bad = ~(pt->oa_limit - 1) | low;
	/* With the root at level 2 the remembered table is the root, under one key. */
	pt->walk_shift = pt->start_level < 2 ? pt->lvl_shift[1] : 63;
	pt->map_lean = pt->cfg.coherent && !pt->cfg.flush_on_map;
	pt->attr_prot = UINT32_MAX; /* no prot converted yet: never equal to a caller's */
	pt_walk_forget(pt);
}

int pt_init(struct pt *pt, const struct pt_cfg *cfg)
{
	const struct pt_fmt *f;
	int ret;

	if (!pt || !cfg)
		return -EINVAL;
	memset(pt, 0, sizeof(*pt));
	f = pt_fmt_get(cfg->fmt);
	if (!f)
		return -EINVAL;
	ret = check_cfg(cfg, f);
	if (ret)
		return ret;
	pt->cfg = *cfg;
	pt->cfg.flush_on_map |= f->flush_on_map;
	pt->fmt = f;
	pt->granule_shift = granule_shift_of(cfg->granule);
	pt->oa_limit = 1ull << cfg->oas;
	set_geometry(pt);
	set_fast_checks(pt);
	pt->root = pt_mem_alloc(pt, pt->root_alloc);
	if (!pt->root) {
		memset(pt, 0, sizeof(*pt));
		return -ENOMEM;
	}
	pt->st.tables[0] = 1;
	pt->st.table_bytes = pt->root_alloc;
	/* The walker may be pointed at the empty root at once: make it visible. */
	pt_clean(pt, pt->root, pt->root_alloc);
	return 0;
}

void pt_fini(struct pt *pt)
{
	if (!pt->root)
		return;
	pt_abort_all(pt);
	/* The walker must be detached already: tables go back without a flush. */
	pt_free_tree(pt);
	pt_release_list(pt, &pt->quarantine);
	pt_mem_free(pt, pt->root, pt->root_alloc);
	memset(pt, 0, sizeof(*pt));
}

void pt_get_stats(const struct pt *pt, struct pt_stats *out)
{
	*out = pt->st;
}

int pt_map(struct pt *pt, uint64_t iova, uint64_t pa, uint64_t size, unsigned prot)
{
	return pt_map_fast(pt, iova, pa, size, 0, prot);
}

int pt_map_pages(struct pt *pt, uint64_t iova, uint64_t pa, size_t pgsize, size_t count,
		 unsigned prot)
{
	if (!pgsize || !count)
		return -EINVAL;
	if (count > UINT64_MAX / pgsize)
		return -ERANGE;
	if (pgsize == pt->cfg.granule)
		return pt_map_fast(pt, iova, pa, (uint64_t)pgsize * count, pgsize, prot);
	return pt_map_slow(pt, iova, pa, (uint64_t)pgsize * count, pgsize, prot);
}

int pt_map_repeat(struct pt *pt, uint64_t iova, uint64_t size, uint64_t pa, size_t pgsize,
		  unsigned prot)
{
	struct pt_op op = { .kind = PT_OP_MAP_REPEAT, .iova = iova, .pa = pa, .size = size,
			    .pgsize = pgsize, .prot = prot };

	if (!pgsize)
		return -EINVAL;
	return pt_run(pt, &op);
}

int64_t pt_unmap(struct pt *pt, uint64_t iova, uint64_t size)
{
	return pt_unmap_fast(pt, iova, size);
}
