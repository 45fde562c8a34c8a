/* SPDX-License-Identifier: MIT */
#ifndef GPUMMU_BOARD_RK3399_H
#define GPUMMU_BOARD_RK3399_H

/* ACLK_GPU on, the GPU domain powered, its bus idle request released (gpu_power.c). */
int rk3399_gpu_power_up(void);

#endif
