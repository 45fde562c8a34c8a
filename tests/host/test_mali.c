/* SPDX-License-Identifier: MIT */
/*
 * The Mali MMU driver against the register model (tests/host/mali_model.h,
 * which lists what the model assumes), with real tables from the page-table
 * core. Every test runs for each configuration of `cases`: both flush
 * generations (job manager: LOCK + FLUSH_PT; CSF: LOCK + GPU_CMD FLUSH_CACHES
 * + UNLOCK) with every table format the GPU can walk (MALI_LPAE on job-manager
 * GPUs, ARM64_S1 4K where HW_FEATURE_AARCH64_MMU or CSF). The combinations a
 * GPU lacks are refused at attach (test_refused_formats).
 *
 * The walker is non-coherent and its memory starts poisoned (0xff), so a table
 * line the core wrote but did not clean is seen as garbage, not as zeros.
 * Table PAs: the pool's pa_offset puts the tables at TABLE_PA (< 2^40).
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

#include "drivers/mali_mmu.h"
#include "drivers/mmio.h"
#include "tests/host/mali_model.h"
#include "tests/host/mmio_host.h"

#define GPU_BASE   0xff9a0000u  /* only a number: every access goes through the model */
#define TABLE_PA   0x40000000ull
#define POOL_BYTES (1u << 20)
#define AS_N       1u
#define SZ_4K      0x1000ull
#define SZ_2M      0x200000ull
#define PA_A       0x80000000ull
#define PA_B       0x90000000ull
#define RW         (PT_PROT_READ | PT_PROT_WRITE)
#define NO_PA      (~0ull)

struct mali_case {
	const char *name;
	uint32_t gpu_id;
	enum pt_format fmt;
};

static const struct mali_case cases[] = {
	{ "t604-jm-lpae", 0x69560001u, PT_FMT_MALI_LPAE },   /* T60x: product 0x6956 */
	{ "t860-jm-lpae", 0x08602000u, PT_FMT_MALI_LPAE },   /* RK3399 */
	{ "g31-jm-arm64", 0x70930000u, PT_FMT_ARM64_S1 },    /* Bifrost with AARCH64_MMU */
	{ "g610-csf-arm64", 0xa8670000u, PT_FMT_ARM64_S1 },  /* RK3588, arch 10 */
	{ "g720-csf-arm64", 0xc0000000u, PT_FMT_ARM64_S1 },  /* arch 12: AS FLUSH_* deprecated */
};

struct fx {
	const struct mali_case *c;
	struct mali_model model;
	struct mali_gpu gpu;
	struct gpu_as as;
	struct pool pool;
	uint8_t *mem;
	uint8_t meta[POOL_BYTES / POOL_PAGE_SIZE];
	size_t pool_free;
	struct pt pt;
	struct pt_flush_ops ops;   /* forwards to the driver unless `silent` */
	bool silent;
	struct pt_gather missed;   /* what silent flushes swallowed, merged */
};

/* The cache-clean hook has no cookie: it reaches the model of the test running. */
static struct fx *cur;

static void clean_hook(const void *va, size_t size)
{
	mali_model_clean(&cur->model, va, size);
}

static int fx_flush_range(void *cookie, const struct pt_gather *g)
{
	struct fx *f = cookie;

	if (!f->silent)
		return gpu_as_pt_flush_ops.flush_range(&f->as, g);
	if (f->missed.start == f->missed.end) {
		f->missed = *g;
	} else {
		f->missed.start = g->start < f->missed.start ? g->start : f->missed.start;
		f->missed.end = g->end > f->missed.end ? g->end : f->missed.end;
	}
	return 0;
}

static int fx_flush_all(void *cookie)
{
	struct fx *f = cookie;

	return f->silent ? 0 : gpu_as_pt_flush_ops.flush_all(&f->as);
}

static void fx_clean(void *cookie, const void *va, size_t size)
{
	struct fx *f = cookie;

	gpu_as_pt_flush_ops.cache_clean(&f->as, va, size);
}

