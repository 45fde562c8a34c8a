/* SPDX-License-Identifier: MIT */
/*
 * AArch32 stacks per mode. SVC, where the image runs, has the image stack
 * [__stack_bottom, __stack_top); the exception modes share the exception
 * stack [__exc_stack_bottom, __exc_stack_top) (linker/image.ld.S, 16 KiB,
 * a guard page below it) in slices, each checked by the vectors so that no
 * mode runs into the next: ABT (data and prefetch aborts, the tests' faults
 * and the crash report's stdio) 8 KiB, UND 6 KiB, IRQ and FIQ 1 KiB each
 * (both masked; only a report if one ever comes). HYP uses the top of the
 * exception stack while the entry code runs there, before any other mode.
 */
#ifndef GPUMMU_BOOT_ARM32_STACKS_H
#define GPUMMU_BOOT_ARM32_STACKS_H

#define STACK_ABT_TOP     __exc_stack_top
#define STACK_ABT_BOTTOM  (__exc_stack_top - 0x2000)
#define STACK_UND_TOP     STACK_ABT_BOTTOM
#define STACK_UND_BOTTOM  (__exc_stack_top - 0x3800)
#define STACK_IRQ_TOP     STACK_UND_BOTTOM
#define STACK_IRQ_BOTTOM  (__exc_stack_top - 0x3c00)
#define STACK_FIQ_TOP     STACK_IRQ_BOTTOM
#define STACK_FIQ_BOTTOM  (__exc_stack_top - 0x4000)
#define STACK_HYP_TOP     __exc_stack_top
/* Where a mode whose slice ran out prints its one line from. */
#define STACK_TOP_FRESH   __exc_stack_top

#endif
