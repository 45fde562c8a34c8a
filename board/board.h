/* SPDX-License-Identifier: MIT */
/*
 * What the rest of the image may ask of a board. Each board/<name>/ provides
 * one `const struct board board` plus its board.mk (load address, RAM, pool
 * size, drivers, QEMU/OpenOCD configuration). Adding a board touches nothing
 * outside board/<name>/.
 */
#ifndef GPUMMU_BOARD_BOARD_H
#define GPUMMU_BOARD_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Boards loaded by a debugger build with -DBOARD_SEMIHOSTING=1 when it serves
 * semihosting (board/flash.mk); everything else, host tests included: 0. */
#ifndef BOARD_SEMIHOSTING
#define BOARD_SEMIHOSTING 0
#endif

enum board_uart { BOARD_UART_PL011, BOARD_UART_DW8250 };

/* An MMIO region the board's own code reaches (power, clocks). */
struct board_mmio {
	const char *name;
	uintptr_t base;
	size_t size;
};
enum board_gpu_mmu { BOARD_GPU_MMU_NONE, BOARD_GPU_MMU_SMMUV3, BOARD_GPU_MMU_MALI };

/*
 * The board file's facts. A device tree, when the loader gives one, takes
 * precedence (boot/facts.h); these are the fallback (a JTAG load passes no
 * DT) and what the banner compares the DT with. A base of 0 means "none"
 * (except ram_base); sizes are the register frames' (0: not known).
 */
struct board {
	const char *name;
	enum board_uart uart_kind;
	uintptr_t uart_base;
	size_t uart_size;
	uint32_t uart_clock_hz, uart_baud; /* 0: leave the boot loader's settings */
	bool has_semihosting;              /* false: print the result and park */
	bool console_semihosting;          /* copy console lines to the debugger (SYS_WRITE0) */

	uintptr_t ram_base;
	size_t ram_size;
	/* A loader may leave a DT at ram_base without passing it in x0: QEMU
	 * does for a bare-metal ELF (hw/arm/boot.c, "bare metal" DTB placement). */
	bool fdt_at_ram_base;

	enum board_gpu_mmu gpu_mmu;
	uintptr_t smmu_base;               /* BOARD_GPU_MMU_SMMUV3 */
	size_t smmu_size;
	/* PCIe ECAM for the DMA master behind the SMMU: a physical address,
	 * 64-bit even where pointers are not (QEMU virt's high ECAM is above
	 * 4 GiB); the CPU reaches it at image_device_va() (boot/cpu_map_image.h). */
	uint64_t pci_ecam_base;
	size_t pci_ecam_size;
	uintptr_t pci_mmio32_base;         /* 32-bit MMIO window for BARs */
	size_t pci_mmio32_size;
	uintptr_t gpu_base;                /* BOARD_GPU_MMU_MALI */
	size_t gpu_size;                   /* its register window (the DT's reg size) */
	bool gpu_coherent;

	/* Power and clock the GPU up; 0, or a negative error with a message printed. */
	int (*gpu_power_up)(void);

	/* Every other MMIO region the board's code reaches, ending with size 0
	 * (NULL: none). The CPU maps these as Device memory (boot/cpu_map_board.c). */
	const struct board_mmio *mmio;
};

extern const struct board board;

#endif
