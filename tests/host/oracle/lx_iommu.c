/* SPDX-License-Identifier: MIT */
/*
 * The oracle's driver side: creates a Linux io-pgtable for a gpummu-style
 * configuration and calls it the way the kernel's iommu core and its
 * drivers do (see lx.h). Compiled with the kernel stand-in
 * (lx_kernel.h) and Linux's own include/linux/io-pgtable.h, so the
 * structures are Linux's. The iommu-core behaviour re-derived here, from
 * Linux drivers/iommu/iommu.c and include/linux/iommu.h (6.12), not copied:
 *  - iommu_pgsize(): the largest supported page size not above the
 *    remaining size nor the alignment of IOVA | PA; the count of those
 *    pages stops at the next larger page size's boundary when the rest of
 *    the range could use that larger size there (IOVA and PA equally
 *    offset in it);
 *  - __iommu_map(): all of IOVA, PA and size aligned to the smallest page
 *    size (-EINVAL); one map_pages per split; on an error, iommu_unmap()
 *    of what was mapped;
 *  - __iommu_unmap(): IOVA and size aligned (else 0); unmap_pages per
 *    split until done or a call unmaps nothing; iommu_iotlb_sync() after;
 *  - iommu_iotlb_gather_add_page(): sync first if the page is disjoint from
 *    the gathered range or of another size, then merge it.
 */
#include <errno.h>
#include <linux/io-pgtable.h>

#include "mmu/pgtable.h"
#include "tests/host/oracle/lx.h"

struct lx_dom {
	struct io_pgtable_ops *ops;
	struct io_pgtable_cfg cfg;     /* as io-pgtable returned it (restricted sizes) */
	struct lx_cfg c;
	struct lx_stats st;
};

int64_t lx_pa_offset;
static struct pool *cur_pool;      /* the live domain's table memory */
static bool live;
static unsigned long warns;
static char last_warn[160];

void lx_warn(const char *file, int line)
{
	const char *base = strrchr(file, '/');

	warns++;
	snprintf(last_warn, sizeof(last_warn), "%s:%d", base ? base + 1 : file, line);
}

unsigned long lx_warn_count(void)
{
	return warns;
}

const char *lx_last_warn(void)
{
	return last_warn;
}

/* Pool blocks are 4K, 16K or 64K; a root smaller than a page takes a page. */
static size_t pool_size_for(size_t size)
{
	return size < PAGE_SIZE ? PAGE_SIZE : size;
}

void *lx_page_alloc(size_t size)
{
	return cur_pool ? pool_alloc(cur_pool, pool_size_for(size)) : NULL;
}

void lx_page_free(void *va, size_t size)
{
	pool_free(cur_pool, va, pool_size_for(size));
}

static void *hook_alloc(void *cookie, size_t size, gfp_t gfp)
{
	(void)cookie, (void)gfp;
	return lx_page_alloc(size);
}

static void hook_free(void *cookie, void *va, size_t size)
{
	(void)cookie;
	lx_page_free(va, size);
}

/* ---- the driver's TLB maintenance (SMMUv3-like) ---- */

static void gather_init(struct iommu_iotlb_gather *g)
{
	*g = (struct iommu_iotlb_gather){ .start = ULONG_MAX };
}

static void flush_range(struct lx_dom *d, uint64_t start, uint64_t end, size_t pgsize)
{
	d->st.syncs++;
	if (d->c.hooks && d->c.hooks->sync)
		d->c.hooks->sync(d->c.hooks->ctx, start, end, pgsize);
}

/* iommu_iotlb_sync(): the gathered range, if any, then the gather starts anew. */
static void iotlb_sync(struct lx_dom *d, struct iommu_iotlb_gather *g)
{
	if (g->end)
		flush_range(d, g->start, g->end + 1, g->pgsize);
	gather_init(g);
}

static void tlb_flush_all(void *cookie)
{
	((struct lx_dom *)cookie)->st.flush_all++;
}

static void tlb_flush_walk(unsigned long iova, size_t size, size_t granule, void *cookie)
{
	struct lx_dom *d = cookie;

	d->st.walk_flushes++;
	if (d->c.hooks && d->c.hooks->walk)
		d->c.hooks->walk(d->c.hooks->ctx, iova, size, granule);
}

static void tlb_add_page(struct iommu_iotlb_gather *g, unsigned long iova, size_t granule,
			 void *cookie)
{
	struct lx_dom *d = cookie;
	unsigned long end = iova + granule - 1;

	d->st.add_page++;
	if (!g) {
		flush_range(d, iova, iova + granule, granule);
		return;
	}
	if ((g->pgsize && g->pgsize != granule) ||
	    (g->end && (end + 1 < g->start || iova > g->end + 1)))
		iotlb_sync(d, g);
	g->pgsize = granule;
	if (g->start > iova)
		g->start = iova;
	if (g->end < end)
		g->end = end;
}

