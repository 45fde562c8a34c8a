/* SPDX-License-Identifier: MIT */
/*
 * AArch32 exception vectors (DDI 0406C B1.8.1: eight 4-byte entries at VBAR,
 * 32 byte aligned; HVBAR for HYP, B1.8.2). Every PL1 entry saves a struct
 * crash_frame (boot/arm32/crash_frame.h) on its mode's own stack and calls
 * arm32_exception(): a fault a test expects (boot/fault.h) returns here and
 * resumes where the frame now says; anything else gets the crash report,
 * which prints and ends the run. The HYP table only matters while the entry
 * code is dropping to SVC.
 *
 * Each mode has its own stack (boot/arm32/head.S sets them): UND, ABT, IRQ
 * and FIQ in slices of the exception stack, SVC (where the image runs) the
 * image stack. Before anything is pushed, SP is checked against the bottom
 * of the mode's slice: a nested fault that ran the slice out would otherwise
 * fault again on every push, forever. r0 is parked in TPIDRPRW (c13, c0, 4,
 * unused by the image) for the check, as AArch64 parks x0 in TPIDR_ELx.
 * The interrupted SVC mode's SP and LR are read by switching to SVC and
 * back (CPS): the banked-register MRS needs the virtualization extensions,
 * which QEMU gives a Cortex-A15 only with virtualization=on.
 *
 * Return addresses (B1.8.3, ARM state): LR_und - 4 and LR_abt - 4 (prefetch
 * abort) is the instruction that faulted, LR_abt - 8 for a data abort;
 * LR_svc is the instruction after the SVC, where a caught SVC resumes.
 */
#include "boot/arm32/cpu_regs.h"
#include "boot/arm32/stacks.h"
#include "boot/crash.h"

	.arm
	.syntax unified
	.arch_extension virt

/* An exception taken to a PL1 mode other than SVC. */
.macro pl1_entry vec, lroff, bottom, mode
	mcr	p15, 0, r0, c13, c0, 4
	ldr	r0, =\bottom + CRASH_FRAME_SIZE
	cmp	sp, r0
	blo	exc_stack_overflow
	mrc	p15, 0, r0, c13, c0, 4
	sub	lr, lr, #\lroff
	sub	sp, sp, #CRASH_FRAME_SIZE
	stmia	sp, {r0-r12}
	mov	r0, #\vec
	cps	#MODE_SVC		/* the interrupted mode is SVC: the image runs there */
	mov	r1, sp
	mov	r2, lr
	cps	#\mode
	b	save_pl1
.endm

	.section .text.vectors, "ax"
	.balign	32
	.global	vectors_pl1
vectors_pl1:
	b	vec_reset
	b	vec_und
	b	vec_svc
	b	vec_pabt
	b	vec_dabt
	b	vec_reset		/* 0x14: not used outside HYP */
	b	vec_irq
	b	vec_fiq

vec_und:	pl1_entry ARM32_VEC_UND, 4, STACK_UND_BOTTOM, MODE_UND
vec_pabt:	pl1_entry ARM32_VEC_PABT, 4, STACK_ABT_BOTTOM, MODE_ABT
vec_dabt:	pl1_entry ARM32_VEC_DABT, 8, STACK_ABT_BOTTOM, MODE_ABT
vec_irq:	pl1_entry ARM32_VEC_IRQ, 4, STACK_IRQ_BOTTOM, MODE_IRQ
vec_fiq:	pl1_entry ARM32_VEC_FIQ, 4, STACK_FIQ_BOTTOM, MODE_FIQ

/* An SVC from SVC mode (the semihosting probe where nobody serves it): the
 * stack is the image's own, LR_svc already holds the return address. */
vec_svc:
	sub	sp, sp, #CRASH_FRAME_SIZE
	stmia	sp, {r0-r12}
	mov	r0, #ARM32_VEC_SVC
	add	r1, sp, #CRASH_FRAME_SIZE
	mov	r2, lr
	b	save_pl1

/* A reset vector taken means the image jumped to VBAR: report it as such. */
vec_reset:
	sub	sp, sp, #CRASH_FRAME_SIZE
	stmia	sp, {r0-r12}
	mov	r0, #0
	add	r1, sp, #CRASH_FRAME_SIZE
	mov	r2, lr
	b	save_pl1

/* r0..r12 saved, r0 = vector, r1/r2 = the interrupted SP/LR, lr = the
 * faulting instruction. Save the rest and dispatch. */
