/* SPDX-License-Identifier: MIT */
/*
 * RK3399 GPU power domain, in the order Linux rockchip_pd_power() powers a
 * domain on (drivers/pmdomain/rockchip/pm-domains.c):
 *  1. the domain's clocks on for the whole transition ("Per Rockchip, we
 *     *must* keep certain clocks enabled for the duration of power-domain
 *     transitions", rockchip_pmu_block()); for pd_gpu that is ACLK_GPU
 *     (rk3399.dtsi power-domain@RK3399_PD_GPU clocks = <&cru ACLK_GPU>);
 *  2. PWRDN_CON bit cleared, then PWRDN_ST polled until the domain is on;
 *  3. the NoC idle request released, BUS_IDLE_ACK then BUS_IDLE_ST polled;
 *  4. QoS restored (see below).
 * Every poll is bounded by Linux's 10 ms (readx_poll_timeout_atomic(..., 10000)).
 *
 * Linux then drops the domain's clock reference; panfrost keeps ACLK_GPU
 * enabled while it uses the GPU. This firmware is the GPU's user, so the
 * clock stays on.
 *
 * QoS: rockchip_pd_power() writes back after power-up the QoS generator
 * registers (qos_gpu at 0xffae0000: PRIORITY 0x08, MODE 0x0c, BANDWIDTH 0x10,
 * SATURATION 0x14, EXTCONTROL 0x18) that it saved when it powered the domain
 * down itself. This firmware never powers the domain down, so it holds no
 * saved values: a domain it finds off comes up with its QoS generator at
 * reset values, and a domain it finds on is not cycled, so its QoS settings
 * are untouched. Nothing is written there.
 */
#include <errno.h>
#include <stdio.h>

#include "board/rk3399/rk3399.h"
#include "drivers/mmio.h"
#include "drivers/timer.h"
#include "mmu/bits.h"

/* PMU (rk3399.dtsi power-management@ff310000; pm-domains.c rk3399_pmu and
 * RK3399_PD_GPU: power and status bit 15, idle request/ack/status bit 0). The
 * RK3399 PMU registers have no write-enable mask: read, modify, write. */
#define PMU_BASE          RK3399_PMU_BASE
#define PMU_PWRDN_CON     0x14
#define PMU_PWRDN_ST      0x18
#define PMU_BUS_IDLE_REQ  0x60
#define PMU_BUS_IDLE_ST   0x64
#define PMU_BUS_IDLE_ACK  0x68
#define PD_GPU_PWR        BIT(15) /* set = powered down */
#define PD_GPU_IDLE       BIT(0)

/* CRU (rk3399.dtsi cru: clock-controller@ff760000). Linux clk-rk3399.c:
 * aclk_gpu_pre gate RK3399_CLKGATE_CON(13) bit 0, ACLK_GPU gate
 * RK3399_CLKGATE_CON(30) bit 8, RK3399_CLKGATE_CON(x) = 0x300 + 4x. Gates are
 * GFLAGS (clk.h): a set bit gates the clock, and bits [31:16] are the write
 * enables of bits [15:0] (CLK_GATE_HIWORD_MASK). */
#define CRU_BASE            RK3399_CRU_BASE
#define CRU_CLKGATE_CON(x)  (0x300u + 4u * (x))
#define CRU_GATE_ACLK_GPU_PRE_CON 13
#define CRU_GATE_ACLK_GPU_PRE     BIT(0)
#define CRU_GATE_ACLK_GPU_CON     30
#define CRU_GATE_ACLK_GPU         BIT(8)
#define CRU_WRITE_ENABLE          GENMASK(31, 16)

/* Linux polls each step for 10 ms. */
#define PMU_TIMEOUT_US    10000u

static int wait_clear(unsigned off, uint32_t mask, const char *what)
{
	int ret = mmio_poll32(PMU_BASE + off, mask, 0, PMU_TIMEOUT_US);

	if (ret)
		printf("rk3399: GPU power-up: %s (PMU %#x = %#x) did not clear in %u us\n", what,
		       off, mmio_read32(PMU_BASE + off), PMU_TIMEOUT_US);
	return ret;
}

/* Ungate one CRU clock: write enable for the bit, value 0 (= running). */
static void cru_ungate(unsigned con, uint32_t bit)
{
	mmio_write32(CRU_BASE + CRU_CLKGATE_CON(con), (uint32_t)FIELD_PREP(CRU_WRITE_ENABLE, bit));
}

static void pmu_clear_bits(unsigned off, uint32_t mask)
{
	mmio_write32(PMU_BASE + off, mmio_read32(PMU_BASE + off) & ~mask);
}

int rk3399_gpu_power_up(void)
{
	int ret;

	/* The parent first, then ACLK_GPU: the clock framework enables a
	 * gate's parent before the gate. */
	cru_ungate(CRU_GATE_ACLK_GPU_PRE_CON, CRU_GATE_ACLK_GPU_PRE);
	cru_ungate(CRU_GATE_ACLK_GPU_CON, CRU_GATE_ACLK_GPU);
	if (mmio_read32(PMU_BASE + PMU_PWRDN_ST) & PD_GPU_PWR) {
		pmu_clear_bits(PMU_PWRDN_CON, PD_GPU_PWR);
		ret = wait_clear(PMU_PWRDN_ST, PD_GPU_PWR, "PWRDN_ST gpu");
		if (ret)
			return ret;
	}
	pmu_clear_bits(PMU_BUS_IDLE_REQ, PD_GPU_IDLE);
	ret = wait_clear(PMU_BUS_IDLE_ACK, PD_GPU_IDLE, "BUS_IDLE_ACK gpu");
	if (!ret)
		ret = wait_clear(PMU_BUS_IDLE_ST, PD_GPU_IDLE, "BUS_IDLE_ST gpu");
	if (ret)
		printf("rk3399: the GPU domain is not up; check that TF-A lets EL1 reach the PMU "
		       "and that the vdd_gpu supply is on\n");
	return ret;
}
