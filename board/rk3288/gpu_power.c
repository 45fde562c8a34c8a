/* SPDX-License-Identifier: MIT */
/*
 * RK3288 GPU power domain (drivers/rockchip_pd.c does the sequence).
 * PMU: Linux pm-domains.c rk3288_pmu (pwr_offset 0x08, status_offset 0x0c,
 * req_offset 0x10, idle_offset = ack_offset 0x14) and RK3288_PD_GPU =
 * DOMAIN_RK3288("gpu", BIT(9), BIT(9), BIT(2), false): power and status bit
 * 9, idle request and idle status bit 2, ack bit 2 + 16.
 * Clocks: rk3288.dtsi power-domain@RK3288_PD_GPU clocks = <&cru ACLK_GPU>;
 * Linux clk-rk3288.c: its parent sclk_gpu gate RK3288_CLKGATE_CON(5) bit 7,
 * ACLK_GPU RK3288_CLKGATE_CON(18) bit 0, RK3288_CLKGATE_CON(x) = 0x160 + 4x
 * (clk.h).
 * QoS: nothing to restore (this firmware never powers the domain down; see
 * board/rk3399/gpu_power.c).
 */
#include "board/rk3288/rk3288.h"
#include "drivers/rockchip_pd.h"
#include "mmu/bits.h"

static const struct rockchip_pd rk3288_pd_gpu = {
	.name = "rk3288",
	.pmu = RK3288_PMU_BASE,
	.pwrdn_con = 0x08, .pwrdn_st = 0x0c, .idle_req = 0x10, .idle_st = 0x14, .idle_ack = 0x14,
	.pwr = BIT(9), .req = BIT(2), .idle = BIT(2), .ack = BIT(18),
	.cru = RK3288_CRU_BASE,
	.clkgate_con0 = 0x160,
	.gates = { { 5, BIT(7) }, { 18, BIT(0) } },
	.hint = "check that the vdd_gpu supply is on",
};

int rk3288_gpu_power_up(void)
{
	return rockchip_pd_power_up(&rk3288_pd_gpu);
}