save_pl1:
	str	r1, [sp, #CRASH_FRAME_SP]
	str	r2, [sp, #CRASH_FRAME_LR]
	str	lr, [sp, #CRASH_FRAME_ELR]
	mrs	r1, spsr
	str	r1, [sp, #CRASH_FRAME_SPSR]
	str	r0, [sp, #CRASH_FRAME_VECTOR]
	mrc	p15, 0, r1, c5, c0, 0	/* DFSR */
	str	r1, [sp, #CRASH_FRAME_DFSR]
	mrc	p15, 0, r1, c5, c0, 1	/* IFSR */
	str	r1, [sp, #CRASH_FRAME_IFSR]
	mrc	p15, 0, r1, c6, c0, 0	/* DFAR */
	str	r1, [sp, #CRASH_FRAME_DFAR]
	mrc	p15, 0, r1, c6, c0, 2	/* IFAR */
	str	r1, [sp, #CRASH_FRAME_IFAR]
	mov	r0, sp
	bl	arm32_exception
	/* An expected fault: resume where the frame now says (fault_catch set
	 * ELR, SPSR and r0), with this mode's stack as it was. */
	ldr	r0, [sp, #CRASH_FRAME_SPSR]
	msr	spsr_cxsf, r0
	ldr	lr, [sp, #CRASH_FRAME_ELR]
	ldmia	sp, {r0-r12}
	add	sp, sp, #CRASH_FRAME_SIZE
	movs	pc, lr

/* The mode's stack slice is exhausted: start the FIQ-free top of the
 * exception stack afresh for one line, then park. */
exc_stack_overflow:
	ldr	sp, =STACK_TOP_FRESH
	bl	exception_stack_overflow
1:	wfe
	b	1b

/*
 * HYP (HVBAR): only while boot/arm32/head.S runs in HYP before the drop to
 * SVC. The syndrome is HSR, the address HDFAR/HIFAR, the return ELR_hyp.
 */
.macro hyp_entry vec
	sub	sp, sp, #CRASH_FRAME_SIZE
	stmia	sp, {r0-r12}
	mov	r0, #\vec
	b	save_hyp
.endm

	.balign	32
	.global	vectors_hyp
vectors_hyp:
	b	hyp_reset
	b	hyp_und
	b	hyp_svc
	b	hyp_pabt
	b	hyp_dabt
	b	hyp_trap
	b	hyp_irq
	b	hyp_fiq

hyp_reset:	hyp_entry 0
hyp_und:	hyp_entry ARM32_VEC_UND
hyp_svc:	hyp_entry ARM32_VEC_SVC
hyp_pabt:	hyp_entry ARM32_VEC_PABT
hyp_dabt:	hyp_entry ARM32_VEC_DABT
hyp_trap:	hyp_entry ARM32_VEC_HYP
hyp_irq:	hyp_entry ARM32_VEC_IRQ
hyp_fiq:	hyp_entry ARM32_VEC_FIQ

save_hyp:
	/* A fault in the HYP report itself: park (the PL1 path has crash_enter,
	 * which needs the BSS this early path may not have cleared yet). */
	ldr	r1, =hyp_reporting
	ldr	r2, [r1]
	cmp	r2, #0
	bne	2f
	str	r1, [r1]
	add	r1, sp, #CRASH_FRAME_SIZE
	str	r1, [sp, #CRASH_FRAME_SP]
	str	lr, [sp, #CRASH_FRAME_LR]
	mrs	r1, ELR_hyp
	str	r1, [sp, #CRASH_FRAME_ELR]
	mrs	r1, spsr		/* SPSR_hyp: this mode's own */
	str	r1, [sp, #CRASH_FRAME_SPSR]
	str	r0, [sp, #CRASH_FRAME_VECTOR]
	mrc	p15, 4, r1, c5, c2, 0	/* HSR */
	str	r1, [sp, #CRASH_FRAME_DFSR]
	mov	r1, #0
	str	r1, [sp, #CRASH_FRAME_IFSR]
	mrc	p15, 4, r1, c6, c0, 0	/* HDFAR */
	str	r1, [sp, #CRASH_FRAME_DFAR]
	mrc	p15, 4, r1, c6, c0, 2	/* HIFAR */
	str	r1, [sp, #CRASH_FRAME_IFAR]
	mov	r0, sp
	bl	arm32_hyp_exception	/* does not return */
2:	wfe
	b	2b

	.data
	.balign	4
hyp_reporting:
	.word	0
	.text

	.pool
