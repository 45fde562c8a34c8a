/* SPDX-License-Identifier: MIT */
/*
 * Rockchip RK3399 (Linux 6.12 arch/arm64/boot/dts/rockchip/rk3399-base.dtsi):
 * UART2, a Synopsys DW 8250 at 0xff1a0000 clocked at 24 MHz, the debug console
 * at 1500000 baud; Mali-T860 at 0xff9a0000 without dma-coherent; DRAM from 0.
 * No SMMU in front of the GPU: the Mali MMU is the GPU's only translation.
 * GPU register window: rk3399-base.dtsi reg size 0x10000.
 */
#include "board/board.h"
#include "board/rk3399/rk3399.h"

static const struct board_mmio rk3399_mmio[] = {
	{ "pmu", RK3399_PMU_BASE, RK3399_PMU_SIZE }, /* gpu_power.c: the GPU power domain */
	{ "cru", RK3399_CRU_BASE, RK3399_CRU_SIZE }, /* gpu_power.c: ACLK_GPU gates */
	{ 0 },
};

const struct board board = {
	.name = "rk3399",
	.uart_kind = BOARD_UART_DW8250,
	.uart_base = 0xff1a0000,
	.uart_size = 0x100,
	.uart_clock_hz = 24000000,
	.uart_baud = 1500000,
	.has_semihosting = BOARD_SEMIHOSTING,
	.console_semihosting = BOARD_SEMIHOSTING, /* the report in OpenOCD's console */

	.ram_base = 0,
	.ram_size = 1ul << 30, /* the smallest RK3399 boards; board.mk RAM_SIZE */

	.gpu_mmu = BOARD_GPU_MMU_MALI,
	.gpu_base = 0xff9a0000,
	.gpu_size = 0x10000,
	.gpu_coherent = false,
	.gpu_power_up = rk3399_gpu_power_up,
	.mmio = rk3399_mmio,
};