static int setup(void **state)
{
	const struct mali_case *c = *state;
	struct mali_model_cfg mc = { c->gpu_id, 0x2830, 0xff, false, 3 };
	struct fx *f = calloc(1, sizeof(*f));
	struct pt_cfg cfg;

	assert_non_null(f);
	f->c = c;
	cur = f;
	f->mem = aligned_alloc(1u << 16, POOL_BYTES);
	assert_non_null(f->mem);
	assert_int_equal(pool_init(&f->pool, f->mem, POOL_BYTES, f->meta), 0);
	f->pool_free = pool_free_pages(&f->pool);
	mali_model_init(&f->model, &mc);
	assert_int_equal(mali_model_map(&f->model, GPU_BASE), 0);
	assert_int_equal(mali_model_add_mem(&f->model, TABLE_PA, f->mem, POOL_BYTES, true), 0);

	assert_int_equal(mali_probe(&f->gpu, GPU_BASE, false), 0);
	assert_int_equal(mali_as_init(&f->gpu, &f->as, AS_N), 0);
	f->as.cache_clean = clean_hook;
	mali_pt_cfg(&f->gpu, &f->as, c->fmt, &cfg);
	f->ops = (struct pt_flush_ops){ fx_flush_all, fx_flush_range, fx_clean };
	cfg.flush = &f->ops;
	cfg.flush_cookie = f;
	cfg.pool = &f->pool;
	cfg.pa_offset = (int64_t)(TABLE_PA - (uint64_t)(uintptr_t)f->mem);
	assert_int_equal(pt_init(&f->pt, &cfg), 0);
	assert_int_equal(gpu_as_attach(&f->as, &f->pt), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	int detached = gpu_as_detach(&f->as);
	bool back;

	pt_fini(&f->pt);
	back = pool_free_pages(&f->pool) == f->pool_free;
	mali_model_fini(&f->model);
	mmio_host_unmap_all();
	free(f->mem);
	free(f);
	cur = NULL;
	assert_int_equal(detached, 0);
	assert_true(back);
	return 0;
}

/* What the GPU reads at va now (TLB, L2, walk), or NO_PA on a fault. */
static uint64_t gpu_pa(struct fx *f, uint64_t va)
{
	uint64_t pa;

	return mali_model_access(&f->model, AS_N, va, MALI_ACC_READ, 0, &pa) ? NO_PA : pa;
}

/* What memory says now (a fresh walk), or NO_PA. */
static uint64_t mem_pa(struct fx *f, uint64_t va)
{
	uint64_t pa;
	uint32_t code;

	return mali_model_walk(&f->model, AS_N, va, MALI_ACC_READ, &pa, &code) ? NO_PA : pa;
}

static void no_violations(struct fx *f)
{
	if (f->model.violations)
		fail_msg("%s: %lu model violations, last: %s", f->c->name, f->model.violations,
			 f->model.last_violation);
}

/* Map, then every page reads back through TLB and through a fresh walk. */
static void test_map_translate(void **state)
{
	struct fx *f = *state;
	const uint64_t iova = 0x100000, block = 0x40000000;

	assert_int_equal(pt_map(&f->pt, iova, PA_A, 16 * SZ_4K, RW), 0);
	assert_int_equal(pt_map(&f->pt, block, PA_B, SZ_2M, RW), 0);
	for (unsigned i = 0; i < 16; i++) {
		assert_int_equal(gpu_pa(f, iova + i * SZ_4K + 8), PA_A + i * SZ_4K + 8);
		assert_int_equal(mem_pa(f, iova + i * SZ_4K), PA_A + i * SZ_4K);
	}
	assert_int_equal(gpu_pa(f, block + 0x123456), PA_B + 0x123456);
	assert_int_equal(gpu_pa(f, iova + 16 * SZ_4K), NO_PA); /* one past: faults */
	/* Every stage-1 leaf non-global (AArch64 mode), as Linux's io-pgtable
	 * writes them for every user; MALI_LPAE has no nG and reads as not global. */
	for (unsigned i = 0; i < 17; i++) {
		struct pt_leaf leaf;
		uint64_t va = i < 16 ? iova + i * SZ_4K : block;

		assert_int_equal(pt_lookup(&f->pt, va, &leaf), 0);
		assert_false(leaf.global);
	}
	no_violations(f);
}

/* Each range flush is one LOCK plus FLUSH_PT (JM) or GPU_CMD + UNLOCK (CSF). */
static void test_flush_command_count(void **state)
{
	struct fx *f = *state;
	unsigned long before = f->as.hw_cmds, flushes = f->model.cache_flushes;

	assert_int_equal(pt_map(&f->pt, 0x200000, PA_A, 4 * SZ_4K, RW), 0);
	assert_int_equal(f->as.hw_cmds - before, f->gpu.gen == MALI_GEN_CSF ? 3 : 2);
	assert_int_equal(f->model.cache_flushes - flushes, f->gpu.gen == MALI_GEN_CSF ? 1 : 0);
	/* A range flush is panthor's FLUSH_PT: GPU_CMD FLUSH_CACHES (4) cleaning and
	 * invalidating the L2 [11:8] only, not the LSC [15:12] (Tyr GPU_COMMAND_FLUSH). */
	if (f->gpu.gen == MALI_GEN_CSF)
		assert_int_equal(f->model.last_gpu_cmd, 0x0304);
	no_violations(f);
}

/* Map A and use it; remap to B with flushes withheld; return the IOVA. */
static void remap_unflushed(struct fx *f, uint64_t iova, uint64_t size)
{
	for (uint64_t off = 0; off < size; off += SZ_4K)
		assert_int_equal(gpu_pa(f, iova + off), PA_A + off);
	f->silent = true;
	f->missed = (struct pt_gather){ 0 };
	assert_int_equal(pt_unmap(&f->pt, iova, size), (int64_t)size);
	assert_int_equal(pt_map(&f->pt, iova, PA_B, size, RW), 0);
	f->silent = false;
	assert_true(f->missed.start <= iova && f->missed.end >= iova + size);
}

static void test_stale_then_fresh(void **state)
{
	struct fx *f = *state;
	const uint64_t iova = 0x300000;

	assert_int_equal(pt_map(&f->pt, iova, PA_A, 4 * SZ_4K, RW), 0);
	remap_unflushed(f, iova, 4 * SZ_4K);
	for (unsigned i = 0; i < 4; i++) {
		assert_int_equal(mem_pa(f, iova + i * SZ_4K), PA_B + i * SZ_4K);
		assert_int_equal(gpu_pa(f, iova + i * SZ_4K), PA_A + i * SZ_4K); /* stale */
	}
	assert_int_equal(f->as.ops->flush_range(&f->as, &f->missed), 0);
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(gpu_pa(f, iova + i * SZ_4K), PA_B + i * SZ_4K);
	no_violations(f);
}

/* LOCKADDR as panfrost computed it before Linux 5.16: from the size alone. */
static uint64_t size_only_lock(uint64_t start, uint64_t size)
{
	unsigned width = 63 - (unsigned)__builtin_clzll((size < 0x8000 ? 0x8000 : size) - 1);

	return (start & ~(SZ_4K - 1)) | width;
}

/* [0x7000, 0x9000) straddles a 32 KiB boundary: a lock from the size alone
 * covers [0, 0x8000) and leaves the page at 0x8000 stale. */
static void test_short_lock_caught(void **state)
{
	struct fx *f = *state;
	const uint64_t iova = 0x7000, size = 2 * SZ_4K;

	assert_int_equal(pt_map(&f->pt, iova, PA_A, size, RW), 0);
	remap_unflushed(f, iova, size);
	assert_int_equal(mali_as_flush_lockaddr(&f->as, size_only_lock(iova, size)), 0);
	assert_int_equal(gpu_pa(f, 0x7000), PA_B);
	assert_int_equal(gpu_pa(f, 0x8000), PA_A + SZ_4K); /* caught: still stale */
	assert_int_equal(mali_as_flush_lockaddr(&f->as, mali_lock_region(iova, iova + size)), 0);
	assert_int_equal(gpu_pa(f, 0x8000), PA_B + SZ_4K);
	no_violations(f);
}

/* Tables written but never cleaned: the walker reads poison, not the mapping. */
static void test_missing_clean_caught(void **state)
{
	struct fx *f = *state;
	const uint64_t iova = 0x8000000000ull - SZ_2M; /* new tables below the root */

	f->as.cache_clean = NULL;
	assert_int_equal(pt_map(&f->pt, iova, PA_A, SZ_4K, RW), 0);
	assert_int_not_equal(gpu_pa(f, iova), PA_A);
	f->as.cache_clean = clean_hook;
	/* Recover: clean everything, clear the fault, re-enable. */
	clean_hook(f->mem, POOL_BYTES);
	assert_int_equal(mali_as_recover(&f->as), 0);
	assert_int_equal(gpu_pa(f, iova), PA_A);
	no_violations(f);
}

/* A stuck AS gives -ETIMEDOUT, never a hang, and works again once it moves. */
static void test_stuck_as_times_out(void **state)
{
	struct fx *f = *state;
	int64_t ret;

	assert_int_equal(pt_map(&f->pt, 0x500000, PA_A, SZ_4K, RW), 0);
	mali_model_set_stuck(&f->model, AS_N, true);
	/* The entries are gone either way; whether the core reports the bytes
	 * or the flush's error is its choice (mmu/pgtable.h allows both). */
	ret = pt_unmap(&f->pt, 0x500000, SZ_4K);
	assert_true(ret == -ETIMEDOUT || ret == (int64_t)SZ_4K);
	assert_int_equal(gpu_as_flush_all(&f->as), -ETIMEDOUT);
	assert_int_equal(mali_as_flush_lockaddr(&f->as, mali_lock_region(0, SZ_4K)), -ETIMEDOUT);
	mali_model_set_stuck(&f->model, AS_N, false);
	assert_int_equal(gpu_as_flush_all(&f->as), 0);
	assert_int_equal(gpu_pa(f, 0x500000), NO_PA);
	assert_int_equal(mali_as_recover(&f->as), 0);
	no_violations(f);
}

/*
 * A page used next to an unmapped one leaves the table line with the invalid
 * entry in the GPU L2; a map into that line is seen only through the flush
 * that follows the map (cfg.flush_on_map).
 */
static void test_map_next_to_used(void **state)
{
	struct fx *f = *state;
	const uint64_t iova = 0x900000;

	assert_int_equal(pt_map(&f->pt, iova, PA_A, SZ_4K, RW), 0);
	assert_int_equal(gpu_pa(f, iova), PA_A);
	assert_int_equal(pt_map(&f->pt, iova + SZ_4K, PA_B, SZ_4K, RW), 0);
	assert_int_equal(gpu_pa(f, iova + SZ_4K), PA_B);
	no_violations(f);
}

static void expect_fault(struct fx *f, uint64_t va, enum mali_access acc, const char *type,
			 const char *access)
{
	struct gpu_fault flt;
	uint64_t pa;

	assert_int_equal(mali_model_access(&f->model, AS_N, va, acc, 0x42, &pa), -EFAULT);
	assert_int_equal(gpu_as_read_fault(&f->as, &flt), 0);
	assert_string_equal(flt.type, type);
	assert_string_equal(flt.access, access);
	assert_int_equal(flt.addr, va);
	assert_int_equal(flt.source, 0x42);
	assert_int_equal(flt.write, acc == MALI_ACC_WRITE);
	/* The AS stays stopped until recovered. */
	assert_int_equal(mali_model_access(&f->model, AS_N, va, MALI_ACC_READ, 0, &pa), -EBUSY);
	assert_int_equal(mali_as_recover(&f->as), 0);
	assert_int_equal(gpu_as_read_fault(&f->as, &flt), -ENOENT);
	/* CSF: bits 16..31 are "command completed", kept masked (panthor). */
	if (f->model.csf)
		assert_int_equal(f->model.mmu_mask >> 16, 0);
}

/* Faults the walk really makes, decoded from FAULTSTATUS / FAULTADDRESS. */
static void test_walk_faults(void **state)
{
	struct fx *f = *state;
	const uint64_t ro = 0x600000, far = 0x7f0000000000ull;

	assert_int_equal(pt_map(&f->pt, ro, PA_A, SZ_4K, PT_PROT_READ), 0);
	expect_fault(f, far, MALI_ACC_READ, "translation fault level 0", "read");
	expect_fault(f, ro + SZ_4K, MALI_ACC_READ, "translation fault level 3", "read");
	expect_fault(f, ro, MALI_ACC_WRITE, "permission fault level 3", "write");
	expect_fault(f, ro, MALI_ACC_EXEC, "permission fault level 3", "execute");
	assert_int_equal(gpu_pa(f, ro), PA_A);
	no_violations(f);
}

/* Every exception group the MMU reports decodes to its words. */
static void test_fault_words(void **state)
{
	static const struct { uint32_t code; const char *words; } table[] = {
		{ 0x80, "bus fault" },
		{ 0x88, "GPU shareability fault" },
		{ 0x89, "system shareability fault" },
		{ 0x8a, "GPU cacheability fault" },
		{ 0xc0, "translation fault level 0" },
		{ 0xc4, "translation fault level 4" },
		{ 0xc7, "translation fault in identity mode" },
		{ 0xc8, "permission fault level 0" },
		{ 0xcb, "permission fault level 3" },
		{ 0xd2, "table walk bus fault level 2" },
		{ 0xd9, "access flag fault level 1" },
		{ 0xdb, "access flag fault level 3" },
		{ 0xe0, "address size fault input level 0" },
		{ 0xe4, "address size fault output level 0" },
		{ 0xe7, "address size fault output level 3" },
		{ 0xe8, "memory attribute fault level 0" },
		{ 0xed, "memory attribute non-cacheable fault level 1" },
		{ 0x42, "unknown exception" },
	};
	static const char *const access[] = { "atomic", "execute", "read", "write" };
	struct fx *f = *state;
	struct gpu_fault flt;

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		enum mali_access acc = (enum mali_access)(i % 4);

		mali_model_raise(&f->model, AS_N, table[i].code, acc, 0x1234, 0xdead000 + i);
		assert_int_equal(gpu_as_read_fault(&f->as, &flt), 0);
		assert_string_equal(flt.type, table[i].words);
		assert_string_equal(flt.access, access[acc]);
		assert_int_equal(flt.code, table[i].code);
		assert_int_equal(flt.source, 0x1234);
		assert_int_equal(flt.addr, 0xdead000 + i);
		assert_int_equal(mali_as_recover(&f->as), 0);
	}
	no_violations(f);
}

