/* SPDX-License-Identifier: MIT */
/*
 * AArch32 image entry. The first 0x34 bytes are a Linux ARM zImage header
 * (Linux arch/arm/boot/compressed/head.S: code words, then the magic
 * 0x016f2818 at offset 0x24, start and end addresses, the endianness word;
 * U-Boot arch/arm/lib/zimage.c struct arm_z_header) so that U-Boot's bootz
 * takes the raw binary; QEMU's -kernel loads a raw image at RAM base +
 * 0x10000 and the ELF at its own address, both entering here.
 *
 * We may arrive in HYP mode (QEMU virt with virtualization=on; U-Boot with
 * a non-secure boot) or in SVC mode (QEMU without it; U-Boot's go; a JTAG
 * load), with the MMU off, or on (U-Boot's go: then the image takes over
 * first, below). Registers: r2 = the device tree under the Linux boot
 * protocol (Linux Documentation/arch/arm/booting.rst: r0 = 0, r1 = machine
 * type, r2 = DTB), anything otherwise. Every path sets up a stack and
 * vectors for its mode before touching anything else, so even a fault during
 * the setup prints a crash report; then it drops to SVC, gives every mode its
 * stack (boot/arm32/stacks.h), clears the BSS, turns VFP on and enters
 * boot_main(dtb, entry level, SCTLR at entry) in SVC mode on the image stack.
 *
 * Registers kept across the setup: r9 = SCTLR/HSCTLR found (0: MMU and data
 * cache were off), r10 = r2 at entry, r8 = the entry level (2 HYP, 1 SVC).
 */
#include "boot/arm32/cpu_regs.h"
#include "boot/arm32/stacks.h"

	.arm
	.syntax unified
	.arch_extension virt
	.fpu	vfpv3

/*
 * Entered with this mode's MMU or data cache on (op1 0: SCTLR, 4: HSCTLR):
 * take over. While the loader's translation is still on (it maps the image
 * at its own address, as U-Boot's identity map of DRAM does), clean and
 * invalidate the whole image [_head, _end) to the point of coherency by MVA
 * (DCCIMVAC), then turn M, C and I off and invalidate the instruction cache
 * and branch predictor. Why that is enough: until its own MMU is on the
 * image touches only its own memory and MMIO, so after the clean every byte
 * the loader wrote is in memory and after the invalidate no cache holds a
 * line of it (DDI 0406C B2.2.6, "Cache maintenance operations": by MVA to
 * the PoC reaches every level, which set/way operations do not promise).
 */
.macro take_over op1
	mrc	p15, \op1, r0, c1, c0, 0
	tst	r0, #(SCTLR_M | SCTLR_C)
	beq	9f
	mov	r9, r0
	bl	image_clean_inval_poc
	mrc	p15, \op1, r0, c1, c0, 0
	bic	r0, r0, #(SCTLR_M | SCTLR_C)
	bic	r0, r0, #SCTLR_I
	mcr	p15, \op1, r0, c1, c0, 0
	isb
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0	/* ICIALLU */
	mcr	p15, 0, r0, c7, c5, 6	/* BPIALL */
	dsb
	isb
9:
.endm

	.section .text.head, "ax"
	.global	_head_code
_head_code:
	.rept	8
	mov	r0, r0			/* zImage header code words */
	.endr
	b	entry			/* offset 0x20 */
	.word	0x016f2818		/* 0x24: zImage magic */
	.word	_head			/* 0x28: load/run address */
	.word	_end			/* 0x2c: end, BSS and pools included (bootz reserves it) */
	.word	0x04030201		/* 0x30: little endian */

entry:
	cpsid	aif			/* no interrupt is expected, whoever loaded us */
	mov	r10, r2
	mov	r9, #0
	mrs	r0, cpsr
	and	r0, r0, #MODE_MASK
	mov	r8, #1
	cmp	r0, #MODE_HYP
	beq	hyp_entry
	cmp	r0, #MODE_MON
	moveq	r8, #3
	b	pl1_entry

hyp_entry:
	mov	r8, #2
	ldr	sp, =STACK_HYP_TOP
	ldr	r0, =vectors_hyp
	mcr	p15, 4, r0, c12, c0, 0	/* HVBAR */
	isb
	bl	setup_hyp_for_pl1	/* HCPTR first: the crash report may use VFP */
	bl	vfp_on
	take_over 4
	bl	clear_bss
	/*
	 * Drop to SVC: ELR_hyp and this mode's SPSR (SPSR_hyp; the banked
	 * "MSR SPSR_hyp" is not allowed from Hyp mode itself), then ERET
	 * (DDI 0406C B9.3.3; Linux arch/arm/include/asm/assembler.h
	 * safe_svcmode_maskall does the same).
	 */
	ldr	r0, =pl1_entry
	msr	ELR_hyp, r0
	mov	r0, #SPSR_SVC_AIF
	msr	spsr_cxsf, r0
	isb
	eret

/*
 * HYP programmed for a PL1 image (DDI 0406C B4.1.65 HCR, B4.1.74 HCPTR,
 * B4.1.76 HSTR, B4.1.24 CNTHCTL): no stage 2 and no traps (HCR = 0, HSTR =
 * 0, HCPTR without TCP10/TCP11 so VFP is not trapped), PL1 may read the
 * physical counter, CNTVOFF = 0, VPIDR/VMPIDR the real MIDR/MPIDR (they
 * reset to UNKNOWN values), and SCTLR a known value with the MMU, the
 * caches, alignment checks, high vectors and Thumb exceptions off.
 */
