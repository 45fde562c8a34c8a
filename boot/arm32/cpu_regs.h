/* SPDX-License-Identifier: MIT */
/*
 * ARMv7-A (AArch32) registers the entry code and the CPU's MMU use. Source:
 * Arm ARM for ARMv7-A/R, DDI 0406C.c: B1.3.1 (CPSR mode field), B4.1
 * (CP15 register descriptions, named per constant), B3.6 / B4.1.153
 * (TTBCR with EAE), B4.1.130 (HCR), B4.1.74 (HCPTR), B1.9.1 (exception
 * vectors). Shared by assembly and C, so plain shifts; C reads fields
 * through the mmu/bits.h masks below.
 */
#ifndef GPUMMU_BOOT_ARM32_CPU_REGS_H
#define GPUMMU_BOOT_ARM32_CPU_REGS_H

/* CPSR.M [4:0] and the mask bits A (8), I (7), F (6); T (5) Thumb state. */
#define MODE_USR 0x10
#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_MON 0x16
#define MODE_ABT 0x17
#define MODE_HYP 0x1a
#define MODE_UND 0x1b
#define MODE_SYS 0x1f
#define MODE_MASK 0x1f
#define PSR_T    (1 << 5)
#define PSR_AIF  (7 << 6)
/* SPSR for the exception return from HYP to SVC: SVC mode, A, I, F masked, ARM. */
#define SPSR_SVC_AIF (MODE_SVC | PSR_AIF)
/* CPSR/SPSR IT[7:2] [15:10] and IT[1:0] [26:25]: Thumb If-Then state. */
#define PSR_IT   ((0x3f << 10) | (3 << 25))

/* SCTLR / HSCTLR: M (MMU), A (alignment check), C (data cache), I
 * (instruction cache), V (high vectors), TE (exceptions in Thumb). */
#define SCTLR_M  (1 << 0)
#define SCTLR_A  (1 << 1)
#define SCTLR_C  (1 << 2)
#define SCTLR_I  (1 << 12)
#define SCTLR_V  (1 << 13)
#define SCTLR_TE (1 << 30)

/* MPIDR (B4.1.106): bit 31 set when the register has the Multiprocessing
 * Extensions format, whose affinity levels are Aff2 [23:16], Aff1 [15:8],
 * Aff0 [7:0] (without it there is no affinity: a uniprocessor). */
#define MPIDR_MP_FORMAT (1u << 31)
#define MPIDR_AFF_MASK  0x00ffffff

/* MIDR (B4.1.105) implementer [31:24] and part number [15:4]: Cortex-A7,
 * -A12, -A15, -A17 (Linux arch/arm/include/asm/cputype.h ARM_CPU_PART_*).
 * RK3288's cores report part 0xc0d, Cortex-A12 (MIDR 0x410fc0d1 in its
 * boot logs; Linux rk3288.dtsi compatible "arm,cortex-a12"), though sold
 * as Cortex-A17. */
#define MIDR_IMPL_PART  0xff00fff0
#define MIDR_CORTEX_A7  0x4100c070
#define MIDR_CORTEX_A12 0x4100c0d0
#define MIDR_CORTEX_A15 0x4100c0f0
#define MIDR_CORTEX_A17 0x4100c0e0
/* ACTLR (IMPLEMENTATION DEFINED) SMP, bit 6, on all four (Cortex-A7 TRM
 * DDI 0464, Cortex-A15 TRM DDI 0438, Cortex-A17 TRM DDI 0535, "Auxiliary
 * Control Register"; TF-A include/lib/cpus/aarch32/cortex_a7.h,
 * cortex_a12.h, cortex_a15.h, cortex_a17.h CORTEX_A*_ACTLR_SMP_BIT; Linux
 * proc-v7.S sets it in __v7_ca12mp_setup as for the others). */
#define ACTLR_SMP       (1 << 6)

/* CPACR (B4.1.40): cp10 and cp11 (VFP/Advanced SIMD) full access. */
#define CPACR_CP10_CP11 (0xf << 20)
/* FPEXC.EN (B6.1.40): the floating-point extension is enabled. */
#define FPEXC_EN        (1 << 30)
/* HCPTR (B4.1.74): bits 13:12 and 9:0 RES1; TCP10/TCP11 (bits 10, 11) and
 * TASE (15), TTA (20), TCPAC (31) clear: nothing trapped to HYP. */
#define HCPTR_BOOT      0x33ff
/* CNTHCTL (B4.1.24): PL1PCEN | PL1PCTEN, PL1 reads the physical counter. */
#define CNTHCTL_BOOT    0x3

/* TTBCR (B4.1.153), beyond what pt_hw_config() gives. */
#define TTBCR_EAE       (1u << 31)

#ifndef __ASSEMBLER__
#include <stdint.h>

#include "mmu/bits.h"

/* ID_MMFR0 (B4.1.89): VMSA support [3:0]; 5 = VMSAv7 with the Long-descriptor
 * translation table format (LPAE). */
#define MMFR0_VMSA      GENMASK(3, 0)
#define MMFR0_VMSA_LPAE 5

/* PAR, 64-bit format after an ATS1C* with TTBCR.EAE = 1 (B4.1.112): F [0],
 * PA [39:12], ATTR [63:56] (the MAIR byte of the translation). */
#define PAR_F    BIT(0)
#define PAR_LPAE BIT(11)
#define PAR_PA   GENMASK(39, 12)
#define PAR_ATTR GENMASK(63, 56)

/* DFSR / IFSR in the Long-descriptor format (B4.1.52, B4.1.96, TTBCR.EAE
 * = 1): STATUS [5:0] (the same codes as AArch64's DFSC/IFSC), LPAE [9] set,
 * WnR [11] (DFSR: a write). Short-descriptor format (EAE = 0, with the MMU
 * off before the image's own map is on): FS[4] at [10], FS[3:0] at [3:0]. */
#define FSR_STATUS   GENMASK(5, 0)
#define FSR_LPAE     BIT(9)
#define FSR_FS4      BIT(10)
#define FSR_FS30     GENMASK(3, 0)
#define FSR_WNR      BIT(11)

/* HSR (B3.13.6): EC [31:26], IL [25], ISS [24:0], as AArch64's ESR. */

#define read_cp15(op1, crn, crm, op2) ({                                                \
		uint32_t v_;                                                            \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2         \
				 : "=r"(v_));                                           \
		v_;                                                                     \
	})
#define write_cp15(op1, crn, crm, op2, v)                                               \
	__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2             \
			 : : "r"((uint32_t)(v)) : "memory")
#define read_cp15_64(op1, crm) ({                                                       \
		uint64_t v_;                                                            \
		__asm__ volatile("mrrc p15, " #op1 ", %Q0, %R0, " #crm : "=r"(v_));     \
		v_;                                                                     \
	})

#define read_sctlr()  read_cp15(0, c1, c0, 0)
#define read_ttbcr()  read_cp15(0, c2, c0, 2)
#define read_mair0()  read_cp15(0, c10, c2, 0)
#define read_mair1()  read_cp15(0, c10, c2, 1)
#define read_ttbr0()  read_cp15_64(0, c2)
#define read_par64()  read_cp15_64(0, c7)
#endif

#endif
