/* SPDX-License-Identifier: MIT */
/*
 * Faults on purpose: run a function that may take a synchronous exception
 * at EL1 and come back to the caller instead of a crash report. The
 * vectors (boot/vectors.S) call exception_entry(); while a fault_try() is
 * armed, the first synchronous exception taken from EL1 to EL1 is recorded
 * and execution resumes at fault_try()'s return, with the callee-saved
 * registers and the stack pointer as they were when it was called (a
 * longjmp out of the exception). Anything else is a crash.
 *
 * Used by the walker self-tests (a write to text, a fetch from data, an
 * access flag fault, an unprivileged access) and by the boot to probe
 * whether HLT semihosting is served (it traps as undefined where not).
 */
#ifndef GPUMMU_BOOT_FAULT_H
#define GPUMMU_BOOT_FAULT_H

#include <stdbool.h>
#include <stdint.h>

struct fault_info {
	uint64_t esr, far, elr, spsr;
};

/* Run fn(arg). 0 when it returned, 1 when it faulted (*info filled). Not
 * nested; the caller's FP/SIMD callee-saved registers survive too. */
int fault_try(void (*fn)(void *), void *arg, struct fault_info *info);

#endif