/* Detach leaves the AS unmapped: the old mapping faults. */
static void test_detach_unmaps(void **state)
{
	struct fx *f = *state;
	unsigned long flush_mem = f->model.as[AS_N].cmds[5];

	assert_int_equal(pt_map(&f->pt, 0x700000, PA_A, SZ_4K, RW), 0);
	assert_int_equal(gpu_pa(f, 0x700000), PA_A);
	assert_int_equal(gpu_as_detach(&f->as), 0);
	/* Job manager: AS FLUSH_MEM over the whole VA first (panfrost_mmu_disable()). */
	if (f->gpu.gen == MALI_GEN_JM)
		assert_int_equal(f->model.as[AS_N].cmds[5] - flush_mem, 1);
	/* Enable and disable flush as FLUSH_MEM: L2 and LSC (panthor_mmu_as_disable()). */
	if (f->gpu.gen == MALI_GEN_CSF)
		assert_int_equal(f->model.last_gpu_cmd, 0x3304);
	assert_int_equal(gpu_pa(f, 0x700000), NO_PA);
	assert_int_equal(mali_as_recover(&f->as), 0);
	assert_int_equal(gpu_as_attach(&f->as, &f->pt), 0);
	assert_int_equal(gpu_pa(f, 0x700000), PA_A);
	no_violations(f);
}

