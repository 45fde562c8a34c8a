/* SPDX-License-Identifier: MIT */
#include "tests/host/shadow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/host/harness.h"
#include "tests/host/prot_expect.h"

void sh_init(struct shadow *s)
{
	memset(s, 0, sizeof(*s));
}

void sh_fini(struct shadow *s)
{
	free(s->e);
	memset(s, 0, sizeof(*s));
}

/* Index of the first extent ending after va. */
static size_t first_after(const struct shadow *s, uint64_t va)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->e[mid].end <= va)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool sh_overlaps(const struct shadow *s, uint64_t start, uint64_t end)
{
	size_t i = first_after(s, start);

	return i < s->n && s->e[i].start < end;
}

static void insert_at(struct shadow *s, size_t i, const struct sh_ext *x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->e = realloc(s->e, s->cap * sizeof(*s->e));
	}
	memmove(&s->e[i + 1], &s->e[i], (s->n - i) * sizeof(*s->e));
	s->e[i] = *x;
	s->n++;
}

void sh_add(struct shadow *s, uint64_t start, uint64_t size, uint64_t pa, uint64_t pgsize,
	    unsigned prot)
{
	struct sh_ext x = { start, start + size, start, pa, pgsize, prot };

	insert_at(s, first_after(s, start), &x);
}

uint64_t sh_remove(struct shadow *s, uint64_t start, uint64_t end)
{
	uint64_t removed = 0;
	size_t i = first_after(s, start);

	while (i < s->n && s->e[i].start < end) {
		struct sh_ext *e = &s->e[i];
		uint64_t lo = e->start > start ? e->start : start;
		uint64_t hi = e->end < end ? e->end : end;

		removed += hi - lo;
		if (e->start < lo && e->end > hi) {
			struct sh_ext tail = *e;

			tail.start = hi;
			e->end = lo;
			insert_at(s, i + 1, &tail);
			return removed;
		}
		if (e->start < lo) {
			e->end = lo;
			i++;
		} else if (e->end > hi) {
			e->start = hi;
			i++;
		} else {
			memmove(e, e + 1, (s->n - i - 1) * sizeof(*e));
			s->n--;
		}
	}
	return removed;
}

uint64_t sh_bytes(const struct shadow *s)
{
	uint64_t n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += s->e[i].end - s->e[i].start;
	return n;
}

uint64_t sh_bytes_in(const struct shadow *s, uint64_t start, uint64_t end)
{
	uint64_t n = 0;

	for (size_t i = first_after(s, start); i < s->n && s->e[i].start < end; i++) {
		uint64_t lo = s->e[i].start > start ? s->e[i].start : start;
		uint64_t hi = s->e[i].end < end ? s->e[i].end : end;

		n += hi - lo;
	}
	return n;
}

static uint64_t pa_at(const struct sh_ext *e, uint64_t va)
{
	if (e->pgsize)
		return e->pa + (va - e->origin) % e->pgsize;
	return e->pa + (va - e->origin);
}

bool sh_lookup(const struct shadow *s, uint64_t va, uint64_t *pa, unsigned *prot)
{
	size_t i = first_after(s, va);

	if (i == s->n || s->e[i].start > va)
		return false;
	*pa = pa_at(&s->e[i], va);
	*prot = s->e[i].prot;
	return true;
}

struct cmp {
	const struct shadow *s;
	enum pt_format fmt;
	uint64_t bytes;
};

static int leaf_mismatch(uint64_t va, const struct rw_result *r, const char *what)
{
	fprintf(stderr, "shadow: leaf va 0x%llx size 0x%llx -> 0x%llx (desc 0x%llx): %s\n",
		(unsigned long long)va, (unsigned long long)r->size,
		(unsigned long long)r->oa, (unsigned long long)r->desc, what);
	return -2;
}

/* The leaf [va, va + size) must be covered without gaps by extents whose
 * addresses continue its own. */
static int cmp_leaf(void *ctx, uint64_t va, const struct rw_result *r)
{
	struct cmp *c = ctx;
	uint64_t cur = va, end = va + r->size;
	size_t i = first_after(c->s, va);
	const char *why = NULL;

	c->bytes += r->size;
	for (; cur < end; i++) {
		const struct sh_ext *e = &c->s->e[i];
		uint64_t piece_end;

		if (i == c->s->n || e->start > cur)
			return leaf_mismatch(cur, r, "mapped but not in the model");
		piece_end = e->end < end ? e->end : end;
		if (pa_at(e, cur) != r->oa + (cur - va))
			return leaf_mismatch(cur, r, "output address differs from the model");
		if (e->pgsize && (cur - e->origin) % e->pgsize + (piece_end - cur) > e->pgsize)
			return leaf_mismatch(cur, r, "leaf larger than the repeated page");
		if (!prot_matches(c->fmt, e->prot, r, &why))
			return leaf_mismatch(cur, r, why);
		cur = piece_end;
	}
	return 0;
}

int sh_compare(const struct shadow *s, const struct rw_geom *g, const struct rw_mem *m)
{
	struct cmp c = { .s = s, .fmt = g->fmt };
	struct rw_visit v = { .leaf = cmp_leaf, .ctx = &c };
	const char *why = NULL;
	uint64_t bad_va = 0;
	int ret = rw_traverse(g, m, &v, &why, &bad_va);

	if (ret == -1)
		fprintf(stderr, "shadow: malformed table at va 0x%llx: %s\n",
			(unsigned long long)bad_va, why);
	if (ret)
		return -1;
	if (c.bytes != sh_bytes(s)) {
		fprintf(stderr, "shadow: tables map 0x%llx bytes, model 0x%llx\n",
			(unsigned long long)c.bytes, (unsigned long long)sh_bytes(s));
		return -1;
	}
	return 0;
}

int sh_check_hx(const struct shadow *s, struct hx *h)
{
	if (hx_check_tables(h, NULL) || sh_compare(s, &h->geom, hx_cpu_mem(h)))
		return -1;
	return 0;
}

struct uexp {
	const struct rw_geom *g;
	uint64_t va, end, covered_end, bytes;
};

static int uexp_table(void *ctx, uint64_t pa, unsigned level, uint64_t va)
{
	struct uexp *u = ctx;
	uint64_t span;

	(void)pa;
	if (level == u->g->start_level || va < u->covered_end)
		return 0;
	span = 1ull << rw_level_shift(u->g, level - 1);
	if (va >= u->va && va + span <= u->end) {
		u->bytes += span;
		u->covered_end = va + span;
	}
	return 0;
}

static int uexp_leaf(void *ctx, uint64_t va, const struct rw_result *r)
{
	struct uexp *u = ctx;
	uint64_t lo = va > u->va ? va : u->va, hi = va + r->size < u->end ? va + r->size : u->end;

	if (va >= u->covered_end && lo < hi)
		u->bytes += hi - lo;
	return 0;
}

uint64_t sh_unmap_expect(const struct rw_geom *g, const struct rw_mem *m, uint64_t va,
			 uint64_t end)
{
	struct uexp u = { .g = g, .va = va, .end = end };
	struct rw_visit v = { .leaf = uexp_leaf, .table = uexp_table, .ctx = &u };
	const char *why = NULL;
	uint64_t bad_va = 0;

	if (rw_traverse(g, m, &v, &why, &bad_va))
		fprintf(stderr, "shadow: malformed table at va 0x%llx: %s\n",
			(unsigned long long)bad_va, why);
	return u.bytes;
}
