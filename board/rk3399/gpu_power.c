/* SPDX-License-Identifier: MIT */
/*
 * RK3399 GPU power domain, as Linux drivers/pmdomain/rockchip/pm-domains.c
 * drives it (rk3399_pmu: PWRDN_CON 0x14, PWRDN_ST 0x18, BUS_IDLE_REQ 0x60,
 * BUS_IDLE_ST 0x64, BUS_IDLE_ACK 0x68; RK3399_PD_GPU: power and status bit 15,
 * idle request/ack/status bit 0) on the PMU at 0xff310000 (rk3399.dtsi
 * power-management@ff310000). Order (the domain driver's power-on): power the
 * domain, wait for the status, then release the NoC idle request and wait
 * for the acknowledge and the idle status to drop.
 *
 * Clocks: aclk_gpu is left as reset / U-Boot leave it (running); this code
 * does not program the CRU, so a GPU that stays dead after power-up points at
 * the clock tree, which the message says.
 */
#include <errno.h>
#include <stdio.h>

#include "board/rk3399/rk3399.h"
#include "drivers/mmio.h"
#include "drivers/timer.h"

#define PMU_BASE          RK3399_PMU_BASE
#define PMU_PWRDN_CON     0x14
#define PMU_PWRDN_ST      0x18
#define PMU_BUS_IDLE_REQ  0x60
#define PMU_BUS_IDLE_ST   0x64
#define PMU_BUS_IDLE_ACK  0x68
#define PD_GPU_PWR        (1u << 15) /* set = powered down */
#define PD_GPU_IDLE       (1u << 0)

/* Linux polls both steps for 10 ms (readx_poll_timeout_atomic(..., 10000)). */
#define PMU_TIMEOUT_US    10000u

static int wait_clear(unsigned off, uint32_t mask, const char *what)
{
	int ret = mmio_poll32(PMU_BASE + off, mask, 0, PMU_TIMEOUT_US);

	if (ret)
		printf("rk3399: GPU power-up: %s (PMU %#x = %#x) did not clear in %u us\n", what,
		       off, mmio_read32(PMU_BASE + off), PMU_TIMEOUT_US);
	return ret;
}

int rk3399_gpu_power_up(void)
{
	int ret;

	if (mmio_read32(PMU_BASE + PMU_PWRDN_ST) & PD_GPU_PWR) {
		mmio_write32(PMU_BASE + PMU_PWRDN_CON,
			     mmio_read32(PMU_BASE + PMU_PWRDN_CON) & ~PD_GPU_PWR);
		ret = wait_clear(PMU_PWRDN_ST, PD_GPU_PWR, "PWRDN_ST gpu");
		if (ret)
			return ret;
	}
	mmio_write32(PMU_BASE + PMU_BUS_IDLE_REQ,
		     mmio_read32(PMU_BASE + PMU_BUS_IDLE_REQ) & ~PD_GPU_IDLE);
	ret = wait_clear(PMU_BUS_IDLE_ACK, PD_GPU_IDLE, "BUS_IDLE_ACK gpu");
	if (!ret)
		ret = wait_clear(PMU_BUS_IDLE_ST, PD_GPU_IDLE, "BUS_IDLE_ST gpu");
	if (ret)
		printf("rk3399: the GPU domain is not up; check that TF-A lets EL1 reach the PMU "
		       "and that aclk_gpu runs\n");
	return ret;
}
