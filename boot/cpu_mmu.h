/* SPDX-License-Identifier: MIT */
/*
 * The architecture half of the CPU's MMU, behind the neutral cpu_map
 * (boot/cpu_map.c): what the tables look like for this CPU, how the CPU is
 * pointed at them and switched on, and the TLB maintenance behind the core's
 * flush ops. AArch64: boot/aarch64/ (TTBR0_EL1, ARM64_S1). A 32-bit LPAE
 * image implements the same four calls (TTBR0/TTBCR/MAIR0-1, ARM32_LPAE_S1).
 */
#ifndef GPUMMU_BOOT_CPU_MMU_H
#define GPUMMU_BOOT_CPU_MMU_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/cpu_map.h"

/* Format, granule, IAS/OAS (what the CPU and the core both support) and
 * coherence of the CPU's own walker. 0, or -ENODEV with a message. */
int cpu_mmu_pt_cfg(struct pt_cfg *cfg);

/* The TLB back end for the core's flush ops. */
extern const struct cpu_map_arch cpu_mmu_arch;

/*
 * Point the CPU at pt's tables and turn the MMU and the caches on. Memory in
 * [stale_start, stale_end) was written with the MMU off: any cache line
 * still holding an older copy is discarded first.
 */
void cpu_mmu_enable(const struct pt *pt, uintptr_t stale_start, uintptr_t stale_end);

/* Is the MMU of the regime the image runs in on? */
bool cpu_mmu_enabled(void);

/* One line each for the translation registers as programmed. */
void cpu_mmu_print(void (*emit)(const char *line));

#endif
