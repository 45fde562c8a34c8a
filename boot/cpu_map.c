/* SPDX-License-Identifier: MIT */
/* The CPU's translation tables from a region list (see cpu_map.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "boot/cpu_map.h"

#define CPU_PAGE 4096u
#define PROT_MEMTYPE (PT_PROT_NONCACHED | PT_PROT_DEVICE)

/* ---- the core's flush ops: held (tests) or passed to the back end ---- */

static void gather_merge(struct pt_gather *into, const struct pt_gather *g)
{
	if (into->start == into->end) {
		*into = *g;
		return;
	}
	if (g->start < into->start)
		into->start = g->start;
	if (g->end > into->end)
		into->end = g->end;
	if (g->granule < into->granule)
		into->granule = g->granule;
	into->tables |= g->tables;
}

static int map_flush_range(void *cookie, const struct pt_gather *g)
{
	struct cpu_map *m = cookie;

	if (!m->hold)
		return m->arch->flush_range(g, &m->tlb);
	gather_merge(&m->held_g, g);
	m->held++;
	return 0;
}

static int map_flush_all(void *cookie)
{
	struct cpu_map *m = cookie;
	const struct pt_gather all = { 0, UINT64_MAX, CPU_PAGE, true };

	if (!m->hold)
		return m->arch->flush_all(&m->tlb);
	gather_merge(&m->held_g, &all);
	m->held++;
	return 0;
}

static const struct pt_flush_ops cpu_map_flush_ops = {
	.flush_all = map_flush_all,
	.flush_range = map_flush_range,
};

void cpu_map_hold(struct cpu_map *m)
{
	m->hold = true;
	m->held = 0;
	m->held_g = (struct pt_gather){ 0 };
}

int cpu_map_release(struct cpu_map *m)
{
	struct pt_gather g = m->held_g;

	m->hold = false;
	if (!m->held)
		return 0;
	m->held = 0;
	if (g.end == UINT64_MAX)
		return m->arch->flush_all(&m->tlb);
	return m->arch->flush_range(&g, &m->tlb);
}

/* ---- regions ---- */

static bool page_aligned(uint64_t v)
{
	return (v & (CPU_PAGE - 1)) == 0;
}

static int check_region(const struct cpu_region *r, uint64_t prev_end)
{
	if (r->end <= r->start || !page_aligned(r->start) || !page_aligned(r->end)) {
		printf("cpu map: region %s [%#llx, %#llx) is empty or not page aligned\n", r->name,
		       (unsigned long long)r->start, (unsigned long long)r->end);
		return -EINVAL;
	}
	if (r->start < prev_end) {
		printf("cpu map: region %s at %#llx overlaps or precedes the one before (ends %#llx)\n",
		       r->name, (unsigned long long)r->start, (unsigned long long)prev_end);
		return -EINVAL;
	}
	/* W^X: the one rule the map exists to keep. */
	if ((r->prot & PT_PROT_WRITE) && (r->prot & PT_PROT_EXEC)) {
		printf("cpu map: region %s would be both writable and executable\n", r->name);
		return -EINVAL;
	}
	if ((r->prot & PT_PROT_EXEC) && (r->prot & PROT_MEMTYPE)) {
		printf("cpu map: region %s: code must be Normal cacheable memory\n", r->name);
		return -EINVAL;
	}
	return 0;
}

static int check_regions(const struct cpu_region *r, size_t n)
{
	uint64_t prev_end = 0;

	if (n > CPU_MAP_MAX_REGIONS) {
		printf("cpu map: %zu regions, at most %u\n", n, CPU_MAP_MAX_REGIONS);
		return -E2BIG;
	}
	for (size_t i = 0; i < n; i++) {
		int err = check_region(&r[i], prev_end);

		if (err)
			return err;
		prev_end = r[i].end;
	}
	return 0;
}

#define PLACE_ALIGN 0x200000ull /* a 2 MiB block can map a placed region */

/* Is [va, end) clear of every region's VAs (identity ones, holes included,
 * and those placed so far)? */
static bool va_free(const struct cpu_map *m, uint64_t va, uint64_t end, uint64_t limit)
{
	for (size_t i = 0; i < m->nregions; i++) {
		const struct cpu_region *r = &m->region[i];
		uint64_t lo = cpu_region_va(r), hi = lo + (r->end - r->start);

		if (!r->va && r->start >= limit)
			continue; /* not placed yet */
		if (va < hi && lo < end)
			return false;
	}
	return true;
}

/*
 * Give every mapped region beyond 2^ias a VA below it: the highest free,
 * 2 MiB aligned window, taken from the top down. Identity regions keep
 * VA = PA, so a placed region can only take what none of them uses.
 */
static int place_regions(struct cpu_map *m, unsigned ias)
{
	uint64_t limit = ias >= 64 ? UINT64_MAX : 1ull << ias, top = limit;

	for (size_t i = 0; i < m->nregions; i++)
		m->region[i].va = 0;
	for (size_t i = 0; i < m->nregions; i++) {
		struct cpu_region *r = &m->region[i];
		uint64_t size = (r->end - r->start + PLACE_ALIGN - 1) & ~(PLACE_ALIGN - 1);

		if (!r->prot || r->end <= limit)
			continue;
		while (top >= size && !va_free(m, top - size, top, limit))
			top -= PLACE_ALIGN;
		if (top < size || top - size == 0) {
			printf("cpu map: no room below 2^%u for %s [%#llx, %#llx)\n", ias, r->name,
			       (unsigned long long)r->start, (unsigned long long)r->end);
			return -ENOSPC;
		}
		top -= size;
		r->va = top;
	}
	return 0;
}

