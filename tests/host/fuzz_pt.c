/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer entry over the random-operation harness: the first byte picks a
 * format/granule/coherency, the rest drives the operations. Every step is
 * checked against the shadow model and the reference walker; any mismatch
 * aborts so libFuzzer keeps the input. `make fuzz FUZZ_SECONDS=60`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/host/opseq.h"

static const struct os_cfg cfgs[] = {
	{ PT_FMT_ARM64_S1, 4096, 32, 40, true, false, false },
	{ PT_FMT_ARM64_S1, 4096, 48, 48, false, false, false },
	{ PT_FMT_ARM64_S1, 16384, 36, 44, true, false, false },
	{ PT_FMT_ARM64_S1, 65536, 42, 48, true, false, false },
	{ PT_FMT_MALI_LPAE, 4096, 48, 40, true, false, false },
	{ PT_FMT_MALI_LPAE, 4096, 33, 40, false, false, false },
	{ PT_FMT_ARM32_LPAE_S1, 4096, 32, 40, true, false, false },
	{ PT_FMT_ARM64_S1, 4096, 48, 40, true, true, false },
	{ PT_FMT_MALI_LPAE, 4096, 48, 40, false, true, false },
	{ PT_FMT_ARM64_S1, 4096, 48, 40, true, true, true },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct os_cfg *c;
	struct os_run run;
	struct os_rng rng;
	unsigned steps = 0;

	if (size < 2)
		return 0;
	c = &cfgs[data[0] % (sizeof(cfgs) / sizeof(cfgs[0]))];
	os_rng_data(&rng, data + 1, size - 1);
	if (os_setup(&run, c))
		abort();
	while (!os_exhausted(&rng) && steps++ < 256) {
		if (os_step(&run, &rng)) {
			fprintf(stderr, "fuzz: step %u failed (%s, granule %zu)\n", steps,
				pt_format_name(c->fmt), c->granule);
			abort();
		}
	}
	if (os_teardown(&run))
		abort();
	return 0;
}
