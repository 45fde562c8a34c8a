/* SPDX-License-Identifier: MIT */
/*
 * Host implementation of drivers/mmio.h: register accesses are dispatched by
 * address to register models that tests map here. An access to an address
 * no model claims aborts the test with the address: a driver touching a
 * register it should not is a bug, never silently ignored.
 */
#ifndef GPUMMU_TESTS_HOST_MMIO_HOST_H
#define GPUMMU_TESTS_HOST_MMIO_HOST_H

#include <stddef.h>
#include <stdint.h>

struct mmio_model_ops {
	/* off is relative to the mapped base; size is 1, 2, 4 or 8 bytes. */
	uint64_t (*read)(void *ctx, uintptr_t off, unsigned size);
	void (*write)(void *ctx, uintptr_t off, uint64_t val, unsigned size);
};

/* Claim [base, base + size) for a model. 0, or -ENOSPC / -EEXIST. */
int mmio_host_map(uintptr_t base, size_t size, const struct mmio_model_ops *ops, void *ctx);
/* Call fn(ctx) at every mmio_dma_barrier(): a model of a device that reads
 * memory sees there what was stored before the barrier (0, or -ENOSPC). */
int mmio_host_on_barrier(void (*fn)(void *ctx), void *ctx);
/* Forget every model and every barrier hook. */
void mmio_host_unmap_all(void);

#endif
