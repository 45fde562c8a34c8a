/* SPDX-License-Identifier: MIT */
/* Controls of the host's fake clock (tests/host/timer_fake.c). */
#ifndef GPUMMU_TESTS_HOST_TIMER_FAKE_H
#define GPUMMU_TESTS_HOST_TIMER_FAKE_H

#include <stdbool.h>

/* Stop the clock (every read returns the same time: a system counter that
 * firmware never started) or let it run again (one microsecond per read). */
void timer_fake_stop(bool stopped);
/* Reads of timer_now_us() so far. */
unsigned long timer_fake_reads(void);

#endif
