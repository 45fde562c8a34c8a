/* SPDX-License-Identifier: MIT */
/*
 * System register values the entry code programs when it drops to EL1.
 * Shared by assembly and C. Source: Arm ARM (DDI 0487), chapter D19
 * (AArch64 system register descriptions); the register named per constant.
 */
#ifndef GPUMMU_BOOT_SYSREGS_H
#define GPUMMU_BOOT_SYSREGS_H

/* SCR_EL3: RW (EL2/EL1 are AArch64), bits 5:4 RES1, NS (lower ELs non-secure). */
#define SCR_EL3_RW   (1 << 10)
#define SCR_EL3_RES1 (3 << 4)
#define SCR_EL3_NS   (1 << 0)
#define SCR_EL3_BOOT (SCR_EL3_RW | SCR_EL3_RES1 | SCR_EL3_NS)

/* HCR_EL2: RW (EL1 is AArch64); everything else off (no stage 2, no traps). */
#define HCR_EL2_RW   (1 << 31)
#define HCR_EL2_BOOT HCR_EL2_RW

/* CNTHCTL_EL2 (E2H=0): EL1PCEN | EL1PCTEN, EL1 reads the physical counter. */
#define CNTHCTL_EL2_BOOT 0x3

/*
 * CPTR_EL2 (E2H = 0): its RES1 bits are 13, 12, 9 and 7:0 (0x32ff, Linux
 * arch/arm64/include/asm/kvm_arm.h CPTR_NVHE_EL2_RES1; bit 12 is TSM where
 * FEAT_SME exists). Bit 8 is TZ: set, SVE traps to EL2, as it traps to EL3
 * with CPTR_EL3.EZ clear below (the image has no SVE code). TFP (bit 10),
 * TAM (30) and TCPAC (31) clear: FP/SIMD, AMU and CPACR_EL1 not trapped.
 */
#define CPTR_EL2_RES1 0x32ff
#define CPTR_EL2_TZ   (1 << 8)
#define CPTR_EL2_BOOT (CPTR_EL2_RES1 | CPTR_EL2_TZ)
/* CPTR_EL3: TFP (bit 10) clear: no FP trap; EZ (bit 8) clear: SVE traps. */
#define CPTR_EL3_BOOT 0x0
/* CPACR_EL1: FPEN (bits 21:20) = 0b11, FP/SIMD untrapped at EL0 and EL1. */
#define CPACR_EL1_BOOT (3 << 20)

/*
 * SCTLR_EL1: RES1 bits 29, 28, 23, 22, 20, 11; I (bit 12) instruction cache on
 * for speed on real cores; SA (bit 3) stack alignment check; M, C, A clear:
 * the CPU MMU stays off, so data accesses are Device memory.
 */
#define SCTLR_EL1_RES1 0x30d00800
#define SCTLR_EL1_I    (1 << 12)
#define SCTLR_EL1_SA   (1 << 3)
/* Before the drop to EL1: a known value with the I-cache still off, so that
 * el1_entry can invalidate it before turning it on. */
#define SCTLR_EL1_EARLY (SCTLR_EL1_RES1 | SCTLR_EL1_SA)
#define SCTLR_EL1_BOOT  (SCTLR_EL1_EARLY | SCTLR_EL1_I)

/* SPSR for the eret to EL1: M = EL1h (0b0101), D, A, I, F masked. */
#define SPSR_EL1H_DAIF 0x3c5

/* ID_AA64PFR0_EL1.EL2, bits 11:8: nonzero when EL2 is implemented. */
#define ID_AA64PFR0_EL2_SHIFT 8

#endif
