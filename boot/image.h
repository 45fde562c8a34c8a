/* SPDX-License-Identifier: MIT */
/*
 * What the image itself owns and offers to tests: the page pool over the
 * linker's .pool region, how it was entered, and how a run ends.
 */
#ifndef GPUMMU_BOOT_IMAGE_H
#define GPUMMU_BOOT_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmu/pool.h"

/* Exit status of a run (the QEMU exit code through semihosting). */
#define IMAGE_EXIT_PASS  0
#define IMAGE_EXIT_FAIL  1  /* a self-test failed */
#define IMAGE_EXIT_CRASH 2  /* an unexpected exception; the crash report says which */

/* The one pool over the linker's .pool region; initialised before any test. */
struct pool *image_pool(void);
/* Where the .pool region starts (for messages). */
void *image_pool_base(void);
/* Initialise it; 0 or a negative errno with a message printed. */
int image_pool_init(void);

/* The exception level the image was entered at (3, 2 or 1); it runs at EL1. */
unsigned image_entry_el(void);
/* SCTLR_ELx at entry if the loader left the MMU or data cache on (the image
 * cleaned itself to the PoC and took over, boot/head.S), else 0. */
uint64_t image_entry_sctlr(void);
/* What the entry found and did about the core's coherency-enable bit
 * (boot/coherency.h: state << COH_STATE_SHIFT | the register's bits [31:0]). */
uint64_t image_entry_coherency(void);

/* The command line (semihosting SYS_GET_CMDLINE), "" without semihosting. */
const char *image_cmdline(void);

/* Is the key=value word option on the command line (e.g. smmu-walk=noncoherent)? */
bool image_option(const char *option);

/* Is semihosting served? The board may offer it and a debugger (or QEMU
 * -semihosting) must answer: probed once at boot, where an unserved HLT
 * traps as an undefined instruction (boot/fault.h catches it). */
bool image_has_semihosting(void);

/* End the run: semihosting exit where it is served, otherwise park. */
void image_exit(int status) __attribute__((noreturn));
/* Stop here for good: interrupts masked, WFI forever (a board keeps its
 * state for a debugger to read). */
void image_park(void) __attribute__((noreturn));

#endif
