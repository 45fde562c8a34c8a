/* SPDX-License-Identifier: MIT */
#ifndef GPUMMU_BOARD_RK3399_H
#define GPUMMU_BOARD_RK3399_H

/* Power the GPU domain on and release its bus idle request (gpu_power.c). */
int rk3399_gpu_power_up(void);

#endif
