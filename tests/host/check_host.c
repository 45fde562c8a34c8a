/* SPDX-License-Identifier: MIT */
/*
 * check_failed() on the host (mmu/check.h): a broken invariant aborts with
 * file:line and the message, unless a test armed check_catch to see that a
 * check fires (EXPECT_CHECK in check_host.h), in which case it jumps back.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include "mmu/check.h"
#include "tests/host/check_host.h"

jmp_buf *check_catch;
const char *check_last_msg;

void check_failed(const char *file, int line, const char *expr, const char *msg)
{
	check_last_msg = msg;
	if (check_catch) {
		jmp_buf *j = check_catch;

		check_catch = NULL;
		longjmp(*j, 1);
	}
	fprintf(stderr, "CHECK failed at %s:%d: %s (%s)\n", file, line, msg, expr);
	abort();
}
