/* SPDX-License-Identifier: MIT */
/* The boot banner: board, CPU, entry EL, counter frequency, page pool. */
#ifndef GPUMMU_BOOT_BANNER_H
#define GPUMMU_BOOT_BANNER_H

#include <stdint.h>

void banner_print(uint64_t dtb);

#endif
