/* SPDX-License-Identifier: MIT */
#ifndef GPUMMU_BOARD_RK3399_H
#define GPUMMU_BOARD_RK3399_H

/* The PMU (rk3399-base.dtsi power-management@ff310000, reg size 0x1000). */
#define RK3399_PMU_BASE 0xff310000u
#define RK3399_PMU_SIZE 0x1000u
/* The CRU (rk3399-base.dtsi clock-controller@ff760000, reg size 0x1000). */
#define RK3399_CRU_BASE 0xff760000u
#define RK3399_CRU_SIZE 0x1000u

/* ACLK_GPU on, the GPU domain powered, its bus idle request released (gpu_power.c). */
int rk3399_gpu_power_up(void);

#endif
