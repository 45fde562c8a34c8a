/* SPDX-License-Identifier: MIT */
/* The host tests' DTB writer (see fdt_build.h). */
#include <string.h>

#include "tests/host/fdt_build.h"

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void emit(struct fdt_build *b, const void *p, size_t n)
{
	memcpy(b->structs + b->ns, p, n);
	b->ns += n;
	while (b->ns % 4)
		b->structs[b->ns++] = 0;
}

void fb_init(struct fdt_build *b)
{
	memset(b, 0, sizeof(*b));
}

void fb_token(struct fdt_build *b, uint32_t tok)
{
	put32(b->structs + b->ns, tok);
	b->ns += 4;
}

void fb_begin(struct fdt_build *b, const char *name)
{
	fb_token(b, 1);
	emit(b, name, strlen(name) + 1);
}

void fb_end(struct fdt_build *b)
{
	fb_token(b, 2);
}

static uint32_t string_off(struct fdt_build *b, const char *name)
{
	for (size_t at = 0; at < b->nstr; at += strlen((char *)b->strings + at) + 1)
		if (strcmp((char *)b->strings + at, name) == 0)
			return (uint32_t)at;
	size_t at = b->nstr;

	memcpy(b->strings + at, name, strlen(name) + 1);
	b->nstr += strlen(name) + 1;
	return (uint32_t)at;
}

void fb_prop(struct fdt_build *b, const char *name, const void *val, size_t len)
{
	fb_token(b, 3);
	fb_token(b, (uint32_t)len);
	fb_token(b, string_off(b, name));
	if (len)
		emit(b, val, len);
}

void fb_prop_str(struct fdt_build *b, const char *name, const char *s)
{
	fb_prop(b, name, s, strlen(s) + 1);
}

void fb_prop_cells(struct fdt_build *b, const char *name, const uint32_t *cells, size_t n)
{
	uint8_t v[256];

	for (size_t i = 0; i < n; i++)
		put32(v + 4 * i, cells[i]);
	fb_prop(b, name, v, 4 * n);
}

void fb_prop_u32(struct fdt_build *b, const char *name, uint32_t v)
{
	fb_prop_cells(b, name, &v, 1);
}

size_t fb_finish(struct fdt_build *b)
{
	const uint32_t rsv = 48; /* after the 40-byte header, 8-aligned: one 16-byte terminator */
	uint32_t st = rsv + 16, str;

	fb_token(b, 9);
	str = st + (uint32_t)b->ns;
	memset(b->blob, 0, sizeof(b->blob));
	put32(b->blob + 0, 0xd00dfeedu);
	put32(b->blob + 4, str + (uint32_t)b->nstr);
	put32(b->blob + 8, st);
	put32(b->blob + 12, str);
	put32(b->blob + 16, rsv);
	put32(b->blob + 20, 17);
	put32(b->blob + 24, 16);
	put32(b->blob + 32, (uint32_t)b->nstr);
	put32(b->blob + 36, (uint32_t)b->ns);
	memcpy(b->blob + st, b->structs, b->ns);
	memcpy(b->blob + str, b->strings, b->nstr);
	b->size = str + b->nstr;
	return b->size;
}

void fb_qemu_virt_smmu(struct fdt_build *b, uint32_t phandle)
{
	fb_begin(b, "smmuv3@9050000");
	fb_prop_str(b, "compatible", "arm,smmu-v3");
	fb_prop_cells(b, "reg", (const uint32_t[]){ 0, 0x09050000, 0, 0x20000 }, 4);
	fb_prop_u32(b, "phandle", phandle);
	fb_prop_u32(b, "#iommu-cells", 1);
	fb_end(b);
}
