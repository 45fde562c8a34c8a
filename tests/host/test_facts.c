/* SPDX-License-Identifier: MIT */
/*
 * The board's facts (boot/facts.c): the device tree over the board file,
 * each fact's source, disagreements, and the refusals: a malformed blob, a
 * DT whose memory does not hold the image, bootargs too long; the StreamID
 * of a requester ID through the iommu-map or the board's identity rule.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "boot/facts.h"
#include "tests/host/fdt_build.h"

#define PH_SMMU 3

static const struct board qemu = {
	.name = "qemu-virt", .uart_base = 0x09000000, .uart_size = 0x1000,
	.ram_base = 0x40000000, .ram_size = 512u << 20,
	.gpu_mmu = BOARD_GPU_MMU_SMMUV3, .smmu_base = 0x09050000, .smmu_size = 0x20000,
	.pci_ecam_base = 0x4010000000, .pci_ecam_size = 0x10000000,
	.pci_mmio32_base = 0x10000000, .pci_mmio32_size = 0x2eff0000,
};

static const struct board rk = {
	.name = "rk", .uart_base = 0xff1a0000, .uart_size = 0x100, .ram_base = 0,
	.ram_size = 1u << 30, .gpu_mmu = BOARD_GPU_MMU_MALI, .gpu_base = 0xff9a0000,
	.gpu_size = 0x10000, .gpu_coherent = false,
};

static const struct facts_image qemu_img = { 0x40200000, 0x41800000 };
static const struct facts_image rk_img = { 0x02000000, 0x03600000 };
static struct fdt_build fb;
static struct board_facts fx;

struct tree {
	uint64_t mem_base, mem_size, ecam;
	uint32_t sid_base;
	const char *bootargs;
	bool gpu, coherent;
};

static void reg2(const char *name, uint64_t a, uint64_t s)
{
	uint32_t c[4] = { (uint32_t)(a >> 32), (uint32_t)a, (uint32_t)(s >> 32), (uint32_t)s };

	fb_prop_cells(&fb, name, c, 4);
}

static size_t build(const struct tree *t)
{
	fb_init(&fb);
	fb_begin(&fb, "");
	fb_prop_u32(&fb, "#address-cells", 2);
	fb_prop_u32(&fb, "#size-cells", 2);
	fb_begin(&fb, "chosen");
	if (t->bootargs)
		fb_prop_str(&fb, "bootargs", t->bootargs);
	fb_end(&fb);
	fb_begin(&fb, "memory@0");
	fb_prop_str(&fb, "device_type", "memory");
	reg2("reg", t->mem_base, t->mem_size);
	fb_end(&fb);
	if (t->ecam) {
		fb_qemu_virt_smmu(&fb, PH_SMMU);
		fb_begin(&fb, "pcie@10000000");
		fb_prop_str(&fb, "compatible", "pci-host-ecam-generic");
		fb_prop_u32(&fb, "#address-cells", 3);
		fb_prop_u32(&fb, "#size-cells", 2);
		reg2("reg", t->ecam, 0x1000000);
		fb_prop_cells(&fb, "iommu-map", (const uint32_t[]){ 0, PH_SMMU, t->sid_base, 0x100 }, 4);
		fb_end(&fb);
	}
	if (t->gpu) {
		fb_begin(&fb, "gpu@ff9a0000");
		fb_prop_str(&fb, "compatible", "arm,mali-t860");
		reg2("reg", 0xff9a0000, 0x10000);
		if (t->coherent)
			fb_prop(&fb, "dma-coherent", NULL, 0);
		fb_end(&fb);
	}
	fb_end(&fb);
	return fb_finish(&fb);
}

static void build_facts(const struct board *b, const struct tree *t, const struct facts_image *img)
{
	size_t n = t ? build(t) : 0;

	facts_build(&fx, b, t ? fb.blob : NULL, n, 0x40000000, t ? "test" : NULL, img);
}

static void test_no_tree_is_the_board_file(void **state)
{
	uint32_t sid;

	(void)state;
	build_facts(&qemu, NULL, &qemu_img);
	assert_false(fx.dt_ok);
	assert_int_equal(fx.nbanks, 1);
	assert_int_equal(fx.ram[0].src, FACT_BOARD);
	assert_int_equal(fx.ram[0].size, 512u << 20);
	assert_int_equal(fx.smmu.src, FACT_BOARD);
	assert_int_equal(fx.gpu.src, FACT_NONE);
	assert_null(fx.bootargs);
	assert_int_equal(facts_pci_sid(&fx, 0x28, &sid), 0);
	assert_int_equal(sid, 0x28); /* QEMU virt: StreamID = requester ID */
}

