/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "tests/target/report.h"

struct report report;

void report_print(const struct pool_stats *st)
{
	printf("report: dma-verified-mappings=%llu dma-bytes=%llu faults-expected=%llu "
	       "faults-seen=%llu tlbi-commands=%llu pool-high-water=%zu pool-leaked=%llu\n",
	       (unsigned long long)report.dma_verified_mappings,
	       (unsigned long long)report.dma_bytes, (unsigned long long)report.faults_expected,
	       (unsigned long long)report.faults_seen, (unsigned long long)report.tlbi_commands,
	       st->high_water, (unsigned long long)report.pool_leaked);
}
