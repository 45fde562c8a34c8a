/* SPDX-License-Identifier: MIT */
/*
 * The device tree reader (drivers/fdt.c, drivers/dt_facts.c) on blobs made
 * here token by token (tests/host/fdt_build.c): every fact from a tree with
 * a translated bus, aliases, a PCIe host with several windows and an
 * iommu-map; every malformed shape fdt_open must refuse, each with its
 * reason; loops in phandle references; and a sweep of every one-byte change
 * and every truncation of a good blob, which must be refused or read
 * without reading outside the blob (ASan). Real blobs (QEMU's, and Linux's
 * Rockchip boards through dtc) are checked against fdtget by tools/dt-check.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/dt_facts.h"
#include "tests/host/fdt_build.h"

#define PH_GIC  1
#define PH_SMMU 5
#define PH_MSI  7

static struct fdt_build fb;

static void cells(const char *name, const uint32_t *v, size_t n)
{
	fb_prop_cells(&fb, name, v, n);
}

/* A QEMU-virt-like tree with a Rockchip-like bus under it. */
static size_t build_good_tree(void)
{
	fb_init(&fb);
	fb_begin(&fb, "");
	fb_prop_u32(&fb, "#address-cells", 2);
	fb_prop_u32(&fb, "#size-cells", 2);
	fb_prop_str(&fb, "model", "test board");
	fb_prop_u32(&fb, "interrupt-parent", PH_GIC);

	fb_begin(&fb, "chosen");
	fb_prop_str(&fb, "bootargs", "boot-el1 smmu-*");
	fb_prop_str(&fb, "stdout-path", "serial0:115200n8");
	fb_end(&fb);
	fb_begin(&fb, "aliases");
	fb_prop_str(&fb, "serial0", "/pl011@9000000");
	fb_end(&fb);

	fb_begin(&fb, "memory@40000000");
	fb_prop_str(&fb, "device_type", "memory");
	cells("reg", (const uint32_t[]){ 0, 0x40000000, 0, 0x10000000, 1, 0, 0, 0x20000000 }, 8);
	fb_end(&fb);

	fb_begin(&fb, "pl011@9000000");
	fb_prop(&fb, "compatible", "arm,pl011\0arm,primecell", 24);
	cells("reg", (const uint32_t[]){ 0, 0x09000000, 0, 0x1000 }, 4);
	fb_end(&fb);

	fb_begin(&fb, "intc@8000000");
	fb_prop_u32(&fb, "phandle", PH_GIC);
	fb_prop_u32(&fb, "#interrupt-cells", 3);
	fb_begin(&fb, "v2m@8020000");
	fb_prop_u32(&fb, "phandle", PH_MSI);
	fb_prop_str(&fb, "compatible", "arm,gic-v2m-frame");
	fb_end(&fb);
	fb_end(&fb);

	fb_qemu_virt_smmu(&fb, PH_SMMU);

	fb_begin(&fb, "pcie@10000000");
	fb_prop_str(&fb, "compatible", "pci-host-ecam-generic");
	fb_prop_u32(&fb, "#address-cells", 3);
	fb_prop_u32(&fb, "#size-cells", 2);
	cells("reg", (const uint32_t[]){ 0x40, 0x10000000, 0, 0x10000000 }, 4);
	cells("bus-range", (const uint32_t[]){ 0, 0x0f }, 2);
	cells("ranges", (const uint32_t[]){
		0x01000000, 0, 0, 0, 0x3eff0000, 0, 0x10000,            /* I/O */
		0x42000000, 0, 0x20000000, 0, 0x20000000, 0, 0x1000000, /* 32-bit prefetchable */
		0x02000000, 0, 0x10000000, 0, 0x10000000, 0, 0x2eff0000, /* 32-bit */
		0x03000000, 0x80, 0, 0x80, 0, 0x80, 0 }, 28);           /* 64-bit */
	cells("iommu-map", (const uint32_t[]){ 0, PH_SMMU, 0x100, 0x10, 0x10, PH_SMMU, 0, 0xfff0 }, 8);
	fb_prop_u32(&fb, "msi-parent", PH_MSI);
	fb_end(&fb);

	fb_begin(&fb, "soc");
	fb_prop_str(&fb, "compatible", "simple-bus");
	fb_prop_u32(&fb, "#address-cells", 1);
	fb_prop_u32(&fb, "#size-cells", 1);
	cells("ranges", (const uint32_t[]){ 0, 0, 0xff000000, 0x1000000 }, 4);
	fb_begin(&fb, "gpu@9a0000");
	fb_prop(&fb, "compatible", "rockchip,rk3399-mali\0arm,mali-t860", 35);
	cells("reg", (const uint32_t[]){ 0x9a0000, 0x10000 }, 2);
	cells("interrupts", (const uint32_t[]){ 0, 20, 4, 0, 21, 4, 0, 19, 4 }, 9);
	fb_prop(&fb, "interrupt-names", "job\0mmu\0gpu", 12);
	fb_prop(&fb, "dma-coherent", NULL, 0);
	fb_end(&fb);
	fb_end(&fb);

	fb_end(&fb);
	return fb_finish(&fb);
}

