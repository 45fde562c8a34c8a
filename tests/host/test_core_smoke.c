/* SPDX-License-Identifier: MIT */
/*
 * Smoke test of the page-table core and the pool, through their headers:
 * every assertion checks a translation, a table count, a flush count or the
 * pool's figures, never the core's own bookkeeping alone.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mmu/pgtable.h"

#define SZ_4K 0x1000ull
#define SZ_2M 0x200000ull
#define SZ_1G 0x40000000ull
#define POOL_BYTES (8u << 20)
#define RW (PT_PROT_READ | PT_PROT_WRITE)

struct fx {
	struct pool pool;
	struct pt pt;
	uint8_t *mem, meta[POOL_BYTES / POOL_PAGE_SIZE];
	unsigned flushes, cleans;
	struct pt_gather last;
	size_t free_before;
	char dump[4096];
};

static int fx_flush_all(void *cookie)
{
	((struct fx *)cookie)->flushes++;
	return 0;
}

static int fx_flush_range(void *cookie, const struct pt_gather *g)
{
	struct fx *f = cookie;

	f->flushes++;
	f->last = *g;
	return 0;
}

static void fx_clean(void *cookie, const void *va, size_t size)
{
	(void)va;
	(void)size;
	((struct fx *)cookie)->cleans++;
}

static const struct pt_flush_ops ops = { fx_flush_all, fx_flush_range, fx_clean };

static struct fx *fx_new(enum pt_format fmt, size_t granule, bool coherent)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct pt_cfg cfg = { .fmt = fmt, .granule = granule, .ias = 48,
			      .oas = fmt == PT_FMT_MALI_LPAE ? 40 : 48, .coherent = coherent,
			      .flush = &ops };

	f->mem = aligned_alloc(65536, POOL_BYTES);
	assert_int_equal(pool_init(&f->pool, f->mem, POOL_BYTES, f->meta), 0);
	f->free_before = pool_free_pages(&f->pool);
	cfg.flush_cookie = f;
	cfg.pool = &f->pool;
	assert_int_equal(pt_init(&f->pt, &cfg), 0);
	return f;
}

static void fx_done(struct fx *f)
{
	pt_fini(&f->pt);
	assert_int_equal(pool_free_pages(&f->pool), f->free_before); /* nothing leaked */
	free(f->mem);
	free(f);
}

static uint64_t phys(struct fx *f, uint64_t iova)
{
	uint64_t pa = 0;

	return pt_iova_to_phys(&f->pt, iova, &pa) ? ~0ull : pa;
}

static size_t tables(struct fx *f)
{
	struct pt_stats st;

	pt_get_stats(&f->pt, &st);
	return pt_stats_tables(&st);
}

static void test_pool_orders(void **state)
{
	struct fx *f = fx_new(PT_FMT_ARM64_S1, 4096, true);
	size_t before = pool_free_pages(&f->pool);
	void *a = pool_alloc(&f->pool, 4096), *b = pool_alloc(&f->pool, 65536);
	struct pool_resv r;
	(void)state;

	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal((uintptr_t)b % 65536, 0);
	assert_int_equal(pool_free_pages(&f->pool), before - 17);
	pool_free(&f->pool, a, 4096);
	pool_free(&f->pool, b, 65536);
	assert_int_equal(pool_free_pages(&f->pool), before);
	/* Taken blocks are promised to the reservation, and come back. */
	assert_int_equal(pool_reserve_blocks(&f->pool, &r, 16384, 3), 0);
	assert_int_equal(pool_free_pages(&f->pool), before - 12);
	a = pool_resv_alloc(&r, 16384);
	assert_non_null(a);
	assert_int_equal(*(uint64_t *)a, 0); /* zeroed, link word included */
	pool_unreserve(&r);
	assert_int_equal(pool_free_pages(&f->pool), before - 4);
	pool_free(&f->pool, a, 16384);
	fx_done(f);
}

