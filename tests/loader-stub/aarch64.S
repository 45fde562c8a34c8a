/* SPDX-License-Identifier: MIT */
/*
 * A loader that leaves its MMU and caches on, as U-Boot's `go` does, for the
 * take-over lines of tests/qemu.cfg (QEMU virt only: RAM at 0x4000_0000, the
 * PL011 at 0x0900_0000, hw/arm/virt.c memmap). QEMU's generic loader loads
 * this ELF and starts CPU 0 at its entry (-device loader,file=...,cpu-num=0),
 * at the EL the machine resets into: EL1, EL2 with virtualization=on, EL3
 * with secure=on. At that EL it
 *  1. installs its own vectors: an exception that reaches them prints one
 *     line and exits with status 3 (the image let a fault reach the loader);
 *  2. builds an identity map, 4 KiB granule from level 1: the first GiB
 *     Device-nGnRnE, RAM Normal write-back inner shareable in 2 MiB blocks;
 *  3. turns that EL's MMU, data and instruction caches on;
 *  4. copies its payload, gpummu.bin, to the image's link address through
 *     the data cache, as a loader writes an image it read from storage,
 *     then cleans it to the PoU and invalidates the instruction cache (code
 *     written by data stores; Arm ARM DDI 0487, "Concurrent modification and
 *     execution of instructions" and the IC IALLU / DC CVAU sequence);
 *  5. branches to it with `go`'s registers: x0 = argc (1), x1 = argv, so
 *     the image sees no device tree under the boot protocol and finds the
 *     one QEMU left at the RAM base.
 * Built by the Makefile with IMAGE_LOAD_ADDR, RAM_BASE, RAM_SIZE and
 * STUB_PAYLOAD (the path of gpummu.bin), linked 2 MiB below the end of RAM.
 * QEMU models no caches and treats by-VA cache maintenance as a no-op that
 * never faults: what this proves is the sequence, run from a loader's state
 * (docs/testing.md).
 */
#include "boot/aarch64/dcache_asm.h"

#define UART_BASE 0x09000000        /* QEMU virt VIRT_UART, a PL011 */
#define PL011_DR  0x00
#define PL011_FR  0x18
#define PL011_TXFF 5                /* UARTFR.TXFF, bit 5 (Arm DDI 0183) */

/* MAIR: Attr0 = 0x00 Device-nGnRnE, Attr1 = 0xff Normal write-back
 * read/write-allocate, inner and outer (DDI 0487 D19 "MAIR_ELx"). */
#define MAIR_STUB 0xff00
/* TCR_ELx: T0SZ 25 (a 39-bit VA: the walk starts at level 1, 1 GiB per
 * entry), IRGN0 = ORGN0 = 0b01 (walks write-back), SH0 = 0b11 (inner
 * shareable), TG0 = 0 (4 KiB), PA size 0 (32 bits: all of QEMU virt's RAM
 * and devices below 4 GiB). TCR_EL1 also has EPD1 (bit 23: no TTBR1
 * walks); in TCR_EL2 (E2H = 0) and TCR_EL3 bits 31 and 23 are RES1. */
#define TCR_WALK      (25 | (1 << 8) | (1 << 10) | (3 << 12))
#define TCR_EL1_STUB  (TCR_WALK | (1 << 23))
#define TCR_EL23_STUB (TCR_WALK | (1 << 31) | (1 << 23))
/* Block and table descriptors (DDI 0487 D8 "VMSAv8-64 translation table
 * format descriptors"): AttrIndx [4:2], AP [7:6], SH [9:8], AF [10], PXN
 * [53], UXN/XN [54]. AP = 0b00 at EL1 (EL1 read/write, no EL0 access: a page
 * EL0 could write would be privileged execute-never); at EL2 and EL3 AP[1]
 * is RES1 (TF-A xlat_tables_defs.h AP_ONE_VA_RANGE_RES1). Device is
 * execute-never: bit 54 (XN at EL2/EL3, UXN at EL1) everywhere, and PXN
 * only at EL1, the one regime with two VA ranges (bit 53 is RES0 at EL2
 * and EL3). */
#define DESC_BLOCK     1
#define DESC_TABLE     3
#define DESC_DEVICE    (DESC_BLOCK | (0 << 2) | (1 << 10) | (1 << 54))
#define DESC_PXN       (1 << 53)
#define DESC_NORMAL    (DESC_BLOCK | (1 << 2) | (3 << 8) | (1 << 10))
#define DESC_AP1_RES1  (1 << 6)
#define SCTLR_MCI      ((1 << 0) | (1 << 2) | (1 << 12))

/* SYS_EXIT with {ADP_Stopped_ApplicationExit, status} (Arm semihosting
 * specification): status 3, "the loader's vectors took an exception". */
#define SYS_EXIT        0x18
#define STUB_EXIT_FAULT 3

.if RAM_BASE != 0x40000000
.error "the stub's level 1 table maps RAM as the second GiB (QEMU virt)"
.endif

