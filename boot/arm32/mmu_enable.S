/* SPDX-License-Identifier: MIT */
/*
 * Turn the PL1&0 stage 1 MMU and the caches on, running in SVC mode with
 * the MMU off and the image identity mapped by the new tables (so the
 * instruction after the SCTLR write is fetched from the same address either
 * way).
 *
 * void cpu_mmu_enable_pl1(uint32_t mair0, uint32_t mair1, uint32_t ttbcr,
 *                         uint64_t ttbr0, uint32_t sctlr_set,
 *                         uint32_t stale_start, uint32_t stale_end)
 * AAPCS: r0 mair0, r1 mair1, r2 ttbcr, ttbr0 on the stack (8-byte aligned
 * pair: r3 is skipped), then sctlr_set, stale_start, stale_end.
 *
 * The order, each step with the rule it follows (Arm ARM DDI 0406C.c):
 *  1. Discard cache lines over what was written with the MMU off: those
 *     writes went to memory around the caches (with the MMU off data
 *     accesses are Strongly-ordered, B3.2.1), so a line a loader left there
 *     would be read instead of them once the caches are on. DCIMVAC by MVA
 *     to the PoC (B4.2.1), after a DMB that orders the earlier stores with
 *     the maintenance, then a DSB to complete it (B2.2.9).
 *  2. TTBCR first (EAE set), then an ISB, then MAIR0, MAIR1 and TTBR0,
 *     while the MMU is off (read by the walker only once SCTLR.M is set):
 *     the encodings c10, c2, 0 and 1 are MAIR0/MAIR1 only while TTBCR.EAE
 *     is 1, PRRR/NMRR with other fields while it is 0 (B4.1.104, B4.1.149),
 *     and a loader's Short-descriptor TTBCR has EAE = 0; a CP15 write is
 *     seen by later instructions after an ISB (B3.15.5). TTBR0 is written
 *     64-bit (MCRR), the Long-descriptor form. Linux writes TTBCR and the
 *     TTBRs before PRRR/NMRR too (arch/arm/mm/proc-v7.S __v7_setup_cont,
 *     proc-v7-3level.S v7_ttb_setup).
 *     tests/host/check-arm32-mmu-enable-order checks this order.
 *  3. TLBIALL: TLB contents are UNKNOWN after reset and a loader may have
 *     used the regime (B3.10.1, "TLB behavior at reset").
 *  4. ICIALLU and BPIALL: no instruction or branch prediction from before
 *     may be used (B2.2.7), then DSB to complete 3 and 4, and ISB so the
 *     register writes of 2 are seen by what follows (B3.15.5,
 *     "Synchronization of changes to system control registers").
 *  5. SCTLR |= M | C | I, then ISB: later instructions are fetched and
 *     translated with the MMU on.
 */
#include "boot/arm32/dcache_asm.h"

	.arm
	.syntax unified

	.text
	.global cpu_mmu_enable_pl1
	.type cpu_mmu_enable_pl1, %function
cpu_mmu_enable_pl1:
	push	{r4-r8, lr}
	ldrd	r4, r5, [sp, #24]	/* ttbr0 */
	ldr	r6, [sp, #32]		/* sctlr_set */
	ldr	r7, [sp, #36]		/* stale_start */
	ldr	r8, [sp, #40]		/* stale_end */
	/* 1: stale lines out */
	dmb	sy
	dcache_by_line dcimvac, r7, r8, r3, lr
	dsb	sy
	/* 2 */
	mcr	p15, 0, r2, c2, c0, 2	/* TTBCR, EAE = 1 */
	isb
	mcr	p15, 0, r0, c10, c2, 0	/* MAIR0 */
	mcr	p15, 0, r1, c10, c2, 1	/* MAIR1 */
	mcrr	p15, 0, r4, r5, c2	/* TTBR0 */
	/* 3, 4 */
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0	/* TLBIALL */
	mcr	p15, 0, r0, c7, c5, 0	/* ICIALLU */
	mcr	p15, 0, r0, c7, c5, 6	/* BPIALL */
	dsb	nsh
	isb
	/* 5 */
	mrc	p15, 0, r0, c1, c0, 0
	orr	r0, r0, r6
	mcr	p15, 0, r0, c1, c0, 0
	isb
	pop	{r4-r8, pc}
	.size cpu_mmu_enable_pl1, . - cpu_mmu_enable_pl1