/* ---- configuration-independent ---- */

static void test_lock_region_covers(void **state)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;

	(void)state;
	for (unsigned i = 0; i < 100000; i++) {
		uint64_t start, len, base, size;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		start = (x & 0xffffffffffull) & ~(SZ_4K - 1);
		len = (((x >> 40) & 0xffff) + 1) * SZ_4K << ((x >> 56) & 7);
		mali_lock_decode(mali_lock_region(start, start + len), &base, &size);
		assert_true(size >= 0x8000);
		assert_true(base <= start && start + len <= base + size);
		/* Naturally aligned and not larger than needed. */
		assert_int_equal(base & (size - 1), 0);
		if (size > 0x8000)
			assert_true(start / (size / 2) != (start + len - 1) / (size / 2));
	}
}

/*
 * MAIR_ELx attribute bytes as Arm DDI 0487 (D19.2, MAIR_EL1 Attr<n>) defines
 * them, written here without the driver: [7:4] outer, [3:0] inner; outer
 * 0b0000 is Device memory; otherwise Normal, a nibble 0b01RW or 0b11RW with
 * RW != 0b00 being write-back (R, W = allocation hints), 0b0100
 * non-cacheable, 0b00RW / 0b10RW write-through.
 */
static bool mair_nibble_wb(unsigned v)
{
	return (v == 0x5 || v == 0x6 || v == 0x7) || (v >= 0xc);
}

