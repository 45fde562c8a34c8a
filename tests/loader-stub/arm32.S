/* SPDX-License-Identifier: MIT */
/*
 * A loader that leaves its MMU and caches on, as U-Boot's `go` does, for the
 * take-over lines of tests/qemu-arm32.cfg (QEMU virt only: RAM at
 * 0x4000_0000, the PL011 at 0x0900_0000, hw/arm/virt.c memmap). QEMU's
 * generic loader loads this ELF and starts CPU 0 at its entry (-device
 * loader,file=...,cpu-num=0), in the mode the machine resets into: SVC
 * (Secure SVC with secure=on), or HYP with virtualization=on. In that mode
 * it
 *  1. installs its own vectors (VBAR or HVBAR): an exception that reaches
 *     them prints one line and exits with status 3;
 *  2. builds an identity map the way a loader of that mode does: in SVC
 *     the Short-descriptor format with 1 MiB sections (TTBCR = 0, as U-Boot's
 *     arch/arm/lib/cache-cp15.c without LPAE), the first GiB shareable
 *     Device, RAM Normal write-back; in HYP the Long-descriptor format HTTBR needs, 1 GiB
 *     blocks (the first GiB Device, the RAM GiB Normal write-back);
 *  3. turns that mode's MMU, data and instruction caches on;
 *  4. copies its payload, gpummu.bin, to the image's link address through
 *     the data cache, cleans it to the PoU and invalidates the instruction
 *     cache and branch predictor (code written by data stores: DDI 0406C
 *     B2.2.9);
 *  5. branches to it with `go`'s registers: r0 = argc (1), r1 = argv,
 *     r2 = 0 (no device tree).
 * Built by the Makefile with IMAGE_LOAD_ADDR, RAM_BASE, RAM_SIZE and
 * STUB_PAYLOAD (the path of gpummu.bin), linked 2 MiB below the end of RAM.
 * QEMU models no caches and treats by-MVA cache maintenance as a no-op that
 * never faults: what this proves is the sequence, run from a loader's state
 * (docs/testing.md).
 */
#include "boot/arm32/cpu_regs.h"
#include "boot/arm32/dcache_asm.h"

	.arm
	.syntax unified

#define UART_BASE  0x09000000       /* QEMU virt VIRT_UART, a PL011 */
#define PL011_DR   0x00
#define PL011_FR   0x18
#define PL011_TXFF (1 << 5)         /* UARTFR.TXFF (Arm DDI 0183) */

/* Short-descriptor first-level section (DDI 0406C B3.5.1, B3.8.2): [1:0] =
 * 0b10, B [2], C [3], XN [4], AP[1:0] [11:10] = 0b11 (full access, with
 * DACR client), TEX [14:12], S [16]. Device: TEX 0, C 0, B 1 (shareable
 * Device), XN. Normal write-back write-allocate: TEX 0b001, C 1, B 1, S. */
#define SECTION_DEVICE 0x00000c16
#define SECTION_NORMAL 0x00011c0e
#define SECTION_SHIFT  20
/* DACR: every domain client (permissions checked); TTBR0 walks inner and
 * outer write-back write-allocate, shareable: IRGN[0] bit 6, RGN 0b01 [4:3],
 * S bit 1 (B4.1.154). */
#define DACR_CLIENT    0x55555555
#define TTBR0_WALK     0x4a
/* Long-descriptor blocks for HYP (B3.6.2): AttrIndx [4:2], AP[1] [6] (SBO
 * in the Hyp regime), SH [9:8], AF [10]; XN [54] is bit 22 of the high word.
 * HMAIR0: Attr0 0x00 Device-nGnRnE, Attr1 0xff Normal write-back. HTCR:
 * T0SZ 0, IRGN0 = ORGN0 = 0b01, SH0 = 0b11, bits 31 and 23 UNK/SBOP
 * (B4.1.70). */
#define HBLOCK_DEVICE  ((1 << 0) | (0 << 2) | (1 << 6) | (1 << 10))
#define HBLOCK_DEVICE_HI (1 << 22)
#define HBLOCK_NORMAL  ((1 << 0) | (1 << 2) | (1 << 6) | (3 << 8) | (1 << 10))
#define HMAIR0_STUB    0xff00
#define HTCR_STUB      0x80803500
#define SCTLR_MCIZ     (SCTLR_M | SCTLR_C | SCTLR_I | (1 << 11))

/* SYS_EXIT_EXTENDED with {ADP_Stopped_ApplicationExit, status}: status 3. */
#define SYS_EXIT_EXTENDED 0x20
#define STUB_EXIT_FAULT   3

	.text
	.global _start
_start:
	cpsid	aif
	mrs	r0, cpsr
	and	r0, r0, #MODE_MASK
	cmp	r0, #MODE_HYP
	beq	at_hyp

	ldr	r0, =stub_vectors
	mcr	p15, 0, r0, c12, c0, 0	/* VBAR */
	bl	build_sections
	ldr	r0, =DACR_CLIENT
	mcr	p15, 0, r0, c3, c0, 0	/* DACR */
	mov	r0, #0
	mcr	p15, 0, r0, c2, c0, 2	/* TTBCR: Short-descriptor, TTBR0 only */
	ldr	r0, =sections
	orr	r0, r0, #TTBR0_WALK
	mcr	p15, 0, r0, c2, c0, 0	/* TTBR0 */
	isb
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0	/* TLBIALL */
	bl	icache_inval
	mrc	p15, 0, r0, c1, c0, 0
	ldr	r1, =SCTLR_MCIZ
	orr	r0, r0, r1
	mcr	p15, 0, r0, c1, c0, 0	/* SCTLR */
	isb
	b	load_and_go