static void open_ok(struct fdt *f, size_t n)
{
	int ret = fdt_open(f, fb.blob, n);

	if (ret)
		fail_msg("refused: %s at %u", f->why, f->why_at);
}

static void test_facts_of_a_full_tree(void **state)
{
	struct fdt f;
	struct dt_facts d;
	uint32_t sid;

	(void)state;
	open_ok(&f, build_good_tree());
	assert_int_equal(f.nodes, 11);
	dt_facts_read(&f, &d);
	assert_string_equal(d.problem, "");
	assert_string_equal(d.model, "test board");
	assert_int_equal(d.nbanks, 2);
	assert_int_equal(d.mem[0].base, 0x40000000);
	assert_int_equal(d.mem[0].size, 0x10000000);
	assert_int_equal(d.mem[1].base, 0x100000000ull);
	assert_int_equal(d.mem[1].size, 0x20000000);
	assert_true(d.has_bootargs);
	assert_string_equal(d.bootargs, "boot-el1 smmu-*");
	assert_string_equal(d.stdout_path, "serial0:115200n8");
	assert_string_equal(d.uart_compat, "arm,pl011");
	assert_int_equal(d.uart.base, 0x09000000);

	assert_true(d.smmu_node >= 0 && d.smmu_enabled);
	assert_int_equal(d.smmu.base, 0x09050000);
	assert_int_equal(d.smmu.size, 0x20000);
	assert_int_equal(d.smmu_phandle, PH_SMMU);

	assert_true(d.pci_node >= 0);
	assert_int_equal(d.ecam.base, 0x4010000000ull);
	assert_int_equal(d.bus_last, 0x0f);
	assert_true(d.has_mmio32);
	assert_false(d.mmio32_prefetchable); /* the non-prefetchable window wins */
	assert_int_equal(d.mmio32.base, 0x10000000);
	assert_int_equal(d.mmio32.size, 0x2eff0000);
	assert_string_equal(d.msi_prop, "msi-parent");
	assert_string_equal(d.msi_compat, "arm,gic-v2m-frame");
	assert_int_equal(d.n_iommu_map, 2);
	assert_int_equal(dt_facts_rid_to_sid(&d, PH_SMMU, 0x3, &sid), 0);
	assert_int_equal(sid, 0x103);
	assert_int_equal(dt_facts_rid_to_sid(&d, PH_SMMU, 0x28, &sid), 0);
	assert_int_equal(sid, 0x18);
	assert_int_equal(dt_facts_rid_to_sid(&d, PH_SMMU, 0x10000, &sid), -ENOENT);
	assert_int_equal(dt_facts_rid_to_sid(&d, PH_GIC, 0x3, &sid), -ENOENT);

	assert_true(d.gpu_node >= 0 && d.gpu_enabled && d.gpu_coherent);
	assert_string_equal(d.gpu_compat, "arm,mali-t860");
	assert_int_equal(d.gpu.base, 0xff9a0000); /* through the soc bus's ranges */
	assert_int_equal(d.gpu_nirq, 3);
	assert_string_equal(d.gpu_irq[1].name, "mmu");
	assert_int_equal(d.gpu_irq[1].cell[1], 21);
	assert_int_equal(d.gpu_irq[1].ncells, 3);
}

