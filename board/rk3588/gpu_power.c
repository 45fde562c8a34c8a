/* SPDX-License-Identifier: MIT */
/*
 * RK3588 GPU power. The RK3588 PMU (PMU1 power domains, memory power and
 * repair chains) is programmed by Linux drivers/pmdomain/rockchip/pm-domains.c
 * through offsets this project could not verify against the public TRM, so
 * this board does not switch the domain itself: it relies on the boot loader
 * (U-Boot's rockchip power-domain driver, or Linux before a kexec) having
 * left the GPU powered and clocked, and checks that GPU_ID reads as a Mali.
 * A dead domain reads 0 or all ones (or raises an SError on some parts).
 */
#include <errno.h>
#include <stdio.h>

#include "board/board.h"
#include "board/rk3588/rk3588.h"
#include "drivers/mmio.h"

#define GPU_ID 0x000 /* Linux panthor_regs.h */

int rk3588_gpu_power_up(void)
{
	uint32_t id = mmio_read32(board.gpu_base + GPU_ID);

	if (id == 0 || id == 0xffffffffu) {
		printf("rk3588: GPU_ID reads %#x: the GPU power domain is off. Boot through a "
		       "U-Boot that powers pd_gpu (or from Linux with the GPU runtime-active)\n",
		       id);
		return -ENODEV;
	}
	return 0;
}
