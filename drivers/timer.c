/* SPDX-License-Identifier: MIT */
/*
 * Arm generic timer, physical count (Arm ARM DDI 0487, D11 "The Generic
 * Timer in AArch64 state": CNTPCT_EL0, CNTFRQ_EL0). EL1 may read CNTPCT_EL0
 * because the entry code set CNTHCTL_EL2.EL1PCTEN when EL2 exists.
 */
#include "drivers/timer.h"

/*
 * CNTFRQ_EL0 is written by the boot firmware, not by hardware; if a loader
 * left it 0, assume the 24 MHz reference clock of the supported SoCs so
 * that every timeout still ends.
 */
#define TIMER_FALLBACK_HZ 24000000u

#if defined(__aarch64__)
static uint64_t read_cntfrq(void)
{
	uint64_t f;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	return f;
}

static uint64_t timer_count(void)
{
	uint64_t c;

	/* isb: the counter read is not reordered before earlier instructions. */
	__asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(c) : : "memory");
	return c;
}
#else
/* AArch32: CNTFRQ is c14, c0, 0 and CNTPCT the 64-bit c14 read by MRRC
 * (DDI 0406C B4.1.21, B4.1.26); PL1 may read it when CNTHCTL.PL1PCTEN is
 * set (the entry code sets it when it finds itself in HYP). */
static uint64_t read_cntfrq(void)
{
	uint32_t f;

	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(f));
	return f;
}

static uint64_t timer_count(void)
{
	uint64_t c;

	__asm__ volatile("isb; mrrc p15, 0, %Q0, %R0, c14" : "=r"(c) : : "memory");
	return c;
}
#endif

uint64_t timer_freq_hz(void)
{
	uint64_t f = read_cntfrq() & 0xffffffffu; /* the upper half is RES0 */

	return f ? f : TIMER_FALLBACK_HZ;
}

/* Split the multiply so that count * 1e6 never overflows 64 bits. */
uint64_t timer_now_us(void)
{
	uint64_t c = timer_count(), f = timer_freq_hz();

	return (c / f) * 1000000u + (c % f) * 1000000u / f;
}