static void test_paths_and_walks(void **state)
{
	struct fdt f;
	int soc, gpu;

	(void)state;
	open_ok(&f, build_good_tree());
	assert_int_equal(fdt_path(&f, "/"), fdt_root(&f));
	soc = fdt_path(&f, "/soc");
	gpu = fdt_path(&f, "/soc/gpu");
	assert_true(soc > 0 && gpu > soc);
	assert_int_equal(fdt_path(&f, "/soc/gpu@9a0000"), gpu);
	assert_int_equal(fdt_path(&f, "/soc/gpu@9a0001"), -ENOENT);
	assert_int_equal(fdt_parent(&f, gpu), soc);
	assert_int_equal(fdt_first_child(&f, soc), gpu);
	assert_int_equal(fdt_next_sibling(&f, gpu), -ENOENT);
	assert_int_equal(fdt_path(&f, "serial0:1500000"), fdt_path(&f, "/pl011@9000000"));
	assert_int_equal(fdt_path(&f, "serial1"), -ENOENT);
	assert_int_equal(fdt_path(&f, "/pcie"), fdt_find_compatible(&f, -1, "pci-host-ecam-generic",
								    false));
	assert_int_equal(fdt_node_by_phandle(&f, PH_MSI), fdt_path(&f, "/intc@8000000/v2m@8020000"));
	assert_int_equal(fdt_node_by_phandle(&f, 0), -ENOENT);
	assert_null(fdt_getprop(&f, gpu, "nope", NULL));
	assert_int_equal(fdt_parent(&f, fdt_root(&f)), -ENOENT);
}

/* One malformed shape: what it does to a blob, the reason fdt_open must give. */
struct bad_case {
	const char *what;
	void (*make)(void);
	size_t avail_delta; /* bytes fewer than the blob that fdt_open may read */
	const char *why;
};

static void put32(size_t at, uint32_t v)
{
	fb.blob[at] = (uint8_t)(v >> 24);
	fb.blob[at + 1] = (uint8_t)(v >> 16);
	fb.blob[at + 2] = (uint8_t)(v >> 8);
	fb.blob[at + 3] = (uint8_t)v;
}

static void small_tree(void)
{
	fb_init(&fb);
	fb_begin(&fb, "");
	fb_prop_u32(&fb, "#address-cells", 2);
	fb_begin(&fb, "chosen");
	fb_end(&fb);
	fb_end(&fb);
	fb_finish(&fb);
}

static void mk_magic(void) { small_tree(); put32(0, 0xd00dfeee); }
static void mk_truncated(void) { small_tree(); }
static void mk_version(void) { small_tree(); put32(20, 15); }
static void mk_last_comp(void) { small_tree(); put32(24, 18); }
static void mk_struct_out(void) { small_tree(); put32(36, 0x10000); }
static void mk_strings_out(void) { small_tree(); put32(12, 0xfffffff0); }
static void mk_tiny_total(void) { small_tree(); put32(4, 16); }
static void mk_rsvmap(void)
{
	small_tree();
	put32(16, 64); /* the reservation map now starts inside the structure block */
	memset(fb.blob + 64, 0xff, fb.size - 64);
	put32(0, 0xd00dfeed);
}
static void mk_prop_len(void) { small_tree(); put32(64 + 4 * 2 + 4, 0xfffffff8); }
static void mk_unknown_token(void) { small_tree(); put32(64 + 4 * 2, 0x77); }
static void mk_prop_name(void) { small_tree(); put32(64 + 4 * 2 + 8, 0x1000); }

