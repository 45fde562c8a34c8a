/* SPDX-License-Identifier: MIT */
/* QEMU edu DMA master (see edu.h). */
#include <errno.h>
#include <stdio.h>

#include "edu.h"
#include "mmio.h"
#include "timer.h"

/* BAR0 registers (QEMU docs/specs/edu.rst). */
#define EDU_ID        0x00 /* 0xRRrr00ed: major, minor, 0x00, 0xed */
#define EDU_LIVENESS  0x04 /* reads back the bitwise inverse of what was written */
#define EDU_DMA_SRC   0x80
#define EDU_DMA_DST   0x88
#define EDU_DMA_COUNT 0x90
#define EDU_DMA_CMD   0x98
#define EDU_CMD_START (1u << 0) /* also reads as 1 while the transfer runs */
#define EDU_CMD_TO_RAM (1u << 1) /* direction: edu buffer -> bus address */
#define EDU_ID_MAGIC  0xed /* low byte of EDU_ID */

/*
 * The bus addresses this CPU can program. A 32-bit CPU writes DMA_SRC and
 * DMA_DST as two words (drivers/mmio.c); QEMU's edu handles a 4-byte write
 * only at the register's own offset, setting the whole 64-bit address from
 * it, and ignores the one at +4 (hw/misc/edu.c, edu_mmio_write: cases 0x80
 * and 0x88 only). So from AArch32 only the first 4 GiB are reachable: an
 * address above is refused rather than silently truncated.
 */
#define EDU_ADDR_LIMIT (UINTPTR_MAX > 0xffffffffu ? UINT64_MAX : 0xffffffffull)

int edu_probe(struct edu *e, uintptr_t ecam, struct pci_window *w)
{
	uint32_t id;
	int ret = pci_find(ecam, EDU_VENDOR, EDU_DEVICE, &e->pci);

	if (ret)
		return ret;
	ret = pci_assign_bars(&e->pci, w);
	if (ret)
		return ret;
	e->bar0 = (uintptr_t)e->pci.bar[0];
	e->transfers = 0;
	id = mmio_read32(e->bar0 + EDU_ID);
	mmio_write32(e->bar0 + EDU_LIVENESS, 0x5a5a1234u);
	if ((id & 0xff) != EDU_ID_MAGIC || mmio_read32(e->bar0 + EDU_LIVENESS) != ~0x5a5a1234u) {
		printf("edu: %02x:%02x.%u BAR0 %#lx does not answer (id %#x)\n", e->pci.bus,
		       e->pci.dev, e->pci.fn, (unsigned long)e->bar0, id);
		return -ENODEV;
	}
	e->id = id;
	return 0;
}

void edu_print(const struct edu *e)
{
	printf("edu: %02x:%02x.%u v%u.%u, BAR0 %#lx (%llu KiB), requester id %#x\n", e->pci.bus,
	       e->pci.dev, e->pci.fn, e->id >> 24, (e->id >> 16) & 0xff, (unsigned long)e->bar0,
	       (unsigned long long)(e->pci.bar_size[0] >> 10), pci_rid(&e->pci));
}

static int dma(struct edu *e, uint64_t src, uint64_t dst, size_t len, uint32_t dir)
{
	int ret;

	if (len == 0 || len > EDU_DMA_MAX)
		return -EINVAL;
	if (src > EDU_ADDR_LIMIT - len || dst > EDU_ADDR_LIMIT - len) {
		printf("edu: DMA %#llx -> %#llx is beyond the %#llx this CPU can program\n",
		       (unsigned long long)src, (unsigned long long)dst,
		       (unsigned long long)EDU_ADDR_LIMIT);
		return -ERANGE;
	}
	mmio_write64(e->bar0 + EDU_DMA_SRC, src);
	mmio_write64(e->bar0 + EDU_DMA_DST, dst);
	mmio_write64(e->bar0 + EDU_DMA_COUNT, len);
	mmio_write32(e->bar0 + EDU_DMA_CMD, EDU_CMD_START | dir);
	ret = mmio_poll32(e->bar0 + EDU_DMA_CMD, EDU_CMD_START, 0, EDU_DMA_TIMEOUT_US);
	if (ret) {
		printf("edu: DMA of %zu bytes %#llx -> %#llx not done in %u us\n", len,
		       (unsigned long long)src, (unsigned long long)dst, EDU_DMA_TIMEOUT_US);
		return ret;
	}
	e->transfers++;
	return 0;
}

int edu_dma_to_buf(struct edu *e, uint64_t iova, size_t len, size_t off)
{
	if (off >= EDU_DMA_MAX || len > EDU_DMA_MAX - off)
		return -EINVAL;
	return dma(e, iova, EDU_BUF_ADDR + off, len, 0);
}

int edu_dma_from_buf(struct edu *e, uint64_t iova, size_t len, size_t off)
{
	if (off >= EDU_DMA_MAX || len > EDU_DMA_MAX - off)
		return -EINVAL;
	return dma(e, EDU_BUF_ADDR + off, iova, len, EDU_CMD_TO_RAM);
}

int edu_copy(struct edu *e, uint64_t src, uint64_t dst, size_t len)
{
	while (len) {
		size_t n = len < EDU_DMA_MAX ? len : EDU_DMA_MAX;
		int ret = edu_dma_to_buf(e, src, n, 0);

		if (!ret)
			ret = edu_dma_from_buf(e, dst, n, 0);
		if (ret)
			return ret;
		src += n;
		dst += n;
		len -= n;
	}
	return 0;
}
