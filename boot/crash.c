/* SPDX-License-Identifier: MIT */
/*
 * What every architecture's crash report shares (boot/crash.h): the run
 * ends as a failure (IMAGE_EXIT_CRASH) instead of hanging, and a fault while
 * the report itself is printed gets one line and parks: the exit path may be
 * what faulted.
 */
#include <stdio.h>

#include "boot/console.h"
#include "boot/cpu_map_image.h"
#include "boot/crash.h"
#include "boot/image.h"
#include "tests/target/harness.h"

static unsigned crash_depth;

void crash_enter(void)
{
	/* stdio, the console or the exit may be the culprit, so one raw line
	 * and no exit; a fault in that line: park. */
	if (crash_depth++) {
		if (crash_depth == 2)
			console_puts_raw("\n*** CRASH while printing a crash report; parked\n");
		image_park();
	}
}

void crash_print_test(void)
{
	const char *test = harness_current_test();

	if (test)
		printf("  during self-test '%s'\n", test);
}

/* A stack overflow shows as an abort inside a guard page (the push that
 * crossed into it), with that stack's pointer in or below the guard. */
void crash_print_stack_overflow(bool far_valid, uint64_t far, uint64_t sp)
{
	const char *stack = far_valid ? image_stack_guard(far) : NULL;

	if (!stack)
		stack = image_stack_guard(sp);
	if (stack)
		printf("  stack overflow: the %s stack ran into its guard page (FAR 0x%llx, sp 0x%llx)\n",
		       stack, (unsigned long long)far, (unsigned long long)sp);
}

void crash_exit(void)
{
	harness_bail_out("crash");
	image_exit(IMAGE_EXIT_CRASH);
}
