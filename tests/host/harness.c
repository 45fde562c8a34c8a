/* SPDX-License-Identifier: MIT */
#include "tests/host/harness.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/host/prot_expect.h"

#define PAGE 4096u

static void violation(struct hx *h, const char *fmt, ...)
{
	va_list ap;

	if (h->violations++)
		return;
	va_start(ap, fmt);
	vsnprintf(h->viol, sizeof(h->viol), fmt, ap);
	va_end(ap);
	fprintf(stderr, "harness: rule broken: %s\n", h->viol);
}

static struct hx_event *record(struct hx *h, enum hx_ev_kind kind)
{
	static struct hx_event overflow;

	if (h->nev == HX_MAX_EVENTS) {
		memset(&overflow, 0, sizeof(overflow));
		return &overflow;
	}
	memset(&h->ev[h->nev], 0, sizeof(h->ev[0]));
	h->ev[h->nev].kind = kind;
	return &h->ev[h->nev++];
}

static uint64_t hx_pa_of(const struct hx *h, const void *va)
{
	return HX_PA_BASE + (uint64_t)((const uint8_t *)va - h->arena);
}

/* Arena offset of a table PA, or -1 when it is not inside a live block. */
static long arena_off(const struct hx *h, uint64_t pa)
{
	uint64_t off = pa - HX_PA_BASE;

	if (pa < HX_PA_BASE || off >= (uint64_t)h->npages * PAGE || (off & 7))
		return -1;
	if (!h->page_state[off / PAGE])
		return -1;
	return (long)off;
}

static int cpu_read(void *ctx, uint64_t pa, uint64_t *val)
{
	struct hx *h = ctx;
	long off = arena_off(h, pa);

	if (off < 0)
		return -1;
	memcpy(val, h->arena + off, 8);
	return 0;
}

const struct rw_mem *hx_cpu_mem(struct hx *h)
{
	static struct rw_mem m = { .read64 = cpu_read };

	m.ctx = h;
	return &m;
}

/* First fit of a size-aligned run of free pages. */
static void *arena_alloc(void *cookie, size_t size)
{
	struct hx *h = cookie;
	size_t npg = (size + PAGE - 1) / PAGE, align = 1;

	h->alloc_calls++;
	if (h->fail_at && h->alloc_calls == h->fail_at) {
		record(h, HX_EV_ALLOC_FAIL)->size = size;
		return NULL;
	}
	while (align < npg)
		align <<= 1;
	for (size_t p = 0; p + npg <= h->npages; p += align) {
		size_t k = 0;

		while (k < npg && !h->page_state[p + k])
			k++;
		if (k < npg)
			continue;
		for (k = 0; k < npg; k++)
			h->page_state[p + k] = k ? 2 : 1;
		h->block_size[p] = size;
		memset(h->arena + p * PAGE, 0, npg * PAGE);
		memset(h->cleaned + p * PAGE / 8, 0, npg * PAGE / 8);
		memset(h->dev + p * PAGE, 0x5a, npg * PAGE);
		h->live_blocks++;
		h->live_bytes += size;
		struct hx_event *e = record(h, HX_EV_ALLOC);
		e->pa = HX_PA_BASE + p * PAGE;
		e->size = size;
		return h->arena + p * PAGE;
	}
	record(h, HX_EV_ALLOC_FAIL)->size = size;
	return NULL;
}

static void arena_free(void *cookie, void *va, size_t size)
{
	struct hx *h = cookie;
	long off = arena_off(h, hx_pa_of(h, va));
	size_t p, npg = (size + PAGE - 1) / PAGE;

	if (off < 0 || (off % PAGE) || h->page_state[off / PAGE] != 1) {
		violation(h, "free of %p which is not a live block", va);
		return;
	}
	p = (size_t)off / PAGE;
	if (h->block_size[p] != size) {
		violation(h, "free of %zu bytes for a block of %zu", size, h->block_size[p]);
		return;
	}
	for (size_t k = 0; k < npg; k++)
		h->page_state[p + k] = 0;
	/* Poison, so a table still linked after its free reads as garbage. */
	memset(h->arena + p * PAGE, 0xa5, npg * PAGE);
	h->live_blocks--;
	h->live_bytes -= size;
	struct hx_event *e = record(h, HX_EV_FREE);
	e->pa = HX_PA_BASE + p * PAGE;
	e->size = size;
}

