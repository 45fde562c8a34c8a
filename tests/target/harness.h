/* SPDX-License-Identifier: MIT */
/* The self-test runner behind tests/target/selftest.h, called by boot/main.c. */
#ifndef GPUMMU_TESTS_TARGET_HARNESS_H
#define GPUMMU_TESTS_TARGET_HARNESS_H

struct selection;

/* The first line of the run: "TAP version 13". */
void harness_start(void);

/*
 * Run the registered tests sel selects (see selection.h), print the TAP plan
 * and lines, the report line and the summary. Returns the number of failures
 * (tests failed, names matching nothing, pages leaked count as failures).
 */
unsigned harness_run(struct selection *sel);

/* The run cannot go on (crash, broken invariant, unusable command line):
 * `not ok` for the running test if any, then "Bail out! why [in test]". */
void harness_bail_out(const char *why);

/* Name of the test running now, or NULL (for the crash report). */
const char *harness_current_test(void);

#endif
