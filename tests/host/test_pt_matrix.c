/* SPDX-License-Identifier: MIT */
/*
 * The io-pgtable-style matrix: every granule x every (input, output) size
 * pair from 32 to 48 bits (MALI_LPAE: 4K, output up to 40; ARM32_LPAE_S1: 4K,
 * input 32, output up to 40). In each: an empty
 * table translates nothing; each leaf size maps, translates at offsets,
 * refuses an overlap, unmaps fully and maps again; the highest block under
 * the input size works. Every result is read back by the reference walker.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "tests/host/harness.h"
#include "tests/host/shadow.h"

#define ARENA_PAGES 256

static const unsigned prot_rw = PT_PROT_READ | PT_PROT_WRITE;

/* Leaf sizes of a geometry, from the architecture (no FEAT_LPA): 4K: 4K,
 * 2M, 1G; 16K: 16K, 32M; 64K: 64K, 512M. */
static size_t leaf_sizes(const struct rw_geom *g, uint64_t out[3])
{
	size_t n = 0;

	for (unsigned level = 3; level >= 1; level--) {
		if (!rw_leaf_level_ok(g, level))
			break;
		out[n++] = 1ull << rw_level_shift(g, level);
	}
	return n;
}

static void check_all(struct hx *h, const struct shadow *s)
{
	if (sh_check_hx(s, h))
		fail_msg("%s %zu ias %u oas %u: tables disagree with the model",
			 pt_format_name(h->cfg.fmt), h->cfg.granule, h->cfg.ias, h->cfg.oas);
}

static void expect_fault(struct hx *h, uint64_t iova)
{
	struct rw_result r;

	hx_walk(h, iova, &r);
	if (r.st != RW_FAULT)
		fail_msg("iova 0x%llx should fault, walker says %s (%s)", (unsigned long long)iova,
			 r.st == RW_OK ? "mapped" : "bad descriptor", r.why ? r.why : "");
}

static void expect_leaf(struct hx *h, uint64_t iova, uint64_t pa, uint64_t size)
{
	const uint64_t offs[] = { 0, 8, size / 2 + 0x40, size - 8 };
	struct rw_result r;

	for (unsigned i = 0; i < 4; i++)
		if (hx_expect_map(h, iova + offs[i], pa + offs[i], prot_rw))
			fail_msg("leaf size 0x%llx at 0x%llx", (unsigned long long)size,
				 (unsigned long long)iova);
	hx_walk(h, iova, &r);
	if (r.size != size)
		fail_msg("0x%llx bytes mapped with a 0x%llx-byte leaf (level %u)",
			 (unsigned long long)size, (unsigned long long)r.size, r.level);
}

/* Map one leaf, translate it, refuse overlaps, unmap, map again, unmap. */
static void one_leaf(struct hx *h, struct shadow *s, uint64_t iova, uint64_t pa, uint64_t size)
{
	uint64_t g = h->cfg.granule;

	assert_int_equal(pt_map(&h->pt, iova, pa, size, prot_rw), 0);
	sh_add(s, iova, size, pa, 0, prot_rw);
	expect_leaf(h, iova, pa, size);
	if (iova)
		expect_fault(h, iova - 8);
	if (iova + size < (1ull << h->cfg.ias))
		expect_fault(h, iova + size);
	check_all(h, s);

	assert_int_equal(pt_map(&h->pt, iova, pa, size, prot_rw), -EEXIST);
	if (size > g)
		assert_int_equal(pt_map(&h->pt, iova + size - g, pa, g, prot_rw), -EEXIST);
	if (iova)
		assert_int_equal(pt_map(&h->pt, iova - g, pa - g, 2 * g, prot_rw), -EEXIST);
	check_all(h, s);

	assert_int_equal(pt_unmap(&h->pt, iova, size), (int64_t)size);
	sh_remove(s, iova, iova + size);
	expect_fault(h, iova);
	expect_fault(h, iova + size - 8);
	check_all(h, s);

	assert_int_equal(pt_map(&h->pt, iova, pa, size, prot_rw), 0);
	sh_add(s, iova, size, pa, 0, prot_rw);
	expect_leaf(h, iova, pa, size);
	check_all(h, s);
	assert_int_equal(pt_unmap(&h->pt, iova, size), (int64_t)size);
	sh_remove(s, iova, iova + size);
	check_all(h, s);
}

