/* SPDX-License-Identifier: MIT */
/* AArch32 (ARMv7-A) half of tests/target/cpu_ops.h (DDI 0406C.c, instructions named). */
#include "boot/arm32/cpu_regs.h"
#include "tests/target/cpu_ops.h"

/* 1 in SVC mode, where the image runs (PL1, EL1 in ARMv8 terms); HYP 2,
 * Monitor 3, USR 0; another PL1 mode (ABT, UND...) 4: not where the image
 * should be running. */
unsigned cpu_current_level(void)
{
	uint32_t cpsr;

	__asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
	switch (cpsr & MODE_MASK) {
	case MODE_USR: return 0;
	case MODE_HYP: return 2;
	case MODE_MON: return 3;
	default: return (cpsr & MODE_MASK) == MODE_SVC ? 1 : 4;
	}
}

/* VMOV to a D register of the upper bank (D16-D31, Advanced SIMD) and back. */
uint64_t cpu_fp_roundtrip(uint64_t in)
{
	uint64_t out;

	__asm__ volatile(".fpu neon\n\tvmov d17, %Q1, %R1\n\tvmov d7, d17\n\tvmov %Q0, %R0, d7"
			 : "=r"(out) : "r"(in) : "d7", "d17");
	return out;
}

/* LDRT/STRT (A8.8.92, A8.8.211): the access is checked as if from PL0.
 * Both are post-indexed (the base is written back, here + 0), and a base
 * register equal to Rt is UNPREDICTABLE: the value is early-clobber and
 * the base an in-out operand, so the compiler never gives them one register. */
void cpu_user_load32(void *p)
{
	uint32_t v;

	__asm__ volatile("ldrt %0, [%1]" : "=&r"(v), "+r"(p) : : "memory");
}

void cpu_user_store32(void *p)
{
	__asm__ volatile("strt %1, [%0]" : "+r"(p) : "r"(0) : "memory");
}

/* PAN is ARMv8.1; no ARMv7 core has it. */
bool cpu_has_pan(void)
{
	return false;
}

void cpu_pan_load32(void *p)
{
	(void)*(volatile uint32_t *)p;
}

uint64_t cpu_pan_now(void)
{
	return 0;
}

const uint32_t cpu_ret_insn = 0xe12fff1eu; /* BX LR, ARM state (A8.8.27) */

/* B2.2.7 "ensuring the visibility of updates to instructions": DCCMVAU,
 * DSB, ICIMVAU, BPIALL, DSB, ISB. */
void cpu_publish_code(const void *p)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c11, 1\n\tdsb ish\n\t"
			 "mcr p15, 0, %0, c7, c5, 1\n\tmcr p15, 0, %1, c7, c5, 6\n\t"
			 "dsb ish\n\tisb"
			 : : "r"(p), "r"(0) : "memory");
}

/* ATS1CPR / ATS1CPW (c7, c8, 0/1: PL1 read/write), then the 64-bit PAR
 * (B4.2.6, B4.1.112: with TTBCR.EAE = 1 the result is in the Long-
 * descriptor format, PAR.LPAE set). */
bool cpu_translate(uint64_t va, bool write, uint64_t *pa, unsigned *attr)
{
	uint32_t v = (uint32_t)va;
	uint64_t par;

	if (va >> 32)
		return false;
	if (write)
		__asm__ volatile("mcr p15, 0, %0, c7, c8, 1" : : "r"(v) : "memory");
	else
		__asm__ volatile("mcr p15, 0, %0, c7, c8, 0" : : "r"(v) : "memory");
	__asm__ volatile("isb" ::: "memory");
	par = read_par64();
	if (par & PAR_F)
		return false;
	*pa = FIELD_GET(PAR_PA, par) << 12;
	*attr = (unsigned)FIELD_GET(PAR_ATTR, par);
	return true;
}

/* MAIR0 holds Attr0..3, MAIR1 Attr4..7 (B4.1.104). */
unsigned cpu_mair_attr(unsigned idx)
{
	uint32_t mair = idx < 4 ? read_mair0() : read_mair1();

	return (mair >> (8 * (idx & 3))) & 0xff;
}

/* SCTLR: c1, c0, 0 (DDI 0406C B4.1.130). */
uint64_t cpu_sctlr(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(v));
	return v;
}
