/* SPDX-License-Identifier: MIT */
/*
 * Single-page churn: many one-page maps with one prot and one-page unmaps in
 * a small window, mixed with the general random operations. This is the
 * traffic the core's one-page fast paths serve (the random test draws a new
 * prot every time, so it rarely reaches them). One unmap in ten is made to
 * see a failing flush (-EIO): it must report the error, and the tables it
 * emptied must stay out of the allocator until a later flush succeeds.
 * After every step: the whole table against the shadow model through the
 * reference walker, and the allocator's books.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "tests/host/opseq.h"

#define RW (PT_PROT_READ | PT_PROT_WRITE)

struct churn {
	struct os_run r;
	struct os_rng g;
	uint64_t base, span;
	unsigned long maps, refused, unmaps, failed_flushes;
};

static int map_one(struct churn *c, uint64_t iova)
{
	uint64_t pa = os_pick(&c->g, c->r.pa_span / c->r.granule) * c->r.granule;
	bool taken = sh_overlaps(&c->r.sh, iova, iova + c->r.granule);
	int ret = pt_map(&c->r.h->pt, iova, pa, c->r.granule, RW);

	if (ret != (taken ? -EEXIST : 0)) {
		fprintf(stderr, "map 0x%llx: %d, expected %d\n", (unsigned long long)iova, ret,
			taken ? -EEXIST : 0);
		return -1;
	}
	if (ret) {
		c->refused++;
		return 0;
	}
	sh_add(&c->r.sh, iova, c->r.granule, pa, 0, RW);
	c->maps++;
	return 0;
}

static int unmap_one(struct churn *c, uint64_t iova)
{
	uint64_t had = sh_bytes_in(&c->r.sh, iova, iova + c->r.granule);
	bool fail = os_pick(&c->g, 10) == 0;
	int64_t want = fail && had ? -EIO : (int64_t)had, got;

	c->r.h->flush_ret = fail ? -EIO : 0;
	got = pt_unmap(&c->r.h->pt, iova, c->r.granule);
	c->r.h->flush_ret = 0;
	if (got != want) {
		fprintf(stderr, "unmap 0x%llx: %lld, expected %lld\n", (unsigned long long)iova,
			(long long)got, (long long)want);
		return -1;
	}
	/* Entries are gone even when the flush failed: only the freeing waits. */
	sh_remove(&c->r.sh, iova, iova + c->r.granule);
	c->unmaps++;
	c->failed_flushes += fail && had;
	return 0;
}

static int step(struct churn *c, unsigned n)
{
	uint64_t iova;
	unsigned k = (unsigned)os_pick(&c->g, 100);

	/* A new small window now and then: tables get created and emptied. */
	if (n % 500 == 0)
		c->base = os_pick(&c->g, (c->r.window - c->span) / c->r.granule + 1) * c->r.granule;
	iova = c->base + os_pick(&c->g, c->span / c->r.granule) * c->r.granule;
	if (k < 55 && map_one(c, iova))
		return -1;
	if (k >= 55 && k < 97 && unmap_one(c, iova))
		return -1;
	if (k >= 97)
		return os_step(&c->r, &c->g);
	return sh_check_hx(&c->r.sh, c->r.h);
}

static void churn(const struct os_cfg *cfg, unsigned steps)
{
	struct churn c = { 0 };

	os_rng_seed(&c.g, 0x636875726eull ^ cfg->granule ^ cfg->ias);
	assert_int_equal(os_setup(&c.r, cfg), 0);
	c.span = c.r.block * 2 < c.r.window ? c.r.block * 2 : c.r.window;
	for (unsigned n = 0; n < steps; n++)
		if (step(&c, n))
			fail_msg("step %u failed", n);
	printf("%s %zuK ias %u %s: %lu maps (%lu refused), %lu unmaps, %lu failed flushes\n",
	       pt_format_name(cfg->fmt), cfg->granule / 1024, cfg->ias,
	       cfg->coherent ? "coherent" : "non-coherent",
	       c.maps, c.refused, c.unmaps, c.failed_flushes);
	/* The churn really exercised the paths it is for. */
	assert_true(c.maps > steps / 4 && c.failed_flushes > 0);
	assert_int_equal(os_teardown(&c.r), 0);
}

#define CHURN_TEST(name, fmt, granule, ias, oas, coherent, steps) \
	static void name(void **state) \
	{ \
		static const struct os_cfg c = { fmt, granule, ias, oas, coherent, false, false }; \
		(void)state; \
		churn(&c, steps); \
	}

CHURN_TEST(test_churn_s1_4k, PT_FMT_ARM64_S1, 4096, 32, 40, true, 6000)
CHURN_TEST(test_churn_s1_4k_48, PT_FMT_ARM64_S1, 4096, 48, 48, true, 6000)
CHURN_TEST(test_churn_s1_16k_root_l2, PT_FMT_ARM64_S1, 16384, 36, 44, true, 4000)
CHURN_TEST(test_churn_s1_64k, PT_FMT_ARM64_S1, 65536, 48, 48, true, 3000)
CHURN_TEST(test_churn_mali, PT_FMT_MALI_LPAE, 4096, 40, 40, true, 6000)
CHURN_TEST(test_churn_s1_4k_noncoherent, PT_FMT_ARM64_S1, 4096, 48, 48, false, 4000)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_churn_s1_4k),
		cmocka_unit_test(test_churn_s1_4k_48),
		cmocka_unit_test(test_churn_s1_16k_root_l2),
		cmocka_unit_test(test_churn_s1_64k),
		cmocka_unit_test(test_churn_mali),
		cmocka_unit_test(test_churn_s1_4k_noncoherent),
	};

	return cmocka_run_group_tests_name("pt_churn", tests, NULL, NULL);
}
