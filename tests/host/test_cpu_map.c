/* SPDX-License-Identifier: MIT */
/*
 * The neutral CPU map (boot/cpu_map.c) on the host: regions refused for
 * every rule (alignment, order, overlap, W^X, code in device memory) with
 * nothing left allocated; a valid map read back by the independent
 * reference walker (every page of every region translates to itself with
 * the region's permissions and memory type, holes fault); runtime edits
 * through the core reach the back end as one flush, held flushes merge.
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
#include <sys/mman.h>

#include "boot/cpu_map.h"
#include "tests/host/ref_walker.h"

#define PG 4096u
#define POOL_PAGES 64u
#define RO   (PT_PROT_READ | PT_PROT_PRIV)
#define RX   (RO | PT_PROT_EXEC)
#define RW   (RO | PT_PROT_WRITE)

struct fake {
	unsigned ranges, alls, syncs;
	struct pt_gather last;
};

static struct fake fake;

static int fake_range(const struct pt_gather *g, struct cpu_tlb_count *c)
{
	fake.ranges++;
	fake.last = *g;
	c->page++;
	return 0;
}

static int fake_all(struct cpu_tlb_count *c)
{
	fake.alls++;
	c->all++;
	return 0;
}

static void fake_sync(void)
{
	fake.syncs++;
}

static const struct cpu_map_arch fake_arch = { fake_range, fake_all, fake_sync };

struct fixture {
	struct pool pool;
	uint8_t *mem, meta[POOL_PAGES];
	struct cpu_map map;
	struct pt_cfg cfg;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->mem = aligned_alloc(65536, POOL_PAGES * PG);
	assert_int_equal(pool_init(&f->pool, f->mem, POOL_PAGES * PG, f->meta), 0);
	f->cfg = (struct pt_cfg){ .fmt = PT_FMT_ARM64_S1, .granule = PG, .ias = 48, .oas = 48,
				  .coherent = true, .pool = &f->pool };
	memset(&fake, 0, sizeof(fake));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	struct pool_stats st;

	pool_get_stats(&f->pool, &st);
	assert_int_equal(st.used_pages, 0);
	free(f->mem);
	free(f);
	return 0;
}

/* An image-like layout (addresses only: the tables never look at them). */
static const struct cpu_region image[] = {
	{ "uart", 0x09000000, 0x09001000, RW | PT_PROT_DEVICE, 0 },
	{ "text", 0x40080000, 0x40094000, RX, 0 },
	{ "rodata", 0x40094000, 0x40099000, RO, 0 },
	{ "data", 0x40099000, 0x40611000, RW, 0 },
	{ "guard", 0x40611000, 0x40612000, 0, 0 },
	{ "stack", 0x40612000, 0x40622000, RW, 0 },
	{ "dma", 0x40640000, 0x40660000, RW | PT_PROT_NONCACHED, 0 },
	{ "ram", 0x40800000, 0x60000000, RW, 0 },
	{ "ecam", 0x4010000000, 0x4020000000, RW | PT_PROT_DEVICE, 0 },
};
#define NIMAGE (sizeof(image) / sizeof(image[0]))

static void expect_refused(struct fixture *f, const struct cpu_region *r, size_t n, int err)
{
	struct pool_stats st;

	assert_int_equal(cpu_map_build(&f->map, &f->cfg, &fake_arch, r, n), err);
	pool_get_stats(&f->pool, &st);
	assert_int_equal(st.used_pages, 0);
}

static void test_refused(void **state)
{
	struct fixture *f = *state;
	const struct cpu_region wx[] = { { "wx", 0x1000, 0x2000, RW | PT_PROT_EXEC, 0 } };
	const struct cpu_region odd[] = { { "odd", 0x1000, 0x1800, RW, 0 } };
	const struct cpu_region empty[] = { { "empty", 0x2000, 0x2000, RW, 0 } };
	const struct cpu_region overlap[] = { { "a", 0x1000, 0x3000, RW, 0 }, { "b", 0x2000, 0x4000, RO, 0 } };
	const struct cpu_region order[] = { { "a", 0x5000, 0x6000, RW, 0 }, { "b", 0x1000, 0x2000, RO, 0 } };
	const struct cpu_region devx[] = { { "devx", 0x1000, 0x2000, RX | PT_PROT_DEVICE, 0 } };
	const struct cpu_region badprot[] = { { "bad", 0x1000, 0x2000, PT_PROT_PRIV, 0 } };
	struct cpu_region many[CPU_MAP_MAX_REGIONS + 1];

	expect_refused(f, wx, 1, -EINVAL);
	expect_refused(f, odd, 1, -EINVAL);
	expect_refused(f, empty, 1, -EINVAL);
	expect_refused(f, overlap, 2, -EINVAL);
	expect_refused(f, order, 2, -EINVAL);
	expect_refused(f, devx, 1, -EINVAL);
	expect_refused(f, badprot, 1, -EINVAL); /* the core's own check: neither read nor write */
	for (unsigned i = 0; i < CPU_MAP_MAX_REGIONS + 1; i++)
		many[i] = (struct cpu_region){ "r", (i + 1) * 0x10000ull, (i + 1) * 0x10000ull + PG, RO, 0 };
	expect_refused(f, many, CPU_MAP_MAX_REGIONS + 1, -E2BIG);
}