static bool mair_is_device(uint8_t attr)
{
	return (attr >> 4) == 0;
}

static bool mair_is_normal_wb(uint8_t attr)
{
	return !mair_is_device(attr) && mair_nibble_wb(attr >> 4) && mair_nibble_wb(attr & 0xf);
}

static bool mair_is_normal_nc(uint8_t attr)
{
	return attr == 0x44;
}

/*
 * The MEMATTR byte a MAIR byte must become (Tyr MMU_MEMATTR_STAGE1 layout:
 * memory_type [7:6] 1 NC / 2 WB, coherency [5:4] 0 Midgard-inner / 1
 * CPU-inner, alloc_sel [3:2] 3 explicit, alloc_r [1], alloc_w [0]): write-back
 * with the inner allocation hints when Normal inner+outer write-back (CPU-inner
 * shareability only when coherent: panthor), everything else non-cacheable.
 */
static uint8_t expected_memattr(uint8_t attr, bool coherent)
{
	if (!mair_is_normal_wb(attr))
		return 0x40 | 0x0c;
	return 0x80 | 0x0c | (attr & 0x3) | (coherent ? 0x10 : 0);
}

static void test_memattr(void **state)
{
	uint64_t a64 = mali_memattr(PT_FMT_ARM64_S1, false);

	(void)state;
	/* Every MAIR byte, both coherency settings. */
	for (unsigned v = 0; v < 256; v++) {
		assert_int_equal(mali_mair_to_memattr((uint8_t)v, false), expected_memattr(v, false));
		assert_int_equal(mali_mair_to_memattr((uint8_t)v, true), expected_memattr(v, true));
	}
	/* The AttrIndx slots mean what mmu/pgtable.h promises, whatever the literal:
	 * cached = Normal WB, non-cached = Normal NC, device = Device memory. */
	assert_true(mair_is_normal_wb((uint8_t)(PT_MAIR_VALUE >> (8 * PT_ATTRIDX_CACHED))));
	assert_true(mair_is_normal_nc((uint8_t)(PT_MAIR_VALUE >> (8 * PT_ATTRIDX_NONCACHED))));
	assert_true(mair_is_device((uint8_t)(PT_MAIR_VALUE >> (8 * PT_ATTRIDX_DEVICE))));
	/* ... and their MEMATTR bytes are write-back, non-cacheable, non-cacheable. */
	assert_int_equal((a64 >> (8 * PT_ATTRIDX_CACHED)) & 0xc0, 0x80);
	assert_int_equal((a64 >> (8 * PT_ATTRIDX_NONCACHED)) & 0xc0, 0x40);
	assert_int_equal((a64 >> (8 * PT_ATTRIDX_DEVICE)) & 0xc0, 0x40);
	for (unsigned i = 0; i < 8; i++)
		assert_int_equal((a64 >> (8 * i)) & 0xff,
				 expected_memattr((uint8_t)(PT_MAIR_VALUE >> (8 * i)), false));
	/* Legacy mode: io-pgtable-arm.c ARM_MALI_LPAE_MEMATTR_WRITE_ALLOC (0x8d) for
	 * the cached index, ARM_MALI_LPAE_MEMATTR_IMP_DEF (0x88) for the others. */
	assert_int_equal((mali_memattr(PT_FMT_MALI_LPAE, false) >> (8 * PT_ATTRIDX_CACHED)) & 0xff,
			 0x8d);
	assert_int_equal((mali_memattr(PT_FMT_MALI_LPAE, false) >> (8 * PT_ATTRIDX_NONCACHED)) &
			 0xff, 0x88);
	assert_int_equal((mali_memattr(PT_FMT_MALI_LPAE, false) >> (8 * PT_ATTRIDX_DEVICE)) & 0xff,
			 0x88);
}