struct reach {
	struct hx *h;
	size_t tables, per_level[PT_MAX_LEVELS], shared;
	int bad;
	size_t *pages; /* head page of every distinct table reached (h->reached) */
};

static int reach_table(void *ctx, uint64_t pa, unsigned level, uint64_t va)
{
	struct reach *r = ctx;
	struct hx *h = r->h;
	long off = arena_off(h, pa);
	size_t p;

	if (off < 0 || (off % PAGE) || h->page_state[off / PAGE] != 1) {
		fprintf(stderr, "table at PA 0x%llx (level %u, va 0x%llx) is not a live block\n",
			(unsigned long long)pa, level, (unsigned long long)va);
		r->bad = 1;
		return -2;
	}
	p = (size_t)off / PAGE;
	if (level == h->geom.start_level) {
		/* The root must hold every index an input address below 2^ias selects. */
		uint64_t top = ((1ull << h->geom.ias) - 1) >> rw_level_shift(&h->geom, level);
		size_t want = (size_t)(top + 1) * 8;

		if (h->block_size[p] < want) {
			fprintf(stderr, "root at PA 0x%llx is %zu bytes, the input size needs %zu\n",
				(unsigned long long)pa, h->block_size[p], want);
			r->bad = 1;
			return -2;
		}
	} else if (h->block_size[p] != h->cfg.granule) {
		fprintf(stderr, "table at PA 0x%llx is a %zu-byte block, want %zu\n",
			(unsigned long long)pa, h->block_size[p], h->cfg.granule);
		r->bad = 1;
		return -2;
	}
	if (h->seen[p] == h->epoch) {
		if (h->visits[p]++ == 1)
			r->shared++;
		return 0;
	}
	h->seen[p] = h->epoch;
	h->visits[p] = 1;
	r->pages[r->tables++] = p;
	r->per_level[level - h->geom.start_level]++;
	return 0;
}

static int traverse_reach(struct hx *h, const struct rw_mem *m, struct reach *r)
{
	struct rw_visit v = { .table = reach_table, .ctx = r };
	const char *why = NULL;
	uint64_t bad_va = 0;
	int ret;

	memset(r, 0, sizeof(*r));
	r->h = h;
	r->pages = h->reached;
	h->epoch++;
	ret = rw_traverse(&h->geom, m, &v, &why, &bad_va);
	if (ret == -1)
		fprintf(stderr, "malformed table at va 0x%llx: %s\n", (unsigned long long)bad_va,
			why);
	return ret;
}

/* The first table reached in r holding a descriptor the walker cannot see as
 * the CPU wrote it: one never pushed out, or (with compare) one whose walker
 * copy differs from the CPU's. Its head page, the reason in *why; -1 when
 * every descriptor of every reached table is current. */
static long stale_table(const struct hx *h, const struct reach *r, bool compare,
			const char **why)
{
	for (size_t i = 0; i < r->tables; i++) {
		size_t p = r->pages[i], n = (h->block_size[p] + 7) / 8;

		for (size_t k = 0; k < n; k++) {
			size_t off = p * PAGE + k * 8;

			if (!h->cleaned[off / 8]) {
				*why = "descriptor never cleaned";
				return (long)p;
			}
			if (compare && memcmp(h->dev + off, h->arena + off, 8)) {
				*why = "descriptor written but not cleaned";
				return (long)p;
			}
		}
	}
	return -1;
}

static void at_flush(struct hx *h, struct hx_event *e)
{
	struct reach r;
	const char *why = NULL;

	if (h->probe_on)
		hx_walk(h, h->probe_iova, &e->probe);
	if (h->cfg.coherent || !h->live)
		return;
	/* A TLB invalidation is only meaningful once the walker can no longer
	 * refetch the old descriptor: clean before invalidate. */
	if (traverse_reach(h, hx_cpu_mem(h), &r) == 0 && stale_table(h, &r, true, &why) >= 0)
		violation(h, "flush while the walker's memory is stale: %s", why);
}

static int rec_flush_range(void *cookie, const struct pt_gather *g)
{
	struct hx *h = cookie;
	struct hx_event *e = record(h, HX_EV_FLUSH_RANGE);

	e->g = *g;
	at_flush(h, e);
	return h->flush_ret;
}

static int rec_flush_all(void *cookie)
{
	struct hx *h = cookie;

	at_flush(h, record(h, HX_EV_FLUSH_ALL));
	return h->flush_ret;
}

