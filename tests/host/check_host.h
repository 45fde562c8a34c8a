/* SPDX-License-Identifier: MIT */
/* Host side of mmu/check.h: catch a check that a test expects to fire. */
#ifndef GPUMMU_TESTS_HOST_CHECK_HOST_H
#define GPUMMU_TESTS_HOST_CHECK_HOST_H

#include <setjmp.h>
#include <stdbool.h>

extern jmp_buf *check_catch;
extern const char *check_last_msg; /* message of the last check that fired */

/* true iff running stmt made a CHECK fire (stmt is abandoned where it fired). */
#define EXPECT_CHECK(stmt)                                                    \
	({                                                                    \
		jmp_buf check_jb_;                                            \
		volatile bool check_fired_ = false;                                \
		if (setjmp(check_jb_)) {                                      \
			check_fired_ = true;                                  \
		} else {                                                      \
			check_catch = &check_jb_;                             \
			stmt;                                                 \
		}                                                             \
		check_catch = NULL;                                           \
		check_fired_;                                                 \
	})

#endif
