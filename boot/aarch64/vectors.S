/* SPDX-License-Identifier: MIT */
/*
 * Exception vectors (Arm ARM DDI 0487, D1.10.2: 16 entries of 0x80 bytes,
 * table aligned to 2 KiB). Every entry saves the registers and the syndrome
 * of the EL it was taken to and calls exception_entry(): a fault a test
 * expects (boot/fault.h) returns here and resumes where fault_try() left
 * off; anything else gets crash_report(), which prints and ends the run.
 * One table per EL because the syndrome registers are banked by EL; the EL3
 * and EL2 tables only matter while the entry code is dropping to EL1.
 *
 * Before anything is pushed, SP_ELx is checked against the bottom of the
 * exception stack (its guard page lies below): a nested fault that ran the
 * exception stack out would otherwise fault again on every push, forever.
 * x0 is parked in TPIDR_ELx (unused by the image) for the check.
 */
#include "boot/crash.h"

.macro ventry el, slot
	.balign	0x80
	msr	TPIDR_EL\el, x0
	adrp	x0, __exc_stack_bottom + CRASH_FRAME_SIZE
	add	x0, x0, :lo12:__exc_stack_bottom + CRASH_FRAME_SIZE
	cmp	sp, x0
	b.lo	exc_stack_overflow_el\el
	mrs	x0, TPIDR_EL\el
	sub	sp, sp, #CRASH_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x1, #\slot
	b	crash_save_el\el
.endm

.macro vector_table el
	.balign	0x800
	.global	vectors_el\el
vectors_el\el:
	ventry	\el, (CRASH_FROM_CUR_SP0 | CRASH_KIND_SYNC)
	ventry	\el, (CRASH_FROM_CUR_SP0 | CRASH_KIND_IRQ)
	ventry	\el, (CRASH_FROM_CUR_SP0 | CRASH_KIND_FIQ)
	ventry	\el, (CRASH_FROM_CUR_SP0 | CRASH_KIND_SERROR)
	ventry	\el, (CRASH_FROM_CUR_SPX | CRASH_KIND_SYNC)
	ventry	\el, (CRASH_FROM_CUR_SPX | CRASH_KIND_IRQ)
	ventry	\el, (CRASH_FROM_CUR_SPX | CRASH_KIND_FIQ)
	ventry	\el, (CRASH_FROM_CUR_SPX | CRASH_KIND_SERROR)
	ventry	\el, (CRASH_FROM_LOWER64 | CRASH_KIND_SYNC)
	ventry	\el, (CRASH_FROM_LOWER64 | CRASH_KIND_IRQ)
	ventry	\el, (CRASH_FROM_LOWER64 | CRASH_KIND_FIQ)
	ventry	\el, (CRASH_FROM_LOWER64 | CRASH_KIND_SERROR)
	ventry	\el, (CRASH_FROM_LOWER32 | CRASH_KIND_SYNC)
	ventry	\el, (CRASH_FROM_LOWER32 | CRASH_KIND_IRQ)
	ventry	\el, (CRASH_FROM_LOWER32 | CRASH_KIND_FIQ)
	ventry	\el, (CRASH_FROM_LOWER32 | CRASH_KIND_SERROR)

/* x0, x1 are saved, x1 holds the slot; save the rest and dispatch. */
crash_save_el\el:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x2, SP_EL0
	stp	x30, x2, [sp, #240]
	add	x2, sp, #CRASH_FRAME_SIZE
	mrs	x3, ELR_EL\el
	stp	x2, x3, [sp, #CRASH_FRAME_SP_ELX]
	mrs	x2, SPSR_EL\el
	mrs	x3, ESR_EL\el
	stp	x2, x3, [sp, #CRASH_FRAME_SPSR]
	mrs	x2, FAR_EL\el
	str	x2, [sp, #CRASH_FRAME_FAR]
	mov	x0, sp
	mov	x2, #\el
	bl	exception_entry
	/* An expected fault: resume where the frame now says (fault_catch set
	 * ELR and x0), with the stack as it was before the exception. */
	ldr	x2, [sp, #CRASH_FRAME_ELR]
	msr	ELR_EL\el, x2
	ldr	x2, [sp, #CRASH_FRAME_SPSR]
	msr	SPSR_EL\el, x2
	ldr	x0, [sp, #CRASH_FRAME_X]
	add	sp, sp, #CRASH_FRAME_SIZE
	eret

/* The exception stack is exhausted: start it afresh for one line, then park. */
exc_stack_overflow_el\el:
	adrp	x0, __exc_stack_top
	add	x0, x0, :lo12:__exc_stack_top
	mov	sp, x0
	bl	exception_stack_overflow
1:	wfe
	b	1b
.endm

	.section .text.vectors, "ax"
	vector_table 1
	vector_table 2
	vector_table 3
