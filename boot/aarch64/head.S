/* SPDX-License-Identifier: MIT */
/*
 * Image entry. The first 64 bytes are the arm64 Linux Image header
 * (Linux Documentation/arch/arm64/booting.rst) so that U-Boot's booti and
 * QEMU's -kernel accept the raw binary; the ELF enters at the same place.
 *
 * We may arrive at EL3 (QEMU virt,secure=on; a JTAG load), EL2
 * (virtualization=on; U-Boot on most boards) or EL1, with the MMU off, or on
 * (U-Boot's go: take_over). Every path sets up a stack and vectors for the
 * EL it runs at before touching anything else, so even a fault during EL
 * setup prints a crash report; then it drops to EL1h and enters
 * boot_main(dtb, entry EL, SCTLR at entry, coherency) running on SP_EL0,
 * keeping SP_EL1 for exceptions so a blown stack still reports.
 *
 * Registers kept across the setup: x19 = the DTB (or 0), x20 = the entry EL,
 * x21 = SCTLR_ELx found (0: MMU and data cache were off), x22 = the
 * coherency bit's state and CPUECTLR_EL1[31:0] (boot/coherency.h).
 */
#include "boot/aarch64/cpu_regs.h"
#include "boot/aarch64/dcache_asm.h"
#include "boot/coherency.h"
#include "boot/early.h"
#include "boot/sysregs.h"

/*
 * Entered with this EL's MMU or data cache on (U-Boot's `go` leaves both
 * on; `booti` turns them off, as Linux's boot protocol requires): take over.
 * While the loader's translation is still on (it maps the image at its own
 * address, as U-Boot's identity map of DRAM does), clean and invalidate the
 * whole image [_head, _end) to the point of coherency by VA, then turn M, C
 * and I off at this EL and invalidate the instruction cache.
 *
 * Why that is enough: until its own MMU is on the image touches only its own
 * memory and MMIO. After the clean every byte the loader wrote into it (code,
 * data) is in memory; after the invalidate no cache holds a line of it, so
 * nothing stale can be read once the caches come back on and nothing dirty
 * can be written back over what the image stores meanwhile. By VA to the PoC
 * reaches every cache level, system caches included, which set/way
 * operations do not (Arm ARM DDI 0487, "Data cache maintenance instructions"
 * and the warning on set/way maintenance). x21 keeps the SCTLR value found
 * (0: the MMU and caches were off) for the banner.
 */
.macro take_over el
	mrs	x1, SCTLR_EL\el
	mov	x2, #(SCTLR_M | SCTLR_C)
	tst	x1, x2
	b.eq	9f
	mov	x21, x1
	bl	image_clean_inval_poc
	mrs	x1, SCTLR_EL\el
	mov	x2, #(SCTLR_M | SCTLR_C | SCTLR_I)
	bic	x1, x1, x2
	msr	SCTLR_EL\el, x1
	isb
	ic	iallu
	dsb	nsh
	isb
9:
.endm

	.section .text.head, "ax"
	.global _head_code
_head_code:
	b	entry			/* code0 */
	nop				/* code1 */
	.quad	__image_text_offset	/* text_offset: from the 2 MiB aligned RAM base */
	.quad	__image_size		/* image_size: including BSS and the pool */
	.quad	0			/* flags: LE, page size unspecified, 2 MiB base near RAM start */
	.quad	0, 0, 0			/* res2..res4 */
	.ascii	"ARM\x64"		/* magic, at offset 0x38 */
	.long	0			/* res5 (PE/COFF offset: none) */

entry:
	msr	DAIFSet, #0xf		/* no interrupt is expected, whoever loaded us */
	/*
	 * Only the boot CPU runs the image: the one whose MPIDR_EL1 affinity
	 * (Aff3 [39:32], Aff2..Aff0 [23:0]; Arm ARM D19 "MPIDR_EL1") is the
	 * board's BOOT_CPU_MPIDR (Makefile, board.mk): 0, core 0 of cluster 0,
	 * on QEMU virt, RK3399 and RK3588. Any other parks here before
	 * touching memory: with -M secure=on QEMU starts every core at the
	 * entry, and a debugger may resume a whole SMP group.
	 */
	mrs	x9, MPIDR_EL1
	ubfx	x10, x9, #32, #8
	and	x9, x9, #0xffffff
	bfi	x9, x10, #32, #8	/* MT, U [31:24] and RES0 bits dropped */
	ldr	x10, =BOOT_CPU_MPIDR
	cmp	x9, x10
	b.ne	park
	/*
	 * x0 is a DTB only under the Linux boot protocol, which also sets
	 * x1 = x2 = x3 = 0 (Linux Documentation/arch/arm64/booting.rst);
	 * otherwise pass 0 (boot/dt_locate.c).
	 */
	orr	x9, x1, x2
	orr	x9, x9, x3
	cmp	x9, #0
	csel	x19, x0, xzr, eq
	/*
	 * Everything below uses link-time addresses (literal pools, vectors,
	 * stacks): running anywhere else would fault at once, with no vectors
	 * of ours. So compare where we run with where we were linked.
	 */
	adr	x9, _head_code
	ldr	x10, =_head
	cmp	x9, x10
	b.ne	wrong_address
	mrs	x20, CurrentEL
	lsr	x20, x20, #2
	mov	x21, xzr		/* SCTLR at entry when the MMU or D-cache was on */
	bl	coherency_core		/* x22: the coherency bit's state */

	/* A stack and vectors at the entry EL first, so nothing below can hang. */
	ldr	x1, =__exc_stack_top
	mov	sp, x1
	cmp	x20, #3
	b.eq	1f
	cmp	x20, #2
	b.eq	2f
	b	el1_entry

