/* SPDX-License-Identifier: MIT */
/* A Rockchip PMU power domain on (see rockchip_pd.h). */
#include <errno.h>
#include <stdio.h>

#include "drivers/mmio.h"
#include "drivers/rockchip_pd.h"
#include "drivers/timer.h"
#include "mmu/bits.h"

#define PMU_TIMEOUT_US   10000u
#define CRU_WRITE_ENABLE GENMASK(31, 16)

int rockchip_pmu_wait_clear(const char *name, uintptr_t pmu, unsigned off, uint32_t mask,
			    const char *what)
{
	int ret = mmio_poll32(pmu + off, mask, 0, PMU_TIMEOUT_US);

	if (ret)
		printf("%s: GPU power-up: %s (PMU %#x = %#x) did not clear in %u us\n", name, what,
		       off, mmio_read32(pmu + off), PMU_TIMEOUT_US);
	return ret;
}

static int wait_clear(const struct rockchip_pd *pd, unsigned off, uint32_t mask,
		      const char *what)
{
	return rockchip_pmu_wait_clear(pd->name, pd->pmu, off, mask, what);
}

static void pmu_clear_bits(const struct rockchip_pd *pd, unsigned off, uint32_t mask)
{
	mmio_write32(pd->pmu + off, mmio_read32(pd->pmu + off) & ~mask);
}

int rockchip_pd_power_up(const struct rockchip_pd *pd)
{
	int ret;

	/* Write enable for the bit, value 0 (= running); the clock framework
	 * enables a gate's parent before the gate. */
	for (unsigned i = 0; i < 2; i++)
		if (pd->gates[i].bit)
			mmio_write32(pd->cru + pd->clkgate_con0 + 4u * pd->gates[i].con,
				     (uint32_t)FIELD_PREP(CRU_WRITE_ENABLE, pd->gates[i].bit));
	if (mmio_read32(pd->pmu + pd->pwrdn_st) & pd->pwr) {
		pmu_clear_bits(pd, pd->pwrdn_con, pd->pwr);
		ret = wait_clear(pd, pd->pwrdn_st, pd->pwr, "PWRDN_ST gpu");
		if (ret)
			return ret;
	}
	pmu_clear_bits(pd, pd->idle_req, pd->req);
	ret = wait_clear(pd, pd->idle_ack, pd->ack, "IDLE_ACK gpu");
	if (!ret)
		ret = wait_clear(pd, pd->idle_st, pd->idle, "IDLE_ST gpu");
	if (ret)
		printf("%s: the GPU domain is not up; %s\n", pd->name, pd->hint);
	return ret;
}
