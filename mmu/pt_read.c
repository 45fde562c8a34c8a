/* SPDX-License-Identifier: MIT */
/* Reading the tables back: iova_to_phys, a decoded lookup, a ptdump-style listing. */
#include "pt_table.h"

#include <errno.h>
#include <stdio.h>

/* The leaf translating iova, its level and the walk to it: 0, -ERANGE
 * beyond 2^ias, -ENOENT unmapped. The whole cost of a lookup, so inlined. */
static inline __attribute__((always_inline)) int find_leaf(const struct pt *pt, uint64_t iova,
							   struct pt_path *p, unsigned *level)
{
	if (iova >> pt->cfg.ias)
		return -ERANGE;
	*level = pt_walk(pt, iova, PT_LAST_LEVEL, p);
	return p->e & PTE_VALID ? 0 : -ENOENT;
}

int pt_iova_to_phys(const struct pt *pt, uint64_t iova, uint64_t *pa)
{
	struct pt_path p;
	unsigned l;
	int ret = find_leaf(pt, iova, &p, &l);

	if (ret)
		return ret;
	*pa = (p.e & PTE_ADDR_MASK & ~pt->lvl_low[l]) | (iova & pt->lvl_low[l]);
	return 0;
}

int pt_lookup(const struct pt *pt, uint64_t iova, struct pt_leaf *leaf)
{
	struct pt_path p;
	bool shared = false;
	unsigned l;
	int ret = find_leaf(pt, iova, &p, &l);

	if (ret)
		return ret;
	for (unsigned k = pt->start_level + 1; k <= l; k++)
		shared |= pt_shared_find(pt, p.tbl[k]) >= 0;
	*leaf = (struct pt_leaf){
		.pa = leaf_oa(p.e, level_shift(pt, l)) | (iova & pt->lvl_low[l]),
		.size = level_span(pt, l),
		.level = l,
		.prot = pt_leaf_prot(pt, p.e),
		.global = pt_leaf_global(pt, p.e),
		.contiguous = !!(p.e & pt->cont_bit),
		.shared = shared,
	};
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
	unsigned prot = pt_leaf_prot(pt, a);
	bool stage1 = pt->fmt->ng != 0;

	snprintf(buf, len, "%s%s %s %s%s%s%s", prot & PT_PROT_READ ? "R" : "-",
		 prot & PT_PROT_WRITE ? "W" : "-", prot & PT_PROT_EXEC ? "X" : "NX",
		 !stage1 ? "" : prot & PT_PROT_PRIV ? "priv " : "user ", pt_leaf_memtype(pt, a),
		 stage1 && pt_leaf_global(pt, a) ? " global" : "",
		 prot & PT_PROT_TEST_NO_AF ? " no-AF" : "");
	return buf;
}

static void run_flush(struct dump *d)
{
	struct run *r = &d->r;
	char line[320], sz[24], leaf[24], at[80];

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
	uint64_t size = level_span(d->pt, level), oa = leaf_oa(e, level_shift(d->pt, level));
	pte_t attrs = pt_leaf_attrs(d->pt, e);
	bool same = r->open && r->end == va && r->attrs == attrs && r->size == size &&
		    r->shared == shared && r->level == level;

	if (same && !r->repeat && r->pa + (va - r->va) == oa) {
		r->end += size;
		r->cont |= !!(e & d->pt->cont_bit);
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
			   .cont = !!(e & d->pt->cont_bit) };
}

static void walk(struct dump *d, const pte_t *tbl, unsigned level, uint64_t base, bool shared)
{
	const struct pt *pt = d->pt;

	for (unsigned i = 0; i < level_entries(pt, level); i++) {
		pte_t e = tbl[i];
		uint64_t va = base + ((uint64_t)i << level_shift(pt, level));

		if (pte_is_table(e, level)) {
			const pte_t *child = table_va(pt, e);

			walk(d, child, level + 1, va, shared || pt_shared_find(pt, child) >= 0);
		} else if (e & PTE_VALID) {
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