static void test_map_unmap_lookup(void **state)
{
	struct fx *f = fx_new(PT_FMT_ARM64_S1, 4096, true);
	(void)state;

	assert_int_equal(pt_map(&f->pt, SZ_1G, 0x80000000, SZ_1G + SZ_2M + SZ_4K, RW), 0);
	assert_int_equal(phys(f, SZ_1G + 0x1234), 0x80001234);
	assert_int_equal(phys(f, 2 * SZ_1G + SZ_2M + 8), 0xc0200008);
	assert_int_equal(phys(f, 2 * SZ_1G + SZ_2M + SZ_4K), ~0ull);
	/* 1G block + 2M block + one page: root, L1, L2, L3 tables. */
	assert_int_equal(tables(f), 4);
	assert_int_equal(pt_map(&f->pt, SZ_1G + SZ_4K, 0, SZ_4K, RW), -EEXIST);
	assert_int_equal(f->flushes, 0);
	assert_int_equal(pt_unmap(&f->pt, SZ_1G, SZ_1G + SZ_2M + SZ_4K),
			 (int64_t)(SZ_1G + SZ_2M + SZ_4K));
	assert_int_equal(f->flushes, 1);
	assert_true(f->last.tables);
	assert_int_equal(tables(f), 1);
	assert_int_equal(pt_unmap(&f->pt, SZ_1G, SZ_4K), 0);
	assert_int_equal(f->flushes, 1);
	fx_done(f);
}

static void test_split_block(void **state)
{
	struct fx *f = fx_new(PT_FMT_ARM64_S1, 4096, true);
	(void)state;

	assert_int_equal(pt_map(&f->pt, SZ_1G, 0x40000000, SZ_1G, RW), 0);
	assert_int_equal(tables(f), 2);
	assert_int_equal(pt_unmap(&f->pt, SZ_1G + 5 * SZ_4K, SZ_4K), (int64_t)SZ_4K);
	/* One flush: the break-before-make one also covers the page (nothing else changed). */
	assert_int_equal(f->flushes, 1);
	assert_int_equal(tables(f), 4);
	assert_int_equal(phys(f, SZ_1G + 5 * SZ_4K), ~0ull);
	assert_int_equal(phys(f, SZ_1G + 4 * SZ_4K + 8), 0x40004008);
	assert_int_equal(phys(f, SZ_1G + 6 * SZ_4K), 0x40006000);
	assert_int_equal(phys(f, 2 * SZ_1G - 8), 0x7ffffff8);
	fx_done(f);
}

static void test_repeat_shares(void **state)
{
	struct fx *f = fx_new(PT_FMT_ARM64_S1, 4096, true);
	struct pt_stats st;
	(void)state;

	assert_int_equal(pt_map_repeat(&f->pt, SZ_1G, SZ_1G, 0x9000, SZ_4K, RW), 0);
	assert_int_equal(tables(f), 4);
	pt_get_stats(&f->pt, &st);
	assert_int_equal(st.shared_tables, 1);
	assert_int_equal(phys(f, SZ_1G + 77 * SZ_2M + 0x10), 0x9010);
	/* Part of a shared table: that 2M gets a private copy. */
	assert_int_equal(pt_unmap(&f->pt, SZ_1G + 3 * SZ_4K, SZ_4K), (int64_t)SZ_4K);
	assert_int_equal(tables(f), 5);
	assert_int_equal(phys(f, SZ_1G + 3 * SZ_4K), ~0ull);
	assert_int_equal(phys(f, SZ_1G + SZ_2M + 3 * SZ_4K), 0x9000);
	/* A table the range covers whole counts its whole span (its leaves are not read). */
	assert_int_equal(pt_unmap(&f->pt, SZ_1G, SZ_1G), (int64_t)SZ_1G);
	assert_int_equal(tables(f), 1);
	fx_done(f);
}

static void emit(void *ctx, const char *line)
{
	struct fx *f = ctx;

	strncat(f->dump, line, sizeof(f->dump) - strlen(f->dump) - 2);
	strcat(f->dump, "\n");
}

