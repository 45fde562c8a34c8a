/* SPDX-License-Identifier: MIT */
/*
 * The CPU as a walker of the core's tables. QEMU's CPU MMU is a real
 * stage 1 walker that checks what its SMMU model ignores: the access flag,
 * AP[2:1] (write and unprivileged permission), PXN/UXN. Each test provokes
 * the fault on purpose (st_expect_fault) and checks the syndrome; the
 * stale-TLB tests change the CPU's own tables through the core with the
 * flush held back, see the old translation still in use, then release the
 * core's flush and see the new one. Runtime edits use a window of virtual
 * addresses nothing else maps (the upper half of the IAS).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "boot/cpu_map_image.h"
#include "boot/esr.h"
#include "tests/target/cpu_ops.h"
#include "tests/target/selftest.h"

#define SZ_4K 0x1000ull
#define SZ_2M 0x200000ull
#define RW_PRIV (PT_PROT_READ | PT_PROT_WRITE | PT_PROT_PRIV)

static uint8_t backing[2][SZ_4K] __attribute__((aligned(SZ_4K)));
static uint32_t data_code[16] __attribute__((aligned(64)));
static const uint32_t ro_word = 0x600dc0deu;

#define NEED_MAP(m)                                                                   \
	do {                                                                          \
		if (!(m))                                                             \
			return st_fail("the CPU's MMU is off");                       \
	} while (0)

/* The first test address: the upper half of the IAS, far above every region. */
static uint64_t test_va(const struct cpu_map *m)
{
	return 1ull << (m->pt.cfg.ias - 1);
}

static void *ptr(uint64_t va)
{
	return (void *)(uintptr_t)va;
}

static void store32(void *p) { *(volatile uint32_t *)p = 0xdeadbeefu; }
static void load32(void *p) { (void)*(volatile uint32_t *)p; }
static void call(void *p) { ((void (*)(void))(uintptr_t)p)(); }

static uint32_t peek32(uint64_t va)
{
	return *(volatile uint32_t *)ptr(va);
}

/* fn(p) must take an abort of class ec and fault type type, at FAR p. */
static enum st_result expect_abort(void (*fn)(void *), void *p, unsigned ec, unsigned type,
				   bool write, const char *what)
{
	struct st_fault f;

	if (!st_expect_fault(fn, p, &f))
		return st_fail("%s at %p did not fault", what, p);
	if (f.ec != ec || FSC_TYPE(f.fsc) != type || f.far != (uintptr_t)p ||
	    (ec == EC_DABT_CUR && f.write != write))
		return st_fail("%s at %p: ESR %#lx (EC %#x FSC %#x WnR %d) FAR %#lx, wanted EC %#x %s",
			       what, p, (unsigned long)f.esr, f.ec, f.fsc, f.write,
			       (unsigned long)f.far, ec, esr_fault_name(type));
	return ST_PASS;
}

#define EXPECT(r)                                                                     \
	do {                                                                          \
		enum st_result r_ = (r);                                              \
		if (r_ != ST_PASS)                                                    \
			return r_;                                                    \
	} while (0)

/* ---- W^X ---------------------------------------------------------------- */

/* Every run is made with the MMU and both caches on (issue 11): the level
 * the tests run at has SCTLR M, C and I set, not only a map built. */
static enum st_result test_caches_on(void)
{
	uint64_t sctlr = cpu_sctlr();

	NEED_MAP(image_cpu_map());
	if (!(sctlr & CPU_SCTLR_M))
		return st_fail("SCTLR 0x%llx: the MMU is off (M = 0)", (unsigned long long)sctlr);
	if (!(sctlr & CPU_SCTLR_C) || !(sctlr & CPU_SCTLR_I))
		return st_fail("SCTLR 0x%llx: the data (C) or instruction (I) cache is off",
			       (unsigned long long)sctlr);
	st_note("SCTLR 0x%llx: M, C and I on", (unsigned long long)sctlr);
	return ST_PASS;
}
SELFTEST("cpu-caches-on", test_caches_on, 0);

static enum st_result test_text_write(void)
{
	uint32_t *text = (uint32_t *)(uintptr_t)&test_text_write;
	uint32_t before = *text;

