/* SPDX-License-Identifier: MIT */
/*
 * Run-wide counters that self-tests add to, printed by the harness before
 * the summary as one line:
 *   report: dma-verified-mappings=N dma-bytes=N faults-expected=N
 *   faults-seen=N tlbi-commands=N pool-high-water=N pool-leaked=N
 * e.g. a DMA test does `report.dma_verified_mappings++; report.dma_bytes += n;`.
 */
#ifndef GPUMMU_TESTS_TARGET_REPORT_H
#define GPUMMU_TESTS_TARGET_REPORT_H

#include <stdint.h>

#include "mmu/pool.h"

struct report {
	uint64_t dma_verified_mappings; /* mappings proven by a DMA through the GPU MMU */
	uint64_t dma_bytes;             /* bytes those DMAs moved and checked */
	uint64_t faults_expected;       /* faults tests provoked on purpose */
	uint64_t faults_seen;           /* faults the MMU reported */
	uint64_t tlbi_commands;         /* TLB invalidation commands issued */
	uint64_t pool_leaked;           /* pages tests failed to give back (harness) */
};

extern struct report report;

/* Print the report line; pool high-water from st. */
void report_print(const struct pool_stats *st);

#endif