static int read_host(void *ctx, uint64_t pa, uint64_t *val)
{
	(void)ctx;
	*val = *(const uint64_t *)(uintptr_t)pa;
	return 0;
}

static unsigned want_attridx(unsigned prot)
{
	return prot & PT_PROT_DEVICE ? PT_ATTRIDX_DEVICE :
	       prot & PT_PROT_NONCACHED ? PT_ATTRIDX_NONCACHED : PT_ATTRIDX_CACHED;
}

/* The page at offset off into r: its VA (identity, or where the map placed
 * it) translates to its PA with the region's permissions. */
static void check_page(const struct rw_geom *g, const struct cpu_region *r, uint64_t off)
{
	const struct rw_mem mem = { read_host, NULL };
	uint64_t va = cpu_region_va(r) + off;
	struct rw_result res;

	rw_walk(g, &mem, va, &res);
	if (!r->prot) {
		assert_int_equal(res.st, RW_FAULT);
		return;
	}
	if (res.st != RW_OK || res.oa != r->start + off)
		fail_msg("%s: %#llx -> status %d oa %#llx", r->name, (unsigned long long)va, res.st,
			 (unsigned long long)res.oa);
	assert_int_equal(res.write, !!(r->prot & PT_PROT_WRITE));
	assert_int_equal(res.exec || res.priv_exec, !!(r->prot & PT_PROT_EXEC));
	assert_false(res.write && (res.exec || res.priv_exec));
	assert_false(res.user);
	assert_true(res.af);
	assert_int_equal(res.attridx, want_attridx(r->prot));
}

/* Build the image's map with f->cfg and read every region back through the
 * reference walker (the map's copies: they carry the VAs it placed). */
static void build_and_walk(struct fixture *f)
{
	struct rw_geom g;
	struct pt_hw hw;
	const char *why;

	assert_int_equal(cpu_map_build(&f->map, &f->cfg, &fake_arch, image, NIMAGE), 0);
	pt_hw_config(&f->map.pt, &hw);
	assert_int_equal(rw_geom_init(&g, &f->cfg, &hw, &why), 0);
	for (size_t i = 0; i < NIMAGE; i++) {
		const struct cpu_region *r = &f->map.region[i];
		uint64_t step = r->end - r->start > (4u << 20) ? 0x10000 : PG;

		for (uint64_t off = 0; off < r->end - r->start; off += step)
			check_page(&g, r, off);
		check_page(&g, r, r->end - r->start - PG);
		assert_ptr_equal(cpu_map_find(&f->map, r->start), r);
	}
	assert_null(cpu_map_find(&f->map, 0x40622000));
	assert_int_equal(fake.ranges + fake.alls, 0); /* maps of invalid entries need no flush */
}

static void test_walked(void **state)
{
	struct fixture *f = *state;

	build_and_walk(f);
	for (size_t i = 0; i < NIMAGE; i++)
		assert_int_equal(f->map.region[i].va, 0); /* a 48-bit VA space: all identity */
	cpu_map_fini(&f->map);
}

/*
 * The same image on a 32-bit LPAE CPU (ARM32_LPAE_S1, 32-bit VA, 40-bit PA):
 * the ECAM above 4 GiB gets the highest free 2 MiB aligned VA window below
 * 4 GiB and is walked there to its PA; the rest stays identity. Table memory
 * sits at a fixed address below 2^32 so that its PAs fit the format (the
 * host's heap is above 2^40).
 */
#define ARM32_POOL_VA 0x30000000ul

