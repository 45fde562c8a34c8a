/* SPDX-License-Identifier: MIT */
/*
 * Random operation sequences checked against the shadow model after every
 * step: at least 100 000 operations over both formats, every granule, and a
 * non-coherent walker. GPUMMU_SEED=<n> replays another sequence.
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
	printf("%s %zuK ias %u oas %u %s: %u ops (map %lu, map_pages %lu, repeat %lu, "
	       "unmap %lu, unmap range %lu; %lu refused as overlaps)\n",
	       pt_format_name(o->fmt), o->granule / 1024, o->ias, o->oas,
	       o->coherent ? "coherent" : "non-coherent", c->ops, r.done[OS_MAP],
	       r.done[OS_MAP_PAGES], r.done[OS_MAP_REPEAT], r.done[OS_UNMAP_WHOLE],
	       r.done[OS_UNMAP_RANGE], r.refused);
	assert_int_equal(os_teardown(&r), 0);
}

#define RANDOM_TEST(name, fmt, granule, ias, oas, coherent, ops) \
	static void name(void **state) \
	{ \
		static const struct rcfg c = { { fmt, granule, ias, oas, coherent }, ops }; \
		(void)state; \
		run(&c); \
	}

RANDOM_TEST(test_random_s1_4k, PT_FMT_ARM64_S1, 4096, 32, 40, true, 34000)
RANDOM_TEST(test_random_s1_16k, PT_FMT_ARM64_S1, 16384, 36, 44, true, 16000)
RANDOM_TEST(test_random_s1_64k, PT_FMT_ARM64_S1, 65536, 42, 48, true, 8000)
RANDOM_TEST(test_random_mali, PT_FMT_MALI_LPAE, 4096, 40, 40, true, 26000)
RANDOM_TEST(test_random_s1_4k_noncoherent, PT_FMT_ARM64_S1, 4096, 48, 48, false, 9000)
RANDOM_TEST(test_random_mali_noncoherent, PT_FMT_MALI_LPAE, 4096, 33, 40, false, 7000)
RANDOM_TEST(test_random_arm32, PT_FMT_ARM32_LPAE_S1, 4096, 32, 40, true, 8000)

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
	};

	return cmocka_run_group_tests_name("pt_random", tests, NULL, NULL);
}
