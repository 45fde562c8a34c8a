/* SPDX-License-Identifier: MIT */
/*
 * Data cache maintenance by MVA over a range, for the assembly that runs
 * with the MMU off or while taking it over (boot/arm32/head.S, mmu_enable.S,
 * tests/loader-stub/arm32.S). C code has drivers/cache.c.
 *
 * The stride is the smallest data cache line, 4 << CTR.DminLine bytes (bits
 * [19:16], log2 of words; DDI 0406C B4.1.42 "CTR"): by that stride a by-MVA
 * operation reaches every line of the range in every cache the operation
 * applies to.
 */
#ifndef GPUMMU_BOOT_ARM32_DCACHE_ASM_H
#define GPUMMU_BOOT_ARM32_DCACHE_ASM_H

#ifdef __ASSEMBLER__
/* \line = the smallest data cache line in bytes; \tmp is clobbered. */
.macro dcache_line_size line, tmp
	mrc	p15, 0, \tmp, c0, c0, 1		/* CTR */
	ubfx	\tmp, \tmp, #16, #4
	mov	\line, #4
	lsl	\line, \line, \tmp
.endm

/* One by-MVA operation on the line holding \reg (DDI 0406C B4.2.1, table
 * B4-23): DCIMVAC invalidate, DCCIMVAC clean and invalidate, both to the
 * PoC; DCCMVAU clean to the PoU. */
.macro dcache_mva op, reg
	.ifc \op, dcimvac
	mcr	p15, 0, \reg, c7, c6, 1
	.exitm
	.endif
	.ifc \op, dccimvac
	mcr	p15, 0, \reg, c7, c14, 1
	.exitm
	.endif
	.ifc \op, dccmvau
	mcr	p15, 0, \reg, c7, c11, 1
	.exitm
	.endif
	.error "dcache_mva: unknown operation \op"
.endm

/*
 * \op (dcache_mva) on every line of [\start, \end), \start rounded down to
 * a line. \start, \line and \tmp are clobbered. No barrier: the caller
 * orders the operations with what comes before and completes them with a
 * DSB.
 */
.macro dcache_by_line op, start, end, line, tmp
	dcache_line_size \line, \tmp
	sub	\tmp, \line, #1
	bic	\start, \start, \tmp
.Ldcache_loop\@:
	cmp	\start, \end
	bhs	.Ldcache_done\@
	dcache_mva \op, \start
	add	\start, \start, \line
	b	.Ldcache_loop\@
.Ldcache_done\@:
.endm
#endif

#endif
