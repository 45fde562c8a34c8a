/* SPDX-License-Identifier: MIT */
/*
 * A register-level model of a Mali GPU MMU, strict like silicon, behind the
 * host MMIO layer (tests/host/mmio_host.h). It exists to prove the driver's
 * register sequences against an independent walker.
 *
 * What the model enforces, each rule with its public source; a rule no
 * public source states is marked ASSUMPTION. Read this before trusting a
 * green test.
 *
 * Identity and registers
 *  - GPU_ID, MMU_FEATURES, AS_PRESENT, GPU_INT_*, GPU_CMD, MMU_INT_* and per
 *    AS TRANSTAB, MEMATTR, LOCKADDR, COMMAND, FAULTSTATUS, FAULTADDRESS,
 *    STATUS, TRANSCFG at the offsets of Linux panthor_regs.h / panfrost_regs.h
 *    (Tyr regs.rs agrees); 32-bit accesses only, as both Linux drivers make
 *    them (ASSUMPTION that wider ones fail).
 *  - Arch major is GPU_ID[31:28]; the T60x product 0x6956 reads as 0x0600,
 *    arch 0 (panfrost_gpu.c panfrost_gpu_init_features()). Arch >= 10 is a
 *    CSF GPU (panthor_hw.c), arch >= 6 has AS_TRANSCFG (kbase / panfrost
 *    Bifrost registers).
 *  - AArch64 tables (TRANSCFG ADRMODE_AARCH64_4K) only on CSF GPUs and on the
 *    job-manager products panfrost_features.h marks HW_FEATURE_AARCH64_MMU
 *    (G76, G31, G57); ADRMODE 0 (legacy) does not exist on CSF GPUs (Tyr
 *    AddressSpaceMode, panthor_regs.h list no such mode). An UPDATE latching
 *    a mode the GPU lacks is a violation. Recent kbase drives every Bifrost in
 *    AArch64 mode, so for G71/G72/G51/G52 the refusal is panfrost's rule
 *    followed as policy, not a proven hardware limit.
 *  - TRANSCFG written on a GPU without it is a violation (ASSUMPTION: the
 *    register is absent before arch 6).
 *
 * Commands and their completion
 *  - AS_ACTIVE reads set for busy_reads reads after each accepted command (or
 *    forever when stuck); a command written while AS_ACTIVE is set is dropped
 *    and counted (panfrost/panthor write_cmd() wait for AS_ACTIVE to clear
 *    first; that the hardware drops it is the ASSUMPTION).
 *  - On CSF GPUs MMU_INT_RAWSTAT bit n + 16 is "command completed" for AS n,
 *    set when AS_ACTIVE drops after every command (panthor_mmu.c
 *    panthor_mmu_fault_mask(): "Bits 16 to 31 mean REQ_COMPLETE"; Tyr regs.rs
 *    IRQ_RAWSTAT 31:16 command_completed; that it is set after every command
 *    is the model's reading of those names). On job-manager GPUs it is the
 *    AS's bus fault (panfrost_mmu.c), which the model never raises.
 *    MMU_INT_MASK resets to 0 (ASSUMPTION; the driver is polled).
 *  - Locks: LOCKADDR names a naturally aligned 2^(width+1) byte region
 *    (panthor lock_region(), Tyr LOCKADDR); a width below 14 (32 KiB,
 *    AS_LOCK_REGION_MIN_SIZE), a LOCK while locked, or a FLUSH/UNLOCK without
 *    a lock are violations (ASSUMPTION that hardware misbehaves on them).
 *  - GPU_CMD FLUSH_CACHES while an AS's LOCK is still in progress (AS_ACTIVE)
 *    is a violation: panthor mmu_hw_do_flush_on_gpu_ctrl() and kbase
 *    kbase_mmu_hw_do_flush_on_gpu_ctrl() wait for the lock first.
 *  - AS FLUSH_PT / FLUSH_MEM: accepted on job-manager and on CSF arch 10/11
 *    GPUs (kbase still issues them there), refused from arch 12, where kbase
 *    flushes through GPU_CONTROL instead (mmu_flush_cache_on_gpu_ctrl():
 *    arch_major > 11; that "deprecated" means refused is an ASSUMPTION).
 *    That this project uses GPU_CMD on every CSF GPU is its policy (as
 *    panthor), tested as such, not a model rule.
 *
 * Caches, TLB and walks
 *  - Table walks are written here from the format rules, not taken from the
 *    core: legacy MALI_LPAE (TRANSTAB ADRMODE 3; leaves are type 1 at every
 *    level, tables type 3 at levels 0..2, read/write permission in bits 6/7,
 *    execute-never in bit 54, no access flag: io-pgtable-arm.c ARM_MALI_LPAE)
 *    and AArch64 4K (TRANSCFG ADRMODE 6; DDI 0487 D8: tables and level-3
 *    pages type 3, blocks type 1 at levels 1..2, AF bit 10, AP[2] bit 7
 *    read-only, AP[1] bit 6 must be set since the GPU accesses as
 *    unprivileged (ASSUMPTION, as io-pgtable's ARM_64_LPAE_S1 for IOMMUs),
 *    UXN bit 54).
 *  - The walker reads descriptors through a GPU L2 of 64-byte lines. On a
 *    non-coherent model the L2 fills from "memory", a second copy of every
 *    registered table region that only mali_model_clean() updates from the
 *    CPU copy, one whole 64-byte line at a time; a coherent model reads the
 *    CPU copy and has no L2 (ASSUMPTION: line size and policy).
 *  - A TLB of leaf translations serves entries until UPDATE, UNLOCK,
 *    FLUSH_PT or FLUSH_MEM covering them; FLUSH_PT/FLUSH_MEM also invalidate
 *    the whole L2; GPU_CMD FLUSH_CACHES with the L2 invalidate bit [9] does so
 *    and sets CLEAN_CACHES_COMPLETED (Tyr MmuCommand: FLUSH_PT "clean and
 *    invalidate the L2 cache, then unlock", FLUSH_MEM "all caches";
 *    GPU_COMMAND_FLUSH L2 [11:8], LSC [15:12]).
 *  - Every access leaves lines in the shader cores' load/store caches; only
 *    FLUSH_MEM or a GPU_CMD with LSC clean+invalidate empties them. An UPDATE
 *    that switches the AS's tables while they hold lines is a violation
 *    (panfrost_mmu_enable()/_disable() and panthor_mmu_as_enable()/_disable()
 *    flush the whole VA with FLUSH_MEM first; which data would go wrong is
 *    the ASSUMPTION).
 *  - A fault stops the AS: later accesses through it are not served until
 *    MMU_INT_CLEAR clears its bits and an UPDATE re-enables it (panfrost
 *    as_faulty_mask handling, panthor_vm_active(): clear, unmask, enable).
 *
 * The boards' power-domain models (tests/host/test_mali_board.c)
 *  - RK3399 (pm-domains.c rk3399_pmu, RK3399_PD_GPU): PWRDN_ST follows
 *    PWRDN_CON and BUS_IDLE_ACK / BUS_IDLE_ST follow BUS_IDLE_REQ a few reads
 *    after a write (ASSUMPTION: the delay); a PD_GPU transition while
 *    ACLK_GPU or aclk_gpu_pre is gated (CRU CLKGATE_CON30 bit 8 / CON13 bit
 *    0, clk-rk3399.c; gated at reset: ASSUMPTION) is a violation and does not
 *    complete (rockchip_pmu_block(): "Per Rockchip, we *must* keep certain
 *    clocks enabled for the duration of power-domain transitions").
 *  - RK3588 (pm-domains.c rk3588_pmu, RK3588_PD_GPU): repair status 0x290
 *    bit 1 says on; the idle request 0x10c takes a write-enable mask and
 *    ACK 0x118 / IDLE 0x120 follow it. Any write to PWR_CON 0x14c is a
 *    violation: powering PD_GPU without vdd_gpu_s0 hangs the SoC (Linux
 *    "arm64: dts: rockchip: Add GPU power domain regulator dependency for
 *    RK3588"), and the firmware cannot see that rail: project policy.
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
