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
 * boot_main(dtb, entry level, SCTLR at entry, coherency) in SVC mode on the
 * image stack.
 *
 * Registers kept across the setup: r9 = SCTLR/HSCTLR found (0: MMU and data
 * cache were off), r10 = r2 at entry, r8 = the entry level (2 HYP, 1 SVC,
 * 3 Monitor), r7:r6 = the coherency bit's state and ACTLR (boot/coherency.h).
 */
#include "boot/coherency.h"
#include "boot/arm32/cpu_regs.h"
#include "boot/arm32/dcache_asm.h"
#include "boot/arm32/stacks.h"
#include "boot/early.h"

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
	/*
	 * Only the boot CPU runs the image: the one whose MPIDR affinity
	 * (Aff2..Aff0, DDI 0406C B4.1.106) is the board's BOOT_CPU_MPIDR
	 * (Makefile, board.mk): 0, core 0 of cluster 0, on QEMU virt; 0x500 on
	 * RK3288, whose cluster ID is 5. Any other parks here before touching
	 * memory: with -M secure=on QEMU starts every core at the entry, and a
	 * debugger may resume a whole SMP group. Without the Multiprocessing
	 * Extensions format (bit 31 clear) the core is a uniprocessor, the
	 * boot CPU.
	 */
	mrc	p15, 0, r0, c0, c0, 5	/* MPIDR */
	tst	r0, #MPIDR_MP_FORMAT
	beq	1f
	ldr	r1, =MPIDR_AFF_MASK
	and	r0, r0, r1
	ldr	r1, =BOOT_CPU_MPIDR
	cmp	r0, r1
	bne	park
	/*
	 * Everything below uses link-time addresses (literal pools, vectors,
	 * stacks): running anywhere else would fault at once, with no vectors
	 * of ours. So compare where we run with where we were linked.
	 */
1:	adr	r0, _head_code
	ldr	r1, =_head
	cmp	r0, r1
	bne	wrong_address
	mov	r10, r2
	bl	coherency_core
	mov	r9, #0
	mrs	r0, cpsr
	and	r0, r0, #MODE_MASK
	mov	r8, #1
	cmp	r0, #MODE_HYP
	beq	hyp_entry
	cmp	r0, #MODE_MON
	moveq	r8, #3
	b	pl1_entry

/*
 * Entered at r0, linked at r1: only PC-relative code from here on. Park
 * vectors first (so a fault parks instead of running whatever vectors the
 * loader left), in SVC (VBAR) or where HYP takes its exceptions (HVBAR), a
 * stack in the image's loaded data, then the one line (boot/early.c, built
 * position-independent), which exits through semihosting where the board
 * has it; otherwise park.
 */
wrong_address:
	adr	r3, vectors_park
	mrs	r2, cpsr
	and	r2, r2, #MODE_MASK
	cmp	r2, #MODE_HYP
	bne	1f
	mcr	p15, 4, r3, c12, c0, 0	/* HVBAR */
	b	2f
1:	cps	#MODE_SVC
	mcr	p15, 0, r3, c12, c0, 0	/* VBAR */
2:	isb
	ldr	r3, 4f
3:	add	r3, pc, r3		/* pc reads as 3b + 8 */
	mov	sp, r3
	mov	r2, r1			/* early_wrong_address(uint64_t running, uint64_t linked) */
	mov	r1, #0
	mov	r3, #0
	bl	early_wrong_address
park:
	wfe
	b	park
4:	.word	early_stack + EARLY_STACK_SIZE - (3b + 8)

/* Vectors of the wrong-address path (VBAR and HVBAR: 32-byte aligned, 8
 * entries, B1.8.1): every exception parks the CPU. */
	.balign	32
vectors_park:
	.rept	8
	b	park
	.endr

hyp_entry:
	mov	r8, #2
	ldr	sp, =STACK_HYP_TOP
	ldr	r0, =vectors_hyp
	mcr	p15, 4, r0, c12, c0, 0	/* HVBAR */
	isb
	bl	coherency_hyp		/* before the first cache maintenance */
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
	/* Exceptions through VBAR and in ARM state: SCTLR.V (high vectors) and
	 * TE clear (B1.8.1), which the loader's map does not care about. */
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #SCTLR_V
	bic	r0, r0, #SCTLR_TE
	mcr	p15, 0, r0, c1, c0, 0
	ldr	r0, =vectors_pl1
	mcr	p15, 0, r0, c12, c0, 0	/* VBAR */
	isb
	cmp	r8, #2
	beq	1f
	bl	coherency_pl1		/* before the first cache maintenance */
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
	/* boot_main(uint64_t dtb, uint64_t entry_el, uint64_t entry_sctlr,
	 * uint64_t entry_coherency): AAPCS r0:r1, r2:r3, then the third and
	 * fourth on the stack (r6 the low word of the fourth, r7 the high). */
	mov	r4, r9
	mov	r5, #0
	push	{r4-r7}
	mov	r0, r10
	mov	r1, #0
	mov	r2, r8
	mov	r3, #0
	bl	boot_main
	/* boot_main does not return; if it ever did, park rather than run off. */
