/* SPDX-License-Identifier: MIT */
/*
 * The one MMIO accessor layer every driver uses. On the target these are
 * volatile accesses with the barriers Device memory needs (drivers/mmio.c);
 * a host test links its own implementation that forwards to a register model
 * (tests/host/), so no driver ever dereferences a register address itself.
 *
 * Ordering (as Linux's writel/readl): a write is preceded by a barrier so that
 * normal-memory stores (page tables, queue entries) are visible to a DMA
 * master before the register write that tells it to look; a read is followed
 * by a barrier so that memory reads after it see what the device wrote.
 */
#ifndef GPUMMU_DRIVERS_MMIO_H
#define GPUMMU_DRIVERS_MMIO_H

#include <stdint.h>

uint32_t mmio_read32(uintptr_t addr);
void mmio_write32(uintptr_t addr, uint32_t val);
uint64_t mmio_read64(uintptr_t addr);
void mmio_write64(uintptr_t addr, uint64_t val);
uint16_t mmio_read16(uintptr_t addr);
void mmio_write16(uintptr_t addr, uint16_t val);
uint8_t mmio_read8(uintptr_t addr);
void mmio_write8(uintptr_t addr, uint8_t val);

/* Full system barrier for normal memory shared with a DMA master (dsb sy). */
void mmio_dma_barrier(void);

#endif
