/* SPDX-License-Identifier: MIT */
/*
 * The reference walker itself, on tables built by hand from the Arm ARM
 * descriptor layouts (no core involved): so that a walker bug cannot hide a
 * core bug of the same shape.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/host/ref_walker.h"

#define MEM_PA  0x10000000ull
#define MEM_SZ  (8 * 65536)
#define AF      (1ull << 10)
#define CONTIG  (1ull << 52)
#define UXN     (1ull << 54)

static uint64_t *mem; /* table memory at MEM_PA */

static int rd(void *ctx, uint64_t pa, uint64_t *v)
{
	(void)ctx;
	if (pa < MEM_PA || pa + 8 > MEM_PA + MEM_SZ)
		return -1;
	*v = mem[(pa - MEM_PA) / 8];
	return 0;
}

static const struct rw_mem m = { rd, NULL };

static uint64_t *tbl(unsigned n, size_t granule)
{
	return &mem[n * granule / 8];
}

static uint64_t tpa(unsigned n, size_t granule)
{
	return MEM_PA + n * granule;
}

static void geom(struct rw_geom *g, enum pt_format fmt, size_t granule, unsigned ias,
		 unsigned oas, uint64_t tcr, uint64_t ttb)
{
	struct pt_cfg cfg = { .fmt = fmt, .granule = granule, .ias = ias, .oas = oas,
			      .coherent = true };
	/* Attr0 Normal WB RW-allocate, Attr1 Normal NC, Attr2 Device-nGnRE, Attr3
	 * Device-nGnRnE: written from the MAIR_EL1 encodings, not from the core. */
	struct pt_hw hw = { .ttb = ttb, .tcr = tcr, .mair = 0x000444ffull };
	const char *why = NULL;

	memset(mem, 0, MEM_SZ);
	if (rw_geom_init(g, &cfg, &hw, &why))
		fail_msg("geometry refused: %s", why);
}

static void walk_ok(const struct rw_geom *g, uint64_t va, uint64_t oa, unsigned level)
{
	struct rw_result r;

	rw_walk(g, &m, va, &r);
	if (r.st != RW_OK)
		fail_msg("va 0x%llx: status %d (%s)", (unsigned long long)va, r.st, r.why);
	assert_int_equal(r.oa, oa);
	assert_int_equal(r.level, level);
}

static void walk_st(const struct rw_geom *g, uint64_t va, enum rw_status st, unsigned level)
{
	struct rw_result r;

	rw_walk(g, &m, va, &r);
	assert_int_equal(r.st, st);
	assert_int_equal(r.level, level);
}

/* 4K, 39-bit input: T0SZ 25, TG0 0, IPS 2 (40 bits): starts at level 1 with
 * 512 entries; 1G blocks at level 1, 2M at level 2, pages at level 3. */
static void test_arm64_4k(void **state)
{
	struct rw_geom g;
	struct rw_result r;
	(void)state;

	geom(&g, PT_FMT_ARM64_S1, 4096, 39, 40, 25 | (2ull << 32), tpa(0, 4096));
	assert_int_equal(g.start_level, 1);
	assert_int_equal(g.root_entries, 512);
	tbl(0, 4096)[1] = 0x80000000 | AF | 1;                 /* 1G block */
	tbl(0, 4096)[2] = tpa(1, 4096) | 3;                    /* -> level 2 */
	tbl(1, 4096)[3] = tpa(2, 4096) | 3;                    /* -> level 3 */
	tbl(1, 4096)[4] = 0x7fe00000 | AF | (1ull << 7) | 1;   /* 2M block, read-only */
	tbl(2, 4096)[5] = 0x12345000 | AF | UXN | (2 << 2) | 3; /* page, device, XN */
	tbl(2, 4096)[6] = 0x12346000 | AF | 1;                 /* 0b01 at level 3: reserved */
	tbl(2, 4096)[7] = 0x12347000 | 3;                      /* AF clear */
	tbl(2, 4096)[8] = 0x12348000 | AF | (1ull << 11) | (3 << 2) | 3; /* nG, Attr3 */

	walk_ok(&g, (1ull << 30) + 0x1234, 0x80001234, 1);
	walk_ok(&g, (2ull << 30) + 3 * 0x200000 + 5 * 0x1000 + 0x10, 0x12345010, 3);
	rw_walk(&g, &m, (2ull << 30) + 3 * 0x200000 + 5 * 0x1000, &r);
	assert_int_equal(r.attridx, 2);
	assert_int_equal(r.memtype, RW_MT_DEVICE_nGnRE);
	assert_false(r.ng);
	assert_false(r.exec);
	assert_true(r.write);
	walk_ok(&g, (2ull << 30) + 4 * 0x200000 + 0x1ff008, 0x7ffff008, 2);
	rw_walk(&g, &m, (2ull << 30) + 4 * 0x200000, &r);
	assert_false(r.write);
	assert_int_equal(r.size, 0x200000);
	walk_st(&g, (2ull << 30) + 3 * 0x200000 + 6 * 0x1000, RW_BAD, 3);
	/* AF clear is a valid descriptor whose first access faults. */
	rw_walk(&g, &m, (2ull << 30) + 3 * 0x200000 + 7 * 0x1000, &r);
	assert_int_equal(r.st, RW_OK);
	assert_false(r.af);
	assert_int_equal(r.memtype, RW_MT_NORMAL_WB_RWA);
	rw_walk(&g, &m, (2ull << 30) + 3 * 0x200000 + 8 * 0x1000, &r);
	assert_int_equal(r.st, RW_OK);
	assert_true(r.ng);
	assert_int_equal(r.memtype, RW_MT_DEVICE_nGnRnE);
	walk_st(&g, 0, RW_FAULT, 1);
	walk_st(&g, (2ull << 30) + 5 * 0x200000, RW_FAULT, 2);
	walk_st(&g, 1ull << 39, RW_FAULT, 1);
	/* A 2M block with address bits below 2M set is malformed. */
	tbl(1, 4096)[4] = 0x7fe01000 | AF | 1;
	walk_st(&g, (2ull << 30) + 4 * 0x200000, RW_BAD, 2);
	/* Output beyond OAS (40 bits). */
	tbl(0, 4096)[1] = (1ull << 40) | AF | 1;
	walk_st(&g, 1ull << 30, RW_BAD, 1);
}

