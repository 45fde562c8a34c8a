/* SPDX-License-Identifier: MIT */
/*
 * The bounded waits of drivers/poll.c on the fake clock
 * (tests/host/timer_fake.c), running and stopped. A stopped system counter
 * is what a board shows when firmware never started it (RK3288: the
 * architected counter runs only once the secure timer is enabled, U-Boot
 * arch/arm/mach-rockchip/spl_common.c rockchip_stimer_init(), Linux v4.13
 * arch/arm/mach-rockchip/rockchip.c rockchip_timer_init()); every wait must
 * still end.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "drivers/timer.h"
#include "tests/host/mmio_host.h"
#include "tests/host/timer_fake.h"

#define REG_BASE 0x20000000u
/* Far more polls than any cap the driver may choose: past this the wait is
 * taken to spin forever and the test fails instead of hanging. */
#define FOREVER  (1ul << 26)

struct counter {
	unsigned long calls, true_after;
};

static bool count_calls(void *ctx)
{
	struct counter *c = ctx;

	if (++c->calls >= FOREVER)
		fail_msg("timer_poll called done() %lu times with the counter stopped and "
			 "has not returned: it spins forever", c->calls);
	return c->true_after && c->calls >= c->true_after;
}

/* A status register that never reaches the value waited for (a stuck UART). */
static unsigned long reg_reads;

static uint64_t stuck_read(void *ctx, uintptr_t off, unsigned size)
{
	(void)ctx;
	(void)off;
	(void)size;
	if (++reg_reads >= FOREVER)
		fail_msg("mmio_poll32 read the register %lu times with the counter stopped "
			 "and has not returned", reg_reads);
	return 0;
}

static void stuck_write(void *ctx, uintptr_t off, uint64_t val, unsigned size)
{
	(void)ctx;
	(void)off;
	(void)val;
	(void)size;
}

static const struct mmio_model_ops stuck_ops = { .read = stuck_read, .write = stuck_write };

static int setup(void **state)
{
	(void)state;
	timer_fake_stop(false);
	reg_reads = 0;
	return mmio_host_map(REG_BASE, 0x1000, &stuck_ops, NULL);
}

static int teardown(void **state)
{
	(void)state;
	timer_fake_stop(false);
	mmio_host_unmap_all();
	return 0;
}

/* Running counter: the timeout ends the wait, after about timeout_us polls. */
static void test_poll_times_out(void **state)
{
	struct counter c = { 0, 0 };

	(void)state;
	assert_int_equal(timer_poll(count_calls, &c, 1000), -ETIMEDOUT);
	assert_in_range(c.calls, 400, 1100);
	c = (struct counter){ 0, 3 };
	assert_int_equal(timer_poll(count_calls, &c, 1000), 0);
	assert_int_equal(c.calls, 3);
}

/* Stopped counter: the wait still ends, -ETIMEDOUT, after a bounded number
 * of polls; a condition that comes true is still seen. */
static void test_poll_stopped_counter(void **state)
{
	struct counter c = { 0, 0 };

	(void)state;
	timer_fake_stop(true);
	assert_int_equal(timer_poll(count_calls, &c, 1000000), -ETIMEDOUT);
	assert_in_range(c.calls, TIMER_STALL_POLLS, TIMER_STALL_POLLS + 2);
	c = (struct counter){ 0, 5 };
	assert_int_equal(timer_poll(count_calls, &c, 1000000), 0);
	assert_int_equal(c.calls, 5);
}

static void test_mmio_poll_stopped_counter(void **state)
{
	(void)state;
	timer_fake_stop(true);
	assert_int_equal(mmio_poll32(REG_BASE, 1, 1, 1000000), -ETIMEDOUT);
	assert_in_range(reg_reads, TIMER_STALL_POLLS, TIMER_STALL_POLLS + 2);
}

/* The cap counts polls in a row without a tick, not polls: on a running
 * counter a wait longer than TIMER_STALL_POLLS polls ends by its timeout. */
static void test_poll_running_counter_not_capped(void **state)
{
	struct counter c = { 0, 0 };

	(void)state;
	assert_int_equal(timer_poll(count_calls, &c, 2 * TIMER_STALL_POLLS), -ETIMEDOUT);
	assert_true(c.calls > TIMER_STALL_POLLS);
}

static void test_udelay_stopped_counter(void **state)
{
	unsigned long before;

	(void)state;
	timer_fake_stop(true);
	before = timer_fake_reads();
	timer_udelay(1000);
	assert_in_range(timer_fake_reads() - before, TIMER_STALL_POLLS, TIMER_STALL_POLLS + 2);
}

/* The boot code's check: a running counter is seen at once, a stopped one
 * after a bounded number of reads. */
static void test_check_running(void **state)
{
	unsigned long before = timer_fake_reads();

	(void)state;
	assert_int_equal(timer_check_running(), 0);
	assert_int_equal(timer_fake_reads() - before, 2);
	timer_fake_stop(true);
	before = timer_fake_reads();
	assert_int_equal(timer_check_running(), -ETIMEDOUT);
	assert_in_range(timer_fake_reads() - before, TIMER_STALL_POLLS, TIMER_STALL_POLLS + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_poll_times_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poll_stopped_counter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mmio_poll_stopped_counter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poll_running_counter_not_capped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_udelay_stopped_counter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_running, setup, teardown),
	};

	return cmocka_run_group_tests_name("poll", tests, NULL, NULL);
}
