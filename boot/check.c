/* SPDX-License-Identifier: MIT */
/*
 * A broken invariant on the target (mmu/check.h): print where and why, then
 * end the run as a crash does, with the running test named and TAP's
 * "Bail out!", never returning into the code that found it broken.
 */
#include <stdio.h>

#include "boot/image.h"
#include "mmu/check.h"
#include "tests/target/harness.h"

void check_failed(const char *file, int line, const char *expr, const char *msg)
{
	const char *test = harness_current_test();

	printf("\n*** CHECK failed at %s:%d: %s (%s)\n", file, line, msg, expr);
	if (test)
		printf("  during self-test '%s'\n", test);
	harness_bail_out("broken invariant");
	image_exit(IMAGE_EXIT_CRASH);
}