static void test_arm32_placed(void **state)
{
	struct fixture *f = *state;
	void *mem = mmap((void *)ARM32_POOL_VA, POOL_PAGES * PG, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	struct pool pool;
	uint8_t meta[POOL_PAGES];
	struct pool_stats st;

	assert_ptr_equal(mem, (void *)ARM32_POOL_VA);
	assert_int_equal(pool_init(&pool, mem, POOL_PAGES * PG, meta), 0);
	f->cfg = (struct pt_cfg){ .fmt = PT_FMT_ARM32_LPAE_S1, .granule = PG, .ias = 32,
				  .oas = 40, .coherent = true, .pool = &pool };
	build_and_walk(f);
	assert_int_equal(f->map.region[NIMAGE - 1].va, 0xf0000000);
	assert_int_equal(cpu_map_va_of(&f->map, 0x4010000000 + 0x10000), 0xf0010000);
	assert_int_equal(cpu_map_va_of(&f->map, 0x40080000), 0x40080000);
	assert_int_equal(cpu_map_va_of(&f->map, 0x40611000), UINT64_MAX); /* a hole */
	cpu_map_fini(&f->map);

	/* No room left below 4 GiB: refused, nothing allocated. */
	{
		const struct cpu_region full[] = {
			{ "ram", 0x00000000, 0xfff00000, RW, 0 },
			{ "ecam", 0x4010000000, 0x4020000000, RW | PT_PROT_DEVICE, 0 },
		};

		assert_int_equal(cpu_map_build(&f->map, &f->cfg, &fake_arch, full, 2), -ENOSPC);
	}
	pool_get_stats(&pool, &st);
	assert_int_equal(st.used_pages, 0);
	munmap(mem, POOL_PAGES * PG);
}

static void test_edits(void **state)
{
	struct fixture *f = *state;
	const uint64_t va = 1ull << 40;

	assert_int_equal(cpu_map_build(&f->map, &f->cfg, &fake_arch, image, NIMAGE), 0);
	assert_int_equal(cpu_map_add(&f->map, va, 0x40800000, 0x200000, RW), 0);
	assert_int_equal(fake.syncs, 1);
	assert_int_equal(cpu_map_add(&f->map, va, 0x40800000, PG, RW), -EEXIST);
	assert_int_equal(cpu_map_remove(&f->map, va + PG, PG), PG); /* splits the block */
	assert_int_equal(fake.ranges, 1);
	assert_true(fake.last.start <= va && fake.last.end >= va + 0x200000);
	/* Held: two unmaps merge into one flush at release. */
	cpu_map_hold(&f->map);
	assert_int_equal(cpu_map_remove(&f->map, va, PG), PG);
	assert_int_equal(cpu_map_remove(&f->map, va + 0x100000, PG), PG);
	assert_int_equal(fake.ranges, 1);
	assert_int_equal(cpu_map_release(&f->map), 0);
	assert_int_equal(fake.ranges, 2);
	/* Each page sat in a 16-page contiguous run: the core invalidates the
	 * whole run (break-before-make of the hint), so the merged range ends
	 * at the second run's end. */
	assert_int_equal(fake.last.start, va);
	assert_int_equal(fake.last.end, va + 0x110000);
	assert_int_equal(cpu_map_release(&f->map), 0); /* nothing held: nothing issued */
	assert_int_equal(fake.ranges, 2);
	assert_int_equal(f->map.tlb.page, 2);
	cpu_map_fini(&f->map);
}

static char printed[4096];

static void emit(const char *line)
{
	strncat(printed, line, sizeof(printed) - strlen(printed) - 2);
	strcat(printed, "\n");
}

static void test_print(void **state)
{
	struct fixture *f = *state;
	char buf[24];

	assert_int_equal(cpu_map_build(&f->map, &f->cfg, &fake_arch, image, NIMAGE), 0);
	printed[0] = '\0';
	cpu_map_print(&f->map, emit);
	assert_non_null(strstr(printed, "r-x normal-wb      text"));
	assert_non_null(strstr(printed, "unmapped           guard"));
	assert_non_null(strstr(printed, "rw- normal-nc      dma"));
	assert_non_null(strstr(printed, "rw- device         ecam"));
	assert_non_null(strstr(printed, "table pages"));
	assert_string_equal(cpu_map_prot_str(RO, buf), "r-- normal-wb");
	cpu_map_fini(&f->map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_walked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_arm32_placed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_print, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
