/* SPDX-License-Identifier: MIT */
/*
 * Rockchip RK3288 (Cortex-A17 x4, ARMv7-A with LPAE; Linux
 * arch/arm/boot/dts/rockchip/rk3288.dtsi): UART2, a Synopsys DW APB UART
 * (compatible "snps,dw-apb-uart") at 0xff690000, reg size 0x100, reg-shift 2,
 * reg-io-width 4, clocked at 24 MHz, the debug console at 115200 baud
 * (stdout-path serial2:115200n8 on the RK3288 boards); Mali-T760 MP4
 * (gpu@ffa30000, "rockchip,rk3288-mali", "arm,mali-t760", reg size 0x10000,
 * a job-manager Midgard GPU without the AArch64 MMU: MALI_LPAE tables, no
 * dma-coherent); DRAM from 0 (U-Boot rk3288_common.h CONFIG_SYS_SDRAM_BASE 0,
 * at most SDRAM_MAX_SIZE 0xfe000000). No SMMU in front of the GPU: the Mali
 * MMU is the GPU's only translation.
 */
#include "board/board.h"
#include "board/rk3288/rk3288.h"

static const struct board_mmio rk3288_mmio[] = {
	{ "pmu", RK3288_PMU_BASE, RK3288_PMU_SIZE }, /* gpu_power.c: the GPU power domain */
	{ "cru", RK3288_CRU_BASE, RK3288_CRU_SIZE }, /* gpu_power.c: ACLK_GPU */
	{ 0 },
};

const struct board board = {
	.name = "rk3288",
	.uart_kind = BOARD_UART_DW8250,
	.uart_base = 0xff690000,
	.uart_size = 0x100,
	.uart_clock_hz = 24000000,
	.uart_baud = 115200,
	.has_semihosting = BOARD_SEMIHOSTING,
	.console_semihosting = BOARD_SEMIHOSTING, /* the report in the debugger's console */

	.ram_base = 0,
	.ram_size = 1ul << 30, /* the smallest RK3288 boards; board.mk RAM_SIZE */

	.gpu_mmu = BOARD_GPU_MMU_MALI,
	.gpu_base = 0xffa30000,
	.gpu_size = 0x10000,
	.gpu_coherent = false,
	.gpu_power_up = rk3288_gpu_power_up,
	.mmio = rk3288_mmio,
};
