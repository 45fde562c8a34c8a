/* SPDX-License-Identifier: MIT */
/* AArch64 half of tests/target/cpu_ops.h (Arm ARM DDI 0487, instructions named). */
#include "boot/aarch64/cpu_regs.h"
#include "tests/target/cpu_ops.h"

/* PAR_EL1 after AT (D19 "PAR_EL1"): F, PA[47:12], ATTR. */
#define PAR_F    BIT(0)
#define PAR_PA   GENMASK(47, 12)
#define PAR_ATTR GENMASK(63, 56)

unsigned cpu_current_level(void)
{
	uint64_t el;

	__asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
	return (unsigned)(el >> 2) & 3;
}

uint64_t cpu_fp_roundtrip(uint64_t in)
{
	uint64_t out;

	__asm__ volatile("fmov d7, %1\n\tmov v7.d[1], %1\n\tmov %0, v7.d[1]"
			 : "=r"(out) : "r"(in) : "v7");
	return out;
}

void cpu_user_load32(void *p)
{
	uint32_t v;

	__asm__ volatile("ldtr %w0, [%1]" : "=r"(v) : "r"(p) : "memory");
}

void cpu_user_store32(void *p)
{
	__asm__ volatile("sttr wzr, [%0]" : : "r"(p) : "memory");
}

bool cpu_has_pan(void)
{
	return FIELD_GET(MMFR1_PAN, read_sysreg(id_aa64mmfr1_el1)) != 0;
}

/* MSR PAN, #1 / #0 (FEAT_PAN; encoded so the cortex-a53 assembler takes them). */
void cpu_pan_load32(void *p)
{
	__asm__ volatile(".inst 0xd500419f" ::: "memory");
	(void)*(volatile uint32_t *)p;
	__asm__ volatile(".inst 0xd500409f" ::: "memory");
}

/* PSTATE.PAN (S3_0_C4_C2_3, FEAT_PAN). */
uint64_t cpu_pan_now(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, s3_0_c4_c2_3" : "=r"(v));
	return v;
}

const uint32_t cpu_ret_insn = 0xd65f03c0u; /* RET (C6.2 "RET") */

/* "Concurrent modification and execution of instructions": clean to PoU,
 * invalidate the instruction cache, barriers. */
void cpu_publish_code(const void *p)
{
	__asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb"
			 : : "r"(p) : "memory");
}

bool cpu_translate(uint64_t va, bool write, uint64_t *pa, unsigned *attr)
{
	uint64_t par;

	if (write)
		__asm__ volatile("at s1e1w, %1\n\tisb\n\tmrs %0, par_el1" : "=r"(par) : "r"(va) : "memory");
	else
		__asm__ volatile("at s1e1r, %1\n\tisb\n\tmrs %0, par_el1" : "=r"(par) : "r"(va) : "memory");
	if (par & PAR_F)
		return false;
	*pa = FIELD_GET(PAR_PA, par) << 12;
	*attr = (unsigned)FIELD_GET(PAR_ATTR, par);
	return true;
}

unsigned cpu_mair_attr(unsigned idx)
{
	return (unsigned)(read_sysreg(mair_el1) >> (8 * idx)) & 0xff;
}

uint64_t cpu_sctlr(void)
{
	return read_sysreg(sctlr_el1);
}
