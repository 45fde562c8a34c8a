/* SPDX-License-Identifier: MIT */
/* drivers/mmio.h on the host: forward every access to the model mapped there. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "drivers/mmio.h"
#include "tests/host/mmio_host.h"

#define MMIO_HOST_MAX 8

struct mmio_host_region {
	uintptr_t base;
	size_t size;
	const struct mmio_model_ops *ops;
	void *ctx;
};

static struct mmio_host_region regions[MMIO_HOST_MAX];
static unsigned nregions;

struct mmio_host_hook {
	void (*fn)(void *ctx);
	void *ctx;
};

static struct mmio_host_hook hooks[MMIO_HOST_MAX];
static unsigned nhooks;

int mmio_host_map(uintptr_t base, size_t size, const struct mmio_model_ops *ops, void *ctx)
{
	for (unsigned i = 0; i < nregions; i++)
		if (base < regions[i].base + regions[i].size && regions[i].base < base + size)
			return -EEXIST;
	if (nregions == MMIO_HOST_MAX)
		return -ENOSPC;
	regions[nregions++] = (struct mmio_host_region){ base, size, ops, ctx };
	return 0;
}

int mmio_host_on_barrier(void (*fn)(void *ctx), void *ctx)
{
	if (nhooks == MMIO_HOST_MAX)
		return -ENOSPC;
	hooks[nhooks++] = (struct mmio_host_hook){ fn, ctx };
	return 0;
}

void mmio_host_unmap_all(void)
{
	nregions = 0;
	nhooks = 0;
}

static const struct mmio_host_region *find(uintptr_t addr, unsigned size)
{
	for (unsigned i = 0; i < nregions; i++)
		if (addr >= regions[i].base && addr + size <= regions[i].base + regions[i].size)
			return &regions[i];
	fprintf(stderr, "mmio_host: %u-byte access to %#lx, which no model claims\n", size,
		(unsigned long)addr);
	abort();
}

static uint64_t rd(uintptr_t addr, unsigned size)
{
	const struct mmio_host_region *r = find(addr, size);

	return r->ops->read(r->ctx, addr - r->base, size);
}

static void wr(uintptr_t addr, uint64_t val, unsigned size)
{
	const struct mmio_host_region *r = find(addr, size);

	r->ops->write(r->ctx, addr - r->base, val, size);
}

uint8_t mmio_read8(uintptr_t addr) { return (uint8_t)rd(addr, 1); }
uint16_t mmio_read16(uintptr_t addr) { return (uint16_t)rd(addr, 2); }
uint32_t mmio_read32(uintptr_t addr) { return (uint32_t)rd(addr, 4); }
uint64_t mmio_read64(uintptr_t addr) { return rd(addr, 8); }
void mmio_write8(uintptr_t addr, uint8_t val) { wr(addr, val, 1); }
void mmio_write16(uintptr_t addr, uint16_t val) { wr(addr, val, 2); }
void mmio_write32(uintptr_t addr, uint32_t val) { wr(addr, val, 4); }
void mmio_write64(uintptr_t addr, uint64_t val) { wr(addr, val, 8); }

/* The host has nothing to order; a model watching memory looks at it now. */
void mmio_dma_barrier(void)
{
	for (unsigned i = 0; i < nhooks; i++)
		hooks[i].fn(hooks[i].ctx);
}
