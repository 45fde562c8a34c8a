/* SPDX-License-Identifier: MIT */
/*
 * Bounded waits, built only on timer_now_us and the MMIO accessors, so the
 * same loop runs on the target and in host tests (where a fake clock and a
 * register model stand behind those two).
 *
 * A wait ends when its condition holds, when its timeout has passed, or when
 * the counter has not moved for TIMER_STALL_POLLS polls in a row: a stopped
 * counter (firmware never started it) would otherwise keep every wait, and
 * so every UART character, there for ever.
 */
#include <errno.h>

#include "drivers/mmio.h"
#include "drivers/timer.h"

/* Consecutive reads of the counter that gave the same time. */
struct stall_watch {
	uint64_t last;
	unsigned long same;
};

static bool stalled(struct stall_watch *w, uint64_t now)
{
	if (now != w->last) {
		w->last = now;
		w->same = 0;
		return false;
	}
	return ++w->same >= TIMER_STALL_POLLS;
}

void timer_udelay(uint64_t us)
{
	uint64_t start = timer_now_us(), now = start;
	struct stall_watch w = { start, 0 };

	while (now - start < us && !stalled(&w, now))
		now = timer_now_us();
}

int timer_poll(bool (*done)(void *ctx), void *ctx, uint64_t timeout_us)
{
	uint64_t start = timer_now_us(), now;
	struct stall_watch w = { start, 0 };

	for (;;) {
		if (done(ctx))
			return 0;
		now = timer_now_us();
		if (now - start >= timeout_us || stalled(&w, now))
			/* One last look: the condition may have come true while we were late. */
			return done(ctx) ? 0 : -ETIMEDOUT;
	}
}

int timer_check_running(void)
{
	uint64_t first = timer_now_us();

	for (unsigned long i = 0; i < TIMER_STALL_POLLS; i++)
		if (timer_now_us() != first)
			return 0;
	return -ETIMEDOUT;
}

struct reg_wait {
	uintptr_t addr;
	uint32_t mask, want;
};

static bool reg_matches(void *ctx)
{
	const struct reg_wait *w = ctx;

	return (mmio_read32(w->addr) & w->mask) == w->want;
}

int mmio_poll32(uintptr_t addr, uint32_t mask, uint32_t want, uint64_t timeout_us)
{
	struct reg_wait w = { addr, mask, want };

	return timer_poll(reg_matches, &w, timeout_us);
}
