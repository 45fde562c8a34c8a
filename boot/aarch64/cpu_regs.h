/* SPDX-License-Identifier: MIT */
/*
 * AArch64 system register fields the CPU's MMU uses. Source: Arm ARM DDI
 * 0487, D19 (the register named per constant). Shared by C and assembly, so
 * plain shifts here; C code reads fields through mmu/bits.h masks below.
 */
#ifndef GPUMMU_BOOT_AARCH64_CPU_REGS_H
#define GPUMMU_BOOT_AARCH64_CPU_REGS_H

/* SCTLR_EL1 / SCTLR_ELx: M (stage 1 MMU), C (data cache), I (instruction cache). */
#define SCTLR_M (1 << 0)
#define SCTLR_C (1 << 2)
#define SCTLR_I (1 << 12)

/* MIDR_EL1 implementer [31:24] and part number [15:4] (Arm ARM D19
 * "MIDR_EL1"; the parts: Linux arch/arm64/include/asm/cputype.h). */
#define MIDR_IMPL_PART  0xff00fff0
#define MIDR_CORTEX_A53 0x4100d030
#define MIDR_CORTEX_A72 0x4100d080

/* CPUECTLR_EL1, IMPLEMENTATION DEFINED at S3_1_C15_C2_1 on both cores, SMPEN
 * bit 6 (Cortex-A53 TRM, Arm DDI 0500, and Cortex-A72 TRM, Arm 100095,
 * "CPUECTLR_EL1"; TF-A include/lib/cpus/aarch64/cortex_a53.h, cortex_a72.h
 * CORTEX_A5x_ECTLR_EL1 and _SMP_BIT). */
#define CPUECTLR_EL1       s3_1_c15_c2_1
#define CPUECTLR_SMPEN_BIT 6

#ifndef __ASSEMBLER__
#include <stdint.h>

#include "mmu/bits.h"

/* ID_AA64MMFR0_EL1 */
#define MMFR0_PARANGE   GENMASK(3, 0)    /* 0..6: 32, 36, 40, 42, 44, 48, 52 bits */
#define MMFR0_TGRAN4    GENMASK(31, 28)  /* 0b1111: no 4 KiB granule */
#define MMFR0_TGRAN4_NONE 0xf
/* ID_AA64MMFR1_EL1 */
#define MMFR1_PAN       GENMASK(23, 20)  /* nonzero: FEAT_PAN */
/* ID_AA64ISAR0_EL1 */
#define ISAR0_TLB       GENMASK(59, 56)  /* 0b0010: FEAT_TLBIRANGE (and TLBIOS) */
#define ISAR0_TLB_RANGE 2
#define ISAR0_RNDR      GENMASK(63, 60)  /* 0b0001: FEAT_RNG, RNDR readable */

/* TCR_EL1 fields beyond the TTBR0 ones pt_hw_config() gives. */
#define TCR_EPD1        BIT(23)          /* no walks through TTBR1_EL1 */
#define TCR_TG1         GENMASK(31, 30)
#define TCR_TG1_4K      2

#define read_sysreg(name) ({                                            \
		uint64_t v_;                                            \
		__asm__ volatile("mrs %0, " #name : "=r"(v_));          \
		v_;                                                     \
	})
#endif

#endif
