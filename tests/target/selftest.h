/* SPDX-License-Identifier: MIT */
/*
 * On-target self-tests. A test registers itself with SELFTEST(); the harness
 * (tests/target/harness.c) runs the registered tests in link order (or those
 * named on the semihosting command line), prints TAP lines and the summary
 * `N passed, N failed`, and exits through semihosting with 0 only if none
 * failed.
 *
 * A test returns ST_PASS, ST_FAIL or ST_SKIP. st_fail()/st_skip() record the
 * reason printed after '#'. ST_MANUAL tests (deliberate failures, crash
 * injection, broken flush sequences) run only when selected by name.
 */
#ifndef GPUMMU_TESTS_TARGET_SELFTEST_H
#define GPUMMU_TESTS_TARGET_SELFTEST_H

#include <stdbool.h>
#include <stdint.h>

enum st_result { ST_PASS = 0, ST_FAIL = 1, ST_SKIP = 2 };

#define ST_MANUAL (1u << 0)

struct selftest {
	const char *name;
	enum st_result (*fn)(void);
	unsigned flags;
};

/* Aligned as the struct itself, so that entries lie back to back as an array
 * (aligned(8) left 4-byte gaps between the 12-byte entries of a 32-bit build). */
#define SELFTEST(tname, tfn, tflags)                                                    \
	static const struct selftest __selftest_##tfn                                    \
		__attribute__((used, section(".selftests"),                              \
			       aligned(__alignof__(struct selftest)))) = {               \
			.name = tname, .fn = tfn, .flags = tflags }

/* Record why the test failed / is skipped; returns ST_FAIL / ST_SKIP. */
enum st_result st_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
enum st_result st_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Extra text appended to the TAP line after the name (e.g. "invalidations=3"). */
void st_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * "Expect this fault": a synchronous exception a test provokes on purpose
 * (a write to code, an access flag fault...), decoded from ESR_EL1.
 */
struct st_fault {
	uint64_t esr, far, elr;
	unsigned ec;      /* exception class, ESR[31:26] */
	unsigned fsc;     /* fault status code, ESR[5:0] (aborts) */
	bool write;       /* a data abort on a write (ESR.WnR) */
};
/*
 * Run fn(arg), which must take a synchronous exception at EL1 (the vectors
 * bring it back here instead of a crash report): true and *f filled, the
 * fault counted in the report and printed as a "# fault:" line; false when
 * fn returned without one (also counted as expected, not seen).
 */
bool st_expect_fault(void (*fn)(void *), void *arg, struct st_fault *f);

/* Check a condition; on failure record file:line and the expression, return ST_FAIL. */
#define ST_CHECK(cond)                                                                 \
	do {                                                                           \
		if (!(cond))                                                           \
			return st_fail("%s:%d: %s", __FILE__, __LINE__, #cond);        \
	} while (0)

#endif