	NEED_MAP(image_cpu_map());
	EXPECT(expect_abort(store32, text, EC_DABT_CUR, FSC_PERMISSION, true, "write to text"));
	EXPECT(expect_abort(store32, (void *)&ro_word, EC_DABT_CUR, FSC_PERMISSION, true,
			    "write to rodata"));
	ST_CHECK(*text == before && ro_word == 0x600dc0deu);
	return ST_PASS;
}
SELFTEST("cpu-wx-text-write", test_text_write, 0);


static enum st_result test_data_exec(void)
{
	struct st_fault f;
	uint8_t *stack_code = (uint8_t *)__builtin_frame_address(0) - 64;

	NEED_MAP(image_cpu_map());
	data_code[0] = cpu_ret_insn;
	cpu_publish_code(data_code);
	EXPECT(expect_abort(call, data_code, EC_IABT_CUR, FSC_PERMISSION, false, "fetch from data"));
	/* And from the stack, the classic injection target. */
	*(volatile uint32_t *)stack_code = cpu_ret_insn;
	cpu_publish_code(stack_code);
	if (!st_expect_fault(call, stack_code, &f) || f.ec != EC_IABT_CUR ||
	    FSC_TYPE(f.fsc) != FSC_PERMISSION)
		return st_fail("a fetch from the stack at %p was not a permission fault", stack_code);
	return ST_PASS;
}
SELFTEST("cpu-wx-data-exec", test_data_exec, 0);

/* ---- access flag, privilege --------------------------------------------- */

static enum st_result test_access_flag(void)
{
	struct cpu_map *m = image_cpu_map();
	struct pt_stats before, after;
	uint64_t va;
	int err;

	NEED_MAP(m);
	va = test_va(m);
	*(volatile uint32_t *)backing[0] = 0x5a5a0001u;
	pt_get_stats(&m->pt, &before);
	err = cpu_map_add(m, va, (uintptr_t)backing[0], SZ_4K, RW_PRIV | PT_PROT_TEST_NO_AF);
	if (err)
		return st_fail("cpu_map_add(AF = 0): %d", err);
	EXPECT(expect_abort(load32, ptr(va), EC_DABT_CUR, FSC_ACCESS_FLAG, false,
			    "read through an AF = 0 leaf"));
	/* The same leaf with AF = 1, through the core (unmap + flush, map). */
	if (cpu_map_remove(m, va, SZ_4K) != (int64_t)SZ_4K)
		return st_fail("cpu_map_remove failed");
	err = cpu_map_add(m, va, (uintptr_t)backing[0], SZ_4K, RW_PRIV);
	if (err)
		return st_fail("cpu_map_add(AF = 1): %d", err);
	ST_CHECK(peek32(va) == 0x5a5a0001u);
	ST_CHECK(cpu_map_remove(m, va, SZ_4K) == (int64_t)SZ_4K);
	pt_get_stats(&m->pt, &after);
	ST_CHECK(pt_stats_tables(&after) == pt_stats_tables(&before));
	return ST_PASS;
}
SELFTEST("cpu-access-flag", test_access_flag, 0);


static enum st_result test_unprivileged(void)
{
	struct cpu_map *m = image_cpu_map();
	uint64_t va;
	int err;

