/* SPDX-License-Identifier: MIT */
/*
 * Rockchip RK3588 (Linux 6.12 arch/arm64/boot/dts/rockchip/rk3588-base.dtsi):
 * UART2, a DW 8250 at 0xfeb50000 clocked at 24 MHz, console at 1500000 baud;
 * Mali-G610 (Valhall, CSF) at 0xfb000000 (reg size 0x200000) without
 * dma-coherent; DRAM from 0.
 */
#include "board/board.h"
#include "board/rk3588/rk3588.h"

static const struct board_mmio rk3588_mmio[] = {
	{ "pmu1", RK3588_PMU1_BASE, RK3588_PMU1_SIZE }, /* gpu_power.c: the GPU domain */
	{ 0 },
};

const struct board board = {
	.name = "rk3588",
	.uart_kind = BOARD_UART_DW8250,
	.uart_base = 0xfeb50000,
	.uart_size = 0x100,
	.uart_clock_hz = 24000000,
	.uart_baud = 1500000,
	.has_semihosting = BOARD_SEMIHOSTING,
	.console_semihosting = BOARD_SEMIHOSTING, /* the report in OpenOCD's console */

	.ram_base = 0,
	.ram_size = 1ul << 30,

	.gpu_mmu = BOARD_GPU_MMU_MALI,
	.gpu_base = 0xfb000000,
	.gpu_size = 0x200000,
	.gpu_coherent = false,
	.gpu_power_up = rk3588_gpu_power_up,
	.mmio = rk3588_mmio,
};
