/* SPDX-License-Identifier: MIT */
/*
 * The one linker script for every board, run through the C preprocessor with
 * the board's numbers from board/<name>/board.mk:
 *   LOAD_ADDR  where the image runs (the 2 MiB aligned RAM base + text_offset
 *              of the arm64 Image header, so U-Boot's booti and QEMU agree)
 *   RAM_BASE, RAM_SIZE   the board's memory, only to check the image fits
 *   POOL_SIZE  the page-table pool, a multiple of 64 KiB
 *   TFA_BL31_START, TFA_BL31_END   optional: TF-A's BL31 [start, end), which
 *              the image must stay clear of (TFA_BL31 in board.mk)
 *
 * Layout: code, read-only data, the .selftests registry, data, TLS template
 * (picolibc keeps errno there), then the NOLOAD parts the raw binary does not
 * carry: BSS, stacks, the pool metadata and the pool itself.
 */
#define STACK_SIZE 0x10000
#define EXC_STACK_SIZE 0x4000
#define POOL_ALIGN 0x10000 /* the largest table granule, 64 KiB (mmu/pool.h) */

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_head)

PHDRS
{
	image PT_LOAD FLAGS(7);
	tls PT_TLS;
}

SECTIONS
{
	. = LOAD_ADDR;
	_head = .;

	.text : {
		KEEP(*(.text.head))
		*(.text.vectors)
		*(.text .text.*)
	} :image

	.rodata : ALIGN(16) {
		*(.rodata .rodata.*)
	} :image

	/* The self-test registry (tests/target/selftest.h), in link order. */
	.selftests : ALIGN(8) {
		__selftests_start = .;
		KEEP(*(.selftests))
		__selftests_end = .;
	} :image

	.data : ALIGN(16) {
		*(.data .data.*)
	} :image

	/*
	 * TLS template, used in place: the image is loaded where it runs, so
	 * .tdata needs no copy and .tbss is cleared with the BSS.
	 */
	.tdata : ALIGN(16) {
		__tls_base = .;
		*(.tdata .tdata.*)
	} :image :tls
	.tbss : ALIGN(16) {
		*(.tbss .tbss.*)
		*(.tcommon)
	} :image :tls
	__tls_align = MAX(ALIGNOF(.tdata), ALIGNOF(.tbss));
	/* AArch64 TLS variant 1: TPIDR_EL0 points 16 bytes before the block. */
	__arm64_tls_tcb_offset = MAX(16, __tls_align);

	/* The linker does not advance '.' over .tbss; make room for it here. */
	.tbss_space (NOLOAD) : {
		. = ADDR(.tbss) + SIZEOF(.tbss);
	} :image

	.bss (NOLOAD) : ALIGN(16) {
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(16);
	} :image
	__bss_start = ADDR(.tbss);
	__bss_end = ADDR(.bss) + SIZEOF(.bss);

	.stack (NOLOAD) : ALIGN(16) {
		. += STACK_SIZE;
		__stack_top = .;
		. += EXC_STACK_SIZE;
		__exc_stack_top = .;
	} :image

	/* One byte per pool page (mmu/pool.h: pool_init's meta). */
	.pool_meta (NOLOAD) : ALIGN(16) {
		__pool_meta = .;
		. += POOL_SIZE / 4096;
	} :image

	/* The page-table pool: its own aligned region, visible in the map file. */
	.pool (NOLOAD) : ALIGN(POOL_ALIGN) {
		__pool_start = .;
		. += POOL_SIZE;
		__pool_end = .;
	} :image

	_end = .;
	/* arm64 Image header fields (boot/head.S). */
	__image_text_offset = LOAD_ADDR - RAM_BASE;
	__image_size = _end - _head;

	/DISCARD/ : {
		*(.comment) *(.note .note.*) *(.eh_frame) *(.eh_frame_hdr)
	}
}

ASSERT(LOAD_ADDR % 0x1000 == 0, "LOAD_ADDR must be 4 KiB aligned")
ASSERT(POOL_SIZE % POOL_ALIGN == 0, "POOL_SIZE must be a multiple of 64 KiB")
ASSERT(__pool_start % POOL_ALIGN == 0, "the pool must be 64 KiB aligned")
ASSERT(LOAD_ADDR >= RAM_BASE, "the image must load inside RAM")
ASSERT(_end <= RAM_BASE + RAM_SIZE, "the image does not fit in RAM")
#ifdef TFA_BL31_START
ASSERT(LOAD_ADDR >= TFA_BL31_END || _end <= TFA_BL31_START,
       "the image overlaps TF-A's BL31 (TFA_BL31 in board.mk)")
#endif
