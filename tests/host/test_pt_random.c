/* SPDX-License-Identifier: MIT */
/*
 * Random operation sequences checked against the shadow model after every
 * step: about 75 000 operations over every format and granule, and a
 * non-coherent walker, in two shapes: a window of a few level-2 blocks, and
 * a wide one of several level-1 spans (giant leaves, shared level-2 and
 * level-3 tables, un-sharing, queued ops committed and aborted in any
 * order), and a vast one of two level-0 spans (shared level-1 tables too),
 * which check that they reached each of those. GPUMMU_SEED=<n>
 * replays another sequence; `make soak` runs 10^7 operations.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "tests/host/opseq.h"

struct rcfg {
	struct os_cfg os;
	unsigned ops;
};

static uint64_t seed(void)
{
	const char *s = getenv("GPUMMU_SEED");

	return s ? strtoull(s, NULL, 0) : 0x6770756d6d75ull;
}

static void run(const struct rcfg *c)
{
	struct os_run r;
	struct os_rng rng;
	const struct os_cfg *o = &c->os;
	uint64_t sd = seed() ^ ((uint64_t)o->granule << 20) ^ o->fmt ^ ((uint64_t)o->coherent << 40);

	os_rng_seed(&rng, sd);
	assert_int_equal(os_setup(&r, o), 0);
	for (unsigned i = 0; i < c->ops; i++)
		if (os_step(&r, &rng))
			fail_msg("step %u of seed 0x%llx failed", i, (unsigned long long)sd);
	printf("%s %zuK ias %u oas %u %s%s: %u ops (map %lu, map_pages %lu, repeat %lu, "
	       "unmap %lu, unmap range %lu, queued %lu, committed %lu, aborted %lu; %lu refused "
	       "as overlaps)\n",
	       pt_format_name(o->fmt), o->granule / 1024, o->ias, o->oas,
	       o->coherent ? "coherent" : "non-coherent", o->wide ? " wide" : "", c->ops,
	       r.done[OS_MAP], r.done[OS_MAP_PAGES], r.done[OS_MAP_REPEAT], r.done[OS_UNMAP_WHOLE],
	       r.done[OS_UNMAP_RANGE], r.done[OS_QUEUE], r.reach.commits, r.reach.aborts,
	       r.refused);
	if (o->wide || o->vast) {
		const struct os_reach *x = &r.reach;

		printf("  reached: %lu giant-leaf sightings; shared tables seen per level "
		       "%lu/%lu/%lu/%lu, un-shared %lu/%lu/%lu/%lu, dropped %lu/%lu/%lu/%lu\n",
		       x->giant_leaves, x->shared[0], x->shared[1], x->shared[2], x->shared[3],
		       x->unshared[0], x->unshared[1], x->unshared[2], x->unshared[3],
		       x->dropped[0], x->dropped[1], x->dropped[2], x->dropped[3]);
		/* The generator reaches what it is for (issue 8): giant leaves
		 * where the granule has them, shared tables each un-shared and
		 * dropped (level 2 and 3 in a wide run; level 1 in a vast one,
		 * which leaves the levels below to the wide runs), commits and
		 * aborts of queued ops. */
		if (r.giant)
			assert_true(x->giant_leaves > 0);
		for (unsigned l = o->vast ? 1 : 2; l < (o->vast ? 2u : PT_MAX_LEVELS); l++) {
			assert_true(x->shared[l] > 0);
			assert_true(x->unshared[l] > 0);
			assert_true(x->dropped[l] > 0);
		}
		assert_true(x->commits > 0 && x->aborts > 0);
	}
	assert_int_equal(os_teardown(&r), 0);
}

#define RANDOM_TEST(name, fmt, granule, ias, oas, coherent, ops) \
	static void name(void **state) \
	{ \
		static const struct rcfg c = { { fmt, granule, ias, oas, coherent, false, false }, ops }; \
		(void)state; \
		run(&c); \
	}

RANDOM_TEST(test_random_s1_4k, PT_FMT_ARM64_S1, 4096, 32, 40, true, 20000)
RANDOM_TEST(test_random_s1_16k, PT_FMT_ARM64_S1, 16384, 36, 44, true, 10000)
RANDOM_TEST(test_random_s1_64k, PT_FMT_ARM64_S1, 65536, 42, 48, true, 6000)
RANDOM_TEST(test_random_mali, PT_FMT_MALI_LPAE, 4096, 40, 40, true, 15000)
RANDOM_TEST(test_random_s1_4k_noncoherent, PT_FMT_ARM64_S1, 4096, 48, 48, false, 9000)
RANDOM_TEST(test_random_mali_noncoherent, PT_FMT_MALI_LPAE, 4096, 33, 40, false, 7000)
RANDOM_TEST(test_random_arm32, PT_FMT_ARM32_LPAE_S1, 4096, 32, 40, true, 8000)

/* Wide: several level-1 spans, giant leaves, shared level-2 tables, queued ops. */
#define WIDE_TEST(name, fmt, granule, ias, oas, coherent, ops) \
	static void name(void **state) \
	{ \
		static const struct rcfg c = { { fmt, granule, ias, oas, coherent, true, false }, ops }; \
		(void)state; \
		run(&c); \
	}

/* Vast: two level-0 spans (1 TiB), 1 GiB blocks repeated over both share a
 * level-1 table; everything a wide run does besides. */
#define VAST_TEST(name, fmt, ops) \
	static void name(void **state) \
	{ \
		static const struct rcfg c = { { fmt, 4096, 48, 40, true, true, true }, ops }; \
		(void)state; \
		run(&c); \
	}

WIDE_TEST(test_wide_s1_4k, PT_FMT_ARM64_S1, 4096, 48, 40, true, 2500)
WIDE_TEST(test_wide_s1_4k_noncoherent, PT_FMT_ARM64_S1, 4096, 40, 48, false, 1500)
WIDE_TEST(test_wide_s1_16k, PT_FMT_ARM64_S1, 16384, 44, 48, true, 1500)
WIDE_TEST(test_wide_s1_64k, PT_FMT_ARM64_S1, 65536, 48, 48, true, 1500)
WIDE_TEST(test_wide_mali, PT_FMT_MALI_LPAE, 4096, 48, 40, true, 2000)
WIDE_TEST(test_wide_arm32, PT_FMT_ARM32_LPAE_S1, 4096, 32, 40, true, 2000)
VAST_TEST(test_vast_s1_4k, PT_FMT_ARM64_S1, 1500)
VAST_TEST(test_vast_mali, PT_FMT_MALI_LPAE, 1000)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_s1_4k),
		cmocka_unit_test(test_random_s1_16k),
		cmocka_unit_test(test_random_s1_64k),
		cmocka_unit_test(test_random_mali),
		cmocka_unit_test(test_random_s1_4k_noncoherent),
		cmocka_unit_test(test_random_mali_noncoherent),
		cmocka_unit_test(test_random_arm32),
		cmocka_unit_test(test_wide_s1_4k),
		cmocka_unit_test(test_wide_s1_4k_noncoherent),
		cmocka_unit_test(test_wide_s1_16k),
		cmocka_unit_test(test_wide_s1_64k),
		cmocka_unit_test(test_wide_mali),
		cmocka_unit_test(test_wide_arm32),
		cmocka_unit_test(test_vast_s1_4k),
		cmocka_unit_test(test_vast_mali),
	};

	return cmocka_run_group_tests_name("pt_random", tests, NULL, NULL);
}
