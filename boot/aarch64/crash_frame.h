/* SPDX-License-Identifier: MIT */
/*
 * What boot/aarch64/vectors.S saves on an exception (boot/crash.h). Offsets
 * are fixed because the assembly fills them.
 */
#ifndef GPUMMU_BOOT_AARCH64_CRASH_FRAME_H
#define GPUMMU_BOOT_AARCH64_CRASH_FRAME_H

#define CRASH_FRAME_X      0    /* x0..x30 */
#define CRASH_FRAME_SP_EL0 248
#define CRASH_FRAME_SP_ELX 256  /* the handler's SP before the frame was pushed */
#define CRASH_FRAME_ELR    264
#define CRASH_FRAME_SPSR   272
#define CRASH_FRAME_ESR    280
#define CRASH_FRAME_FAR    288
#define CRASH_FRAME_SIZE   304  /* 16 byte multiple */

#ifndef __ASSEMBLER__
#include <stdint.h>

#include "mmu/bits.h"

struct crash_frame {
	uint64_t x[31];
	uint64_t sp_el0, sp_elx, elr, spsr, esr, far;
	uint64_t pad;
};

_Static_assert(sizeof(struct crash_frame) == CRASH_FRAME_SIZE, "crash frame layout");

/* SPSR_ELx.PAN (bit 22): the landing runs without PAN whatever fn set. */
#define SPSR_PAN BIT(22)

/* Make the exception return to pc with arg in x0 (boot/fault.c). */
static inline void crash_frame_resume(struct crash_frame *f, uintptr_t pc, uintptr_t arg)
{
	f->elr = pc;
	f->spsr &= ~SPSR_PAN;
	f->x[0] = arg;
}
#endif

#endif
