/* SPDX-License-Identifier: MIT */
/* The boot banner: board, CPU, entry EL, counter frequency, page pool. */
#ifndef GPUMMU_BOOT_BANNER_H
#define GPUMMU_BOOT_BANNER_H

#include <stdint.h>

void banner_print(uint64_t dtb);
/* Name of the core for a MIDR_EL1 value: "Cortex-A53", ..., or "unknown". */
const char *banner_cpu_name(uint64_t midr);

#endif
