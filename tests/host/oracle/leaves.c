/* SPDX-License-Identifier: MIT */
/*
 * Leaves and what they mean. Sources:
 *  - every descriptor field comes decoded by the reference walker (Arm DDI
 *    0487 D8.3/D8.4);
 *  - MAIR_EL1 Attr<n> names: the reference walker's (rw_mair_memtype);
 *  - TCR_EL1: T0SZ [5:0], IRGN0 [9:8], ORGN0 [11:10], SH0 [13:12],
 *    TG0 [15:14], IPS [34:32];
 *  - Mali legacy MEMATTR bytes 0x88 (implementation-defined, used for
 *    non-cacheable) and 0x8d (write-allocate): Linux io-pgtable-arm.c.
 */
#include "tests/host/oracle/leaves.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmu/bits.h"

#define TCR_T0SZ     GENMASK(5, 0)
#define TCR_IRGN0    GENMASK(9, 8)
#define TCR_ORGN0    GENMASK(11, 10)
#define TCR_SH0      GENMASK(13, 12)
#define TCR_TG0      GENMASK(15, 14)
#define TCR_IPS      GENMASK(34, 32)

uint64_t lf_tcr(unsigned t0sz, unsigned irgn0, unsigned orgn0, unsigned sh0, unsigned tg0,
		unsigned ips)
{
	return FIELD_PREP(TCR_T0SZ, t0sz) | FIELD_PREP(TCR_IRGN0, irgn0) |
	       FIELD_PREP(TCR_ORGN0, orgn0) | FIELD_PREP(TCR_SH0, sh0) |
	       FIELD_PREP(TCR_TG0, tg0) | FIELD_PREP(TCR_IPS, ips);
}

int lf_side_init(struct lf_side *s, const char *name, const struct pt_cfg *cfg,
		 const struct pt_hw *hw, uint64_t attr_reg, const char **why)
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->attr_reg = attr_reg;
	return rw_geom_init(&s->geom, cfg, hw, why);
}

static bool is_mali(const struct lf_side *s)
{
	return s->geom.fmt == PT_FMT_MALI_LPAE;
}

static int push(struct lf_list *l, const struct lf *f)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		struct lf *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *f;
	return 0;
}

struct collect {
	const struct lf_side *s;
	struct lf_list *out;
};

static int on_leaf(void *ctx, uint64_t va, const struct rw_result *r)
{
	struct collect *c = ctx;
	struct lf f = {
		.va = va, .size = r->size, .oa = r->oa,
		.attr = (uint8_t)(c->s->attr_reg >> (8 * r->attridx)),
		.sh = (uint8_t)r->sh, .read = r->read, .write = r->write, .user = r->user,
		.uxn = !r->exec, .pxn = !r->priv_exec, .ng = r->ng,
		.contig = r->contig,
	};

	return push(c->out, &f) ? -2 : 0;
}

int lf_collect(const struct lf_side *s, const struct rw_mem *m, struct lf_list *out, char *err,
	       size_t errlen)
{
	struct collect c = { s, out };
	struct rw_visit v = { .leaf = on_leaf, .ctx = &c };
	const char *why = NULL;
	uint64_t bad = 0;
	int ret;

	out->n = 0;
	ret = rw_traverse(&s->geom, m, &v, &why, &bad);
	if (ret == -1)
		snprintf(err, errlen, "%s tables: %s at iova %#llx", s->name, why,
			 (unsigned long long)bad);
	else if (ret)
		snprintf(err, errlen, "%s tables: out of memory listing leaves", s->name);
	return ret ? -1 : 0;
}

void lf_free(struct lf_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* First leaf ending above va (leaves are sorted and disjoint). */
static size_t lower_bound(const struct lf_list *l, uint64_t va)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->v[mid].va + l->v[mid].size <= va)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct lf *lf_find(const struct lf_list *l, uint64_t va)
{
	size_t i = lower_bound(l, va);

	return i < l->n && l->v[i].va <= va ? &l->v[i] : NULL;
}

size_t lf_runs(const struct lf_list *l, uint64_t start, uint64_t end, uint64_t (*runs)[2],
	       size_t max)
{
	size_t n = 0;

	for (size_t i = lower_bound(l, start); i < l->n && l->v[i].va < end; i++) {
		uint64_t a = l->v[i].va < start ? start : l->v[i].va;
		uint64_t b = l->v[i].va + l->v[i].size > end ? end : l->v[i].va + l->v[i].size;

		if (n && runs[n - 1][1] == a) {
			runs[n - 1][1] = b;
			continue;
		}
		if (n == max)
			break;
		runs[n][0] = a;
		runs[n][1] = b;
		n++;
	}
	return n;
}

