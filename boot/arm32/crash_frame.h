/* SPDX-License-Identifier: MIT */
/*
 * What boot/arm32/vectors.S saves on an exception (boot/crash.h). Offsets
 * are fixed because the assembly fills them.
 *
 * ARMv7 exceptions taken to PL1 have no syndrome register: the vector says
 * what happened (undefined instruction, SVC, prefetch abort, data abort) and
 * DFSR/IFSR, DFAR/IFAR say where and why. boot/arm32/crash.c turns that into
 * a syndrome in the ESR/HSR layout (EC [31:26], WnR [6], fault status
 * [5:0]; DDI 0406C B3.13.6, the same encoding HSR uses for exceptions taken
 * to HYP) in esr, so that the harness and the walker self-tests read one
 * format on both architectures (boot/esr.h).
 */
#ifndef GPUMMU_BOOT_ARM32_CRASH_FRAME_H
#define GPUMMU_BOOT_ARM32_CRASH_FRAME_H

#define CRASH_FRAME_R      0    /* r0..r12 */
#define CRASH_FRAME_SP     52   /* the interrupted mode's (SVC) */
#define CRASH_FRAME_LR     56
#define CRASH_FRAME_ELR    60   /* the instruction that faulted (SVC: the one after) */
#define CRASH_FRAME_SPSR   64
#define CRASH_FRAME_VECTOR 68   /* ARM32_VEC_* */
#define CRASH_FRAME_DFSR   72   /* in HYP: HSR */
#define CRASH_FRAME_IFSR   76
#define CRASH_FRAME_DFAR   80   /* in HYP: HDFAR */
#define CRASH_FRAME_IFAR   84   /* in HYP: HIFAR */
#define CRASH_FRAME_ESR    88   /* filled by boot/arm32/crash.c */
#define CRASH_FRAME_FAR    92   /* DFAR or IFAR, whichever the exception set */
#define CRASH_FRAME_SIZE   96   /* 8 byte multiple (AAPCS stack alignment) */

/* The vector an exception came through (DDI 0406C B1.8.1, vector offsets / 4). */
#define ARM32_VEC_UND  1
#define ARM32_VEC_SVC  2
#define ARM32_VEC_PABT 3
#define ARM32_VEC_DABT 4
#define ARM32_VEC_HYP  5
#define ARM32_VEC_IRQ  6
#define ARM32_VEC_FIQ  7

#ifndef __ASSEMBLER__
#include <stdint.h>

#include "boot/arm32/cpu_regs.h"

struct crash_frame {
	uint32_t r[13];
	uint32_t sp, lr, elr, spsr, vector;
	uint32_t dfsr, ifsr, dfar, ifar;
	uint32_t esr, far;
};

_Static_assert(sizeof(struct crash_frame) == CRASH_FRAME_SIZE, "crash frame layout");

/* Make the exception return to pc (ARM state: the landing is ARM code even
 * when the fault was in newlib's Thumb code) with arg in r0 (boot/fault.c). */
static inline void crash_frame_resume(struct crash_frame *f, uintptr_t pc, uintptr_t arg)
{
	f->elr = pc;
	f->spsr &= ~(uint32_t)(PSR_T | PSR_IT);
	f->r[0] = arg;
}
#endif

#endif
