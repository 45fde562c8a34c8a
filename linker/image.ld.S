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
 * (picolibc keeps errno there; newlib on AArch32 uses none), then the NOLOAD parts the raw binary does not
 * carry: BSS, stacks, the pool metadata and the pools.
 *
 * The CPU's own translation tables (boot/cpu_map.c) map these sections with
 * different permissions, so every boundary between two permissions is 4 KiB
 * aligned: text (read-only, executable), rodata and the self-test registry
 * (read-only), everything after (read-write, never executable). Below each
 * stack a 4 KiB guard page stays unmapped, so an overflow faults there.
 * Everything from .data up to __mmu_off_end may be written while the CPU's
 * MMU is still off; the big .pool comes last (first touched with it on).
 */
#define STACK_SIZE 0x10000
#define EXC_STACK_SIZE 0x4000
#define GUARD_SIZE 0x1000
#define PAGE_ALIGN 0x1000
#define POOL_ALIGN 0x10000 /* the largest table granule, 64 KiB (mmu/pool.h) */
#define CPU_POOL_SIZE 0x20000 /* the CPU's own tables (boot/cpu_map.c) */
#define DMA_POOL_SIZE 0x20000 /* non-cacheable memory for a non-coherent SMMU's queues and tables */

#ifdef ARCH_arm32
OUTPUT_FORMAT("elf32-littlearm")
OUTPUT_ARCH(arm)
#else
OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
#endif
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
		. = ALIGN(PAGE_ALIGN);
		__text_end = .;
	} :image

	.rodata : ALIGN(PAGE_ALIGN) {
		__rodata_start = .;
		*(.rodata .rodata.*)
	} :image
#ifdef ARCH_arm32
	/* AArch32 unwind tables (libgcc's division helpers carry them). */
	.ARM.exidx : ALIGN(8) {
		*(.ARM.exidx* .gnu.linkonce.armexidx.*)
	} :image
#endif

	/* The self-test registry (tests/target/selftest.h), in link order. */
	.selftests : ALIGN(8) {
		__selftests_start = .;
		KEEP(*(.selftests))
		__selftests_end = .;
		. = ALIGN(PAGE_ALIGN);
		__rodata_end = .;
	} :image

	.data : ALIGN(PAGE_ALIGN) {
		__data_start = .;
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

	/* Each stack with its unmapped guard page below it. */
	.stack (NOLOAD) : ALIGN(PAGE_ALIGN) {
		__stack_guard = .;
		. += GUARD_SIZE;
		__stack_bottom = .;
		. += STACK_SIZE;
		__stack_top = .;
		__exc_stack_guard = .;
		. += GUARD_SIZE;
		__exc_stack_bottom = .;
		. += EXC_STACK_SIZE;
		__exc_stack_top = .;
	} :image

	/* One byte per pool page (mmu/pool.h: pool_init's meta), for each pool. */
	.pool_meta (NOLOAD) : ALIGN(16) {
		__pool_meta = .;
		. += POOL_SIZE / 4096;
		__cpu_pool_meta = .;
		. += CPU_POOL_SIZE / 4096;
		__dma_pool_meta = .;
		. += DMA_POOL_SIZE / 4096;
	} :image

	.cpu_pool (NOLOAD) : ALIGN(POOL_ALIGN) {
		__cpu_pool_start = .;
		. += CPU_POOL_SIZE;
		__cpu_pool_end = .;
	} :image

	/* Mapped Normal non-cacheable by the CPU (boot/cpu_map.c). */
	.dma_pool (NOLOAD) : ALIGN(POOL_ALIGN) {
		__dma_pool_start = .;
		. += DMA_POOL_SIZE;
		__dma_pool_end = .;
	} :image
	__mmu_off_end = .;

	/* The page-table pool: its own aligned region, visible in the map file. */
	.pool (NOLOAD) : ALIGN(POOL_ALIGN) {
		__pool_start = .;
		. += POOL_SIZE;
		__pool_end = .;
	} :image

	_end = .;
	/* arm64 Image header fields (boot/aarch64/head.S). */
	__image_text_offset = LOAD_ADDR - RAM_BASE;
	__image_size = _end - _head;

	/DISCARD/ : {
		*(.comment) *(.note .note.*) *(.eh_frame) *(.eh_frame_hdr)
	}
}

ASSERT(LOAD_ADDR % 0x1000 == 0, "LOAD_ADDR must be 4 KiB aligned")
ASSERT(POOL_SIZE % POOL_ALIGN == 0, "POOL_SIZE must be a multiple of 64 KiB")
ASSERT(__pool_start % POOL_ALIGN == 0, "the pool must be 64 KiB aligned")
ASSERT(__bss_end <= __stack_guard, "the BSS runs into the stack guard")
ASSERT(LOAD_ADDR >= RAM_BASE, "the image must load inside RAM")
ASSERT(_end <= RAM_BASE + RAM_SIZE, "the image does not fit in RAM")
#ifdef IMAGE_END_MAX
ASSERT(_end <= IMAGE_END_MAX, "the image runs into what the loader uses above it (IMAGE_END_MAX in board.mk)")
#endif
#ifdef TFA_BL31_START
ASSERT(LOAD_ADDR >= TFA_BL31_END || _end <= TFA_BL31_START,
       "the image overlaps TF-A's BL31 (TFA_BL31 in board.mk)")
#endif
