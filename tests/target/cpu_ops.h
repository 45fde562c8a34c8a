/* SPDX-License-Identifier: MIT */
/*
 * The instructions the frame and CPU-MMU self-tests (test_boot.c,
 * test_cpu_mmu.c) need, per architecture: tests/target/aarch64/cpu_ops.c
 * and tests/target/arm32/cpu_ops.c. The tests themselves are the same on
 * both; what a walker must do is the architecture's (DDI 0487 / DDI 0406C).
 */
#ifndef GPUMMU_TESTS_TARGET_CPU_OPS_H
#define GPUMMU_TESTS_TARGET_CPU_OPS_H

#include <stdbool.h>
#include <stdint.h>

/* The privilege level running now (1 = EL1 / PL1 SVC mode) and its name. */
unsigned cpu_current_level(void);
/* A value through a floating-point/SIMD register and back: traps unless
 * FP/SIMD (VFP) was enabled at boot. */
uint64_t cpu_fp_roundtrip(uint64_t v);

/* Loads and stores with EL0's (PL0's) permissions from EL1 (LDTR/STTR,
 * LDRT/STRT). */
void cpu_user_load32(void *p);
void cpu_user_store32(void *p);
/* FEAT_PAN, and a privileged load with PSTATE.PAN set (false/none: no PAN). */
bool cpu_has_pan(void);
void cpu_pan_load32(void *p);
uint64_t cpu_pan_now(void);

/* A function that returns at once, as one instruction word to store into
 * memory (RET, BX LR), and making such a word fetchable (clean to PoU,
 * invalidate the instruction cache, barriers). */
extern const uint32_t cpu_ret_insn;
void cpu_publish_code(const void *p);

/* The hardware's own translation of va (AT S1E1R/W, ATS1CPR/W): false when
 * it faults, else true with the PA and the MAIR attribute byte. */
bool cpu_translate(uint64_t va, bool write, uint64_t *pa, unsigned *attr);
/* The attribute byte at index idx of the MAIR in use. */
unsigned cpu_mair_attr(unsigned idx);
/* The running level's system control register (SCTLR_EL1, SCTLR): M [0],
 * C [2] and I [12] sit at the same bits on both (DDI 0487 D19, DDI 0406C
 * B4.1.130). */
uint64_t cpu_sctlr(void);
#define CPU_SCTLR_M (1ull << 0)
#define CPU_SCTLR_C (1ull << 2)
#define CPU_SCTLR_I (1ull << 12)

#endif
