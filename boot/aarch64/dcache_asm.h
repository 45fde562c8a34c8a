/* SPDX-License-Identifier: MIT */
/*
 * Data cache maintenance by VA over a range, for the assembly that runs with
 * the MMU off or while taking it over (boot/aarch64/head.S, mmu_enable.S,
 * tests/loader-stub/aarch64.S). C code has drivers/cache.c.
 *
 * The stride is the smallest data cache line, 4 << CTR_EL0.DminLine bytes
 * (bits [19:16], log2 of words; Arm ARM DDI 0487 D19 "CTR_EL0"): by that
 * stride a by-VA operation reaches every line of the range in every cache
 * the operation applies to.
 */
#ifndef GPUMMU_BOOT_AARCH64_DCACHE_ASM_H
#define GPUMMU_BOOT_AARCH64_DCACHE_ASM_H

#ifdef __ASSEMBLER__
/* \line = the smallest data cache line in bytes; \tmp is clobbered. */
.macro dcache_line_size line, tmp
	mrs	\tmp, ctr_el0
	ubfx	\tmp, \tmp, #16, #4
	mov	\line, #4
	lsl	\line, \line, \tmp
.endm

/*
 * DC \op (ivac, civac, cvau, ...) on every line of [\start, \end), \start
 * rounded down to a line. \start, \line and \tmp are clobbered. No barrier:
 * the caller orders the operations with what comes before and completes
 * them with a DSB.
 */
.macro dcache_by_line op, start, end, line, tmp
	dcache_line_size \line, \tmp
	sub	\tmp, \line, #1
	bic	\start, \start, \tmp
.Ldcache_loop\@:
	cmp	\start, \end
	b.hs	.Ldcache_done\@
	dc	\op, \start
	add	\start, \start, \line
	b	.Ldcache_loop\@
.Ldcache_done\@:
.endm
#endif

#endif
