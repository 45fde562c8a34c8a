/* SPDX-License-Identifier: MIT */
/*
 * Arm Mali GPU MMU (address-space slots) behind the common GPU MMU interface
 * of drivers/gpu_as.h. Two generations, told apart by GPU_ID:
 *  - job manager GPUs (Midgard, Bifrost, Valhall JM; Linux panfrost): flush a
 *    range with AS LOCK + FLUSH_PT, enable/disable with LOCK + FLUSH_MEM;
 *    MMU_INT bit n + 16 is AS n's bus fault;
 *  - command stream frontend GPUs (Valhall CSF, arch 10+; Linux panthor):
 *    AS LOCK, wait, GPU_CMD FLUSH_CACHES (L2; L2 + LSC for enable/disable),
 *    wait CLEAN_CACHES_COMPLETED, AS UNLOCK; MMU_INT bit n + 16 is "command
 *    completed", not a fault.
 * Table formats: PT_FMT_MALI_LPAE (TRANSTAB carries the mode, panfrost; job
 * manager only) and PT_FMT_ARM64_S1 4K (TRANSCFG AARCH64_4K: CSF GPUs, and
 * job-manager GPUs with HW_FEATURE_AARCH64_MMU).
 *
 * The driver owns no storage: the caller keeps the struct mali_gpu and the
 * struct gpu_as slots.
 */
#ifndef GPUMMU_DRIVERS_MALI_MMU_H
#define GPUMMU_DRIVERS_MALI_MMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gpu_as.h"

#define MALI_MAX_AS 16

/* Every AS_STATUS.AS_ACTIVE wait; Linux panfrost/panthor wait_ready() use 100 ms. */
#define MALI_AS_TIMEOUT_US 100000u
/* GPU_CMD FLUSH_CACHES completion; panthor_gpu_flush_caches() also allows 100 ms. */
#define MALI_FLUSH_TIMEOUT_US 100000u

enum mali_gen {
	MALI_GEN_JM,  /* job manager: AS FLUSH_PT/FLUSH_MEM */
	MALI_GEN_CSF, /* command stream frontend: GPU_CMD FLUSH_CACHES + AS UNLOCK */
};

struct mali_gpu {
	uintptr_t base;
	uint32_t gpu_id;        /* as decoded (mali_gpu_id_normalise) */
	uint32_t mmu_features, as_present;
	unsigned va_bits, pa_bits;
	enum mali_gen gen;
	bool has_transcfg;  /* AS_TRANSCFG exists (arch 6+, i.e. Bifrost and later) */
	bool aarch64_mmu;   /* may walk AArch64 tables (mali_has_aarch64_mmu) */
	bool coherent;      /* the GPU snoops CPU caches (ACE / ACE-Lite) */
	const char *name;
};

/* Read and print GPU_ID, MMU_FEATURES, AS_PRESENT. -ENODEV when they read as nonsense. */
int mali_probe(struct mali_gpu *gpu, uintptr_t base, bool coherent);

/* Bind slot n to as (as->ops, dev, id). -ENODEV when AS n is not present. */
int mali_as_init(struct mali_gpu *gpu, struct gpu_as *as, unsigned n);

/* The table format and geometry this GPU is driven with: clears *cfg, then fills fmt,
 * granule, ias, oas, coherent, flush = gpu_as_pt_flush_ops with as as cookie; the
 * caller adds the allocator (pool or hooks) and pa_offset. */
void mali_pt_cfg(const struct mali_gpu *gpu, struct gpu_as *as, enum pt_format fmt,
		 struct pt_cfg *cfg);
enum pt_format mali_default_format(const struct mali_gpu *gpu);

extern const struct gpu_as_ops mali_as_ops;

/* The AS_LOCKADDR value whose naturally aligned region covers [start, end). */
uint64_t mali_lock_region(uint64_t start, uint64_t end);
/* The region a LOCKADDR value locks (as the hardware reads it). */
void mali_lock_decode(uint64_t lockaddr, uint64_t *base, uint64_t *size);

/*
 * One flush of the region lockaddr names, in this GPU's generation sequence.
 * flush_range uses it with mali_lock_region(); exported so a test can hand it
 * a deliberately short region and see the walker catch it.
 */
int mali_as_flush_lockaddr(struct gpu_as *as, uint64_t lockaddr);

/* MEMATTR for the AttrIndx convention of mmu/pgtable.h (PT_MAIR_VALUE). */
uint64_t mali_memattr(enum pt_format fmt, bool coherent);
/* One MAIR_ELx attribute byte as an AArch64-mode MEMATTR byte (panthor
 * mair_to_memattr(): write-back only when inner and outer both are). */
uint8_t mali_mair_to_memattr(uint8_t attr, bool coherent);
/* Clear the AS's fault, then re-enable it with its table (as panthor after a fault). */
int mali_as_recover(struct gpu_as *as);

/* drivers/mali_faults.c: FAULTSTATUS exception type into words. */
const char *mali_exception_name(uint32_t code);

/* drivers/mali_ids.c: "Mali-T860", ... or "unknown Mali". */
const char *mali_product_name(uint32_t gpu_id);
/* GPU_ID as it is decoded: the T60x's product 0x6956 becomes 0x0600 (arch 0),
 * as panfrost_gpu_init_features() does before anything reads the fields. */
uint32_t mali_gpu_id_normalise(uint32_t gpu_id);
/*
 * May this GPU walk AArch64 tables (TRANSCFG ADRMODE_AARCH64_4K)? Every CSF GPU;
 * a job-manager GPU only with panfrost's HW_FEATURE_AARCH64_MMU (G76, G31, G57).
 * Recent Arm kbase drives every Bifrost in AArch64 mode; this project follows
 * the mainline driver and refuses it on G71/G72/G51/G52 (docs/mali.md).
 */
bool mali_has_aarch64_mmu(uint32_t gpu_id);

#endif
