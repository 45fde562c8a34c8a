/* SPDX-License-Identifier: MIT */
/*
 * Arm generic timer (CNTPCT_EL0 / CNTFRQ_EL0): time, delays and bounded polls.
 * Every hardware wait in this project goes through timer_poll, so nothing
 * spins forever, not even on a stopped counter. Host tests link a fake clock
 * that advances on every read (or stops: tests/host/timer_fake.h).
 */
#ifndef GPUMMU_DRIVERS_TIMER_H
#define GPUMMU_DRIVERS_TIMER_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The backstop of every wait (drivers/poll.c): a counter that gives the same
 * microsecond for this many polls in a row is taken as stopped and the wait
 * ends with -ETIMEDOUT. A running counter changes timer_now_us() within one
 * microsecond, and no poll loop here is faster than about 100 polls per
 * microsecond (each one reads the counter and, mostly, a device register),
 * so the cap never ends a wait early; on a stopped counter it ends one after
 * 2^20 polls: about 10 ms at that fastest rate, 0.1 to 1 s when each poll
 * reads a device register (0.1 to 1 us a read).
 */
#define TIMER_STALL_POLLS (1ul << 20)

uint64_t timer_freq_hz(void);
uint64_t timer_now_us(void);
/* Waits us microseconds (or TIMER_STALL_POLLS reads of a stopped counter). */
void timer_udelay(uint64_t us);

/* Calls done(ctx) until it returns true (0), or timeout_us passes or the
 * counter does not advance for TIMER_STALL_POLLS polls (-ETIMEDOUT). */
int timer_poll(bool (*done)(void *ctx), void *ctx, uint64_t timeout_us);
/*
 * Does the system counter run? 0 as soon as timer_now_us() changes, -ETIMEDOUT
 * when it gives the same value TIMER_STALL_POLLS reads in a row. The boot
 * banner (boot/banner.c) asks before any wait trusts its timeout: a counter
 * firmware never started (RK3288: the architected counter runs only once
 * the secure timer is enabled,
 * U-Boot arch/arm/mach-rockchip/spl_common.c rockchip_stimer_init(), Linux
 * v4.13 arch/arm/mach-rockchip/rockchip.c rockchip_timer_init()) makes every
 * wait end by the stall cap instead, and its messages then name a timeout
 * that never elapsed.
 */
int timer_check_running(void);
/* Polls the 32-bit register at addr until (value & mask) == want: 0 or -ETIMEDOUT. */
int mmio_poll32(uintptr_t addr, uint32_t mask, uint32_t want, uint64_t timeout_us);

#endif