/* Map and enable at EL\el: \tcr its TCR value, \tlbi the TLBI that drops
 * this regime's entries, \ap the extra descriptor bits, \dev those of the
 * Device block only. */
.macro mmu_on el, tcr, tlbi, ap, dev
	adr	x0, stub_vectors
	msr	VBAR_EL\el, x0
	ldr	x0, =\ap
	ldr	x5, =\dev
	bl	build_map
	ldr	x0, =MAIR_STUB
	msr	MAIR_EL\el, x0
	ldr	x0, =\tcr
	msr	TCR_EL\el, x0
	adrp	x0, l1_table
	msr	TTBR0_EL\el, x0
	isb
	tlbi	\tlbi
	dsb	sy
	isb
	mrs	x0, SCTLR_EL\el
	mov	x1, #SCTLR_MCI
	orr	x0, x0, x1
	msr	SCTLR_EL\el, x0
	isb
.endm

	.text
	.global _start
_start:
	msr	DAIFSet, #0xf
	mrs	x0, CurrentEL
	lsr	x0, x0, #2
	cmp	x0, #3
	b.eq	at_el3
	cmp	x0, #2
	b.eq	at_el2
	mmu_on	1, TCR_EL1_STUB, vmalle1, 0, DESC_PXN
	b	load_and_go
at_el2:
	mmu_on	2, TCR_EL23_STUB, alle2, DESC_AP1_RES1, 0
	b	load_and_go
at_el3:
	mmu_on	3, TCR_EL23_STUB, alle3, DESC_AP1_RES1, 0

load_and_go:
	adr	x0, payload
	adr	x1, payload_end
	ldr	x2, =IMAGE_LOAD_ADDR
1:	ldp	x3, x4, [x0], #16
	stp	x3, x4, [x2], #16
	cmp	x0, x1
	b.lo	1b
	ldr	x0, =IMAGE_LOAD_ADDR
	dcache_by_line cvau, x0, x2, x3, x4
	dsb	ish
	ic	iallu
	dsb	ish
	isb
	mov	x0, #1
	adr	x1, argv
	mov	x2, xzr
	mov	x3, xzr
	ldr	x4, =IMAGE_LOAD_ADDR
	br	x4

/*
 * The tables, written with the MMU off. x0 = bits every descriptor adds,
 * x5 = bits the Device block adds.
 * Level 1: [0] the first GiB as Device, [1] the level 2 table of the RAM
 * GiB, the rest invalid. Level 2: a block per 2 MiB of RAM, the rest
 * invalid.
 */
build_map:
	adrp	x1, l1_table
	adrp	x2, l2_table
	ldr	x3, =DESC_DEVICE
	orr	x3, x3, x0
	orr	x3, x3, x5
	str	x3, [x1]
	orr	x3, x2, #DESC_TABLE
	str	x3, [x1, #8]
	mov	x4, #2
1:	str	xzr, [x1, x4, lsl #3]
	add	x4, x4, #1
	cmp	x4, #512
	b.lo	1b
	ldr	x3, =DESC_NORMAL
	orr	x3, x3, x0
	ldr	x5, =RAM_BASE
	ldr	x6, =(RAM_BASE + RAM_SIZE)
	mov	x4, #0
2:	add	x8, x5, x4, lsl #21	/* the block's PA */
	orr	x9, x8, x3
	cmp	x8, x6
	csel	x9, x9, xzr, lo
	str	x9, [x2, x4, lsl #3]
	add	x4, x4, #1
	cmp	x4, #512
	b.lo	2b
	dsb	sy
	ret

/* Print the string at x0 on the PL011 (x0-x3). The stub runs only on
 * QEMU, whose PL011 never holds TXFF set; a board is not its place. */
puts:
	ldr	x1, =UART_BASE
1:	ldrb	w2, [x0], #1
	cbz	w2, 3f
2:	ldr	w3, [x1, #PL011_FR]
	tbnz	w3, #PL011_TXFF, 2b
	str	w2, [x1, #PL011_DR]
	b	1b
3:	ret

/* Any exception: one line, then SYS_EXIT with status 3, then park. */
stub_fault:
	adr	x0, msg_fault
	bl	puts
	mov	x0, #SYS_EXIT
	adr	x1, exit_block
	hlt	#0xf000
1:	wfe
	b	1b

	.pool

	.balign	0x800
stub_vectors:
	.rept	16
	.balign	0x80
	b	stub_fault
	.endr

	.section .rodata
	.balign	8
exit_block:
	.quad	0x20026, STUB_EXIT_FAULT	/* ADP_Stopped_ApplicationExit, status */
argv:
	.quad	argv0, 0
argv0:
	.asciz	"go"
msg_fault:
	.asciz	"loader-stub: an exception reached the loader's vectors (the image had not taken them over)\r\n"

	.balign	16
payload:
	.incbin	STUB_PAYLOAD
	.balign	16
payload_end:

	.bss
	.balign	4096
l1_table:
	.space	4096
l2_table:
	.space	4096
