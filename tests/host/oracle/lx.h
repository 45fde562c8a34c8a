/* SPDX-License-Identifier: MIT */
/*
 * The oracle: Linux drivers/iommu/io-pgtable-arm.c (Debian's linux-source
 * package, built at test time, see tests/host/oracle.mk) driven the way the
 * kernel drives it, behind plain C types so that callers need no kernel
 * header. Implemented in lx_iommu.c.
 *
 *  lx_map        iommu_map(): the range split by the pgsize_bitmap
 *                (largest page size that IOVA, PA and the rest allow, as
 *                iommu_pgsize() does), one ops->map_pages() per piece, the
 *                pieces already mapped unmapped again on an error; then the
 *                driver's flush of the mapped range when flush_on_map (as
 *                panfrost does after a map).
 *  lx_map_pages  a driver calling ops->map_pages() directly with its own
 *                pgsize (panthor, panfrost), looping until count pages are
 *                mapped; on an error the pages mapped are unmapped again.
 *  lx_unmap      iommu_unmap(): gather init, the same split, one
 *                ops->unmap_pages() per piece until the range is done or a
 *                piece unmaps nothing, then iommu_iotlb_sync().
 *  lx_unmap_pages a driver calling ops->unmap_pages() directly with its
 *                pgsize (the undo of lx_map_pages), one gather, one sync.
 * The TLB callbacks are those of an SMMUv3-like driver (arm-smmu-v3.c):
 * tlb_add_page gathers (syncing first when the page is disjoint or of
 * another size, iommu_iotlb_gather_add_page()), tlb_flush_walk flushes at
 * once, iotlb_sync flushes the gathered range.
 *
 * Prot is gpummu's PT_PROT_* vocabulary (mmu/pgtable.h), translated to
 * IOMMU_* as a Linux caller asking for the same thing would: READ, WRITE,
 * PRIV as such; no EXEC -> IOMMU_NOEXEC; cached -> IOMMU_CACHE; DEVICE ->
 * IOMMU_MMIO; NONCACHED -> neither.
 *
 * One domain at a time (Linux's __va()/virt_to_phys() take no context: the
 * live domain's pa_offset is the oracle's one global).
 */
#ifndef GPUMMU_TESTS_HOST_ORACLE_LX_H
#define GPUMMU_TESTS_HOST_ORACLE_LX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmu/pool.h"

enum lx_fmt { LX_ARM64_S1, LX_MALI_LPAE, LX_ARM32_LPAE_S1 };

struct lx_flush_hooks {
	/* Called at every TLB maintenance the driver performs, after counting. */
	void (*sync)(void *ctx, uint64_t start, uint64_t end, size_t pgsize);
	void (*walk)(void *ctx, uint64_t iova, size_t size, size_t granule);
	void *ctx;
};

struct lx_cfg {
	enum lx_fmt fmt;
	size_t granule;        /* 4K, 16K, 64K: pgsize_bitmap = granule and its block sizes */
	unsigned ias, oas;
	bool coherent;
	bool flush_on_map;     /* flush the range after a map (Mali drivers) */
	struct pool *pool;     /* table memory */
	int64_t pa_offset;     /* table PA = host address + pa_offset */
	bool custom_alloc;     /* cfg->alloc/free hooks (panthor) instead of iommu_alloc_pages_node */
	const struct lx_flush_hooks *hooks;
};

/* What Linux's io_pgtable_cfg says to program, in the hardware's layouts. */
struct lx_regs {
	uint64_t ttbr;         /* ARM64_S1: arm_lpae_s1_cfg.ttbr */
	/* arm_lpae_s1_cfg.tcr, field by field (TCR_EL1 TTBR0 encodings) */
	unsigned tcr_tsz, tcr_irgn, tcr_orgn, tcr_sh, tcr_tg, tcr_ips;
	uint64_t mair;         /* arm_lpae_s1_cfg.mair */
	uint64_t transtab;     /* MALI_LPAE: arm_mali_lpae_cfg.transtab */
	uint64_t memattr;      /* MALI_LPAE: arm_mali_lpae_cfg.memattr */
	unsigned long pgsize_bitmap;
	unsigned ias, oas;     /* as io-pgtable restricted them */
};

struct lx_stats {
	unsigned long syncs;      /* iotlb_sync / flush-after-map with a non-empty range */
	unsigned long walk_flushes;
	unsigned long flush_all;
	unsigned long add_page;
};

struct lx_dom;

/* NULL when Linux refuses the configuration (alloc_io_pgtable_ops NULL) or
 * another domain is live. */
struct lx_dom *lx_new(const struct lx_cfg *cfg);
/* free_io_pgtable_ops(): every table back to the pool. */
void lx_free(struct lx_dom *d);

int lx_map(struct lx_dom *d, uint64_t iova, uint64_t pa, uint64_t size, unsigned prot);
int lx_map_pages(struct lx_dom *d, uint64_t iova, uint64_t pa, size_t pgsize, size_t count,
		 unsigned prot);
uint64_t lx_unmap(struct lx_dom *d, uint64_t iova, uint64_t size);
uint64_t lx_unmap_pages(struct lx_dom *d, uint64_t iova, size_t pgsize, size_t count);
/* ops->iova_to_phys(): 0 when not mapped (Linux's convention). */
uint64_t lx_iova_to_phys(struct lx_dom *d, uint64_t iova);

void lx_get_regs(const struct lx_dom *d, struct lx_regs *r);
void lx_get_stats(const struct lx_dom *d, struct lx_stats *s);

/* WARN/WARN_ON/BUG_ON hits in Linux code since start, and the last one's place. */
unsigned long lx_warn_count(void);
const char *lx_last_warn(void);

/* Linux's own arm_lpae_do_selftests() (CONFIG_IOMMU_IO_PGTABLE_LPAE_SELFTEST
 * build of io-pgtable-arm.c), tables from pool: 0 when it passes. */
int lx_run_linux_selftest(struct pool *pool, int64_t pa_offset);

/* "6.12.117 (linux-source-6.12 6.12.117-1~deb12u1)": what the oracle is built from. */
const char *lx_version(void);

#endif