1:	adr	x1, vectors_el3
	msr	VBAR_EL3, x1
	isb
	bl	coherency_el3		/* before the first cache maintenance */
	take_over 3
	mov	x1, #CPTR_EL3_BOOT
	msr	CPTR_EL3, x1
	isb
	bl	clear_bss
	/* Lower ELs AArch64 and non-secure (the SMMU and devices are NS on virt). */
	ldr	x1, =SCR_EL3_BOOT
	msr	SCR_EL3, x1
	mrs	x1, ID_AA64PFR0_EL1
	ubfx	x1, x1, #ID_AA64PFR0_EL2_SHIFT, #4
	cbz	x1, 3f
	bl	setup_el2_for_el1	/* EL2 exists but we skip it: make EL1 AArch64 */
3:	bl	setup_el1_regs
	adr	x1, el1_entry
	msr	ELR_EL3, x1
	mov	x1, #SPSR_EL1H_DAIF
	msr	SPSR_EL3, x1
	isb
	eret

2:	adr	x1, vectors_el2
	msr	VBAR_EL2, x1
	isb
	take_over 2
	/* HCR_EL2 first: a loader may have left E2H set, changing CPTR_EL2's layout. */
	bl	setup_el2_for_el1
	isb
	bl	clear_bss
	bl	setup_el1_regs
	adr	x1, el1_entry
	msr	ELR_EL2, x1
	mov	x1, #SPSR_EL1H_DAIF
	msr	SPSR_EL2, x1
	isb
	eret

/*
 * Entered at x9, linked at x10: only PC-relative code from here on. Park
 * vectors first (so a fault parks instead of looping through whatever
 * vectors the loader left), a stack in the image's loaded data, then the one
 * line (boot/early.c), which exits through semihosting where the board has
 * it; otherwise park.
 */
wrong_address:
	adr	x11, vectors_park
	mrs	x12, CurrentEL
	lsr	x12, x12, #2
	cmp	x12, #3
	b.ne	1f
	msr	VBAR_EL3, x11
	b	3f
1:	cmp	x12, #2
	b.ne	2f
	msr	VBAR_EL2, x11
	b	3f
2:	msr	VBAR_EL1, x11
3:	isb
	adr	x11, early_stack + EARLY_STACK_SIZE
	mov	sp, x11
	mov	x0, x9
	mov	x1, x10
	bl	early_wrong_address
park:
	wfe
	b	park

/*
 * The core's coherency-enable bit, CPUECTLR_EL1.SMPEN, on a Cortex-A53 or
 * -A72 (boot/coherency.h): their TRMs require it set before the caches or
 * the MMU are enabled and before any cache or TLB maintenance; TF-A's reset
 * handlers set it (lib/cpus/aarch64/cortex_a53.S, cortex_a72.S), as U-Boot
 * does at EL3 (arch/arm/cpu/armv8/start.S, CONFIG_ARMV8_SET_SMPEN).
 * coherency_core: x22 = COH_NOT_READ on those cores, COH_NOT_KNOWN on any
 * other (whose IMPLEMENTATION DEFINED registers are never touched), shifted
 * to the state field (x0, x1). Below EL3 it stays unread: an access at EL2
 * traps to EL3 unless ACTLR_EL3.CPUECTLR (bit 1) is set, at EL1 also to EL2
 * unless ACTLR_EL2.CPUECTLR is, and ACTLR_EL3 is not readable below EL3.
 */
coherency_core:
	mrs	x0, MIDR_EL1
	ldr	x1, =MIDR_IMPL_PART
	and	x0, x0, x1
	mov	x22, #COH_NOT_READ
	ldr	x1, =MIDR_CORTEX_A53
	cmp	x0, x1
	ldr	x1, =MIDR_CORTEX_A72
	ccmp	x0, x1, #4, ne		/* Z: A53, or else A72 */
	mov	x0, #COH_NOT_KNOWN
	csel	x22, x22, x0, eq
	lsl	x22, x22, #COH_STATE_SHIFT
	ret