static const struct iommu_flush_ops flush_ops = {
	.tlb_flush_all = tlb_flush_all,
	.tlb_flush_walk = tlb_flush_walk,
	.tlb_add_page = tlb_add_page,
};

/* ---- creation ---- */

static unsigned long pgsizes_for(size_t granule)
{
	switch (granule) {
	case SZ_4K: return SZ_4K | SZ_2M | SZ_1G;
	case SZ_16K: return SZ_16K | SZ_32M;
	case SZ_64K: return SZ_64K | SZ_512M;
	default: return 0;
	}
}

static const enum io_pgtable_fmt fmt_map[] = {
	[LX_ARM64_S1] = ARM_64_LPAE_S1,
	[LX_MALI_LPAE] = ARM_MALI_LPAE,
	[LX_ARM32_LPAE_S1] = ARM_32_LPAE_S1,
};

struct lx_dom *lx_new(const struct lx_cfg *c)
{
	struct lx_dom *d;

	if (live || (unsigned)c->fmt >= ARRAY_SIZE(fmt_map))
		return NULL;
	d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->c = *c;
	d->cfg = (struct io_pgtable_cfg){
		.pgsize_bitmap = pgsizes_for(c->granule),
		.ias = c->ias,
		.oas = c->oas,
		.coherent_walk = c->coherent,
		.tlb = &flush_ops,
		.alloc = c->custom_alloc ? hook_alloc : NULL,
		.free = c->custom_alloc ? hook_free : NULL,
	};
	cur_pool = c->pool;
	lx_pa_offset = c->pa_offset;
	d->ops = alloc_io_pgtable_ops(fmt_map[c->fmt], &d->cfg, d);
	if (!d->ops) {
		cur_pool = NULL;
		free(d);
		return NULL;
	}
	/* alloc_io_pgtable_ops() fills its own copy: read the outputs there. */
	d->cfg = io_pgtable_ops_to_pgtable(d->ops)->cfg;
	live = true;
	return d;
}

void lx_free(struct lx_dom *d)
{
	if (!d)
		return;
	free_io_pgtable_ops(d->ops);
	free(d);
	cur_pool = NULL;
	live = false;
}

void lx_get_regs(const struct lx_dom *d, struct lx_regs *r)
{
	const struct io_pgtable_cfg *cfg = &d->cfg;

	memset(r, 0, sizeof(*r));
	r->pgsize_bitmap = cfg->pgsize_bitmap;
	r->ias = cfg->ias;
	r->oas = cfg->oas;
	if (d->c.fmt == LX_MALI_LPAE) {
		r->transtab = cfg->arm_mali_lpae_cfg.transtab;
		r->memattr = cfg->arm_mali_lpae_cfg.memattr;
		return;
	}
	r->ttbr = cfg->arm_lpae_s1_cfg.ttbr;
	r->mair = cfg->arm_lpae_s1_cfg.mair;
	r->tcr_tsz = cfg->arm_lpae_s1_cfg.tcr.tsz;
	r->tcr_irgn = cfg->arm_lpae_s1_cfg.tcr.irgn;
	r->tcr_orgn = cfg->arm_lpae_s1_cfg.tcr.orgn;
	r->tcr_sh = cfg->arm_lpae_s1_cfg.tcr.sh;
	r->tcr_tg = cfg->arm_lpae_s1_cfg.tcr.tg;
	r->tcr_ips = cfg->arm_lpae_s1_cfg.tcr.ips;
}

void lx_get_stats(const struct lx_dom *d, struct lx_stats *s)
{
	*s = d->st;
}

/* ---- the iommu core's calls ---- */

static int iommu_prot(unsigned prot)
{
	int p = 0;

	if (prot & PT_PROT_READ)
		p |= IOMMU_READ;
	if (prot & PT_PROT_WRITE)
		p |= IOMMU_WRITE;
	if (!(prot & PT_PROT_EXEC))
		p |= IOMMU_NOEXEC;
	if (prot & PT_PROT_PRIV)
		p |= IOMMU_PRIV;
	if (prot & PT_PROT_DEVICE)
		p |= IOMMU_MMIO;
	else if (!(prot & PT_PROT_NONCACHED))
		p |= IOMMU_CACHE;
	return p;
}

