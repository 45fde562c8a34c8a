/* SPDX-License-Identifier: MIT */
/*
 * The long random run behind `make soak`: the operation generator of the
 * random test (tests/host/opseq.c: every op kind, queued ops committed and
 * aborted in odd orders, the wide shapes) over every format, granule and
 * coherency, each step checked against the shadow model through the
 * reference walker, with the core's PT_DEBUG checks on. Runs of RUN_OPS
 * steps with fresh tables; every run's seed is printed so a failure replays:
 *   soak_pt OPS [SEED] [SHARD/SHARDS]    (make soak runs two shards at once)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tests/host/opseq.h"

#define RUN_OPS 20000u

/* The configurations in turn; a run of the slow ones (big tables scanned
 * whole at every check: 16K and 64K wide windows) is a quarter as long. */
static const struct { struct os_cfg c; unsigned quarters; } cfgs[] = {
	{ { PT_FMT_ARM64_S1, 4096, 48, 48, true, false, false }, 4 },
	{ { PT_FMT_ARM64_S1, 4096, 32, 40, false, false, false }, 4 },
	{ { PT_FMT_ARM64_S1, 16384, 36, 44, true, false, false }, 4 },
	{ { PT_FMT_ARM64_S1, 16384, 48, 48, false, false, false }, 4 },
	{ { PT_FMT_ARM64_S1, 65536, 42, 48, true, false, false }, 4 },
	{ { PT_FMT_ARM64_S1, 65536, 48, 40, false, false, false }, 2 },
	{ { PT_FMT_MALI_LPAE, 4096, 48, 40, true, false, false }, 4 },
	{ { PT_FMT_MALI_LPAE, 4096, 33, 40, false, false, false }, 4 },
	{ { PT_FMT_ARM32_LPAE_S1, 4096, 32, 40, true, false, false }, 4 },
	{ { PT_FMT_ARM32_LPAE_S1, 4096, 32, 32, false, false, false }, 4 },
	{ { PT_FMT_ARM64_S1, 4096, 48, 40, true, true, false }, 4 },
	{ { PT_FMT_ARM64_S1, 4096, 40, 48, false, true, false }, 2 },
	{ { PT_FMT_ARM64_S1, 16384, 44, 48, true, true, false }, 1 },
	{ { PT_FMT_ARM64_S1, 65536, 48, 48, true, true, false }, 1 },
	{ { PT_FMT_MALI_LPAE, 4096, 48, 40, false, true, false }, 2 },
	{ { PT_FMT_ARM32_LPAE_S1, 4096, 32, 40, true, true, false }, 4 },
	{ { PT_FMT_ARM64_S1, 4096, 48, 40, true, true, true }, 2 },
	{ { PT_FMT_MALI_LPAE, 4096, 48, 40, true, true, true }, 2 },
};
#define NCFGS (sizeof(cfgs) / sizeof(cfgs[0]))

struct tally {
	unsigned long long ops, runs;
	double seconds;
};

static int one_run(const struct os_cfg *c, uint64_t seed, unsigned ops)
{
	struct os_run r;
	struct os_rng g;

	os_rng_seed(&g, seed);
	if (os_setup(&r, c))
		return -1;
	r.no_shapes = true;
	for (unsigned i = 0; i < ops; i++) {
		if (os_step(&r, &g)) {
			fprintf(stderr, "soak: FAILED at step %u of seed 0x%" PRIx64 " (%s %zuK ias %u "
				"oas %u%s%s)\n", i, seed, pt_format_name(c->fmt), c->granule >> 10,
				c->ias, c->oas, c->coherent ? "" : " non-coherent",
				c->vast ? " vast" : c->wide ? " wide" : "");
			return -1;
		}
	}
	return os_teardown(&r);
}

int main(int argc, char **argv)
{
	unsigned long long total = argc > 1 ? strtoull(argv[1], NULL, 0) : 10000000ull;
	uint64_t base = argc > 2 ? strtoull(argv[2], NULL, 0) : (uint64_t)time(NULL);
	unsigned shard = 0, shards = 1;
	struct tally t[NCFGS] = { 0 };
	unsigned long long done = 0;
	unsigned k = 0;

	setvbuf(stdout, NULL, _IOLBF, 0); /* a crash still leaves the seeds run so far */
	if (argc > 3 && sscanf(argv[3], "%u/%u", &shard, &shards) != 2)
		return 2;
	printf("soak: %llu operations, base seed 0x%" PRIx64 ", shard %u/%u\n", total, base, shard,
	       shards);
	for (uint64_t run = 0; done < total; run++) {
		const struct os_cfg *c = &cfgs[run % NCFGS].c;
		uint64_t seed = base + run * 0x9e3779b97f4a7c15ull;
		unsigned len = RUN_OPS / 4 * cfgs[run % NCFGS].quarters;
		unsigned ops = total - done < len ? (unsigned)(total - done) : len;
		clock_t t0;

		done += ops;
		if (run % shards != shard)
			continue;
		t0 = clock();
		if (one_run(c, seed, ops))
			return 1;
		k = (unsigned)(run % NCFGS);
		t[k].ops += ops;
		t[k].runs++;
		t[k].seconds += (double)(clock() - t0) / CLOCKS_PER_SEC;
		printf("  run %" PRIu64 " seed 0x%" PRIx64 ": %s %zuK%s%s, %u ops ok\n", run, seed,
		       pt_format_name(c->fmt), c->granule >> 10, c->coherent ? "" : " non-coherent",
		       c->vast ? " vast" : c->wide ? " wide" : "", ops);
	}
	for (k = 0; k < NCFGS; k++)
		if (t[k].runs)
			printf("soak: %-13s %2zuK ias %u oas %u%-13s%-5s %9llu ops %4llu runs %7.1f s\n",
			       pt_format_name(cfgs[k].c.fmt), cfgs[k].c.granule >> 10, cfgs[k].c.ias,
			       cfgs[k].c.oas, cfgs[k].c.coherent ? "" : " non-coherent",
			       cfgs[k].c.vast ? " vast" : cfgs[k].c.wide ? " wide" : "", t[k].ops, t[k].runs, t[k].seconds);
	printf("soak: shard %u/%u passed\n", shard, shards);
	return 0;
}
