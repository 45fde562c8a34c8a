/* SPDX-License-Identifier: MIT */
/*
 * What a leaf descriptor must say for a given PT_PROT_* value, decided from
 * the descriptor fields the reference walker decoded (not from the core's
 * encoder): memory type through AttrIndx (PT_ATTRIDX_*), write permission,
 * execute-never, privileged-only; for MALI_LPAE the read and write bits.
 */
#ifndef GPUMMU_TESTS_HOST_PROT_EXPECT_H
#define GPUMMU_TESTS_HOST_PROT_EXPECT_H

#include <stdbool.h>

#include "mmu/pgtable.h"
#include "tests/host/ref_walker.h"

bool prot_matches(enum pt_format fmt, unsigned prot, const struct rw_result *r,
		  const char **why);

#endif
