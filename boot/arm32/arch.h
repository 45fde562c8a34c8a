/* SPDX-License-Identifier: MIT */
/* AArch32 (ARMv7-A) half of boot/arch.h. */
#ifndef GPUMMU_BOOT_ARM32_ARCH_H
#define GPUMMU_BOOT_ARM32_ARCH_H

#include <stdint.h>

/* MIDR: c0, c0, 0 (DDI 0406C B4.1.105). */
static inline uint32_t arch_midr(void)
{
	uint32_t midr;

	__asm__ volatile("mrc p15, 0, %0, c0, c0, 0" : "=r"(midr));
	return midr;
}

static inline __attribute__((noreturn)) void arch_park_cpu(void)
{
	__asm__ volatile("cpsid aif");
	for (;;)
		__asm__ volatile("wfi");
}

/*
 * Semihosting on AArch32 in ARM state: SVC #0x123456, operation in r0,
 * parameter block address in r1, result in r0 (Arm semihosting
 * specification, "The semihosting interface"; OpenOCD serves it on ARMv7-A
 * with a vector catch on SVC). HLT #0xF000 is the ARMv8 form and is
 * undefined on an ARMv7 core. The image runs in SVC mode, so where nobody
 * serves the call the exception is taken to SVC mode and overwrites LR_svc
 * and SPSR_svc: lr is clobbered.
 */
#define ARCH_SEMIHOST_INSN "SVC #0x123456"
static inline uintptr_t arch_semihost(uintptr_t op, void *block)
{
	register uintptr_t r0 __asm__("r0") = op;
	register void *r1 __asm__("r1") = block;

	__asm__ volatile("svc #0x123456" : "+r"(r0) : "r"(r1) : "memory", "lr");
	return r0;
}

/* The wrong-address line's advice (boot/early.c): U-Boot's bootz runs a
 * zImage where it was loaded (arch/arm/lib/zimage.c reads the header, moves
 * nothing), so only the load address can be right. */
#define ARCH_WRONG_ADDRESS_HINT "load it at its link address (bootz does not move it)"

/* The core's coherency-enable bit (boot/coherency.h): ACTLR is readable at
 * PL1 and PL2 and writable only in Secure state (NSACR.NS_SMP aside), so it
 * is always read and set only there. */
#define ARCH_COH_BIT          "ACTLR.SMP"
#define ARCH_COH_REG          "ACTLR"
#define ARCH_COH_WHERE_SET    "in Secure state"
#define ARCH_COH_WHY_NOT_READ "not expected on ARMv7"

/* image_entry_el(): 2 = entered in HYP mode, 1 = SVC (or another PL1
 * mode); 3 = Monitor mode. The image runs in SVC mode. */
static inline const char *arch_level_name(unsigned el)
{
	static const char *const names[] = { "USR (PL0)", "SVC mode (PL1)", "HYP mode (PL2)",
					     "Monitor mode" };

	return names[el & 3];
}

/* Seed for the stack canary: ARMv7 has no random number instruction, so
 * the physical counter (CNTPCT, MRRC c14) spread by a multiply. */
#define ARCH_CANARY_MIX 0x9e3779b97f4a7c15ull /* 2^64 / golden ratio */
static inline __attribute__((no_stack_protector)) uint64_t arch_entropy(void)
{
	uint64_t c;

	__asm__ volatile("isb\n\tmrrc p15, 0, %Q0, %R0, c14" : "=r"(c));
	return (c + 1) * ARCH_CANARY_MIX;
}

#endif