int cpu_map_build(struct cpu_map *m, const struct pt_cfg *cfg, const struct cpu_map_arch *arch,
		  const struct cpu_region *r, size_t n)
{
	struct pt_cfg c = *cfg;
	int err = check_regions(r, n);

	if (err)
		return err;
	memset(m, 0, sizeof(*m));
	m->arch = arch;
	memcpy(m->region, r, n * sizeof(*r));
	m->nregions = n;
	err = place_regions(m, cfg->ias);
	if (err)
		return err;
	c.flush = &cpu_map_flush_ops;
	c.flush_cookie = m;
	err = pt_init(&m->pt, &c);
	if (err) {
		printf("cpu map: pt_init: error %d\n", err);
		return err;
	}
	for (size_t i = 0; i < n; i++) {
		if (!r[i].prot)
			continue;
		err = pt_map(&m->pt, cpu_region_va(&m->region[i]), r[i].start,
			     r[i].end - r[i].start, r[i].prot);
		if (err) {
			printf("cpu map: mapping %s [%#llx, %#llx): error %d\n", r[i].name,
			       (unsigned long long)r[i].start, (unsigned long long)r[i].end, err);
			pt_fini(&m->pt);
			return err;
		}
	}
	return 0;
}

void cpu_map_fini(struct cpu_map *m)
{
	pt_fini(&m->pt);
}

const struct cpu_region *cpu_map_find(const struct cpu_map *m, uint64_t addr)
{
	for (size_t i = 0; i < m->nregions; i++)
		if (addr >= m->region[i].start && addr < m->region[i].end)
			return &m->region[i];
	return NULL;
}

uint64_t cpu_map_va_of(const struct cpu_map *m, uint64_t pa)
{
	const struct cpu_region *r = cpu_map_find(m, pa);

	return r && r->prot ? cpu_region_va(r) + (pa - r->start) : UINT64_MAX;
}

/* ---- runtime edits ---- */

int cpu_map_add(struct cpu_map *m, uint64_t va, uint64_t pa, uint64_t size, unsigned prot)
{
	int err = pt_map(&m->pt, va, pa, size, prot);

	if (!err)
		m->arch->sync();
	return err;
}

int64_t cpu_map_remove(struct cpu_map *m, uint64_t va, uint64_t size)
{
	return pt_unmap(&m->pt, va, size);
}

/* ---- the report ---- */

const char *cpu_map_prot_str(unsigned prot, char buf[24])
{
	const char *type = prot & PT_PROT_DEVICE ? "device" :
			   prot & PT_PROT_NONCACHED ? "normal-nc" : "normal-wb";

	if (!prot) {
		snprintf(buf, 24, "unmapped");
		return buf;
	}
	snprintf(buf, 24, "%c%c%c %s", prot & PT_PROT_READ ? 'r' : '-',
		 prot & PT_PROT_WRITE ? 'w' : '-', prot & PT_PROT_EXEC ? 'x' : '-', type);
	return buf;
}

/* 4K, 2M, 751.9M: whole KiB below 1 MiB, else MiB to a tenth. */
static const char *size_str(uint64_t bytes, char buf[32])
{
	uint64_t tenths = (bytes * 10) >> 20;

	if (bytes < (1u << 20))
		snprintf(buf, 32, "%lluK", (unsigned long long)(bytes >> 10));
	else if (tenths % 10)
		snprintf(buf, 32, "%llu.%lluM", (unsigned long long)(tenths / 10),
			 (unsigned long long)(tenths % 10));
	else
		snprintf(buf, 32, "%lluM", (unsigned long long)(tenths / 10));
	return buf;
}

void cpu_map_print(const struct cpu_map *m, void (*emit)(const char *line))
{
	char line[160], prot[24], size[32];
	struct pt_stats st;

	for (size_t i = 0; i < m->nregions; i++) {
		const struct cpu_region *r = &m->region[i];

		int len = snprintf(line, sizeof(line), "  0x%010llx-0x%010llx %6s %-18s %s",
				   (unsigned long long)r->start, (unsigned long long)r->end,
				   size_str(r->end - r->start, size), cpu_map_prot_str(r->prot, prot),
				   r->name);

		if (r->va && len > 0 && (size_t)len < sizeof(line))
			snprintf(line + len, sizeof(line) - (size_t)len, ", at VA %#llx",
				 (unsigned long long)r->va);
		emit(line);
	}
	pt_get_stats(&m->pt, &st);
	char bits[32];

	if (m->pt.cfg.ias == m->pt.cfg.oas)
		snprintf(bits, sizeof(bits), "%u-bit VA/PA", m->pt.cfg.ias);
	else
		snprintf(bits, sizeof(bits), "%u-bit VA, %u-bit PA", m->pt.cfg.ias, m->pt.cfg.oas);
	snprintf(line, sizeof(line),
		 "  %s %zuK granule, %s, %u levels from L%u: %zu table pages (%zu/%zu/%zu/%zu per level), %zu KiB",
		 pt_format_name(m->pt.cfg.fmt), m->pt.cfg.granule >> 10, bits, m->pt.levels,
		 m->pt.start_level, pt_stats_tables(&st), st.tables[0], st.tables[1], st.tables[2],
		 st.tables[3], st.table_bytes >> 10);
	emit(line);
}
