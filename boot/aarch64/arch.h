/* SPDX-License-Identifier: MIT */
/* AArch64 half of boot/arch.h. */
#ifndef GPUMMU_BOOT_AARCH64_ARCH_H
#define GPUMMU_BOOT_AARCH64_ARCH_H

#include <stdint.h>

#include "boot/aarch64/cpu_regs.h"

static inline uint32_t arch_midr(void)
{
	uint64_t midr;

	__asm__ volatile("mrs %0, midr_el1" : "=r"(midr));
	return (uint32_t)midr;
}

static inline __attribute__((noreturn)) void arch_park_cpu(void)
{
	__asm__ volatile("msr daifset, #0xf");
	for (;;)
		__asm__ volatile("wfi");
}

/* Semihosting on AArch64: operation in w0, parameter block address in x1,
 * result in x0 (Arm semihosting specification, "The semihosting interface"). */
#define ARCH_SEMIHOST_INSN "HLT #0xf000"
static inline uintptr_t arch_semihost(uintptr_t op, void *block)
{
	register uintptr_t x0 __asm__("x0") = op;
	register void *x1 __asm__("x1") = block;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return x0;
}

/* The wrong-address line's advice (boot/early.c): booti moves an arm64
 * Image to text_offset above a 2 MiB aligned base (Linux
 * Documentation/arch/arm64/booting.rst), which is where this one is linked. */
#define ARCH_WRONG_ADDRESS_HINT "load it at its link address, or start it with booti"

/* The core's coherency-enable bit (boot/coherency.h): where the image sets
 * it, and why it reads it nowhere else. */
#define ARCH_COH_BIT       "CPUECTLR_EL1.SMPEN"
#define ARCH_COH_REG       "CPUECTLR_EL1[31:0]"
#define ARCH_COH_WHERE_SET "at EL3"
#define ARCH_COH_WHY_NOT_READ                                                     \
	"below EL3 an access traps unless ACTLR_EL3 (and at EL1 ACTLR_EL2) allows it, " \
	"and ACTLR_EL3 is not readable here"

/* The image is entered at EL3, EL2 or EL1 and runs at EL1. */
static inline const char *arch_level_name(unsigned el)
{
	static const char *const names[] = { "EL0", "EL1", "EL2", "EL3" };

	return names[el & 3];
}

/*
 * Seed for the stack canary: RNDR (FEAT_RNG, ID_AA64ISAR0_EL1.RNDR, Arm ARM
 * DDI 0487 D19 "RNDR", S3_3_C2_C4_0) where the CPU has it; it sets PSTATE.Z
 * (and returns 0) when no random number is available right now, and then,
 * as without FEAT_RNG, the counter spread by a multiply.
 */
#define ARCH_CANARY_MIX 0x9e3779b97f4a7c15ull /* 2^64 / golden ratio */
static inline __attribute__((no_stack_protector)) uint64_t arch_entropy(void)
{
	uint64_t v = 0, z;

	if (FIELD_GET(ISAR0_RNDR, read_sysreg(id_aa64isar0_el1)) >= 1) {
		__asm__ volatile("mrs %0, s3_3_c2_c4_0\n\tcset %1, eq" : "=r"(v), "=r"(z) : : "cc");
		if (z)
			v = 0;
	}
	return v ? v : (read_sysreg(cntpct_el0) + 1) * ARCH_CANARY_MIX;
}

#endif