	NEED_MAP(m);
	/* A privileged page (every page of the image) refuses EL0-style access. */
	EXPECT(expect_abort(cpu_user_load32, backing[0], EC_DABT_CUR, FSC_PERMISSION, false,
			    "LDTR of a privileged page"));
	EXPECT(expect_abort(cpu_user_store32, backing[0], EC_DABT_CUR, FSC_PERMISSION, true,
			    "STTR to a privileged page"));
	/* A page mapped for EL0 (no PT_PROT_PRIV) takes it. */
	va = test_va(m);
	*(volatile uint32_t *)backing[1] = 0xe10e10u;
	err = cpu_map_add(m, va, (uintptr_t)backing[1], SZ_4K, PT_PROT_READ | PT_PROT_WRITE);
	if (err)
		return st_fail("cpu_map_add(user page): %d", err);
	cpu_user_load32(ptr(va));
	cpu_user_store32(ptr(va));
	ST_CHECK(*(volatile uint32_t *)backing[1] == 0);
	if (cpu_has_pan()) {
		/* With PAN set, EL1's own loads of an EL0 page fault too. */
		enum st_result r = expect_abort(cpu_pan_load32, ptr(va), EC_DABT_CUR, FSC_PERMISSION,
						false, "EL1 load of an EL0 page with PAN");

		if (r != ST_PASS) {
			cpu_map_remove(m, va, SZ_4K);
			return r;
		}
		ST_CHECK(cpu_pan_now() == 0);
		st_note("PAN checked");
	}
	ST_CHECK(cpu_map_remove(m, va, SZ_4K) == (int64_t)SZ_4K);
	return ST_PASS;
}
SELFTEST("cpu-unprivileged", test_unprivileged, 0);

/* ---- stale TLB entries and the core's flush ------------------------------ */

static void note_tlb(const struct cpu_tlb_count *a, const struct cpu_tlb_count *b)
{
	st_note("tlbi by-va=%lu range=%lu all=%lu", b->page - a->page, b->range - a->range,
		b->all - a->all);
}

/* va -> backing[0], then remapped to backing[1] with the flush held. */
static enum st_result test_stale_tlb(void)
{
	struct cpu_map *m = image_cpu_map();
	struct cpu_tlb_count t0;
	uint64_t va;
	uint32_t stale;
	int err;

	NEED_MAP(m);
	va = test_va(m);
	*(volatile uint32_t *)backing[0] = 0xaaaa0000u;
	*(volatile uint32_t *)backing[1] = 0xbbbb0000u;
	err = cpu_map_add(m, va, (uintptr_t)backing[0], SZ_4K, RW_PRIV);
	if (err)
		return st_fail("cpu_map_add: %d", err);
	ST_CHECK(peek32(va) == 0xaaaa0000u); /* the translation is now in the TLB */
	t0 = m->tlb;
	cpu_map_hold(m);
	ST_CHECK(cpu_map_remove(m, va, SZ_4K) == (int64_t)SZ_4K);
	err = cpu_map_add(m, va, (uintptr_t)backing[1], SZ_4K, RW_PRIV);
	stale = peek32(va);
	ST_CHECK(cpu_map_release(m) == 0);
	if (err)
		return st_fail("remap: %d", err);
	if (stale != 0xaaaa0000u)
		return st_fail("without the TLBI the read gave %#x, not the old page's 0xaaaa0000: "
			       "the TLB did not keep the translation, so the flush is unproven",
			       stale);
	ST_CHECK(peek32(va) == 0xbbbb0000u);
	note_tlb(&t0, &m->tlb);
	ST_CHECK(cpu_map_remove(m, va, SZ_4K) == (int64_t)SZ_4K);
	return ST_PASS;
}
SELFTEST("cpu-tlb-stale", test_stale_tlb, 0);

/*
 * Every shape of the TLB back end against QEMU's TLB: n pages at the test
 * window all reading page A (in the TLB), remapped to page B with the flush
 * held, then the one gathered flush: every page must read B after it. By
 * VA, by range (FEAT_TLBIRANGE: odd counts, every SCALE digit), whole
 * regime past the limits; leaf-only while a pinned page keeps the last
 * table, walk caches too when tables went.
 */
static enum st_result shape(struct cpu_map *m, uint64_t va, uint64_t n, unsigned *stale)
{
	uint64_t size = n * SZ_4K;
	int err = pt_map_repeat(&m->pt, va, size, (uintptr_t)backing[0], SZ_4K, RW_PRIV);

