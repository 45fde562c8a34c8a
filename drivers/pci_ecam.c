/* SPDX-License-Identifier: MIT */
/* PCIe ECAM enumeration and BAR assignment (see pci_ecam.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mmio.h"
#include "pci_ecam.h"

/* Type 0 configuration header (PCI Local Bus Specification 3.0, 6.1, 6.2.5). */
#define PCI_VENDOR_DEVICE 0x00
#define PCI_COMMAND       0x04
#define PCI_HEADER_TYPE   0x0c /* byte 2 of this dword */
#define PCI_BAR0          0x10
#define PCI_CMD_MEMORY    (1u << 1)
#define PCI_CMD_MASTER    (1u << 2)
#define PCI_BAR_IO        (1u << 0)
#define PCI_BAR_TYPE_MASK 0x6u
#define PCI_BAR_TYPE_64   0x4u
#define PCI_BAR_MEM_MASK  (~0xfull)
#define PCI_MULTIFUNCTION 0x80u
#define ECAM_FN_SHIFT     12
#define ECAM_DEV_SHIFT    15

static uint32_t cfg_rd(const struct pci_dev *d, unsigned off)
{
	return mmio_read32(d->cfg + off);
}

static void cfg_wr(const struct pci_dev *d, unsigned off, uint32_t v)
{
	mmio_write32(d->cfg + off, v);
}

static bool probe_fn(uintptr_t ecam, unsigned dev, unsigned fn, struct pci_dev *d)
{
	uint32_t id;

	memset(d, 0, sizeof(*d));
	d->cfg = ecam + ((uintptr_t)dev << ECAM_DEV_SHIFT) + ((uintptr_t)fn << ECAM_FN_SHIFT);
	d->dev = (uint8_t)dev;
	d->fn = (uint8_t)fn;
	id = cfg_rd(d, PCI_VENDOR_DEVICE);
	if ((id & 0xffff) == 0xffff) /* no function answers: reads as all ones */
		return false;
	d->vendor = id & 0xffff;
	d->device = id >> 16;
	return true;
}

void pci_enumerate(uintptr_t ecam, bool (*fn)(void *ctx, const struct pci_dev *d), void *ctx)
{
	struct pci_dev d;

	for (unsigned dev = 0; dev < 32; dev++) {
		for (unsigned f = 0; f < 8; f++) {
			if (!probe_fn(ecam, dev, f, &d)) {
				if (f == 0)
					break;
				continue;
			}
			if (fn(ctx, &d))
				return;
			if (f == 0 && !((cfg_rd(&d, PCI_HEADER_TYPE) >> 16) & PCI_MULTIFUNCTION))
				break;
		}
	}
}

struct find_ctx {
	uint16_t vendor, device;
	struct pci_dev *out;
	bool found;
};

static bool match(void *ctx, const struct pci_dev *d)
{
	struct find_ctx *c = ctx;

	if (d->vendor != c->vendor || d->device != c->device)
		return false;
	*c->out = *d;
	c->found = true;
	return true;
}

int pci_find(uintptr_t ecam, uint16_t vendor, uint16_t device, struct pci_dev *out)
{
	struct find_ctx c = { vendor, device, out, false };

	pci_enumerate(ecam, match, &c);
	if (c.found)
		return 0;
	printf("pci: no %04x:%04x on bus 0 of ECAM %#lx\n", vendor, device, (unsigned long)ecam);
	return -ENODEV;
}

/* Size a memory BAR: write all ones, read back the writable bits (PCI 3.0 6.2.5.1). */
static uint64_t bar_size(const struct pci_dev *d, unsigned i, bool is64)
{
	unsigned off = PCI_BAR0 + 4 * i;
	uint32_t lo = cfg_rd(d, off), hi = is64 ? cfg_rd(d, off + 4) : 0;
	uint64_t mask;

	cfg_wr(d, off, ~0u);
	mask = cfg_rd(d, off) & PCI_BAR_MEM_MASK & 0xffffffffull;
	if (!mask && !is64) { /* no writable address bits: the BAR is not implemented */
		cfg_wr(d, off, lo);
		return 0;
	}
	if (is64) {
		cfg_wr(d, off + 4, ~0u);
		mask |= (uint64_t)cfg_rd(d, off + 4) << 32;
		cfg_wr(d, off + 4, hi);
	} else {
		mask |= ~0xffffffffull;
	}
	cfg_wr(d, off, lo);
	return mask ? ~mask + 1 : 0;
}

static void bar_set(const struct pci_dev *d, unsigned i, bool is64, uint64_t addr)
{
	cfg_wr(d, PCI_BAR0 + 4 * i, (uint32_t)addr);
	if (is64)
		cfg_wr(d, PCI_BAR0 + 4 * i + 4, (uint32_t)(addr >> 32));
}

int pci_assign_bars(struct pci_dev *d, struct pci_window *w)
{
	uint32_t cmd = cfg_rd(d, PCI_COMMAND) & 0xffff;
	struct pci_window start = *w;

	/* Decoding off while BARs hold sizing patterns (PCI 3.0 6.2.5.1). */
	cfg_wr(d, PCI_COMMAND, cmd & ~(PCI_CMD_MEMORY | PCI_CMD_MASTER));
	for (unsigned i = 0; i < PCI_MAX_BARS; i++) {
		uint32_t v = cfg_rd(d, PCI_BAR0 + 4 * i);
		bool is64 = (v & PCI_BAR_TYPE_MASK) == PCI_BAR_TYPE_64;
		uint64_t size, addr;

		d->bar[i] = d->bar_size[i] = 0;
		if (v & PCI_BAR_IO)
			continue;
		size = bar_size(d, i, is64 && i + 1 < PCI_MAX_BARS);
		if (size) {
			addr = (w->next + size - 1) & ~(size - 1);
			if (addr + size > w->end || addr + size < addr) {
				printf("pci: %02x:%02x.%u BAR%u of %#llx bytes does not fit the window\n",
				       d->bus, d->dev, d->fn, i, (unsigned long long)size);
				*w = start;
				return -ENOSPC;
			}
			bar_set(d, i, is64, addr);
			d->bar[i] = addr;
			d->bar_size[i] = size;
			w->next = addr + size;
		}
		if (is64)
			i++;
	}
	cfg_wr(d, PCI_COMMAND, cmd | PCI_CMD_MEMORY | PCI_CMD_MASTER);
	return 0;
}
