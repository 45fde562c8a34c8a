/* SPDX-License-Identifier: MIT */
/*
 * QEMU "virt" with a 32-bit CPU (QEMU 7.2, hw/arm/virt.c memory map, the
 * same as for AArch64): PL011 at 0x0900_0000 (device tree clock 24 MHz),
 * RAM from 0x4000_0000, SMMUv3 at 0x0905_0000 with -M virt,iommu=smmuv3,
 * PCIe behind it. With highmem on (the default for an LPAE CPU: its 40-bit
 * PA range holds the high regions) the one ECAM window is the high one at
 * 0x40_1000_0000, above what a 32-bit VA reaches: the CPU map places it
 * below 4 GiB (boot/cpu_map.c); with highmem=off it is at 0x3f00_0000. The
 * device tree QEMU passes says which (boot/facts.c); these numbers are the
 * fallback for a load without a DT.
 */
#include "board/board.h"

const struct board board = {
	.name = "qemu-virt-arm32",
	.uart_kind = BOARD_UART_PL011,
	.uart_base = 0x09000000,
	.uart_size = 0x1000,
	.uart_clock_hz = 24000000,
	.uart_baud = 115200,
	.has_semihosting = BOARD_SEMIHOSTING,
	.console_semihosting = false, /* QEMU's semihosting console is the UART's stdio */

	.ram_base = 0x40000000,
	.ram_size = 512u << 20, /* QEMU_ARGS -m 512M */
	.fdt_at_ram_base = true,

	.gpu_mmu = BOARD_GPU_MMU_SMMUV3,
	.smmu_base = 0x09050000,
	.smmu_size = 0x20000,
	.pci_ecam_base = 0x4010000000ull,
	.pci_ecam_size = 0x10000000,
	.pci_mmio32_base = 0x10000000,
	.pci_mmio32_size = 0x2eff0000,
	.gpu_base = 0,
	.gpu_coherent = true, /* QEMU models no caches */

	.gpu_power_up = 0,
};