static void test_noncoherent_mali_dump(void **state)
{
	struct fx *f = fx_new(PT_FMT_MALI_LPAE, 4096, false);
	struct pt_hw hw;
	(void)state;

	assert_true(f->cleans > 0); /* the empty root was made visible */
	f->cleans = 0;
	assert_int_equal(pt_map(&f->pt, 0x100000, 0x200000, 4 * SZ_4K, PT_PROT_READ), 0);
	assert_true(f->cleans >= 4);      /* three new tables and the root's entry */
	assert_int_equal(f->flushes, 1);  /* Mali: the mapped range is flushed too */
	pt_hw_config(&f->pt, &hw);
	assert_int_equal(hw.ttb & 0x1f, 3 | 1 << 2); /* ADRMODE_TABLE | READ_INNER */
	pt_dump(&f->pt, emit, f);
	assert_non_null(strstr(f->dump, "MALI_LPAE"));
	assert_non_null(strstr(f->dump, "0x000000100000-0x000000104000"));
	assert_int_equal(pt_unmap(&f->pt, 0x100000, 4 * SZ_4K), (int64_t)(4 * SZ_4K));
	fx_done(f);
}

static void test_prepare_abort(void **state)
{
	struct fx *f = fx_new(PT_FMT_ARM64_S1, 16384, true);
	struct pt_op op = { .kind = PT_OP_MAP, .iova = SZ_1G + 16384, .pa = 0x4000,
			    .size = 3 * 16384, .prot = RW };
	size_t before = pool_free_pages(&f->pool);
	(void)state;

	assert_int_equal(pt_prepare(&f->pt, &op), 0);
	assert_true(pool_free_pages(&f->pool) < before);
	pt_abort(&f->pt, &op);
	assert_int_equal(pool_free_pages(&f->pool), before);
	assert_int_equal(phys(f, SZ_1G + 16384), ~0ull);
	assert_int_equal(pt_prepare(&f->pt, &op), 0);
	assert_int_equal(pt_commit(&f->pt, &op), 0);
	assert_int_equal(phys(f, SZ_1G + 2 * 16384 + 4), 0x8004);
	fx_done(f);
}

/* The prot rule, spelled out, against the core over every value and beyond. */
static void test_prot_rule(void **state)
{
	struct fx *f = fx_new(PT_FMT_ARM64_S1, 4096, true);
	(void)state;

	for (unsigned prot = 0; prot < 256; prot++) {
		bool ok = !(prot & ~(PT_PROT_ALL | PT_PROT_TEST_NO_AF)) && (prot & (PT_PROT_READ | PT_PROT_WRITE)) &&
			  (prot & (PT_PROT_NONCACHED | PT_PROT_DEVICE)) !=
				  (PT_PROT_NONCACHED | PT_PROT_DEVICE);
		int ret = pt_map(&f->pt, SZ_2M, 0x5000, SZ_4K, prot);

		assert_int_equal(ret, ok ? 0 : -EINVAL);
		if (ok)
			assert_int_equal(pt_unmap(&f->pt, SZ_2M, SZ_4K), (int64_t)SZ_4K);
	}
	fx_done(f);
	/* MALI_LPAE has no access flag: the test-only prot has no meaning there. */
	f = fx_new(PT_FMT_MALI_LPAE, 4096, true);
	assert_int_equal(pt_map(&f->pt, SZ_2M, 0x5000, SZ_4K,
				PT_PROT_READ | PT_PROT_TEST_NO_AF), -EINVAL);
	fx_done(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_orders),
		cmocka_unit_test(test_map_unmap_lookup),
		cmocka_unit_test(test_split_block),
		cmocka_unit_test(test_repeat_shares),
		cmocka_unit_test(test_noncoherent_mali_dump),
		cmocka_unit_test(test_prepare_abort),
		cmocka_unit_test(test_prot_rule),
	};

	return cmocka_run_group_tests_name("core_smoke", tests, NULL, NULL);
}
