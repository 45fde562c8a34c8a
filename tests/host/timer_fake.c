/* SPDX-License-Identifier: MIT */
/*
 * The generic timer's clock on the host: it advances by one microsecond on
 * every read, so a poll (drivers/poll.c, the target's own loop) against
 * stuck hardware times out after about timeout_us polls, instantly, and a
 * test never sleeps.
 */
#include "drivers/timer.h"

static uint64_t now_us;

uint64_t timer_now_us(void)
{
	return ++now_us;
}