static void test_product_names(void **state)
{
	(void)state;
	assert_string_equal(mali_product_name(0x08602000u), "Mali-T860");
	assert_string_equal(mali_product_name(0xa8670000u), "Mali-G610");
	assert_string_equal(mali_product_name(0x72120000u), "Mali-G52");
	assert_string_equal(mali_product_name(0x12340000u), "unknown Mali");
	assert_string_equal(mali_product_name(0x69560001u), "Mali-T600");
	assert_int_equal(mali_gpu_id_normalise(0x69560001u), 0x06000001u);
	assert_int_equal(mali_gpu_id_normalise(0x08602000u), 0x08602000u);
}

static void test_probe_refuses_dead_gpu(void **state)
{
	struct mali_model_cfg mc = { 0, 0, 0, false, 1 };
	struct mali_model m;
	struct mali_gpu gpu;

	(void)state;
	mali_model_init(&m, &mc);
	mmio_host_unmap_all();
	assert_int_equal(mali_model_map(&m, GPU_BASE), 0);
	assert_int_equal(mali_probe(&gpu, GPU_BASE, false), -ENODEV);
	mmio_host_unmap_all();
}

/* Attach of a table in a mode the GPU lacks: refused, and nothing programmed. */
static int refused_attach(uint32_t gpu_id, enum pt_format fmt)
{
	struct mali_model_cfg mc = { gpu_id, 0x2830, 0xff, false, 1 };
	uint8_t *mem = aligned_alloc(1u << 16, 1u << 16);
	uint8_t meta[16];
	struct mali_model m;
	struct mali_gpu gpu;
	struct gpu_as as;
	struct pool pool;
	struct pt_cfg cfg;
	struct pt pt;
	int ret;

	assert_non_null(mem);
	mali_model_init(&m, &mc);
	mmio_host_unmap_all();
	assert_int_equal(mali_model_map(&m, GPU_BASE), 0);
	assert_int_equal(pool_init(&pool, mem, 1u << 16, meta), 0);
	assert_int_equal(mali_probe(&gpu, GPU_BASE, false), 0);
	assert_int_equal(mali_as_init(&gpu, &as, AS_N), 0);
	mali_pt_cfg(&gpu, &as, fmt, &cfg);
	cfg.pool = &pool;
	cfg.coherent = true;
	assert_int_equal(pt_init(&pt, &cfg), 0);
	ret = gpu_as_attach(&as, &pt);
	assert_null(as.pt);
	assert_int_equal(m.as[AS_N].cmds[1], 0); /* no UPDATE: the AS is untouched */
	pt_fini(&pt);
	mmio_host_unmap_all();
	free(mem);
	return ret;
}

