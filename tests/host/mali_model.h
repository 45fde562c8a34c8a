/* SPDX-License-Identifier: MIT */
/*
 * A register-level model of a Mali GPU MMU, strict like silicon, behind the
 * host MMIO layer (tests/host/mmio_host.h). It exists to prove the driver's
 * register sequences against an independent walker.
 *
 * What the model assumes (read this before trusting a green test):
 *  - Registers: GPU_ID (the T60x product 0x6956 read as 0x0600, arch 0:
 *    panfrost_gpu_init_features()), MMU_FEATURES, AS_PRESENT, GPU_INT_*, GPU_CMD,
 *    MMU_INT_*, and per AS TRANSTAB, MEMATTR, LOCKADDR, COMMAND, FAULTSTATUS,
 *    FAULTADDRESS, STATUS, TRANSCFG at the offsets of Linux panthor_regs.h;
 *    32-bit accesses only (anything else is a violation).
 *  - AS_ACTIVE reads set for busy_reads reads after each accepted command (or
 *    forever when stuck). A command written while AS_ACTIVE is set is
 *    dropped and counted as a violation, as hardware would lose it.
 *  - Table walks are written here from the format rules, not taken from the
 *    core: legacy MALI_LPAE (TRANSTAB ADRMODE 3; leaves are type 1 at every
 *    level, tables type 3 at levels 0..2, read/write permission in bits 6/7,
 *    execute-never in bit 54, no access flag) and AArch64 4K (TRANSCFG
 *    ADRMODE 6; tables and level-3 pages type 3, blocks type 1 at levels
 *    1..2, AF bit 10, AP[2] bit 7 read-only, AP[1] bit 6 must be set since the
 *    GPU accesses as unprivileged, UXN bit 54).
 *  - The walker reads descriptors through a GPU L2 of 64-byte lines. On a
 *    non-coherent model the L2 fills from "memory", a second copy of every
 *    registered table region that only mali_model_clean() updates from the
 *    CPU copy, one whole 64-byte line at a time; a coherent model reads the
 *    CPU copy and has no L2.
 *  - A TLB of leaf translations serves entries until UPDATE, UNLOCK,
 *    FLUSH_PT or FLUSH_MEM covering them; FLUSH_PT/FLUSH_MEM (job manager
 *    model) also invalidate the whole L2; GPU_CMD FLUSH_CACHES with the L2
 *    invalidate bit does so on either model and sets CLEAN_CACHES_COMPLETED.
 *  - Locks: LOCKADDR names a naturally aligned 2^(width+1) byte region; a
 *    width below 14 (32 KiB), a LOCK while locked, or a FLUSH/UNLOCK without
 *    a lock are violations. The CSF model refuses AS FLUSH_PT/FLUSH_MEM as a
 *    violation: it enforces panthor's LOCK, GPU_CMD FLUSH_CACHES, UNLOCK
 *    sequence (a policy of this model, not a claim about every CSF part).
 *  - A fault stops the AS: later accesses through it are not served until
 *    MMU_INT_CLEAR clears its bits and an UPDATE re-enables it.
 */
#ifndef GPUMMU_TESTS_HOST_MALI_MODEL_H
#define GPUMMU_TESTS_HOST_MALI_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MALI_MODEL_AS       16
#define MALI_MODEL_TLB      32
#define MALI_MODEL_L2_LINES 128
#define MALI_MODEL_MEMS     4
#define MALI_MODEL_REG_SIZE 0x4000

enum mali_access { MALI_ACC_ATOMIC, MALI_ACC_EXEC, MALI_ACC_READ, MALI_ACC_WRITE };

struct mali_model_cfg {
	uint32_t gpu_id;        /* arch major >= 10 makes a CSF model */
	uint32_t mmu_features;  /* e.g. 0x2830: 48 VA bits, 40 PA bits */
	uint32_t as_present;
	bool coherent;
	unsigned busy_reads;    /* AS_STATUS reads that show AS_ACTIVE after a command */
};

