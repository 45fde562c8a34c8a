/* SPDX-License-Identifier: MIT */
/*
 * The generic timer's clock on the host: it advances by one microsecond on
 * every read, so a poll (drivers/poll.c, the target's own loop) against
 * stuck hardware times out after about timeout_us polls, instantly, and a
 * test never sleeps. Stopped (timer_fake_stop), it returns the same time on
 * every read, as a counter nobody started does.
 */
#include "drivers/timer.h"
#include "tests/host/timer_fake.h"

static uint64_t now_us;
static bool stopped;
static unsigned long reads;

uint64_t timer_now_us(void)
{
	reads++;
	return stopped ? now_us : ++now_us;
}

void timer_fake_stop(bool stop)
{
	stopped = stop;
}

unsigned long timer_fake_reads(void)
{
	return reads;
}