/* 16K, 36-bit input: starts at level 2 with 2048 entries (36 - 25 bits). */
static void test_arm64_16k(void **state)
{
	struct rw_geom g;
	(void)state;

	geom(&g, PT_FMT_ARM64_S1, 16384, 36, 48, 28 | (2ull << 14) | (5ull << 32),
	     tpa(0, 16384));
	assert_int_equal(g.start_level, 2);
	assert_int_equal(g.root_entries, 2048);
	tbl(0, 16384)[2047] = 0xffe000000ull | AF | 1;         /* 32M block */
	tbl(0, 16384)[1] = tpa(1, 16384) | 3;
	tbl(1, 16384)[2047] = 0xabcd4000ull | AF | 3;          /* 16K page */
	walk_ok(&g, 2047ull * (1 << 25) + 0x1234567, 0xffe000000ull + 0x1234567, 2);
	walk_ok(&g, (1ull << 25) + 2047ull * 0x4000 + 0x3ff8, 0xabcd7ff8ull, 3);
	/* A 16K page with bits [13:12] set: RES0. */
	tbl(1, 16384)[2047] = 0xabcd5000ull | AF | 3;
	walk_st(&g, (1ull << 25) + 2047ull * 0x4000, RW_BAD, 3);
}

/* 64K, 48-bit input: starts at level 1 with 64 entries; no level-1 blocks. */
static void test_arm64_64k(void **state)
{
	struct rw_geom g;
	(void)state;

	geom(&g, PT_FMT_ARM64_S1, 65536, 48, 48, 16 | (1ull << 14) | (5ull << 32),
	     tpa(0, 65536));
	assert_int_equal(g.start_level, 1);
	assert_int_equal(g.root_entries, 64);
	tbl(0, 65536)[63] = tpa(1, 65536) | 3;
	tbl(1, 65536)[8191] = 0x20000000ull | AF | 1;          /* 512M block */
	tbl(0, 65536)[1] = 0x40000000000ull | AF | 1;          /* level-1 block: none at 64K */
	walk_ok(&g, (63ull << 42) + (8191ull << 29) + 0x10, 0x20000010ull, 2);
	walk_st(&g, 1ull << 42, RW_BAD, 1);
}

/* ARMv7 LPAE, TTBCR.EAE with T0SZ 0: a 4-entry root at level 1 (32 bytes,
 * 32-byte aligned), 1G and 2M blocks, XN in bit 54, outputs below 2^40. */
