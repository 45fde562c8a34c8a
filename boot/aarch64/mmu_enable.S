/* SPDX-License-Identifier: MIT */
/*
 * Turn the EL1&0 stage 1 MMU and the caches on, running at EL1 with the MMU
 * off and the image identity mapped by the new tables (so the instruction
 * after the SCTLR_EL1 write is fetched from the same address either way).
 *
 * void cpu_mmu_enable_el1(uint64_t mair, uint64_t tcr, uint64_t ttbr0,
 *                         uint64_t sctlr_set, uint64_t stale_start,
 *                         uint64_t stale_end)
 *
 * The order, each step with the rule it follows (Arm ARM DDI 0487, sections
 * named by title):
 *  1. Discard cache lines over what was written with the MMU off: those
 *     writes went to memory around the caches, so a line a loader (or an
 *     earlier image) left there would be read instead of them once the
 *     caches are on. DC IVAC by VA to the PoC ("Data cache maintenance
 *     instructions"; with the MMU off a data access is Device or
 *     Non-cacheable and does not allocate). A DMB before it orders the earlier
 *     non-cacheable stores with the maintenance (Linux arch/arm64/kernel/
 *     head.S issues "dmb sy" before dc ivac with the MMU off for the same
 *     reason), a DSB after it completes it.
 *  2. MAIR_EL1, TCR_EL1, TTBR0_EL1 while the MMU is off: the translation
 *     regime's registers, read by the walker only once M is set.
 *  3. TLBI VMALLE1: the TLB contents are UNKNOWN after reset and may hold a
 *     loader's entries for this regime ("TLB maintenance requirements";
 *     "Behavior of the caches at reset": TLBs are not invalidated by reset
 *     on every implementation).
 *  4. IC IALLU: no instruction fetched before may be used from the
 *     instruction cache ("Instruction cache maintenance instructions"),
 *     then DSB NSH to complete 3 and 4 on this PE, and ISB so that the
 *     register writes of 2 are seen by what follows ("Synchronization
 *     requirements for System registers": a write takes effect for later
 *     instructions only after a context synchronization event).
 *  5. SCTLR_EL1 |= M | C | I, then ISB: instructions after it are fetched
 *     and translated with the MMU on (the same synchronization rule).
 */
#include "boot/aarch64/dcache_asm.h"

	.text
	.global cpu_mmu_enable_el1
	.type cpu_mmu_enable_el1, %function
cpu_mmu_enable_el1:
	/* 1: stale lines out */
	dmb	sy
	dcache_by_line ivac, x4, x5, x6, x7
	dsb	sy
	/* 2 */
	msr	mair_el1, x0
	msr	tcr_el1, x1
	msr	ttbr0_el1, x2
	/* 3, 4 */
	tlbi	vmalle1
	ic	iallu
	dsb	nsh
	isb
	/* 5 */
	mrs	x0, sctlr_el1
	orr	x0, x0, x3
	msr	sctlr_el1, x0
	isb
	ret
	.size cpu_mmu_enable_el1, . - cpu_mmu_enable_el1
