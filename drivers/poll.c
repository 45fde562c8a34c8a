/* SPDX-License-Identifier: MIT */
/*
 * Bounded waits, built only on timer_now_us and the MMIO accessors, so the
 * same loop runs on the target and in host tests (where a fake clock and a
 * register model stand behind those two).
 */
#include <errno.h>

#include "drivers/mmio.h"
#include "drivers/timer.h"

void timer_udelay(uint64_t us)
{
	uint64_t start = timer_now_us();

	while (timer_now_us() - start < us)
		;
}

int timer_poll(bool (*done)(void *ctx), void *ctx, uint64_t timeout_us)
{
	uint64_t start = timer_now_us();

	for (;;) {
		if (done(ctx))
			return 0;
		if (timer_now_us() - start >= timeout_us)
			/* One last look: the condition may have come true while we were late. */
			return done(ctx) ? 0 : -ETIMEDOUT;
	}
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