/* At EL3, on a known core: set SMPEN if clear, read it back (x0, x1). */
coherency_el3:
	lsr	x0, x22, #COH_STATE_SHIFT
	cmp	x0, #COH_NOT_READ
	b.ne	2f
	mrs	x0, CPUECTLR_EL1
	mov	x1, #COH_SET
	tbnz	x0, #CPUECTLR_SMPEN_BIT, 1f
	orr	x0, x0, #(1 << CPUECTLR_SMPEN_BIT)
	msr	CPUECTLR_EL1, x0
	isb
	mrs	x0, CPUECTLR_EL1
	mov	x1, #COH_SET_BY_IMAGE
	tbnz	x0, #CPUECTLR_SMPEN_BIT, 1f
	mov	x1, #COH_IGNORED
1:	mov	w0, w0			/* bits [31:0] */
	orr	x22, x0, x1, lsl #COH_STATE_SHIFT
2:	ret

/*
 * EL2 programmed from EL2 or EL3: EL1 runs AArch64, may read the physical
 * counter, sees the real MIDR/MPIDR (VPIDR/VMPIDR reset to UNKNOWN values),
 * and FP/SIMD is not trapped.
 */
setup_el2_for_el1:
	ldr	x1, =HCR_EL2_BOOT
	msr	HCR_EL2, x1
	isb				/* E2H is now 0: CNTHCTL_EL2 below has its non-VHE layout */
	mov	x1, #CNTHCTL_EL2_BOOT
	msr	CNTHCTL_EL2, x1
	msr	CNTVOFF_EL2, xzr
	ldr	x1, =CPTR_EL2_BOOT
	msr	CPTR_EL2, x1
	mrs	x1, MIDR_EL1
	msr	VPIDR_EL2, x1
	mrs	x1, MPIDR_EL1
	msr	VMPIDR_EL2, x1
	ret

setup_el1_regs:
	ldr	x1, =SCTLR_EL1_EARLY
	msr	SCTLR_EL1, x1
	ret

	.text
el1_entry:
	/*
	 * Vectors first, as at EL3 and EL2: entered at EL1 with the loader's
	 * MMU on, the take-over's DC CIVAC runs under the loader's map, and a
	 * fault there (an address it did not map) must reach the image's crash
	 * report, not the loader's vectors (tests/host/check-takeover-vectors).
	 */
	adr	x1, vectors_el1
	msr	VBAR_EL1, x1
	isb
	take_over 1			/* entered at EL1 with the MMU on; else a no-op */
	mov	x1, #CPACR_EL1_BOOT
	msr	CPACR_EL1, x1
	/*
	 * A JTAG load writes the image through the debug port, so the
	 * instruction cache may hold an earlier image at these addresses:
	 * invalidate it before SCTLR_EL1.I turns it on (Arm ARM D7.5.9,
	 * instruction cache maintenance after writing instructions).
	 */
	ic	iallu
	dsb	nsh
	isb
	ldr	x1, =SCTLR_EL1_BOOT
	msr	SCTLR_EL1, x1
	isb
	/* SP_EL1 = exception stack, SP_EL0 = the stack the image runs on. */
	ldr	x1, =__exc_stack_top
	mov	sp, x1
	cmp	x20, #1
	b.ne	1f
	bl	clear_bss		/* entered at EL1: not cleared yet */
1:	msr	SPSel, #0
	ldr	x1, =__stack_top
	mov	sp, x1
	mov	x29, xzr		/* frame chain ends here (for gdb backtraces) */
	bl	stack_guard_init	/* before the first protected frame */
	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	mov	x3, x22
	bl	boot_main
	/* boot_main does not return; if it ever did, park rather than run off. */
2:	wfe
	b	2b

/* Clean and invalidate [_head, _end) to the PoC by VA, then DSB SY (x1-x4). */
image_clean_inval_poc:
	ldr	x1, =_head
	ldr	x2, =_end
	dcache_by_line civac, x1, x2, x3, x4
	dsb	sy
	ret

/*
 * Zero [__bss_start, __bss_end) (16 byte aligned by the linker script; it
 * includes .tbss) and point TPIDR_EL0 at the TLS block, where picolibc keeps
 * errno (AArch64 TLS variant 1: the thread pointer sits
 * __arm64_tls_tcb_offset bytes before the block). Done at the entry EL, so
 * that even a crash report printed before the drop to EL1 has working stdio.
 */
clear_bss:
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	stp	xzr, xzr, [x1], #16
	b	1b
2:	ldr	x1, =__tls_base
	ldr	x2, =__arm64_tls_tcb_offset
	sub	x1, x1, x2
	msr	TPIDR_EL0, x1
	ret

	.pool

/* Vectors for the wrong-address path: every exception parks the CPU. */
	.balign	0x800
vectors_park:
	.rept	16
	.balign	0x80
	wfe
	b	.-4
	.endr
