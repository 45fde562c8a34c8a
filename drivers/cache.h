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

/*
 * The fastest zeroing of whole pool blocks this CPU allows, for
 * pool_set_zero() once the MMU maps the pool as Normal memory: DC ZVA (one
 * instruction per DCZID_EL0 block) on AArch64 unless DCZID_EL0.DZP forbids
 * it, else NULL (memset). Not before the MMU is on: DC ZVA on Device
 * memory faults (DDI 0487 D7 "DC ZVA").
 */
void (*cache_zero_op(void))(void *va, size_t bytes);

#endif
