/* SPDX-License-Identifier: MIT */
/*
 * Data cache maintenance for memory a non-coherent DMA master (a GPU MMU
 * walker) reads: page tables written by the CPU must reach the point of
 * coherency before the walker may look.
 */
#ifndef GPUMMU_DRIVERS_CACHE_H
#define GPUMMU_DRIVERS_CACHE_H

#include <stddef.h>

/* Clean [va, va + size) to the point of coherency, then dsb. */
void cache_clean_range(const void *va, size_t size);

#endif