/* CSF GPUs have no legacy mode; AArch64 tables need HW_FEATURE_AARCH64_MMU. */
static void test_refused_formats(void **state)
{
	(void)state;
	assert_int_equal(refused_attach(0xa8670000u, PT_FMT_MALI_LPAE), -EINVAL); /* G610 */
	assert_int_equal(refused_attach(0x72020000u, PT_FMT_ARM64_S1), -EINVAL);  /* G52 */
	assert_int_equal(refused_attach(0x08602000u, PT_FMT_ARM64_S1), -EINVAL);  /* T860 */
}

/* AS_STATUS.AS_ACTIVE of the model drops within busy_reads reads. */
static void model_wait_idle(uintptr_t as)
{
	unsigned reads = 0;

	while ((mmio_read32(as + 0x28) & 1) && reads < 16)
		reads++;
	assert_true(reads < 16);
}

/* A model on its own at GPU_BASE; AS 1's registers at the returned address. */
static uintptr_t strict_model(struct mali_model *m, uint32_t gpu_id)
{
	struct mali_model_cfg mc = { gpu_id, 0x2830, 0xff, false, 2 };

	mali_model_init(m, &mc);
	mmio_host_unmap_all();
	assert_int_equal(mali_model_map(m, GPU_BASE), 0);
	return GPU_BASE + 0x2400 + 0x40;
}

