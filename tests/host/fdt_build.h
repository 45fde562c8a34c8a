/* SPDX-License-Identifier: MIT */
/*
 * A tiny DTB writer for host tests: blobs built token by token, so a test
 * can make exactly the well-formed or broken tree it needs (Devicetree
 * Specification v0.4, chapter 5, the same layout drivers/fdt.c reads).
 */
#ifndef GPUMMU_TESTS_HOST_FDT_BUILD_H
#define GPUMMU_TESTS_HOST_FDT_BUILD_H

#include <stddef.h>
#include <stdint.h>

#define FB_MAX 8192

struct fdt_build {
	uint8_t structs[FB_MAX], strings[FB_MAX], blob[3 * FB_MAX];
	size_t ns, nstr, size;
};

void fb_init(struct fdt_build *b);
void fb_begin(struct fdt_build *b, const char *name);
void fb_end(struct fdt_build *b);
void fb_prop(struct fdt_build *b, const char *name, const void *val, size_t len);
void fb_prop_str(struct fdt_build *b, const char *name, const char *s);
/* A property of n big-endian cells. */
void fb_prop_cells(struct fdt_build *b, const char *name, const uint32_t *cells, size_t n);
void fb_prop_u32(struct fdt_build *b, const char *name, uint32_t v);
/* QEMU virt's SMMUv3 node as its dumpdtb writes it (smmuv3@9050000, reg
 * in 2 + 2 cells, #iommu-cells 1), with the given phandle. */
void fb_qemu_virt_smmu(struct fdt_build *b, uint32_t phandle);
/* A raw 32-bit token (FDT_NOP, FDT_END, or garbage). */
void fb_token(struct fdt_build *b, uint32_t tok);
/* Header + reservation map + structure (ending in FDT_END) + strings, into b->blob. */
size_t fb_finish(struct fdt_build *b);

#endif