const char *lf_attr_name(bool mali, uint8_t attr, char buf[48])
{
	if (mali)
		snprintf(buf, 48, "%#04x %s", attr, attr == 0x8d ? "write-alloc" :
			 attr == 0x88 ? "impl-defined" : "other");
	else
		snprintf(buf, 48, "%#04x %s", attr, rw_memtype_name(rw_mair_memtype(attr)));
	return buf;
}

static void note(struct lf_diff *d, enum lf_field f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void note(struct lf_diff *d, enum lf_field f, const char *fmt, ...)
{
	va_list ap;

	if (d->count[f]++)
		return;
	va_start(ap, fmt);
	vsnprintf(d->first[f], sizeof(d->first[f]), fmt, ap);
	va_end(ap);
}

static void perm_str(const struct lf *f, char buf[16])
{
	snprintf(buf, 16, "%c%c%c%c%c", f->read ? 'r' : '-', f->write ? 'w' : '-',
		 f->user ? 'u' : '-', f->uxn ? '-' : 'x', f->pxn ? '-' : 'p');
}

static void compare_one(const struct lf_side *sa, const struct lf *a, const struct lf_side *sb,
			const struct lf *b, struct lf_diff *d, const char *ctx)
{
	char x[48], y[48], p[16], q[16];
	unsigned long long va = (unsigned long long)a->va;

	if (a->oa != b->oa)
		note(d, LF_OA, "%s: iova %#llx: %s OA %#llx, %s OA %#llx", ctx, va, sa->name,
		     (unsigned long long)a->oa, sb->name, (unsigned long long)b->oa);
	if (a->attr != b->attr)
		note(d, LF_MEMTYPE, "%s: iova %#llx: memory type %s %s, %s %s", ctx, va, sa->name,
		     lf_attr_name(is_mali(sa), a->attr, x), sb->name,
		     lf_attr_name(is_mali(sb), b->attr, y));
	if (a->sh != b->sh)
		note(d, LF_SH, "%s: iova %#llx: SH %s %u, %s %u", ctx, va, sa->name, a->sh,
		     sb->name, b->sh);
	perm_str(a, p);
	perm_str(b, q);
	if (strcmp(p, q))
		note(d, LF_PERM, "%s: iova %#llx: permissions %s %s, %s %s", ctx, va, sa->name, p,
		     sb->name, q);
	if (a->ng != b->ng)
		note(d, LF_NG, "%s: iova %#llx: nG %s %d, %s %d", ctx, va, sa->name, a->ng,
		     sb->name, b->ng);
}

void lf_compare(const struct lf_side *sa, const struct lf_list *a, const struct lf_side *sb,
		const struct lf_list *b, struct lf_diff *d, const char *ctx)
{
	size_t i = 0, j = 0;

	while (i < a->n || j < b->n) {
		const struct lf *x = i < a->n ? &a->v[i] : NULL, *y = j < b->n ? &b->v[j] : NULL;

		if (x && y && x->va == y->va && x->size == y->size) {
			compare_one(sa, x, sb, y, d, ctx);
			i++, j++;
			continue;
		}
		if (x && (!y || x->va <= y->va)) {
			note(d, LF_SHAPE, "%s: iova %#llx: %s has a %#llx leaf, %s %s", ctx,
			     (unsigned long long)x->va, sa->name, (unsigned long long)x->size,
			     sb->name, y && y->va == x->va ? "one of another size" : "none there");
			i++;
			if (y && y->va == x->va)
				j++;
			continue;
		}
		note(d, LF_SHAPE, "%s: iova %#llx: %s has a %#llx leaf, %s none there", ctx,
		     (unsigned long long)y->va, sb->name, (unsigned long long)y->size, sa->name);
		j++;
	}
}

unsigned long lf_diff_total(const struct lf_diff *d)
{
	unsigned long n = 0;

	for (int f = 0; f < LF_NFIELDS; f++)
		n += d->count[f];
	return n;
}

void lf_diff_print(const struct lf_diff *d, char *buf, size_t len)
{
	static const char *const name[LF_NFIELDS] = { "shape", "output address", "memory type",
						      "shareability", "permissions", "nG" };
	size_t at = 0;

	buf[0] = 0;
	for (int f = 0; f < LF_NFIELDS && at < len; f++)
		if (d->count[f])
			at += (size_t)snprintf(buf + at, len - at, "  %s: %lu leaves differ, first: %s\n",
					       name[f], d->count[f], d->first[f]);
}