setup_hyp_for_pl1:
	mov	r0, #0
	mcr	p15, 4, r0, c1, c1, 0	/* HCR */
	mcr	p15, 4, r0, c1, c1, 3	/* HSTR */
	ldr	r0, =HCPTR_BOOT
	mcr	p15, 4, r0, c1, c1, 2	/* HCPTR */
	mov	r0, #CNTHCTL_BOOT
	mcr	p15, 4, r0, c14, c1, 0	/* CNTHCTL */
	mov	r0, #0
	mov	r1, #0
	mcrr	p15, 4, r0, r1, c14	/* CNTVOFF */
	mrc	p15, 0, r0, c0, c0, 0
	mcr	p15, 4, r0, c0, c0, 0	/* VPIDR = MIDR */
	mrc	p15, 0, r0, c0, c0, 5
	mcr	p15, 4, r0, c0, c0, 5	/* VMPIDR = MPIDR */
	b	sctlr_early

/* SCTLR: M, A, C, I, V, TE clear (I comes on after its invalidate). */
sctlr_early:
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #(SCTLR_M | SCTLR_A | SCTLR_C)
	bic	r0, r0, #(SCTLR_I | SCTLR_V)
	bic	r0, r0, #SCTLR_TE
	mcr	p15, 0, r0, c1, c0, 0
	isb
	bx	lr

pl1_entry:
	cps	#MODE_SVC
	ldr	sp, =__stack_top
	ldr	r0, =vectors_pl1
	mcr	p15, 0, r0, c12, c0, 0	/* VBAR */
	isb
	cmp	r8, #2
	beq	1f
	take_over 0			/* entered in SVC with the MMU on; else a no-op */
	bl	sctlr_early
1:	bl	mode_stacks
	bl	vfp_on
	/*
	 * A JTAG load writes the image through the debug port, so the
	 * instruction cache may hold an earlier image at these addresses:
	 * invalidate it (and the branch predictor) before SCTLR.I turns it on
	 * (DDI 0406C B2.2.9, "Ordering of cache and branch predictor maintenance").
	 */
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0	/* ICIALLU */
	mcr	p15, 0, r0, c7, c5, 6	/* BPIALL */
	dsb
	isb
	mrc	p15, 0, r0, c1, c0, 0
	orr	r0, r0, #SCTLR_I
	mcr	p15, 0, r0, c1, c0, 0
	isb
	cmp	r8, #2
	blne	clear_bss		/* entered in SVC: not cleared yet */
	mov	fp, #0			/* frame chain ends here (for gdb backtraces) */
	bl	stack_guard_init	/* before the first protected frame */
	/* boot_main(uint64_t dtb, uint64_t entry_el, uint64_t entry_sctlr):
	 * AAPCS: r0:r1, r2:r3, then the third on the stack. */
	mov	r4, r9
	mov	r5, #0
	push	{r4, r5}
	mov	r0, r10
	mov	r1, #0
	mov	r2, r8
	mov	r3, #0
	bl	boot_main
	/* boot_main does not return; if it ever did, park rather than run off. */
2:	wfe
	b	2b

/* Each exception mode its slice of the exception stack; back to SVC. */
mode_stacks:
	cps	#MODE_ABT
	ldr	sp, =STACK_ABT_TOP
	cps	#MODE_UND
	ldr	sp, =STACK_UND_TOP
	cps	#MODE_IRQ
	ldr	sp, =STACK_IRQ_TOP
	cps	#MODE_FIQ
	ldr	sp, =STACK_FIQ_TOP
	cps	#MODE_SVC
	bx	lr

/* VFP and Advanced SIMD: CPACR cp10/cp11 full access, then FPEXC.EN (DDI
 * 0406C B4.1.40, B6.1.40; the ISB makes the CPACR write visible first). */
vfp_on:
	mrc	p15, 0, r0, c1, c0, 2
	orr	r0, r0, #CPACR_CP10_CP11
	mcr	p15, 0, r0, c1, c0, 2
	isb
	mov	r0, #FPEXC_EN
	vmsr	fpexc, r0
	bx	lr

/* Clean and invalidate [_head, _end) to the PoC by MVA, then DSB (r0-r3). */
image_clean_inval_poc:
	mrc	p15, 0, r3, c0, c0, 1	/* CTR */
	ubfx	r3, r3, #16, #4		/* DminLine: log2 of words */
	mov	r2, #4
	lsl	r3, r2, r3
	ldr	r0, =_head
	ldr	r1, =_end
	sub	r2, r3, #1
	bic	r0, r0, r2
1:	mcr	p15, 0, r0, c7, c14, 1	/* DCCIMVAC */
	add	r0, r0, r3
	cmp	r0, r1
	blo	1b
	dsb
	bx	lr

/* Zero [__bss_start, __bss_end) (16 byte aligned by the linker script). */
clear_bss:
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
	mov	r3, #0
1:	cmp	r0, r1
	bhs	2f
	stmia	r0!, {r2, r3}
	b	1b
2:	bx	lr

	.pool
