/* SPDX-License-Identifier: MIT */
/*
 * RK3588 GPU power domain, from the facts Linux drivers/pmdomain/rockchip/
 * pm-domains.c uses (rk3588_pmu: pwr_offset 0x14c, req_offset 0x10c,
 * idle_offset 0x120, ack_offset 0x118, repair_status_offset 0x290;
 * RK3588_PD_GPU: power bit 0, repair status bit 1 (1 = on), idle request /
 * idle / ack bit 0, write-enable mask in bits [31:16]) on PMU1 at 0xfd8d8000
 * (rk3588-base.dtsi pmu: power-management@fd8d8000).
 *
 * The domain is not switched on here, for this precise reason: PD_GPU needs
 * its supply vdd_gpu_s0 on before the PMU powers it, and "the system will try
 * to enable the power domain before the regulator is enabled resulting in a
 * failure hanging the whole system" (Linux commit "arm64: dts: rockchip: Add
 * GPU power domain regulator dependency for RK3588", which gives pd_gpu
 * domain-supply = <&vdd_gpu_s0>). That rail is a buck of the board's PMIC
 * (an RK806 on SPI on the boards Linux supports), board-specific and not
 * visible from the SoC, so a blind switch-on risks a hang no timeout can end.
 * The PMU's status registers are always on and safe to read: the firmware
 * reads them instead of touching a possibly unpowered GPU (which can raise
 * an SError), and when the domain is on but its NoC port idle it releases
 * the idle request as rockchip_pd_power() does after a power-up.
 */
#include <errno.h>
#include <stdio.h>

#include "board/board.h"
#include "board/rk3588/rk3588.h"
#include "drivers/mmio.h"
#include "drivers/rockchip_pd.h"
#include "mmu/bits.h"

#define PMU1_BASE            RK3588_PMU1_BASE
#define PMU_BUS_IDLE_REQ     0x10c
#define PMU_BUS_IDLE_ACK     0x118
#define PMU_BUS_IDLE_ST      0x120
#define PMU_REPAIR_STATUS    0x290
#define PD_GPU_REPAIR_ON     BIT(1)
#define PD_GPU_IDLE          BIT(0)
#define PMU_WRITE_ENABLE     GENMASK(31, 16)

#define GPU_ID 0x000 /* Linux panthor_regs.h */

/* Linux polls the idle handshake for 10 ms: drivers/rockchip_pd.c. */
static int wait_clear(unsigned off, const char *what)
{
	return rockchip_pmu_wait_clear("rk3588", PMU1_BASE, off, PD_GPU_IDLE, what);
}

/* Leave NoC idle: write-enable the bit, value 0; then ACK, then IDLE clear
 * (rockchip_pmu_set_idle_request(pd, false)). */
static int release_idle(void)
{
	int ret;

	if (!(mmio_read32(PMU1_BASE + PMU_BUS_IDLE_ST) & PD_GPU_IDLE))
		return 0;
	mmio_write32(PMU1_BASE + PMU_BUS_IDLE_REQ, (uint32_t)FIELD_PREP(PMU_WRITE_ENABLE, PD_GPU_IDLE));
	ret = wait_clear(PMU_BUS_IDLE_ACK, "BUS_IDLE_ACK gpu");
	return ret ? ret : wait_clear(PMU_BUS_IDLE_ST, "BUS_IDLE_ST gpu");
}

int rk3588_gpu_power_up(void)
{
	uint32_t id;
	int ret;

	if (!(mmio_read32(PMU1_BASE + PMU_REPAIR_STATUS) & PD_GPU_REPAIR_ON)) {
		printf("rk3588: the GPU power domain is off (PMU1 %#x = %#x). It is not switched "
		       "on blind: it needs vdd_gpu_s0 from the board PMIC first. Boot through a "
		       "U-Boot that powers pd_gpu (or from Linux with the GPU runtime-active)\n",
		       PMU_REPAIR_STATUS, mmio_read32(PMU1_BASE + PMU_REPAIR_STATUS));
		return -ENODEV;
	}
	ret = release_idle();
	if (ret)
		return ret;
	id = mmio_read32(board.gpu_base + GPU_ID);
	if (id == 0 || id == 0xffffffffu) {
		printf("rk3588: the GPU domain is on but GPU_ID reads %#x: its clocks "
		       "(CLK_GPU from TF-A's SCMI) are off?\n", id);
		return -ENODEV;
	}
	return 0;
}