static void one_geometry(enum pt_format fmt, size_t granule, unsigned ias, unsigned oas)
{
	int err;
	struct hx *h = hx_new(fmt, granule, ias, oas, true, ARENA_PAGES, &err);
	struct shadow s;
	uint64_t sizes[3];
	size_t n;

	if (!h)
		fail_msg("%s %zu ias %u oas %u: pt_init = %d", pt_format_name(fmt), granule, ias,
			 oas, err);
	if (h->violations)
		fail_msg("%s", h->viol);
	assert_int_equal(pt_root_pa(&h->pt), h->geom.root_pa);
	sh_init(&s);
	/* An empty table translates nothing. */
	check_all(h, &s);
	expect_fault(h, 0);
	expect_fault(h, (1ull << ias) - granule);

	n = leaf_sizes(&h->geom, sizes);
	for (size_t i = 0; i < n; i++) {
		uint64_t sz = sizes[i], top_in = 1ull << ias, top_out = 1ull << oas;

		if (sz * 2 > top_in || sz * 2 > top_out)
			continue;
		/* At the size's own offset, identity mapped (as io-pgtable's selftest). */
		one_leaf(h, &s, sz, sz, sz);
		/* The highest block under the input size, to the highest under the output. */
		one_leaf(h, &s, top_in - sz, top_out - sz, sz);
	}
	assert_int_equal(sh_bytes(&s), 0);
	sh_fini(&s);
	if (hx_delete(h))
		fail_msg("%s %zu ias %u oas %u: leak or rule broken", pt_format_name(fmt), granule,
			 ias, oas);
}

static void test_matrix_s1(void **state)
{
	static const size_t granules[] = { 4096, 16384, 65536 };
	unsigned n = 0;
	(void)state;

	for (unsigned gi = 0; gi < 3; gi++)
		for (unsigned ias = 32; ias <= 48; ias++)
			for (unsigned oas = 32; oas <= 48; oas++, n++)
				one_geometry(PT_FMT_ARM64_S1, granules[gi], ias, oas);
	printf("ARM64_S1: %u geometries\n", n);
}

static void test_matrix_mali(void **state)
{
	unsigned n = 0;
	(void)state;

	for (unsigned ias = 32; ias <= 48; ias++)
		for (unsigned oas = 32; oas <= 40; oas++, n++)
			one_geometry(PT_FMT_MALI_LPAE, 4096, ias, oas);
	printf("MALI_LPAE: %u geometries\n", n);
}

/* ARMv7 LPAE (DDI 0406C.c B3.6): 4K, a 32-bit input, outputs up to 40 bits. */
static void test_matrix_arm32(void **state)
{
	unsigned n = 0;
	(void)state;

	for (unsigned oas = 32; oas <= 40; oas++, n++)
		one_geometry(PT_FMT_ARM32_LPAE_S1, 4096, 32, oas);
	printf("ARM32_LPAE_S1: %u geometries\n", n);
}

/* Geometries the format cannot express are refused and allocate nothing. */
static void test_refused_geometries(void **state)
{
	static const struct { enum pt_format fmt; size_t granule; unsigned ias, oas; } bad[] = {
		{ PT_FMT_MALI_LPAE, 4096, 48, 41 },
		{ PT_FMT_MALI_LPAE, 16384, 40, 40 },
		{ PT_FMT_MALI_LPAE, 4096, 49, 40 },
		{ PT_FMT_ARM64_S1, 8192, 40, 40 },
		{ PT_FMT_ARM64_S1, 4096, 49, 48 },
		{ PT_FMT_ARM64_S1, 4096, 48, 49 },
		{ PT_FMT_ARM64_S1, 4096, 31, 48 },
		{ PT_FMT_ARM32_LPAE_S1, 4096, 33, 40 },
		{ PT_FMT_ARM32_LPAE_S1, 4096, 32, 41 },
		{ PT_FMT_ARM32_LPAE_S1, 16384, 32, 40 },
		{ PT_FMT_ARM32_LPAE_S1, 4096, 31, 40 },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int err = 0;
		struct hx *h = hx_new(bad[i].fmt, bad[i].granule, bad[i].ias, bad[i].oas, true,
				      16, &err);

		if (h) {
			hx_delete(h);
			fail_msg("geometry %zu accepted", i);
		}
		/* -EFAULT is the harness's code for "refused but leaked". */
		assert_int_equal(err, -EINVAL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix_s1),
		cmocka_unit_test(test_matrix_mali),
		cmocka_unit_test(test_matrix_arm32),
		cmocka_unit_test(test_refused_geometries),
	};

	return cmocka_run_group_tests_name("pt_matrix", tests, NULL, NULL);
}