/* Before a clean lands: no table reachable through the CPU's copy may hold a
 * descriptor that was never pushed out, or the walker could already have
 * followed the link into stale memory (new tables are cleaned before the
 * descriptor pointing at them is written). */
static void check_reachable_cleaned(struct hx *h)
{
	struct reach r;
	const char *why = NULL;
	long p;

	if (!h->live || traverse_reach(h, hx_cpu_mem(h), &r))
		return;
	p = stale_table(h, &r, false, &why);
	if (p >= 0)
		violation(h, "table at PA 0x%llx linked before its entries were cleaned",
			  (unsigned long long)(HX_PA_BASE + (uint64_t)p * PAGE));
}

static void rec_clean(void *cookie, const void *va, size_t size)
{
	struct hx *h = cookie;
	uint64_t pa = hx_pa_of(h, va);
	size_t lo, hi;
	struct hx_event *e;

	if (h->cfg.coherent) {
		violation(h, "cache_clean called for a coherent walker");
		return;
	}
	if (!size || pa < HX_PA_BASE || pa + size > HX_PA_BASE + (uint64_t)h->npages * PAGE) {
		violation(h, "cache_clean of %zu bytes at %p outside table memory", size, va);
		return;
	}
	check_reachable_cleaned(h);
	e = record(h, HX_EV_CLEAN);
	e->pa = pa;
	e->size = size;
	/* Cache maintenance works on whole lines; 8 bytes is the finest the
	 * model needs (one descriptor). */
	lo = (size_t)(pa - HX_PA_BASE) & ~(size_t)7;
	hi = ((size_t)(pa - HX_PA_BASE) + size + 7) & ~(size_t)7;
	memcpy(h->dev + lo, h->arena + lo, hi - lo);
	memset(h->cleaned + lo / 8, 1, (hi - lo) / 8);
}

struct hx *hx_new(enum pt_format fmt, size_t granule, unsigned ias, unsigned oas,
		  bool coherent, size_t arena_pages, int *err)
{
	struct hx *h = calloc(1, sizeof(*h));
	struct pt_hw hw;
	const char *why = NULL;

	h->npages = arena_pages;
	h->arena = aligned_alloc(65536, arena_pages * PAGE);
	h->dev = malloc(arena_pages * PAGE);
	h->cleaned = calloc(arena_pages * PAGE / 8, 1);
	h->page_state = calloc(arena_pages, 1);
	h->block_size = calloc(arena_pages, sizeof(size_t));
	h->seen = calloc(arena_pages, sizeof(uint32_t));
	h->visits = calloc(arena_pages, sizeof(uint32_t));
	h->reached = calloc(arena_pages, sizeof(size_t));
	h->flush_ops = (struct pt_flush_ops){ rec_flush_all, rec_flush_range, rec_clean };
	h->alloc_ops = (struct pt_alloc_ops){ arena_alloc, arena_free };
	h->cfg = (struct pt_cfg){
		.fmt = fmt, .granule = granule, .ias = ias, .oas = oas, .coherent = coherent,
		.flush = &h->flush_ops, .flush_cookie = h,
		.alloc = &h->alloc_ops, .alloc_cookie = h,
		.pa_offset = (int64_t)(HX_PA_BASE - (uint64_t)(uintptr_t)h->arena),
	};
	*err = pt_init(&h->pt, &h->cfg);
	if (*err) {
		if (h->live_blocks)
			fprintf(stderr, "pt_init failed (%d) and left %zu blocks allocated\n", *err,
				h->live_blocks);
		*err = h->live_blocks ? -EFAULT : *err;
		h->live = false;
		hx_delete(h);
		return NULL;
	}
	h->live = true;
	pt_hw_config(&h->pt, &hw);
	if (rw_geom_init(&h->geom, &h->cfg, &hw, &why)) {
		fprintf(stderr, "%s granule %zu ias %u oas %u: %s (ttb 0x%llx tcr 0x%llx)\n",
			pt_format_name(fmt), granule, ias, oas, why, (unsigned long long)hw.ttb,
			(unsigned long long)hw.tcr);
		violation(h, "register values: %s", why);
	}
	return h;
}

int hx_delete(struct hx *h)
{
	int ret;

	if (h->live) {
		pt_fini(&h->pt);
		h->live = false;
		if (h->live_blocks)
			violation(h, "pt_fini left %zu blocks allocated", h->live_blocks);
	}
	ret = h->violations ? -1 : 0;
	free(h->arena);
	free(h->dev);
	free(h->cleaned);
	free(h->page_state);
	free(h->block_size);
	free(h->seen);
	free(h->visits);
	free(h->reached);
	free(h);
	return ret;
}

