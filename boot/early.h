/* SPDX-License-Identifier: MIT */
/* What boot/head.S calls before anything is set up (boot/early.c). */
#ifndef GPUMMU_BOOT_EARLY_H
#define GPUMMU_BOOT_EARLY_H

/* The stack of the wrong-address path: inside the image's loaded data, the
 * one memory known to be there when the image was copied somewhere else. */
#define EARLY_STACK_SIZE 1024

#ifndef __ASSEMBLER__
#include <stdint.h>

/* One line on the board's UART naming both addresses; exits through
 * semihosting where the board has it, else returns (head.S parks). */
void early_wrong_address(uint64_t running, uint64_t linked);
#endif

#endif
