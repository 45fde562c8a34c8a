/* SPDX-License-Identifier: MIT */
/*
 * Linux's own io-pgtable-arm selftest, twice:
 *  1. arm_lpae_do_selftests() itself, built from the extracted
 *     io-pgtable-arm.c against this project's kernel stand-in: proves the
 *     oracle build behaves as Linux's does before anything is compared to it;
 *  2. the checks of its arm_lpae_run_tests() replayed against the gpummu API
 *     (written here from what the selftest checks, for ARM64_S1 only: gpummu
 *     has no stage 2), for the same page-size sets and input sizes:
 *      - an empty table translates nothing (42, 1G + 42, 2G + 42);
 *      - one mapping of each page size at 0, 1G, 2G (IOVA = PA, read/write,
 *        no exec, cached): maps, refuses an overlapping map, translates +42;
 *      - a partial unmap of the smallest page size at 1G + size (inside the
 *        block there), and a remap of it to PA size: translates there;
 *      - each mapping unmapped whole (returns its size, translates nothing),
 *        mapped again write-only, translates again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "tests/host/oracle/gp.h"
#include "tests/host/oracle/lx.h"

#define POOL_BYTES (16u << 20)
#define SZ_1G      0x40000000ull
#define SZ_2G      0x80000000ull

struct fx {
	void *mem;
	uint8_t *meta;
	struct pool pool;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->mem = aligned_alloc(1u << 16, POOL_BYTES);
	f->meta = malloc(POOL_BYTES / POOL_PAGE_SIZE);
	assert_non_null(f->mem);
	assert_non_null(f->meta);
	assert_int_equal(pool_init(&f->pool, f->mem, POOL_BYTES, f->meta), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	bool whole = pool_free_pages(&f->pool) == f->pool.st.total_pages;

	free(f->meta);
	free(f->mem);
	free(f);
	assert_true(whole);
	return 0;
}

static void test_linux_selftest(void **state)
{
	struct fx *f = *state;
	unsigned long warns = lx_warn_count();
	int ret = lx_run_linux_selftest(&f->pool, 0);

	if (ret)
		fail_msg("Linux arm_lpae_do_selftests() on the oracle build: %d (%lu warnings, last %s)",
			 ret, lx_warn_count() - warns, lx_last_warn());
}

/* Expect translation of iova to pa (or none when pa == NONE). */
#define NONE UINT64_MAX

static int translates(const struct gp *g, uint64_t iova, uint64_t pa)
{
	uint64_t got = 0;
	int ret = gp_lookup(g, iova, &got);

	return pa == NONE ? ret == -ENOENT : ret == 0 && got == pa;
}

#define REPLAY_CHECK(cond, what)                                                        \
	do {                                                                            \
		if (!(cond))                                                            \
			fail_msg("granule %zu ias %u: %s (%s)", granule, ias, what, #cond); \
	} while (0)

static void replay(struct fx *f, size_t granule, const size_t *sizes, size_t nsizes, unsigned ias)
{
	struct gp g;
	const unsigned rwnc = PT_PROT_READ | PT_PROT_WRITE; /* no EXEC: IOMMU_NOEXEC; cached */
	uint64_t iova, size;

	assert_int_equal(gp_init(&g, &(struct gp_cfg){ .fmt = PT_FMT_ARM64_S1, .granule = granule,
						      .ias = ias, .oas = 48, .coherent = true,
						      .pool = &f->pool }), 0);
	REPLAY_CHECK(translates(&g, 42, NONE), "empty table translates 42");
	REPLAY_CHECK(translates(&g, SZ_1G + 42, NONE), "empty table translates 1G + 42");
	REPLAY_CHECK(translates(&g, SZ_2G + 42, NONE), "empty table translates 2G + 42");

	iova = 0;
	for (size_t i = 0; i < nsizes; i++, iova += SZ_1G) {
		size = sizes[i];
		REPLAY_CHECK(gp_map_pages(&g, iova, iova, size, 1, rwnc) == 0, "map one page size");
		REPLAY_CHECK(gp_map_pages(&g, iova, iova + size, size, 1, PT_PROT_READ) != 0,
			     "overlapping map refused");
		REPLAY_CHECK(translates(&g, iova + 42, iova + 42), "mapping translates");
	}

	size = sizes[0];
	REPLAY_CHECK(gp_unmap(&g, SZ_1G + size, size) == (int64_t)size, "partial unmap");
	REPLAY_CHECK(gp_map_pages(&g, SZ_1G + size, size, size, 1, PT_PROT_READ) == 0,
		     "remap of the partial unmap");
	REPLAY_CHECK(translates(&g, SZ_1G + size + 42, size + 42), "remap translates");

	iova = 0;
	for (size_t i = 0; i < nsizes; i++, iova += SZ_1G) {
		size = sizes[i];
		REPLAY_CHECK(gp_unmap(&g, iova, size) == (int64_t)size, "full unmap");
		REPLAY_CHECK(translates(&g, iova + 42, NONE), "full unmap leaves no translation");
		REPLAY_CHECK(gp_map_pages(&g, iova, iova, size, 1, PT_PROT_WRITE) == 0,
			     "remap full block");
		REPLAY_CHECK(translates(&g, iova + 42, iova + 42), "remapped block translates");
	}
	gp_fini(&g);
}

/* The selftest's page-size sets and input sizes (arm_lpae_do_selftests), OAS 48. */
static void replay_all(void **state, size_t granule, const size_t *sizes, size_t nsizes)
{
	static const unsigned ias[] = { 32, 36, 40, 42, 44, 48 };

	for (size_t j = 0; j < sizeof(ias) / sizeof(ias[0]); j++)
		replay(*state, granule, sizes, nsizes, ias[j]);
}

static void test_replay_4k(void **state)
{
	static const size_t sizes[] = { 0x1000, 0x200000, 0x40000000 };

	replay_all(state, 0x1000, sizes, 3);
}

static void test_replay_16k(void **state)
{
	static const size_t sizes[] = { 0x4000, 0x2000000 };

	replay_all(state, 0x4000, sizes, 2);
}

static void test_replay_64k(void **state)
{
	static const size_t sizes[] = { 0x10000, 0x20000000 };

	replay_all(state, 0x10000, sizes, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_linux_selftest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replay_4k, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replay_16k, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replay_64k, setup, teardown),
	};

	printf("# oracle: Linux io-pgtable-arm %s\n", lx_version());
	return cmocka_run_group_tests(tests, NULL, NULL);
}
