/* SPDX-License-Identifier: MIT */
/* The self-test runner behind tests/target/selftest.h, called by boot/main.c. */
#ifndef GPUMMU_TESTS_TARGET_HARNESS_H
#define GPUMMU_TESTS_TARGET_HARNESS_H

/*
 * Run the registered tests selected by cmdline (see selection.h), print TAP
 * lines, the report line and the summary. Returns the number of failures
 * (tests failed, names matching nothing, pages leaked count as failures).
 */
unsigned harness_run(const char *cmdline);

/* Name of the test running now, or NULL (for the crash report). */
const char *harness_current_test(void);

#endif