static void mk_two_roots(void)
{
	fb_init(&fb);
	fb_begin(&fb, "");
	fb_end(&fb);
	fb_begin(&fb, "");
	fb_end(&fb);
	fb_finish(&fb);
}

static void mk_deep(void)
{
	fb_init(&fb);
	for (int i = 0; i < FDT_MAX_DEPTH + 1; i++)
		fb_begin(&fb, "n");
	for (int i = 0; i < FDT_MAX_DEPTH + 1; i++)
		fb_end(&fb);
	fb_finish(&fb);
}

static void mk_unclosed(void)
{
	fb_init(&fb);
	fb_begin(&fb, "");
	fb_begin(&fb, "a");
	fb_end(&fb);
	fb_finish(&fb); /* FDT_END with the root still open */
}

static void mk_stray_end(void)
{
	fb_init(&fb);
	fb_begin(&fb, "");
	fb_end(&fb);
	fb_end(&fb);
	fb_finish(&fb);
}

static void mk_no_end(void)
{
	small_tree();
	put32(64 + fb.ns - 4, 4); /* FDT_END becomes FDT_NOP: the walk runs off the block */
}

static void mk_prop_after_child(void)
{
	fb_init(&fb);
	fb_begin(&fb, "");
	fb_begin(&fb, "a");
	fb_end(&fb);
	fb_prop_u32(&fb, "late", 1);
	fb_end(&fb);
	fb_finish(&fb);
}

static void mk_prop_at_top(void)
{
	fb_init(&fb);
	fb_prop_u32(&fb, "x", 1);
	fb_begin(&fb, "");
	fb_end(&fb);
	fb_finish(&fb);
}

static void mk_no_root(void)
{
	fb_init(&fb);
	fb_token(&fb, 4);
	fb_finish(&fb);
}

static const struct bad_case bad_cases[] = {
	{ "bad magic", mk_magic, 0, "bad magic" },
	{ "truncated copy", mk_truncated, 8, "totalsize beyond" },
	{ "version 15", mk_version, 0, "version older" },
	{ "last_comp_version 18", mk_last_comp, 0, "last_comp_version" },
	{ "structure block past the end", mk_struct_out, 0, "structure block" },
	{ "strings block past the end", mk_strings_out, 0, "strings block" },
	{ "totalsize below the header", mk_tiny_total, 0, "totalsize smaller" },
	{ "reservation map without terminator", mk_rsvmap, 0, "no terminating entry" },
	{ "property length past the block", mk_prop_len, 0, "token runs past" },
	{ "unknown token", mk_unknown_token, 0, "token runs past" },
	{ "property name outside strings", mk_prop_name, 0, "property name" },
	{ "two roots", mk_two_roots, 0, "more than one root" },
	{ "33 levels deep", mk_deep, 0, "deeper than 32" },
	{ "root never closed", mk_unclosed, 0, "FDT_END inside a node" },
	{ "END_NODE too many", mk_stray_end, 0, "FDT_END_NODE outside" },
	{ "no FDT_END", mk_no_end, 0, "token runs past" },
	{ "property after a subnode", mk_prop_after_child, 0, "property after a subnode" },
	{ "property outside the root", mk_prop_at_top, 0, "property outside" },
	{ "no root at all", mk_no_root, 0, "no root node" },
};

static void test_malformed_blobs_are_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct fdt f;

		c->make();
		int ret = fdt_open(&f, fb.blob, fb.size - c->avail_delta);

		if (ret != -EINVAL || !f.why || !strstr(f.why, c->why))
			fail_msg("%s: ret %d, why '%s', expected '%s'", c->what, ret,
				 f.why ? f.why : "(none)", c->why);
		printf("# refused %-36s: %s at %u\n", c->what, f.why, f.why_at);
	}
	assert_int_equal(fdt_open(&(struct fdt){ 0 }, NULL, 100), -EINVAL);
	assert_int_equal(fdt_open(&(struct fdt){ 0 }, fb.blob, 39), -EINVAL);
}

