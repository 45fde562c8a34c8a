/* SPDX-License-Identifier: MIT */
#ifndef GPUMMU_BOARD_RK3588_H
#define GPUMMU_BOARD_RK3588_H

/* Check that the boot loader left the GPU powered (gpu_power.c). */
int rk3588_gpu_power_up(void);

#endif
