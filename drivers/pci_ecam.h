/* SPDX-License-Identifier: MIT */
/*
 * PCI Express configuration through ECAM (PCI Express Base Specification,
 * "Enhanced Configuration Access Mechanism": 4 KiB per function at
 * bus << 20 | device << 15 | function << 12). Enough to find a device on the
 * root bus, size its memory BARs, place them in a window and enable it.
 * No bridges are followed: QEMU's virt machine puts its devices on bus 0.
 */
#ifndef GPUMMU_DRIVERS_PCI_ECAM_H
#define GPUMMU_DRIVERS_PCI_ECAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PCI_MAX_BARS 6

struct pci_dev {
	uintptr_t cfg;          /* this function's configuration space */
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint64_t bar[PCI_MAX_BARS];      /* assigned address, 0 when none */
	uint64_t bar_size[PCI_MAX_BARS]; /* 0: BAR absent, I/O, or upper half of a 64-bit BAR */
};

/* A window of bus addresses BARs are placed in, allocated upwards. */
struct pci_window {
	uint64_t next, end;
};

/* Requester ID bus:dev.fn, which is also the SMMU StreamID on QEMU virt. */
static inline uint16_t pci_rid(const struct pci_dev *d)
{
	return (uint16_t)(d->bus << 8 | d->dev << 3 | d->fn);
}

/* Call fn for each function present on bus 0; stops early when fn returns true. */
void pci_enumerate(uintptr_t ecam, bool (*fn)(void *ctx, const struct pci_dev *d), void *ctx);
/* Find vendor:device on bus 0. 0 and *out, or -ENODEV. */
int pci_find(uintptr_t ecam, uint16_t vendor, uint16_t device, struct pci_dev *out);
/* Size every memory BAR, place it naturally aligned in w, enable memory decode
 * and bus mastering. 0, or -ENOSPC (window too small; nothing enabled). */
int pci_assign_bars(struct pci_dev *d, struct pci_window *w);

#endif