/* interrupt-parent chains that do not end, aliases that are not paths. */
static void test_reference_loops_end(void **state)
{
	struct fdt f;
	struct dt_facts d;

	(void)state;
	fb_init(&fb);
	fb_begin(&fb, "");
	fb_prop_u32(&fb, "#address-cells", 1);
	fb_prop_u32(&fb, "#size-cells", 1);
	fb_begin(&fb, "a");
	fb_prop_u32(&fb, "phandle", 1);
	fb_prop_u32(&fb, "interrupt-parent", 2);
	fb_end(&fb);
	fb_begin(&fb, "b");
	fb_prop_u32(&fb, "phandle", 2);
	fb_prop_u32(&fb, "interrupt-parent", 1);
	fb_end(&fb);
	fb_begin(&fb, "aliases");
	fb_prop_str(&fb, "serial0", "serial0");
	fb_end(&fb);
	fb_begin(&fb, "chosen");
	fb_prop_str(&fb, "stdout-path", "serial0");
	fb_end(&fb);
	fb_begin(&fb, "gpu@1000");
	fb_prop_str(&fb, "compatible", "arm,mali-bifrost");
	fb_prop_u32(&fb, "interrupt-parent", 1);
	cells("interrupts", (const uint32_t[]){ 1, 2, 3 }, 3);
	cells("reg", (const uint32_t[]){ 0x1000, 0x100 }, 2);
	fb_end(&fb);
	fb_begin(&fb, "bus");
	fb_prop_u32(&fb, "#address-cells", 1);
	fb_prop_u32(&fb, "#size-cells", 1);
	fb_begin(&fb, "smmu@10");
	fb_prop_str(&fb, "compatible", "arm,smmu-v3");
	cells("reg", (const uint32_t[]){ 0x10, 0x10 }, 2); /* bus has no ranges: untranslatable */
	fb_end(&fb);
	fb_end(&fb);
	fb_end(&fb);
	open_ok(&f, fb_finish(&fb));
	dt_facts_read(&f, &d);
	assert_true(d.uart_node < 0); /* the alias is not a path */
	assert_int_equal(d.gpu_nirq, 0);
	assert_true(d.gpu_node >= 0);
	assert_int_equal(d.gpu.base, 0x1000);
	assert_int_equal(d.smmu_node, -1);
	assert_non_null(strstr(d.problem, "smmu@10: reg"));
	assert_non_null(strstr(d.problem, "gpu@1000: interrupts"));
	printf("# problem: %s\n", d.problem);
}

/* Every single-byte change and every truncation of a good blob: refused, or
 * read to the end without touching anything outside the blob. */
static void test_every_corruption_is_survived(void **state)
{
	static uint8_t copy[sizeof(fb.blob)];
	static const uint8_t flips[] = { 0x01, 0x80, 0xff };
	unsigned refused = 0, read = 0;
	size_t n = build_good_tree();

	(void)state;
	for (size_t len = 0; len < n; len++) {
		struct fdt f;

		assert_int_equal(fdt_open(&f, fb.blob, len), -EINVAL);
	}
	for (size_t at = 0; at < n; at++) {
		for (size_t k = 0; k < sizeof(flips); k++) {
			struct fdt f;
			struct dt_facts d;

			memcpy(copy, fb.blob, n);
			copy[at] ^= flips[k];
			if (fdt_open(&f, copy, n)) {
				refused++;
				continue;
			}
			dt_facts_read(&f, &d);
			read++;
		}
	}
	printf("# %zu bytes x %zu flips: %u refused, %u read\n", n, sizeof(flips), refused, read);
	assert_true(refused > 0 && read > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_facts_of_a_full_tree),
		cmocka_unit_test(test_paths_and_walks),
		cmocka_unit_test(test_malformed_blobs_are_refused),
		cmocka_unit_test(test_reference_loops_end),
		cmocka_unit_test(test_every_corruption_is_survived),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
