/* SPDX-License-Identifier: MIT */
/*
 * The crash report: what boot/vectors.S saved when an exception nobody
 * expected was taken. Offsets are fixed because the assembly fills them.
 */
#ifndef GPUMMU_BOOT_CRASH_H
#define GPUMMU_BOOT_CRASH_H

#define CRASH_FRAME_X      0    /* x0..x30 */
#define CRASH_FRAME_SP_EL0 248
#define CRASH_FRAME_SP_ELX 256  /* the handler's SP before the frame was pushed */
#define CRASH_FRAME_ELR    264
#define CRASH_FRAME_SPSR   272
#define CRASH_FRAME_ESR    280
#define CRASH_FRAME_FAR    288
#define CRASH_FRAME_SIZE   304  /* 16 byte multiple */

/* The vector slot: which of the four groups, which of the four kinds. */
#define CRASH_KIND_SYNC   0
#define CRASH_KIND_IRQ    1
#define CRASH_KIND_FIQ    2
#define CRASH_KIND_SERROR 3
#define CRASH_FROM_CUR_SP0  (0 << 2)
#define CRASH_FROM_CUR_SPX  (1 << 2)
#define CRASH_FROM_LOWER64  (2 << 2)
#define CRASH_FROM_LOWER32  (3 << 2)

#ifndef __ASSEMBLER__
#include <stdint.h>

struct crash_frame {
	uint64_t x[31];
	uint64_t sp_el0, sp_elx, elr, spsr, esr, far;
	uint64_t pad;
};

_Static_assert(sizeof(struct crash_frame) == CRASH_FRAME_SIZE, "crash frame layout");

/* Called by the vectors with the saved state; prints the report, ends the run. */
void crash_report(const struct crash_frame *f, unsigned slot, unsigned el)
	__attribute__((noreturn));
#endif

#endif
