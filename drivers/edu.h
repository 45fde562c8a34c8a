/* SPDX-License-Identifier: MIT */
/*
 * QEMU's "edu" educational PCI device used as a DMA master: it copies between
 * its 4 KiB internal buffer and bus addresses, so behind an SMMU its DMA walks
 * our page tables. Register facts: QEMU docs/specs/edu.rst and hw/misc/edu.c.
 */
#ifndef GPUMMU_DRIVERS_EDU_H
#define GPUMMU_DRIVERS_EDU_H

#include <stddef.h>
#include <stdint.h>

#include "pci_ecam.h"

#define EDU_VENDOR   0x1234
#define EDU_DEVICE   0x11e8
/* The buffer's device address; a transfer touching EDU_BUF_ADDR + 0xfff makes
 * QEMU 7.2 abort (its range check excludes the last byte), so at most 4095. */
#define EDU_BUF_ADDR 0x40000u
#define EDU_DMA_MAX  4095u
/* A transfer takes 100 ms of virtual time in QEMU; allow ten times that. */
#define EDU_DMA_TIMEOUT_US 1000000u

struct edu {
	struct pci_dev pci;
	uintptr_t bar0;
	uint32_t id;            /* EDU_ID: version */
	unsigned long transfers;
};

/* Find the edu on bus 0 of ecam, place BAR0 in w, enable it, check it answers.
 * 0, -ENODEV, -ENOSPC. */
int edu_probe(struct edu *e, uintptr_t ecam, struct pci_window *w);
/* One line: where it is, its version, BAR0 and requester ID. */
void edu_print(const struct edu *e);

/* One transfer of len <= EDU_DMA_MAX - off bytes between bus address iova and
 * the edu buffer at off. 0, -EINVAL, -ERANGE (an address this CPU cannot
 * program: above 4 GiB from AArch32, drivers/edu.c), -ETIMEDOUT. */
int edu_dma_to_buf(struct edu *e, uint64_t iova, size_t len, size_t off);
int edu_dma_from_buf(struct edu *e, uint64_t iova, size_t len, size_t off);

/* Copy len bytes from bus address src to dst through the buffer, in chunks of
 * at most EDU_DMA_MAX bytes (two transfers per chunk). */
int edu_copy(struct edu *e, uint64_t src, uint64_t dst, size_t len);

#endif