/* The model itself: what it must refuse, it refuses (and counts). */
static void test_model_is_strict(void **state)
{
	struct mali_model m;
	uintptr_t as1 = strict_model(&m, 0xa8670000u); /* G610, arch 10 */

	(void)state;
	mmio_write32(as1 + 0x18, 1);            /* UPDATE: accepted */
	mmio_write32(as1 + 0x18, 2);            /* LOCK while AS_ACTIVE: dropped */
	assert_int_equal(m.violations, 1);
	assert_int_equal(m.as[1].cmds[2], 0);
	model_wait_idle(as1);
	mmio_write32(as1 + 0x10, 10);           /* LOCKADDR width below 32 KiB */
	mmio_write32(as1 + 0x18, 2);
	assert_int_equal(m.violations, 2);
	model_wait_idle(as1);
	mmio_write32(as1 + 0x18, 4);            /* FLUSH_PT on arch 10: valid, unlocks */
	assert_int_equal(m.violations, 2);
	assert_int_equal(m.as[1].cmds[4], 1);
	model_wait_idle(as1);
	mmio_write32(as1 + 0x18, 3);            /* UNLOCK without a lock */
	assert_int_equal(m.violations, 3);
	(void)mmio_read64(GPU_BASE);            /* not a 32-bit access */
	assert_int_equal(m.violations, 4);

	as1 = strict_model(&m, 0xc0000000u);    /* G720, arch 12 */
	mmio_write32(as1 + 0x10, 14);
	mmio_write32(as1 + 0x18, 2);            /* LOCK 32 KiB: accepted */
	model_wait_idle(as1);
	mmio_write32(as1 + 0x18, 4);            /* FLUSH_PT: deprecated from arch 12 */
	assert_int_equal(m.violations, 1);
	assert_int_equal(m.as[1].cmds[4], 0);
	mmio_host_unmap_all();
}

/* Project policy, not a hardware rule: every CSF GPU is flushed through
 * GPU_CMD + UNLOCK as panthor does, also where AS FLUSH_PT is still valid. */
static void test_csf_flush_policy(void **state)
{
	struct fx *f = *state;

	assert_int_equal(pt_map(&f->pt, 0x200000, PA_A, SZ_4K, RW), 0);
	assert_int_equal(gpu_as_detach(&f->as), 0);
	if (f->gpu.gen == MALI_GEN_CSF)
		assert_int_equal(f->model.as[AS_N].cmds[4] + f->model.as[AS_N].cmds[5], 0);
	assert_int_equal(gpu_as_attach(&f->as, &f->pt), 0);
	no_violations(f);
}

#define PER_CASE(fn) { #fn, fn }
static const struct { const char *name; CMUnitTestFunction fn; } per_case[] = {
	PER_CASE(test_map_translate),       PER_CASE(test_flush_command_count),
	PER_CASE(test_stale_then_fresh),    PER_CASE(test_short_lock_caught),
	PER_CASE(test_missing_clean_caught), PER_CASE(test_stuck_as_times_out),
	PER_CASE(test_walk_faults),         PER_CASE(test_fault_words),
	PER_CASE(test_detach_unmaps),       PER_CASE(test_map_next_to_used),
	PER_CASE(test_csf_flush_policy),
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))
#define NPER   (sizeof(per_case) / sizeof(per_case[0]))

int main(void)
{
	static char names[NCASES * NPER][96];
	struct CMUnitTest tests[NCASES * NPER + 6];
	size_t n = 0;

	for (size_t c = 0; c < NCASES; c++) {
		for (size_t t = 0; t < NPER; t++, n++) {
			snprintf(names[n], sizeof(names[n]), "%s/%s", cases[c].name,
				 per_case[t].name + 5);
			tests[n] = (struct CMUnitTest){ names[n], per_case[t].fn, setup, teardown,
							(void *)&cases[c] };
		}
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_lock_region_covers);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_memattr);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_product_names);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_probe_refuses_dead_gpu);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_refused_formats);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_model_is_strict);
	return _cmocka_run_group_tests("mali", tests, n, NULL, NULL);
}