static void test_arm32(void **state)
{
	struct rw_geom g;
	struct rw_result r;
	(void)state;

	geom(&g, PT_FMT_ARM32_LPAE_S1, 4096, 32, 40, 1ull << 31, tpa(0, 4096));
	assert_int_equal(g.start_level, 1);
	assert_int_equal(g.root_entries, 4);
	tbl(0, 4096)[3] = 0xc0000000ull | AF | 1;              /* 1G block */
	tbl(0, 4096)[1] = tpa(1, 4096) | 3;
	tbl(1, 4096)[2] = 0x80000000ull | AF | UXN | 1;        /* 2M block, XN */
	tbl(1, 4096)[3] = tpa(2, 4096) | 3;
	tbl(2, 4096)[4] = 0xff00004000ull | AF | (1ull << 11) | 3; /* page at 40-bit PA, nG */
	tbl(2, 4096)[5] = (1ull << 40) | AF | 3;               /* bit 40: SBZ */
	walk_ok(&g, 0xc0000000ull + 0x123, 0xc0000123ull, 1);
	rw_walk(&g, &m, (1ull << 30) + 2 * 0x200000 + 0x10, &r);
	assert_int_equal(r.st, RW_OK);
	assert_int_equal(r.oa, 0x80000010ull);
	assert_false(r.exec);
	rw_walk(&g, &m, (1ull << 30) + 3 * 0x200000 + 4 * 0x1000, &r);
	assert_int_equal(r.st, RW_OK);
	assert_int_equal(r.oa, 0xff00004000ull);
	assert_true(r.ng);
	walk_st(&g, (1ull << 30) + 3 * 0x200000 + 5 * 0x1000, RW_BAD, 3);
	walk_st(&g, 2ull << 30, RW_FAULT, 1);
}

/* TTBCR without EAE selects the short-descriptor format: refused. */
static void test_arm32_register_checks(void **state)
{
	struct pt_cfg cfg = { .fmt = PT_FMT_ARM32_LPAE_S1, .granule = 4096, .ias = 32, .oas = 40 };
	struct pt_hw hw = { .ttb = tpa(0, 4096), .tcr = 0 };
	struct rw_geom g;
	const char *why = NULL;
	(void)state;

	assert_int_equal(rw_geom_init(&g, &cfg, &hw, &why), -1);
	hw.tcr = (1ull << 31) | 1; /* T0SZ 1: a 31-bit input, not the configured 32 */
	assert_int_equal(rw_geom_init(&g, &cfg, &hw, &why), -1);
	hw.tcr = 1ull << 31;
	hw.ttb = tpa(0, 4096) + 16; /* not 32-byte aligned */
	assert_int_equal(rw_geom_init(&g, &cfg, &hw, &why), -1);
}

/* Mali: 4 levels always; leaves 0b01 at every level, 0b11 at level 3 is
 * wrong; read/write in bits 6/7; TRANSTAB mode bits checked. */
static void test_mali(void **state)
{
	struct rw_geom g;
	struct rw_result r;
	(void)state;

	geom(&g, PT_FMT_MALI_LPAE, 4096, 33, 40, 0, tpa(0, 4096) | 3 | 4 | 16);
	assert_int_equal(g.start_level, 0);
	assert_int_equal(g.root_pa, tpa(0, 4096));
	tbl(0, 4096)[0] = tpa(1, 4096) | 3;
	tbl(1, 4096)[1] = tpa(2, 4096) | 3;
	tbl(2, 4096)[0] = tpa(3, 4096) | 3;
	tbl(3, 4096)[1] = 0x5000 | (1 << 6) | 1;               /* read-only page */
	tbl(3, 4096)[2] = 0x6000 | (3 << 6) | 3;               /* 0b11 leaf: not Mali */
	tbl(3, 4096)[3] = 0x7000 | (3 << 6) | CONTIG | 1;      /* no contiguous hint */
	rw_walk(&g, &m, (1ull << 30) + 0x1000 + 0x20, &r);
	assert_int_equal(r.st, RW_OK);
	assert_int_equal(r.oa, 0x5020);
	assert_true(r.read);
	assert_false(r.write);
	walk_st(&g, (1ull << 30) + 0x2000, RW_BAD, 3);
	walk_st(&g, (1ull << 30) + 0x3000, RW_BAD, 3);
	walk_st(&g, 1ull << 33, RW_FAULT, 0);
}

static void test_register_checks(void **state)
{
	struct pt_cfg cfg = { .fmt = PT_FMT_ARM64_S1, .granule = 4096, .ias = 39, .oas = 48 };
	struct pt_hw hw = { .ttb = MEM_PA, .tcr = 25 | (2ull << 32) };
	struct rw_geom g;
	const char *why = NULL;
	(void)state;

	assert_int_equal(rw_geom_init(&g, &cfg, &hw, &why), -1); /* IPS 40 < 48 */
	hw.tcr = 24 | (5ull << 32);
	assert_int_equal(rw_geom_init(&g, &cfg, &hw, &why), -1); /* T0SZ */
	hw.tcr = 25 | (2ull << 14) | (5ull << 32);
	assert_int_equal(rw_geom_init(&g, &cfg, &hw, &why), -1); /* TG0 16K */
	hw.tcr = 25 | (5ull << 32);
	assert_int_equal(rw_geom_init(&g, &cfg, &hw, &why), 0);
	cfg.fmt = PT_FMT_MALI_LPAE;
	cfg.oas = 40;
	hw.ttb = MEM_PA | 3;
	assert_int_equal(rw_geom_init(&g, &cfg, &hw, &why), -1); /* READ_INNER missing */
	cfg.coherent = true;
	hw.ttb = MEM_PA | 3 | 4;
	assert_int_equal(rw_geom_init(&g, &cfg, &hw, &why), -1); /* SHARE_OUTER missing */
	hw.ttb = MEM_PA | 3 | 4 | 16;
	assert_int_equal(rw_geom_init(&g, &cfg, &hw, &why), 0);
}

