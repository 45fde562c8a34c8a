/* SPDX-License-Identifier: MIT */
/*
 * RK3288 GPU power domain, in the order Linux rockchip_pd_power() powers a
 * domain on (drivers/pmdomain/rockchip/pm-domains.c), as for the RK3399
 * (board/rk3399/gpu_power.c says why each step):
 *  1. the domain's clock on for the whole transition: ACLK_GPU
 *     (rk3288.dtsi power-domain@RK3288_PD_GPU clocks = <&cru ACLK_GPU>) and
 *     its parent sclk_gpu;
 *  2. PWRDN_CON bit cleared, then PWRDN_ST polled until the domain is on;
 *  3. the NoC idle request released, then IDLE_ACK and IDLE polled clear.
 * Every poll is bounded by Linux's 10 ms. QoS: nothing to restore (this
 * firmware never powers the domain down; see the RK3399 file).
 */
#include <errno.h>
#include <stdio.h>

#include "board/rk3288/rk3288.h"
#include "drivers/mmio.h"
#include "drivers/timer.h"
#include "mmu/bits.h"

/* PMU: pm-domains.c rk3288_pmu (pwr_offset 0x08, status_offset 0x0c,
 * req_offset 0x10, idle_offset = ack_offset 0x14) and RK3288_PD_GPU =
 * DOMAIN_RK3288("gpu", BIT(9), BIT(9), BIT(2), false): power and status bit
 * 9, idle request and idle status bit 2, ack bit 2 + 16. No write-enable
 * mask on these registers (regmap_update_bits): read, modify, write. */
#define PMU_BASE        RK3288_PMU_BASE
#define PMU_PWRDN_CON   0x08
#define PMU_PWRDN_ST    0x0c
#define PMU_IDLE_REQ    0x10
#define PMU_IDLE_ST     0x14 /* idle status [15:0], ack [31:16] */
#define PD_GPU_PWR      BIT(9) /* set = powered down */
#define PD_GPU_IDLE     BIT(2)
#define PD_GPU_ACK      BIT(18)

/* CRU: Linux clk-rk3288.c: sclk_gpu gate RK3288_CLKGATE_CON(5) bit 7, ACLK_GPU
 * gate RK3288_CLKGATE_CON(18) bit 0; RK3288_CLKGATE_CON(x) = 0x160 + 4x
 * (clk.h). GFLAGS: a set bit gates the clock, bits [31:16] enable the
 * writes of bits [15:0]. */
#define CRU_BASE            RK3288_CRU_BASE
#define CRU_CLKGATE_CON(x)  (0x160u + 4u * (x))
#define CRU_GATE_SCLK_GPU_CON 5
#define CRU_GATE_SCLK_GPU     BIT(7)
#define CRU_GATE_ACLK_GPU_CON 18
#define CRU_GATE_ACLK_GPU     BIT(0)
#define CRU_WRITE_ENABLE      GENMASK(31, 16)

#define PMU_TIMEOUT_US 10000u

static int wait_clear(unsigned off, uint32_t mask, const char *what)
{
	int ret = mmio_poll32(PMU_BASE + off, mask, 0, PMU_TIMEOUT_US);

	if (ret)
		printf("rk3288: GPU power-up: %s (PMU %#x = %#x) did not clear in %u us\n", what,
		       off, mmio_read32(PMU_BASE + off), PMU_TIMEOUT_US);
	return ret;
}

static void cru_ungate(unsigned con, uint32_t bit)
{
	mmio_write32(CRU_BASE + CRU_CLKGATE_CON(con), (uint32_t)FIELD_PREP(CRU_WRITE_ENABLE, bit));
}

static void pmu_clear_bits(unsigned off, uint32_t mask)
{
	mmio_write32(PMU_BASE + off, mmio_read32(PMU_BASE + off) & ~mask);
}

int rk3288_gpu_power_up(void)
{
	int ret;

	/* The parent first, then ACLK_GPU. */
	cru_ungate(CRU_GATE_SCLK_GPU_CON, CRU_GATE_SCLK_GPU);
	cru_ungate(CRU_GATE_ACLK_GPU_CON, CRU_GATE_ACLK_GPU);
	if (mmio_read32(PMU_BASE + PMU_PWRDN_ST) & PD_GPU_PWR) {
		pmu_clear_bits(PMU_PWRDN_CON, PD_GPU_PWR);
		ret = wait_clear(PMU_PWRDN_ST, PD_GPU_PWR, "PWRDN_ST gpu");
		if (ret)
			return ret;
	}
	pmu_clear_bits(PMU_IDLE_REQ, PD_GPU_IDLE);
	ret = wait_clear(PMU_IDLE_ST, PD_GPU_ACK, "IDLE_ACK gpu");
	if (!ret)
		ret = wait_clear(PMU_IDLE_ST, PD_GPU_IDLE, "IDLE_ST gpu");
	if (ret)
		printf("rk3288: the GPU domain is not up; check that the vdd_gpu supply is on\n");
	return ret;
}
