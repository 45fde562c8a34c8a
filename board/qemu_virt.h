/* SPDX-License-Identifier: MIT */
/*
 * QEMU "virt" (QEMU 7.2, hw/arm/virt.c memory map), the same machine for a
 * 64-bit and a 32-bit CPU, so board/qemu-virt/ and board/qemu-virt-arm32/
 * both define their board with QEMU_VIRT_BOARD (as board/flash.mk is shared
 * by the OpenOCD boards): PL011 at 0x0900_0000 (device tree clock 24 MHz),
 * RAM from 0x4000_0000, SMMUv3 at 0x0905_0000 with -M virt,iommu=smmuv3,
 * PCIe behind it. QEMU maps exactly one ECAM window (create_pcie():
 * VIRT_ECAM_ID(vms->highmem_ecam)): the high one, VIRT_HIGH_PCIE_ECAM at
 * 0x40_1000_0000 (256 MiB), by default; the low one, VIRT_PCIE_ECAM at
 * 0x3f00_0000, with highmem=off. The device tree QEMU passes says which, and
 * boot/facts.c takes it from there; these numbers are the fallback for a
 * load without a DT.
 */
#ifndef GPUMMU_BOARD_QEMU_VIRT_H
#define GPUMMU_BOARD_QEMU_VIRT_H

#include "board/board.h"

#define QEMU_VIRT_BOARD(board_name)                                                       \
	{                                                                                 \
		.name = (board_name),                                                     \
		.uart_kind = BOARD_UART_PL011,                                            \
		.uart_base = 0x09000000,                                                  \
		.uart_size = 0x1000,                                                      \
		.uart_clock_hz = 24000000,                                                \
		.uart_baud = 115200,                                                      \
		.has_semihosting = BOARD_SEMIHOSTING,                                     \
		/* QEMU's semihosting console is the UART's stdio */                      \
		.console_semihosting = false,                                             \
		.ram_base = 0x40000000,                                                   \
		.ram_size = 512u << 20, /* QEMU_ARGS -m 512M */                           \
		.fdt_at_ram_base = true,                                                  \
		.gpu_mmu = BOARD_GPU_MMU_SMMUV3,                                          \
		.smmu_base = 0x09050000,                                                  \
		.smmu_size = 0x20000,                                                     \
		.pci_ecam_base = 0x4010000000ull,                                         \
		.pci_ecam_size = 0x10000000,                                              \
		.pci_mmio32_base = 0x10000000,                                            \
		.pci_mmio32_size = 0x2eff0000,                                            \
		.gpu_base = 0,                                                            \
		.gpu_coherent = true, /* QEMU models no caches */                         \
		.gpu_power_up = 0,                                                        \
	}

#endif
