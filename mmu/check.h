/* SPDX-License-Identifier: MIT */
/*
 * The one check macro for invariants, used in every layer. A broken
 * invariant is a bug in this code, not an error a caller can act on, so it
 * never becomes an errno: it ends the run with file:line and a message.
 * Caller errors (bad arguments, no memory) stay negative errno returns.
 *
 * check_failed() belongs to the environment: the crash path on the target
 * (boot/check.c), abort or a test's catch on the host (tests/host/check_host.c).
 */
#ifndef GPUMMU_MMU_CHECK_H
#define GPUMMU_MMU_CHECK_H

void check_failed(const char *file, int line, const char *expr, const char *msg)
	__attribute__((noreturn, cold));

#define CHECK(cond, msg)                                                      \
	do {                                                                  \
		if (__builtin_expect(!(cond), 0))                             \
			check_failed(__FILE__, __LINE__, #cond, (msg));       \
	} while (0)

#endif
