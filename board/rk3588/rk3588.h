/* SPDX-License-Identifier: MIT */
#ifndef GPUMMU_BOARD_RK3588_H
#define GPUMMU_BOARD_RK3588_H

/* Check the GPU domain is on (PMU1 status), release its NoC idle request (gpu_power.c). */
int rk3588_gpu_power_up(void);

#endif