at_hyp:
	ldr	r0, =stub_vectors
	mcr	p15, 4, r0, c12, c0, 0	/* HVBAR */
	bl	build_hyp_blocks
	ldr	r0, =HMAIR0_STUB
	mcr	p15, 4, r0, c10, c2, 0	/* HMAIR0 */
	mov	r0, #0
	mcr	p15, 4, r0, c10, c2, 1	/* HMAIR1 */
	ldr	r0, =HTCR_STUB
	mcr	p15, 4, r0, c2, c0, 2	/* HTCR */
	ldr	r0, =hyp_l1
	mov	r1, #0
	mcrr	p15, 4, r0, r1, c2	/* HTTBR */
	isb
	mcr	p15, 4, r0, c8, c7, 0	/* TLBIALLH */
	bl	icache_inval
	mrc	p15, 4, r0, c1, c0, 0
	ldr	r1, =(SCTLR_M | SCTLR_C | SCTLR_I)
	orr	r0, r0, r1
	mcr	p15, 4, r0, c1, c0, 0	/* HSCTLR */
	isb

load_and_go:
	ldr	r0, =payload
	ldr	r1, =payload_end
	ldr	r2, =IMAGE_LOAD_ADDR
1:	ldmia	r0!, {r3-r10}
	stmia	r2!, {r3-r10}
	cmp	r0, r1
	blo	1b
	ldr	r0, =IMAGE_LOAD_ADDR
	dcache_by_line dccmvau, r0, r2, r3, r4
	dsb
	bl	icache_inval
	mov	r0, #1
	ldr	r1, =argv
	mov	r2, #0
	ldr	r3, =IMAGE_LOAD_ADDR
	bx	r3

/* ICIALLU and BPIALL, completed and synchronized (r0). */
icache_inval:
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0	/* ICIALLU */
	mcr	p15, 0, r0, c7, c5, 6	/* BPIALL */
	dsb
	isb
	bx	lr

/* 4096 sections over 4 GiB (r0-r4): below 1 GiB Device, RAM Normal, the
 * rest invalid. */
build_sections:
	ldr	r1, =sections
	ldr	r4, =(RAM_BASE + RAM_SIZE)
	mov	r2, #0			/* the section's PA */
1:	ldr	r3, =SECTION_DEVICE
	cmp	r2, #RAM_BASE
	blo	3f
	ldr	r3, =SECTION_NORMAL
	cmp	r2, r4
	blo	3f
	mov	r3, #0
	b	4f
3:	orr	r3, r3, r2
4:	str	r3, [r1], #4
	adds	r2, r2, #(1 << SECTION_SHIFT)
	bne	1b			/* until the PA wraps to 0 */
	dsb
	bx	lr

/* Four 1 GiB blocks (r0-r3): [0] Device, [1] the RAM GiB Normal, [2], [3]
 * invalid. */
build_hyp_blocks:
	ldr	r0, =hyp_l1
	ldr	r2, =HBLOCK_DEVICE
	ldr	r3, =HBLOCK_DEVICE_HI
	strd	r2, r3, [r0]
	ldr	r2, =(RAM_BASE | HBLOCK_NORMAL)
	mov	r3, #0
	strd	r2, r3, [r0, #8]
	mov	r2, #0
	strd	r2, r3, [r0, #16]
	strd	r2, r3, [r0, #24]
	dsb
	bx	lr

/* Print the string at r0 on the PL011 (r0-r3). The stub runs only on
 * QEMU, whose PL011 never holds TXFF set; a board is not its place. */
puts:
	ldr	r1, =UART_BASE
1:	ldrb	r2, [r0], #1
	cmp	r2, #0
	bxeq	lr
2:	ldr	r3, [r1, #PL011_FR]
	tst	r3, #PL011_TXFF
	bne	2b
	str	r2, [r1, #PL011_DR]
	b	1b

/* Any exception: one line, then SYS_EXIT_EXTENDED with status 3, then park. */
stub_fault:
	ldr	r0, =msg_fault
	bl	puts
	mov	r0, #SYS_EXIT_EXTENDED
	ldr	r1, =exit_block
	svc	#0x123456
1:	wfe
	b	1b

	.pool

	.balign	32
stub_vectors:
	.rept	8
	b	stub_fault
	.endr

	.section .rodata
	.balign	4
exit_block:
	.word	0x20026, STUB_EXIT_FAULT	/* ADP_Stopped_ApplicationExit, status */
argv:
	.word	argv0, 0
argv0:
	.asciz	"go"
msg_fault:
	.asciz	"loader-stub: an exception reached the loader's vectors (the image had not taken them over)\r\n"

	.balign	32
payload:
	.incbin	STUB_PAYLOAD
	.balign	32
payload_end:

	.bss
	.balign	16384
sections:
	.space	16384
	.balign	32
hyp_l1:
	.space	32