2:	wfe
	b	2b

/*
 * The core's coherency-enable bit, ACTLR.SMP, on a Cortex-A7, -A12, -A15 or -A17
 * (boot/coherency.h): their TRMs require it set before the caches or the
 * MMU are enabled and before any cache or TLB maintenance; Linux sets it
 * when clear before its own (arch/arm/mm/proc-v7.S __v7_ca15mp_setup and
 * friends), U-Boot in start.S (CONFIG_ARMV7_SET_CORTEX_SMPEN). ACTLR is
 * readable at PL1 and PL2; it is writable only in Secure state (in
 * Non-secure state only the SMP bit, and only with NSACR.NS_SMP: Cortex-A15
 * TRM "Auxiliary Control Register"), so the image sets it only when it
 * knows it is Secure and otherwise reports it.
 * coherency_core: r7 = COH_NOT_READ on those cores, COH_NOT_KNOWN on any
 * other (whose IMPLEMENTATION DEFINED registers are never touched), r6 = 0
 * (r0, r1).
 */
coherency_core:
	mrc	p15, 0, r0, c0, c0, 0	/* MIDR */
	ldr	r1, =MIDR_IMPL_PART
	and	r0, r0, r1
	mov	r6, #0
	mov	r7, #COH_NOT_READ
	ldr	r1, =MIDR_CORTEX_A7
	cmp	r0, r1
	ldrne	r1, =MIDR_CORTEX_A12
	cmpne	r0, r1
	ldrne	r1, =MIDR_CORTEX_A15
	cmpne	r0, r1
	ldrne	r1, =MIDR_CORTEX_A17
	cmpne	r0, r1
	movne	r7, #COH_NOT_KNOWN
	bx	lr

/* In HYP (Non-secure by definition): read, never written (r6, r7). */
coherency_hyp:
	cmp	r7, #COH_NOT_READ
	bxne	lr
	mrc	p15, 0, r6, c1, c0, 1	/* ACTLR */
	tst	r6, #ACTLR_SMP
	moveq	r7, #COH_CLEAR
	movne	r7, #COH_SET
	bx	lr

/* In SVC or Monitor mode: set if clear and Secure, read back (r0-r3, r6, r7). */
coherency_pl1:
	cmp	r7, #COH_NOT_READ
	bxne	lr
	mrc	p15, 0, r6, c1, c0, 1	/* ACTLR */
	mov	r7, #COH_SET
	tst	r6, #ACTLR_SMP
	bxne	lr
	mov	r3, lr
	bl	secure_probe
	mov	lr, r3
	mov	r7, #COH_CLEAR
	cmp	r0, #0
	bxeq	lr
	orr	r6, r6, #ACTLR_SMP
	mcr	p15, 0, r6, c1, c0, 1
	isb
	mrc	p15, 0, r6, c1, c0, 1
	tst	r6, #ACTLR_SMP
	moveq	r7, #COH_IGNORED
	movne	r7, #COH_SET_BY_IMAGE
	bx	lr

/*
 * r0 = 1 in Secure state, else 0 (r1, r2). SCR is accessible only in Secure
 * PL1 modes; a read from Non-secure PL1, or on a core without the Security
 * Extensions, is UNDEFINED (B4.1.129): so read it under vectors of our own
 * whose undefined-instruction entry returns past the read with r0 = 0
 * (LR_und is the instruction's address + 4 in ARM state, B1.9.7), then put
 * the image's VBAR back.
 */
secure_probe:
	mrc	p15, 0, r2, c12, c0, 0	/* VBAR */
	adr	r1, vectors_probe
	mcr	p15, 0, r1, c12, c0, 0
	isb
	mov	r0, #1
	mrc	p15, 0, r1, c1, c1, 0	/* SCR */
	mcr	p15, 0, r2, c12, c0, 0
	isb
	bx	lr

	.balign	32
vectors_probe:
	b	park			/* reset */
	b	probe_undefined
	.rept	6
	b	park
	.endr
probe_undefined:
	mov	r0, #0
	movs	pc, lr

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
	ldr	r0, =_head
	ldr	r1, =_end
	dcache_by_line dccimvac, r0, r1, r2, r3
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
