/* SPDX-License-Identifier: MIT */
#ifndef GPUMMU_BOARD_RK3288_H
#define GPUMMU_BOARD_RK3288_H

/* The PMU (rk3288.dtsi power-management@ff730000, reg size 0x100). */
#define RK3288_PMU_BASE 0xff730000u
#define RK3288_PMU_SIZE 0x100u
/* The CRU (rk3288.dtsi clock-controller@ff760000, reg size 0x1000). */
#define RK3288_CRU_BASE 0xff760000u
#define RK3288_CRU_SIZE 0x1000u

/* ACLK_GPU on, the GPU domain powered, its bus idle request released (gpu_power.c). */
int rk3288_gpu_power_up(void);

#endif
