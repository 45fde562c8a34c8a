/* SPDX-License-Identifier: MIT */
#ifndef GPUMMU_BOARD_RK3588_H
#define GPUMMU_BOARD_RK3588_H

/* PMU1 (rk3588-base.dtsi power-management@fd8d8000, reg size 0x400). */
#define RK3588_PMU1_BASE 0xfd8d8000u
#define RK3588_PMU1_SIZE 0x400u

/* Check the GPU domain is on (PMU1 status), release its NoC idle request (gpu_power.c). */
int rk3588_gpu_power_up(void);

#endif