void hx_walk(struct hx *h, uint64_t iova, struct rw_result *r)
{
	rw_walk(&h->geom, hx_cpu_mem(h), iova, r);
}

int hx_expect_map(struct hx *h, uint64_t iova, uint64_t pa, unsigned prot)
{
	struct rw_result r;
	const char *why = NULL;

	hx_walk(h, iova, &r);
	if (r.st != RW_OK) {
		fprintf(stderr, "iova 0x%llx: %s at level %u (%s), want pa 0x%llx\n",
			(unsigned long long)iova, r.st == RW_BAD ? "bad descriptor" : "fault",
			r.level, r.why, (unsigned long long)pa);
		return -1;
	}
	if (r.oa != pa) {
		fprintf(stderr, "iova 0x%llx -> 0x%llx, want 0x%llx\n", (unsigned long long)iova,
			(unsigned long long)r.oa, (unsigned long long)pa);
		return -1;
	}
	if (!prot_matches(h->cfg.fmt, prot, &r, &why)) {
		fprintf(stderr, "iova 0x%llx: descriptor 0x%llx does not encode prot 0x%x: %s\n",
			(unsigned long long)iova, (unsigned long long)r.desc, prot, why);
		return -1;
	}
	return 0;
}

static int check_stats(struct hx *h, const struct reach *r)
{
	struct pt_stats st;

	/* Per level, so the total (reach_table counts each distinct table once in
	 * r->tables and once in its level) needs no check of its own. */
	pt_get_stats(&h->pt, &st);
	for (unsigned l = 0; l < PT_MAX_LEVELS; l++) {
		if (st.tables[l] != r->per_level[l]) {
			fprintf(stderr, "stats: %zu tables at level index %u, walker reached %zu\n",
				st.tables[l], l, r->per_level[l]);
			return -1;
		}
	}
	if (st.shared_tables != r->shared) {
		fprintf(stderr, "stats: %zu shared tables, walker found %zu\n", st.shared_tables,
			r->shared);
		return -1;
	}
	if (st.table_bytes + h->held_bytes != h->live_bytes) {
		fprintf(stderr, "stats: %zu table bytes (+%zu held), allocator holds %zu\n",
			st.table_bytes, h->held_bytes, h->live_bytes);
		return -1;
	}
	return 0;
}

int hx_check_tables(struct hx *h, size_t *ntables)
{
	struct reach r;
	const char *why = NULL;

	if (h->violations) {
		fprintf(stderr, "rule broken earlier: %s\n", h->viol);
		return -1;
	}
	if (traverse_reach(h, hx_cpu_mem(h), &r) || r.bad)
		return -1;
	if (r.tables + h->held_blocks != h->live_blocks) {
		fprintf(stderr, "%zu live blocks but %zu tables reachable (+%zu held): %s\n",
			h->live_blocks, r.tables, h->held_blocks,
			r.tables + h->held_blocks < h->live_blocks ? "leak" : "?");
		return -1;
	}
	if (check_stats(h, &r))
		return -1;
	if (!h->cfg.coherent && stale_table(h, &r, true, &why) >= 0) {
		fprintf(stderr, "non-coherent walker sees stale memory: %s\n", why);
		return -1;
	}
	if (ntables)
		*ntables = r.tables;
	return 0;
}

void hx_clear_events(struct hx *h)
{
	h->nev = 0;
}

size_t hx_count(const struct hx *h, enum hx_ev_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < h->nev; i++)
		n += h->ev[i].kind == kind;
	return n;
}

long hx_find(const struct hx *h, enum hx_ev_kind kind, size_t n)
{
	for (size_t i = 0; i < h->nev; i++)
		if (h->ev[i].kind == kind && n-- == 0)
			return (long)i;
	return -1;
}

size_t hx_flushes(const struct hx *h)
{
	return hx_count(h, HX_EV_FLUSH_RANGE) + hx_count(h, HX_EV_FLUSH_ALL);
}

long hx_first_flush(const struct hx *h)
{
	long i = hx_find(h, HX_EV_FLUSH_RANGE, 0);

	return i >= 0 ? i : hx_find(h, HX_EV_FLUSH_ALL, 0);
}
