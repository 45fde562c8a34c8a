/* SPDX-License-Identifier: MIT */
/* Reading the tables back: iova_to_phys and a ptdump-style listing. */
#include "pt_internal.h"

#include <errno.h>
#include <stdio.h>

/* One table step of a walk: false when the entry is not a table descriptor. */
static inline bool step(const pte_t **tbl, pte_t *e, uint64_t iova, unsigned shift, uint32_t mask,
			int64_t off)
{
	*e = (*tbl)[(iova >> shift) & mask];
	if ((*e & PTE_TYPE_MASK) != PTE_TYPE_TABLE)
		return false;
	*tbl = (const pte_t *)(uintptr_t)((int64_t)(*e & PTE_ADDR_MASK) - off);
	return true;
}

int pt_iova_to_phys(const struct pt *pt, uint64_t iova, uint64_t *pa)
{
	const pte_t *tbl = pt->root;
	int64_t off = pt->cfg.pa_offset;
	unsigned l = pt->start_level;
	uint64_t low;
	pte_t e;

	if (iova >> pt->cfg.ias)
		return -ERANGE;
	/* Unrolled by depth: the walk is the whole cost of a lookup. */
	switch (l) {
	case 0:
		if (!step(&tbl, &e, iova, pt->lvl_shift[0], pt->lvl_mask[0], off))
			goto leaf;
		l++;
		/* fall through */
	case 1:
		if (!step(&tbl, &e, iova, pt->lvl_shift[1], pt->lvl_mask[1], off))
			goto leaf;
		l++;
		/* fall through */
	default:
		if (!step(&tbl, &e, iova, pt->lvl_shift[2], pt->lvl_mask[2], off))
			goto leaf;
		l = PT_LAST_LEVEL;
		e = tbl[(iova >> pt->lvl_shift[l]) & pt->lvl_mask[l]];
	}
leaf:
	if (!(e & PTE_VALID))
		return -ENOENT;
	low = pt->lvl_low[l];
	*pa = (e & PTE_ADDR_MASK & ~low) | (iova & low);
	return 0;
}

/* ---- dump ---------------------------------------------------------------- */

/* A run of leaves printed as one line: same size, attributes, and either
 * consecutive output addresses or one repeated address. */
struct run {
	bool open, repeat, shared, cont;
	uint64_t va, end, pa;
	uint64_t size;
	unsigned level;
	pte_t attrs;
};

struct dump {
	const struct pt *pt;
	void (*emit)(void *ctx, const char *line);
	void *ctx;
	struct run r;
};

static const char *size_name(uint64_t sz, char *buf, size_t len)
{
	static const char units[] = "KMGT";
	unsigned u = 0;

	sz >>= 10;
	while (sz >= 1024 && !(sz & 1023) && u < 3) {
		sz >>= 10;
		u++;
	}
	snprintf(buf, len, "%llu%c", (unsigned long long)sz, units[u]);
	return buf;
}

static const char *attr_text(const struct pt *pt, pte_t a, char *buf, size_t len)
{
	static const char *const mem[] = { "cached", "non-cached", "device" };
	unsigned idx = (unsigned)(a >> 2) & 7;
	bool r, w;

	if (pt->cfg.fmt == PT_FMT_MALI_LPAE) {
		r = a & (1ull << 6);
		w = a & (1ull << 7);
	} else {
		r = true;
		w = !(a & (1ull << 7));
	}
	snprintf(buf, len, "%s%s %s %s%s", r ? "R" : "-", w ? "W" : "-",
		 a & (3ull << 53) ? "NX" : "X",
		 pt->cfg.fmt == PT_FMT_MALI_LPAE ? "" : a & (1ull << 6) ? "user " : "priv ",
		 idx < 3 ? mem[idx] : "attr?");
	return buf;
}

static void run_flush(struct dump *d)
{
	struct run *r = &d->r;
	char line[320], sz[24], leaf[24], at[64];

	if (!r->open)
		return;
	snprintf(line, sizeof(line), "0x%012llx-0x%012llx %6s  L%u %5s %s pa 0x%llx%s  %s%s%s",
		 (unsigned long long)r->va, (unsigned long long)r->end,
		 size_name(r->end - r->va, sz, sizeof(sz)), r->level,
		 size_name(r->size, leaf, sizeof(leaf)), r->level == PT_LAST_LEVEL ? "pages" : "blocks",
		 (unsigned long long)r->pa, r->repeat ? " (repeated)" : "",
		 attr_text(d->pt, r->attrs, at, sizeof(at)), r->cont ? " cont" : "",
		 r->shared ? "  [shared table]" : "");
	d->emit(d->ctx, line);
	r->open = false;
}

static void run_add(struct dump *d, uint64_t va, unsigned level, pte_t e, bool shared)
{
	struct run *r = &d->r;
	unsigned shift = level_shift(d->pt, level);
	uint64_t size = 1ull << shift, oa = leaf_oa(e, shift);
	pte_t attrs = e & PTE_ATTR_MASK;
	bool same = r->open && r->end == va && r->attrs == attrs && r->size == size &&
		    r->shared == shared && r->level == level;

	if (same && !r->repeat && r->pa + (va - r->va) == oa) {
		r->end += size;
		r->cont |= !!(e & PTE_CONT);
		return;
	}
	if (same && r->pa == oa && (r->repeat || r->end - r->va == size)) {
		r->repeat = true;
		r->end += size;
		return;
	}
	run_flush(d);
	*r = (struct run){ .open = true, .va = va, .end = va + size, .pa = oa, .size = size,
			   .level = level, .attrs = attrs, .shared = shared,
			   .cont = !!(e & PTE_CONT) };
}

static void walk(struct dump *d, const pte_t *tbl, unsigned level, uint64_t base, bool shared)
{
	const struct pt *pt = d->pt;
	unsigned shift = level_shift(pt, level);

	for (unsigned i = 0; i < level_entries(pt, level); i++) {
		pte_t e = tbl[i];
		uint64_t va = base + ((uint64_t)i << shift);

		if (!(e & PTE_VALID))
			continue;
		if (pte_is_table(e, level)) {
			const pte_t *child = table_va(pt, e);

			walk(d, child, level + 1, va, shared || pt_shared_find(pt, child) >= 0);
		} else {
			run_add(d, va, level, e, shared);
		}
	}
}

void pt_dump(const struct pt *pt, void (*emit)(void *ctx, const char *line), void *ctx)
{
	struct dump d = { .pt = pt, .emit = emit, .ctx = ctx };
	char line[320];

	snprintf(line, sizeof(line),
		 "%s granule %zuK ias %u oas %u: %u levels from L%u, root 0x%llx (%zu bytes); "
		 "tables %zu/%zu/%zu/%zu, %zu shared, %zu bytes",
		 pt_format_name(pt->cfg.fmt), pt->cfg.granule >> 10, pt->cfg.ias, pt->cfg.oas,
		 pt->levels, pt->start_level, (unsigned long long)pt_root_pa(pt), pt->root_size,
		 pt->st.tables[0], pt->st.tables[1], pt->st.tables[2], pt->st.tables[3],
		 pt->st.shared_tables, pt->st.table_bytes);
	emit(ctx, line);
	walk(&d, pt->root, pt->start_level, 0, false);
	run_flush(&d);
}