static size_t pgsize_for(const struct lx_dom *d, uint64_t iova, uint64_t pa, uint64_t size,
			 size_t *count)
{
	unsigned long bitmap = d->cfg.pgsize_bitmap, sizes, larger;
	uint64_t addr = iova | pa;
	size_t pgsize, next;

	sizes = bitmap & GENMASK(__fls(size), 0);
	if (addr)
		sizes &= GENMASK(__ffs(addr), 0);
	if (WARN_ON(!sizes))
		return 0;
	pgsize = 1UL << __fls(sizes);
	larger = bitmap & ~GENMASK(__fls(sizes), 0);
	if (larger) {
		next = 1UL << __ffs(larger);
		if (!((iova ^ pa) & (next - 1))) {
			uint64_t to_next = next - (addr & (next - 1));

			if (to_next + next <= size)
				size = to_next;
		}
	}
	*count = size / pgsize;
	return pgsize;
}

static uint64_t min_pgsize(const struct lx_dom *d)
{
	return 1UL << __ffs(d->cfg.pgsize_bitmap);
}

uint64_t lx_unmap(struct lx_dom *d, uint64_t iova, uint64_t size)
{
	struct iommu_iotlb_gather g;
	uint64_t done = 0;

	gather_init(&g);
	if ((iova | size) & (min_pgsize(d) - 1))
		return 0;
	while (done < size) {
		size_t count, pgsize = pgsize_for(d, iova, iova, size - done, &count);
		size_t n = pgsize ? d->ops->unmap_pages(d->ops, iova, pgsize, count, &g) : 0;

		if (!n)
			break;
		iova += n;
		done += n;
	}
	iotlb_sync(d, &g);
	return done;
}

uint64_t lx_unmap_pages(struct lx_dom *d, uint64_t iova, size_t pgsize, size_t count)
{
	struct iommu_iotlb_gather g;
	uint64_t done = 0, size = (uint64_t)pgsize * count;

	gather_init(&g);
	while (done < size) {
		size_t n = d->ops->unmap_pages(d->ops, iova + done, pgsize, (size - done) / pgsize, &g);

		if (!n)
			break;
		done += n;
	}
	iotlb_sync(d, &g);
	return done;
}

static void flush_mapped(struct lx_dom *d, uint64_t iova, uint64_t size)
{
	if (d->c.flush_on_map && size)
		flush_range(d, iova, iova + size, min_pgsize(d));
}

int lx_map(struct lx_dom *d, uint64_t iova, uint64_t pa, uint64_t size, unsigned prot)
{
	uint64_t left = size, at = iova;
	int p = iommu_prot(prot), ret = 0;

	if ((iova | pa | size) & (min_pgsize(d) - 1))
		return -EINVAL;
	while (left) {
		size_t count, mapped = 0, pgsize = pgsize_for(d, at, pa, left, &count);

		if (!pgsize)
			return -EINVAL;
		ret = d->ops->map_pages(d->ops, at, pa, pgsize, count, p, GFP_KERNEL, &mapped);
		left -= mapped;
		if (ret)
			break;
		at += mapped;
		pa += mapped;
	}
	if (ret) {
		lx_unmap(d, iova, size - left);
		return ret;
	}
	flush_mapped(d, iova, size);
	return 0;
}

int lx_map_pages(struct lx_dom *d, uint64_t iova, uint64_t pa, size_t pgsize, size_t count,
		 unsigned prot)
{
	uint64_t done = 0, size = (uint64_t)pgsize * count;
	int p = iommu_prot(prot), ret = 0;

	while (done < size) {
		size_t mapped = 0;

		ret = d->ops->map_pages(d->ops, iova + done, pa + done, pgsize,
					(size - done) / pgsize, p, GFP_KERNEL, &mapped);
		done += mapped;
		if (ret)
			break;
	}
	if (ret) {
		lx_unmap_pages(d, iova, pgsize, done / pgsize);
		return ret;
	}
	flush_mapped(d, iova, size);
	return 0;
}

uint64_t lx_iova_to_phys(struct lx_dom *d, uint64_t iova)
{
	return d->ops->iova_to_phys(d->ops, iova);
}

/* ---- Linux's own selftest ---- */

int lx_linux_selftest(void);

int lx_run_linux_selftest(struct pool *pool, int64_t pa_offset)
{
	unsigned long before = warns;
	int ret;

	if (live)
		return -EBUSY;
	cur_pool = pool;
	lx_pa_offset = pa_offset;
	ret = lx_linux_selftest();
	cur_pool = NULL;
	return ret ? ret : warns != before ? -EFAULT : 0;
}

const char *lx_version(void)
{
	return LX_KERNEL_VERSION " (" LX_PACKAGE_VERSION ")";
}
