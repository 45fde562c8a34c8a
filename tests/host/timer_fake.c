/* SPDX-License-Identifier: MIT */
/*
 * drivers/timer.h on the host: a fake clock that advances by one microsecond
 * on every read, so a poll against stuck hardware times out after
 * timeout_us polls, instantly, and a test never sleeps.
 */
#include <errno.h>

#include "drivers/timer.h"

static uint64_t now_us;

uint64_t timer_freq_hz(void)
{
	return 1000000;
}

uint64_t timer_now_us(void)
{
	return ++now_us;
}

void timer_udelay(uint64_t us)
{
	now_us += us;
}

int timer_poll(bool (*done)(void *ctx), void *ctx, uint64_t timeout_us)
{
	uint64_t deadline = timer_now_us() + timeout_us;

	while (timer_now_us() < deadline)
		if (done(ctx))
			return 0;
	/* One last look: the condition may have come true at the deadline. */
	return done(ctx) ? 0 : -ETIMEDOUT;
}
