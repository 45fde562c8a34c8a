/* SPDX-License-Identifier: MIT */
/*
 * What the CPU maps besides the image itself, read from the board's facts
 * (boot/facts.h: the device tree's memory banks and devices over the board
 * file) in one place:
 *  - every RAM bank, less the image, read-write, never executable, Normal
 *    write-back (DMA targets of the tests, a device tree blob);
 *  - every MMIO region, Device-nGnRE, never executable.
 *
 * Sizes where neither the device tree nor the board file gives one:
 *  UART     one 4 KiB page (PL011: Arm DDI 0183 memory map, 4 KiB; a DW 8250
 *           register file is smaller).
 *  SMMUv3   128 KiB: register pages 0 and 1, 64 KiB each (Arm IHI 0070 6.1).
 *  ECAM     256 MiB: 1 MiB of configuration space per bus, 256 buses (PCI
 *           Express Base Specification, "Enhanced Configuration Access
 *           Mechanism"); QEMU virt's high ECAM window is that size.
 */
#include "board/board.h"
#include "boot/cpu_map_image.h"
#include "boot/facts.h"
#include "mmu/check.h"

#define SZ_4K   0x1000ull
#define SMMU_REG_SIZE 0x20000ull
#define ECAM_SIZE     0x10000000ull
#define RAM_PROT      (PT_PROT_READ | PT_PROT_WRITE | PT_PROT_PRIV)
#define DEVICE_PROT   (RAM_PROT | PT_PROT_DEVICE)

static size_t add(struct cpu_region *out, size_t n, size_t max, const char *name,
		  uint64_t base, uint64_t size, unsigned prot)
{
	if (!size)
		return n;
	CHECK(n < max, "more regions than the CPU map holds");
	out[n] = (struct cpu_region){ name, base & ~(SZ_4K - 1),
				      (base + size + SZ_4K - 1) & ~(SZ_4K - 1), prot, 0 };
	return n + 1;
}

static size_t add_device(struct cpu_region *out, size_t n, size_t max, const char *name,
			 uint64_t base, uint64_t size)
{
	return add(out, n, max, name, base, size, DEVICE_PROT);
}

/* One RAM bank less [image_start, image_end), which the image maps itself. */
static size_t add_ram(struct cpu_region *out, size_t n, size_t max, const struct fact_region *bank,
		      uint64_t image_start, uint64_t image_end)
{
	uint64_t lo = bank->base, hi = bank->base + bank->size;

	if (image_end <= lo || image_start >= hi)
		return add(out, n, max, "RAM", lo, hi - lo, RAM_PROT);
	if (image_start > lo)
		n = add(out, n, max, "RAM below the image", lo, image_start - lo, RAM_PROT);
	if (hi > image_end)
		n = add(out, n, max, "RAM above the image", image_end, hi - image_end, RAM_PROT);
	return n;
}

/* A device region from the facts: its size, or dflt where none is known. */
static size_t add_fact(struct cpu_region *out, size_t n, size_t max, const char *name,
		       const struct fact_region *r, uint64_t dflt)
{
	if (r->src == FACT_NONE)
		return n;
	return add_device(out, n, max, name, r->base, r->size ? r->size : dflt);
}

size_t cpu_map_board_regions(uint64_t image_start, uint64_t image_end, struct cpu_region *out,
			     size_t max)
{
	const struct board_facts *fx = board_facts();
	size_t n = 0;

	for (unsigned i = 0; i < fx->nbanks; i++)
		n = add_ram(out, n, max, &fx->ram[i], image_start, image_end);
	n = add_fact(out, n, max, "uart", &fx->uart, SZ_4K);
	if (board.gpu_mmu == BOARD_GPU_MMU_SMMUV3)
		n = add_fact(out, n, max, "smmu", &fx->smmu, SMMU_REG_SIZE);
	if (fx->pci_ecam.src != FACT_NONE) {
		n = add_fact(out, n, max, "pcie-ecam", &fx->pci_ecam, ECAM_SIZE);
		n = add_fact(out, n, max, "pcie-bar-window", &fx->pci_mmio32, 0);
	}
	if (board.gpu_mmu == BOARD_GPU_MMU_MALI)
		n = add_fact(out, n, max, "gpu", &fx->gpu, 0);
	for (const struct board_mmio *d = board.mmio; d && d->size; d++)
		n = add_device(out, n, max, d->name, d->base, d->size);
	return n;
}
