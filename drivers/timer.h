/* SPDX-License-Identifier: MIT */
/*
 * Arm generic timer (CNTPCT_EL0 / CNTFRQ_EL0): time, delays and bounded polls.
 * Every hardware wait in this project goes through timer_poll, so nothing
 * spins forever. Host tests link a fake clock that advances on every read.
 */
#ifndef GPUMMU_DRIVERS_TIMER_H
#define GPUMMU_DRIVERS_TIMER_H

#include <stdbool.h>
#include <stdint.h>

uint64_t timer_freq_hz(void);
uint64_t timer_now_us(void);
void timer_udelay(uint64_t us);

/* Calls done(ctx) until it returns true (0) or timeout_us passes (-ETIMEDOUT). */
int timer_poll(bool (*done)(void *ctx), void *ctx, uint64_t timeout_us);
/* Polls the 32-bit register at addr until (value & mask) == want: 0 or -ETIMEDOUT. */
int mmio_poll32(uintptr_t addr, uint32_t mask, uint32_t want, uint64_t timeout_us);

#endif