	if (err)
		return st_fail("map_repeat of %llu pages: %d", (unsigned long long)n, err);
	m->arch->sync();
	for (uint64_t i = 0; i < n; i++)
		if (peek32(va + i * SZ_4K) != 0xaaaa0000u)
			return st_fail("page %llu of %llu: not page A", (unsigned long long)i,
				       (unsigned long long)n);
	cpu_map_hold(m);
	ST_CHECK(pt_unmap(&m->pt, va, size) == (int64_t)size);
	err = pt_map_repeat(&m->pt, va, size, (uintptr_t)backing[1], SZ_4K, RW_PRIV);
	m->arch->sync();
	*stale += peek32(va) == 0xaaaa0000u;
	ST_CHECK(cpu_map_release(m) == 0);
	if (err)
		return st_fail("remap of %llu pages: %d", (unsigned long long)n, err);
	for (uint64_t i = 0; i < n; i++)
		if (peek32(va + i * SZ_4K) != 0xbbbb0000u)
			return st_fail("%llu pages: page %llu still reads the old page after the flush",
				       (unsigned long long)n, (unsigned long long)i);
	ST_CHECK(pt_unmap(&m->pt, va, size) == (int64_t)size);
	return ST_PASS;
}

static enum st_result test_tlbi_shapes(void)
{
	static const uint64_t counts[] = { 1, 2, 3, 31, 32, 33, 64, 65, 66, 100, 511, 1024 + 65,
					   2 * 1024 + 2 * 32 + 1 };
	struct cpu_map *m = image_cpu_map();
	struct cpu_tlb_count t0;
	unsigned stale = 0;
	uint64_t pin;

	NEED_MAP(m);
	*(volatile uint32_t *)backing[0] = 0xaaaa0000u;
	*(volatile uint32_t *)backing[1] = 0xbbbb0000u;
	/* The last page of the window's first 2 MiB stays mapped: the shapes
	 * below 511 pages unmap leaves only (the table stays). */
	pin = test_va(m) + SZ_2M - SZ_4K;
	if (cpu_map_add(m, pin, (uintptr_t)backing[0], SZ_4K, RW_PRIV))
		return st_fail("cannot pin the window's table");
	t0 = m->tlb;
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		uint64_t va = counts[i] < 511 ? test_va(m) : test_va(m) + SZ_2M;
		enum st_result r = shape(m, va, counts[i], &stale);

		if (r != ST_PASS) {
			cpu_map_remove(m, pin, SZ_4K);
			return r;
		}
	}
	ST_CHECK(cpu_map_remove(m, pin, SZ_4K) == (int64_t)SZ_4K);
	note_tlb(&t0, &m->tlb);
	st_note("stale before the flush in %u of %zu shapes", stale,
		sizeof(counts) / sizeof(counts[0]));
	ST_CHECK(stale > 0);
	return ST_PASS;
}
SELFTEST("cpu-tlbi-shapes", test_tlbi_shapes, 0);

/*
 * Break-before-make on the CPU's own walker: a 2 MiB block at the test
 * window, then one page unmapped from its middle. The core invalidates the
 * block, flushes, and writes the rest back as pages: the hole faults, its
 * neighbours still read through the new last-level table.
 */
static enum st_result test_block_split(void)
{
	extern char _end[];
	struct cpu_map *m = image_cpu_map();
	uint64_t pa = ((uintptr_t)_end + SZ_2M - 1) & ~(SZ_2M - 1), va;
	uint64_t hole = SZ_2M / 2;
	int err;

	NEED_MAP(m);
	va = test_va(m) + 2 * SZ_2M;
	for (uint64_t off = hole - SZ_4K; off <= hole + SZ_4K; off += SZ_4K)
		*(volatile uint32_t *)ptr(pa + off) = (uint32_t)(0xb10c0000u + (off >> 12));
	err = cpu_map_add(m, va, pa, SZ_2M, RW_PRIV);
	if (err)
		return st_fail("cpu_map_add(2M block): %d", err);
	ST_CHECK(peek32(va + hole) == 0xb10c0000u + (hole >> 12));
	ST_CHECK(cpu_map_remove(m, va + hole, SZ_4K) == (int64_t)SZ_4K);
	EXPECT(expect_abort(load32, ptr(va + hole), EC_DABT_CUR, FSC_TRANSLATION, false,
			    "read of the page cut from a block"));
	ST_CHECK(peek32(va + hole - SZ_4K) == 0xb10c0000u + ((hole - SZ_4K) >> 12));
	ST_CHECK(peek32(va + hole + SZ_4K) == 0xb10c0000u + ((hole + SZ_4K) >> 12));
	/* The core counts a table it unlinks whole by its span (pgtable.h). */
	ST_CHECK(cpu_map_remove(m, va, SZ_2M) >= (int64_t)(SZ_2M - SZ_4K));
	return ST_PASS;
}
SELFTEST("cpu-block-split", test_block_split, 0);