struct mali_model_tlb {
	bool valid;
	uint64_t va, size, pa;
	uint64_t desc;          /* the leaf descriptor, for permission checks */
	unsigned level;
};

struct mali_model_as {
	uint64_t transtab, memattr, lockaddr, transcfg;   /* as written */
	uint64_t a_transtab, a_transcfg;                   /* latched by UPDATE */
	uint32_t faultstatus;
	uint64_t faultaddr;
	unsigned busy;
	bool stuck, faulted, locked;
	bool lsc_lines;      /* the load/store caches hold lines accessed through this AS */
	uint64_t lock_base, lock_size;                     /* size 0: everything */
	struct mali_model_tlb tlb[MALI_MODEL_TLB];
	unsigned tlb_next;
	unsigned long cmds[6];                             /* accepted, per AS_COMMAND */
};

struct mali_model_mem {
	uint64_t pa;
	uint8_t *cpu;           /* the CPU's view (what the core writes) */
	uint8_t *dram;          /* what a non-coherent walker can see */
	size_t size;
};

struct mali_model_line {
	bool valid;
	uint64_t pa;
	uint8_t data[64];
};

struct mali_model {
	struct mali_model_cfg cfg;
	bool csf, has_transcfg, aarch64; /* aarch64: AArch64 tables (HW_FEATURE_AARCH64_MMU) */
	uint32_t mmu_rawstat, mmu_mask, gpu_rawstat;
	unsigned flush_pending;  /* GPU_INT_RAWSTAT reads until CLEAN_CACHES_COMPLETED */
	struct mali_model_as as[MALI_MODEL_AS];
	struct mali_model_line l2[MALI_MODEL_L2_LINES];
	unsigned l2_next;
	struct mali_model_mem mem[MALI_MODEL_MEMS];
	unsigned nmem;
	unsigned long violations, cache_flushes;
	uint32_t last_gpu_cmd;   /* the last GPU_CMD FLUSH_CACHES value written */
	char last_violation[160];
};

void mali_model_init(struct mali_model *m, const struct mali_model_cfg *cfg);
void mali_model_fini(struct mali_model *m);

/* Register the model at base in the host MMIO layer. */
int mali_model_map(struct mali_model *m, uintptr_t base);

/*
 * Table memory the walker may read: PA pa is the host buffer cpu. With poison,
 * "memory" starts as 0xff bytes (valid-looking table descriptors), so a page
 * the CPU zeroed but never cleaned is caught.
 */
int mali_model_add_mem(struct mali_model *m, uint64_t pa, void *cpu, size_t size, bool poison);
/* CPU cache clean: copy every 64-byte line touching [va, va + size) to memory. */
void mali_model_clean(struct mali_model *m, const void *va, size_t size);

/*
 * One GPU access through AS n, as the hardware serves it (TLB, then a walk).
 * 0 and *pa; -EFAULT with the fault raised (FAULTSTATUS, FAULTADDRESS,
 * MMU_INT_RAWSTAT); -EBUSY when the AS is stopped by an earlier fault;
 * -EAGAIN when va lies in a locked region (the access would stall).
 */
int mali_model_access(struct mali_model *m, unsigned n, uint64_t va, enum mali_access acc,
		      uint32_t source, uint64_t *pa);
/* What a fresh walk of memory gives now (no TLB, no L2, nothing raised): 0 and *pa,
 * or the exception code it would raise. */
int mali_model_walk(struct mali_model *m, unsigned n, uint64_t va, enum mali_access acc,
		    uint64_t *pa, uint32_t *code);

void mali_model_set_stuck(struct mali_model *m, unsigned n, bool stuck);
/* Raise a fault as the MMU would (for decode tests of codes a walk cannot make). */
void mali_model_raise(struct mali_model *m, unsigned n, uint32_t code, enum mali_access acc,
		      uint32_t source, uint64_t addr);

#endif
