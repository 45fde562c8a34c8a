/* SPDX-License-Identifier: MIT */
/*
 * A Rockchip PMU power domain switched on the way Linux rockchip_pd_power()
 * does it (drivers/pmdomain/rockchip/pm-domains.c), for the SoCs whose PMU
 * registers have no write-enable mask (RK3288, RK3399: regmap_update_bits):
 *  1. the domain's clocks ungated in the CRU for the whole transition ("Per
 *     Rockchip, we *must* keep certain clocks enabled for the duration of
 *     power-domain transitions", rockchip_pmu_block()), parent first;
 *  2. the power-down bit cleared, then the status polled until the domain
 *     is on (skipped when it is on already);
 *  3. the NoC idle request released, then the ack and the idle status polled
 *     clear.
 * Every poll is bounded by Linux's 10 ms (readx_poll_timeout_atomic(...,
 * 10000)). The board files give the offsets and bits, each cited there.
 */
#ifndef GPUMMU_DRIVERS_ROCKCHIP_PD_H
#define GPUMMU_DRIVERS_ROCKCHIP_PD_H

#include <stdint.h>

struct rockchip_gate {
	unsigned con;           /* CRU_CLKGATE_CON(con) */
	uint32_t bit;
};

struct rockchip_pd {
	const char *name;       /* for messages: "rk3399" */
	uintptr_t pmu;
	unsigned pwrdn_con, pwrdn_st, idle_req, idle_st, idle_ack; /* PMU offsets */
	uint32_t pwr, req, idle, ack;                              /* the domain's bits */
	uintptr_t cru;
	unsigned clkgate_con0;  /* offset of CRU_CLKGATE_CON(0); a set bit gates, [31:16] write enables */
	struct rockchip_gate gates[2]; /* parent first; bit 0 = unused */
	const char *hint;       /* printed when the domain does not come up */
};

/* 0, or -ETIMEDOUT with the register that did not settle printed. */
int rockchip_pd_power_up(const struct rockchip_pd *pd);
/* Poll the PMU register at pmu + off until the bits of mask read 0, for
 * Linux's 10 ms; a timeout is printed with the register's value, prefixed
 * with name. 0 or -ETIMEDOUT. Also for a PMU whose sequence differs (the
 * RK3588's write-enable masks, board/rk3588/gpu_power.c). */
int rockchip_pmu_wait_clear(const char *name, uintptr_t pmu, unsigned off, uint32_t mask,
			    const char *what);

#endif