/* ---- the whole map, through the hardware's own walk (AT) ----------------- */

/* The MAIR attribute byte a region's prot selects (PT_ATTRIDX_*). */
static unsigned mair_attr(unsigned prot)
{
	unsigned idx = prot & PT_PROT_DEVICE ? PT_ATTRIDX_DEVICE :
		       prot & PT_PROT_NONCACHED ? PT_ATTRIDX_NONCACHED : PT_ATTRIDX_CACHED;

	return cpu_mair_attr(idx);
}

/* The page at offset off into region r, through the hardware's own walk:
 * its VA translates to its PA with the region's memory type, and a
 * read-only page refuses a write; a hole does not translate. */
static enum st_result walk_page(const struct cpu_region *r, uint64_t off)
{
	uint64_t va = cpu_region_va(r) + off, want = r->start + off, pa = 0;
	unsigned attr = 0;
	bool ok = cpu_translate(va, false, &pa, &attr);

	if (!r->prot)
		return ok ? st_fail("%s: %#llx translates", r->name, (unsigned long long)va)
			  : ST_PASS;
	if (!ok || pa != want)
		return st_fail("%s: %#llx does not translate to %#llx (%s %#llx)", r->name,
			       (unsigned long long)va, (unsigned long long)want,
			       ok ? "PA" : "fault", (unsigned long long)pa);
	if (attr != mair_attr(r->prot))
		return st_fail("%s: %#llx has attributes %#x, not %#x", r->name,
			       (unsigned long long)va, attr, mair_attr(r->prot));
	if (!(r->prot & PT_PROT_WRITE) && cpu_translate(va, true, &pa, &attr))
		return st_fail("%s: %#llx is writable", r->name, (unsigned long long)va);
	return ST_PASS;
}

/* A fetch from the first page of a mapped, non-executable region faults. */
static enum st_result fetch_faults(const struct cpu_region *r)
{
	bool ram = (r->prot & PT_PROT_WRITE) && !(r->prot & PT_PROT_DEVICE);
	uint32_t *p = ptr(cpu_region_va(r)), saved = 0;
	struct st_fault f;
	bool faulted;

	if (ram) {
		saved = *p;
		*p = cpu_ret_insn;
		cpu_publish_code(p);
	}
	faulted = st_expect_fault(call, p, &f);
	if (ram)
		*p = saved;
	if (!faulted || f.ec != EC_IABT_CUR || FSC_TYPE(f.fsc) != FSC_PERMISSION)
		return st_fail("%s: a fetch from %p did not take a permission fault", r->name, p);
	return ST_PASS;
}

static void dump_line(void *ctx, const char *line)
{
	(void)ctx;
	printf("# %s\n", line);
}

static enum st_result test_map_walk(void)
{
	const struct cpu_map *m = image_cpu_map();
	unsigned long pages = 0;

	NEED_MAP(m);
	pt_dump(&m->pt, dump_line, NULL);
	for (size_t i = 0; i < m->nregions; i++) {
		const struct cpu_region *r = &m->region[i];
		/* Every page of small regions; big ones every 64 KiB and the last page. */
		uint64_t step = r->end - r->start > (16u << 20) ? 16 * SZ_4K : SZ_4K;

		for (uint64_t off = 0; off < r->end - r->start; off += step, pages++)
			EXPECT(walk_page(r, off));
		EXPECT(walk_page(r, r->end - r->start - SZ_4K));
		if (r->prot && !(r->prot & PT_PROT_EXEC))
			EXPECT(fetch_faults(r));
	}
	st_note("%lu pages walked by the CPU (AT)", pages);
	return ST_PASS;
}
SELFTEST("cpu-map-walk", test_map_walk, 0);
