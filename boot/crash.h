/* SPDX-License-Identifier: MIT */
/*
 * The crash report for an exception nobody expected. The vectors of each
 * architecture (boot/aarch64/vectors.S, boot/arm32/vectors.S) save a struct
 * crash_frame, laid out in the architecture's crash_frame.h because the
 * assembly fills it; what every report shares is here (boot/crash.c).
 */
#ifndef GPUMMU_BOOT_CRASH_H
#define GPUMMU_BOOT_CRASH_H

/* The vector slot: which of the four groups, which of the four kinds. */
#define CRASH_KIND_SYNC   0
#define CRASH_KIND_IRQ    1
#define CRASH_KIND_FIQ    2
#define CRASH_KIND_SERROR 3
#define CRASH_FROM_CUR_SP0  (0 << 2)
#define CRASH_FROM_CUR_SPX  (1 << 2)
#define CRASH_FROM_LOWER64  (2 << 2)
#define CRASH_FROM_LOWER32  (3 << 2)

#if defined(__aarch64__)
#include "boot/aarch64/crash_frame.h"
#elif defined(__arm__)
#include "boot/arm32/crash_frame.h"
#endif

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

/* Called by the vectors with the saved state; prints the report, ends the run. */
void crash_report(const struct crash_frame *f, unsigned slot, unsigned el)
	__attribute__((noreturn));

/* What every architecture's report does, in this order: */
/* a fault inside the report prints one line and parks (never returns then); */
void crash_enter(void);
/* "  during self-test 'name'" when a test runs; */
void crash_print_test(void);
/* the stack-overflow line when far (a data abort's address, valid when
 * far_valid) or sp lies in a guard page; */
void crash_print_stack_overflow(bool far_valid, uint64_t far, uint64_t sp);
/* "Bail out!" and the exit with IMAGE_EXIT_CRASH. */
void crash_exit(void) __attribute__((noreturn));
#endif

#endif