static int count_leaf(void *ctx, uint64_t va, const struct rw_result *r)
{
	(void)va;
	(void)r;
	++*(int *)ctx;
	return 0;
}

/* Contiguous groups: 16 consistent entries pass; a member without the bit,
 * a differing attribute or a gap in the output fails the traversal. */
/* MAIR_EL1 Attr<n> classes (Arm DDI 0487 D19), one example or more each. */
static void test_mair_memtypes(void **state)
{
	(void)state;
	assert_int_equal(rw_mair_memtype(0x00), RW_MT_DEVICE_nGnRnE);
	assert_int_equal(rw_mair_memtype(0x04), RW_MT_DEVICE_nGnRE);
	assert_int_equal(rw_mair_memtype(0x08), RW_MT_DEVICE_nGRE);
	assert_int_equal(rw_mair_memtype(0x0c), RW_MT_DEVICE_GRE);
	assert_int_equal(rw_mair_memtype(0x01), RW_MT_UNPREDICTABLE);
	assert_int_equal(rw_mair_memtype(0x06), RW_MT_UNPREDICTABLE);
	assert_int_equal(rw_mair_memtype(0x40), RW_MT_UNPREDICTABLE);
	assert_int_equal(rw_mair_memtype(0x44), RW_MT_NORMAL_NC);
	assert_int_equal(rw_mair_memtype(0xff), RW_MT_NORMAL_WB_RWA);
	assert_int_equal(rw_mair_memtype(0xbb), RW_MT_NORMAL_OTHER); /* write-through */
	assert_int_equal(rw_mair_memtype(0xf4), RW_MT_NORMAL_OTHER); /* outer WB, inner NC */
}

static void test_contig_groups(void **state)
{
	struct rw_geom g;
	int n = 0;
	struct rw_visit v = { .leaf = count_leaf, .ctx = &n };
	const char *why = NULL;
	uint64_t bad = 0;
	uint64_t *l3;
	(void)state;

	geom(&g, PT_FMT_ARM64_S1, 4096, 32, 40, 32 | (2ull << 32), tpa(0, 4096));
	tbl(0, 4096)[0] = tpa(1, 4096) | 3;
	tbl(1, 4096)[0] = tpa(2, 4096) | 3;
	l3 = tbl(2, 4096);
	for (int i = 0; i < 16; i++)
		l3[16 + i] = (0x100000 + i * 0x1000ull) | AF | CONTIG | 3;
	assert_int_equal(rw_traverse(&g, &m, &v, &why, &bad), 0);
	assert_int_equal(n, 16);
	l3[20] &= ~CONTIG;
	assert_int_equal(rw_traverse(&g, &m, &v, &why, &bad), -1);
	l3[20] |= CONTIG | (1ull << 7);
	assert_int_equal(rw_traverse(&g, &m, &v, &why, &bad), -1);
	l3[20] &= ~(1ull << 7);
	l3[20] += 0x1000;
	assert_int_equal(rw_traverse(&g, &m, &v, &why, &bad), -1);
	l3[20] -= 0x1000;
	for (int i = 0; i < 16; i++)
		l3[16 + i] += 0x1000; /* consecutive, but the run is not 64K aligned */
	assert_int_equal(rw_traverse(&g, &m, &v, &why, &bad), -1);
}

static int setup(void **state)
{
	(void)state;
	mem = aligned_alloc(65536, MEM_SZ);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(mem);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arm64_4k),
		cmocka_unit_test(test_arm64_16k),
		cmocka_unit_test(test_arm64_64k),
		cmocka_unit_test(test_mali),
		cmocka_unit_test(test_arm32),
		cmocka_unit_test(test_arm32_register_checks),
		cmocka_unit_test(test_register_checks),
		cmocka_unit_test(test_contig_groups),
		cmocka_unit_test(test_mair_memtypes),
	};

	return cmocka_run_group_tests_name("pt_walker", tests, setup, teardown);
}