static void test_tree_that_agrees(void **state)
{
	const struct tree t = { 0x40000000, 512u << 20, 0x4010000000, 0, "boot-el1", false, false };

	(void)state;
	build_facts(&qemu, &t, &qemu_img);
	assert_true(fx.dt_ok);
	assert_int_equal(fx.ram[0].src, FACT_DT_AGREES);
	assert_int_equal(fx.smmu.src, FACT_DT_AGREES);
	assert_int_equal(fx.pci_ecam.src, FACT_DT_DIFFERS); /* 16 MiB, not the board's 256 */
	assert_string_equal(fx.bootargs, "boot-el1");
}

static void test_tree_wins_a_disagreement(void **state)
{
	const struct tree t = { 0x40000000, 256u << 20, 0x3f000000, 0x100, NULL, false, false };
	uint32_t sid;

	(void)state;
	build_facts(&qemu, &t, &qemu_img);
	assert_int_equal(fx.ram[0].src, FACT_DT_DIFFERS);
	assert_int_equal(fx.ram[0].size, 256u << 20);
	assert_int_equal(fx.ram[0].board_size, 512u << 20);
	assert_int_equal(fx.pci_ecam.base, 0x3f000000);
	assert_int_equal(fx.pci_ecam.board_base, 0x4010000000);
	assert_int_equal(fx.pci_mmio32.src, FACT_BOARD); /* the tree has no ranges */
	assert_int_equal(facts_pci_sid(&fx, 0x28, &sid), 0);
	assert_int_equal(sid, 0x128);
	assert_int_equal(facts_pci_sid(&fx, 0x100, &sid), -ENOENT);
	facts_print(&fx);
}

static void test_memory_without_the_image_is_not_used(void **state)
{
	const struct tree t = { 0x80000000, 256u << 20, 0, 0, NULL, false, false };

	(void)state;
	build_facts(&qemu, &t, &qemu_img);
	assert_true(fx.dt_ok);
	assert_int_equal(fx.ram[0].src, FACT_BOARD);
	assert_int_equal(fx.ram[0].base, 0x40000000);
	assert_non_null(strstr(fx.dt_note, "does not hold the image"));
}

static void test_malformed_tree_is_refused(void **state)
{
	const struct tree t = { 0x40000000, 256u << 20, 0, 0, NULL, false, false };
	size_t n = build(&t);

	(void)state;
	fb.blob[0] ^= 1;
	facts_build(&fx, &qemu, fb.blob, n, 0x40000000, "test", &qemu_img);
	assert_false(fx.dt_ok);
	assert_int_equal(fx.ram[0].src, FACT_BOARD);
	assert_int_equal(fx.ram[0].size, 512u << 20);
	assert_non_null(strstr(fx.dt_note, "refused: bad magic"));
	facts_build(&fx, &qemu, fb.blob, 16, 0x40000000, "test", &qemu_img);
	assert_non_null(strstr(fx.dt_note, "refused: shorter than a DTB header"));
}

static void test_ram_at_zero_and_the_gpu(void **state)
{
	const struct tree t = { 0, 4ull << 30, 0, 0, NULL, true, true };

	(void)state;
	build_facts(&rk, &t, &rk_img);
	assert_int_equal(fx.ram[0].src, FACT_DT_DIFFERS); /* 4 GiB, not the board's 1 */
	assert_int_equal(fx.ram[0].base, 0);
	assert_int_equal(fx.gpu.src, FACT_DT_AGREES);
	assert_true(fx.gpu_coherent);
	assert_int_equal(fx.gpu_coherent_src, FACT_DT_DIFFERS);
	assert_int_equal(fx.smmu.src, FACT_NONE);
	facts_print(&fx); /* the banner's lines, under ASan/UBSan */
}

static void test_bootargs_too_long(void **state)
{
	char line[DT_BOOTARGS_MAX + 10];
	struct tree t = { 0x40000000, 512u << 20, 0, 0, line, false, false };

	(void)state;
	memset(line, 'a', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	build_facts(&qemu, &t, &qemu_img);
	assert_null(fx.bootargs);
	assert_true(fx.dt.bootargs_too_long);
	assert_non_null(strstr(fx.dt_note, "bootargs longer than"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_tree_is_the_board_file),
		cmocka_unit_test(test_tree_that_agrees),
		cmocka_unit_test(test_tree_wins_a_disagreement),
		cmocka_unit_test(test_memory_without_the_image_is_not_used),
		cmocka_unit_test(test_malformed_tree_is_refused),
		cmocka_unit_test(test_ram_at_zero_and_the_gpu),
		cmocka_unit_test(test_bootargs_too_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
