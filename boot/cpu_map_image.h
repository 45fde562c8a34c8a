/* SPDX-License-Identifier: MIT */
/*
 * The image's own CPU map: the linker's sections and the board's devices,
 * identity mapped by boot/cpu_map.c from a pool of its own (the linker's
 * .cpu_pool), then switched on by the architecture's enable sequence.
 *
 *   text                 r-x  Normal write-back, inner shareable
 *   rodata, self-tests   r--  Normal write-back
 *   data, bss, stacks,   rw-  Normal write-back
 *   pools, CPU tables
 *   DMA pool             rw-  Normal non-cacheable (a non-coherent SMMU's
 *                             queues and stream table)
 *   stack guards         unmapped
 *   RAM around the image rw-  Normal write-back
 *   devices              rw-  Device-nGnRE
 */
#ifndef GPUMMU_BOOT_CPU_MAP_IMAGE_H
#define GPUMMU_BOOT_CPU_MAP_IMAGE_H

#include "boot/cpu_map.h"

/* Build the map and turn the MMU and caches on. 0, or a negative errno with
 * a message printed (the MMU then stays off). */
int image_cpu_map_init(void);
/* The map once it is on, else NULL. */
struct cpu_map *image_cpu_map(void);
/* The CPU address of a device at physical address pa: where the map shows
 * it (a device beyond the VA space is placed below it, cpu_map.h), or pa
 * itself while the MMU is off; 0 when the CPU cannot reach it. */
uintptr_t image_device_va(uint64_t pa);
/* Print the map and the translation registers (the banner). */
void image_cpu_map_print(void);

/* The regions from the board's facts (RAM outside [image_start, image_end),
 * devices), at most max; returns how many (boot/cpu_map_board.c). */
size_t cpu_map_board_regions(uint64_t image_start, uint64_t image_end, struct cpu_region *out,
			     size_t max);

/* Which stack's guard page addr is in ("image", "exception"), or NULL. */
const char *image_stack_guard(uint64_t addr);

/* The non-cacheable pool over the linker's .dma_pool (initialised with the map). */
struct pool *image_dma_pool(void);

#endif
