/* SPDX-License-Identifier: MIT */
/*
 * RK3399 GPU power domain, in the order Linux rockchip_pd_power() powers a
 * domain on (drivers/pmdomain/rockchip/pm-domains.c):
 *  1. the domain's clocks on for the whole transition ("Per Rockchip, we
 *     *must* keep certain clocks enabled for the duration of power-domain
 *     transitions", rockchip_pmu_block()); for pd_gpu that is ACLK_GPU
 *     (rk3399-base.dtsi power-domain@RK3399_PD_GPU clocks = <&cru ACLK_GPU>);
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
#include "board/rk3399/rk3399.h"
#include "drivers/rockchip_pd.h"
#include "mmu/bits.h"

/* PMU (rk3399-base.dtsi power-management@ff310000; pm-domains.c rk3399_pmu:
 * pwr_offset 0x14, status_offset 0x18, req_offset 0x60, idle_offset 0x64,
 * ack_offset 0x68, and RK3399_PD_GPU: power and status bit 15, idle
 * request/ack/status bit 0). CRU (rk3399-base.dtsi clock-controller@ff760000).
 * Linux clk-rk3399.c: aclk_gpu_pre gate RK3399_CLKGATE_CON(13) bit 0,
 * ACLK_GPU gate RK3399_CLKGATE_CON(30) bit 8, RK3399_CLKGATE_CON(x) = 0x300 +
 * 4x. Gates are GFLAGS (clk.h): a set bit gates the clock, and bits [31:16]
 * are the write enables of bits [15:0] (CLK_GATE_HIWORD_MASK). */
static const struct rockchip_pd rk3399_pd_gpu = {
	.name = "rk3399",
	.pmu = RK3399_PMU_BASE,
	.pwrdn_con = 0x14, .pwrdn_st = 0x18, .idle_req = 0x60, .idle_st = 0x64, .idle_ack = 0x68,
	.pwr = BIT(15), .req = BIT(0), .idle = BIT(0), .ack = BIT(0),
	.cru = RK3399_CRU_BASE,
	.clkgate_con0 = 0x300,
	.gates = { { 13, BIT(0) }, { 30, BIT(8) } },
	.hint = "check that TF-A lets EL1 reach the PMU and that the vdd_gpu supply is on",
};

int rk3399_gpu_power_up(void)
{
	return rockchip_pd_power_up(&rk3399_pd_gpu);
}
