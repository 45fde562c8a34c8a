/* SPDX-License-Identifier: MIT */
/*
 * A reader for flattened device tree blobs (DTB): pure parsing of bytes in
 * memory, no allocation, no hardware, no global state, so the same code runs
 * in the image and in host tests and fuzzers.
 *
 * Format: Devicetree Specification v0.4 (devicetree.org), chapter 5
 * "Flattened Devicetree (DTB) Format": a big-endian header (5.2), a memory
 * reservation block (5.3), a structure block of 32-bit tokens (5.4) and a
 * strings block of property names (5.5). Property meanings (#address-cells,
 * reg, ranges, status, phandle, compatible): the same specification, 2.3.
 *
 * fdt_open() validates the whole blob once: the header, every block inside
 * totalsize, every token, node name and property inside its block, names
 * NUL-terminated, nesting balanced and at most FDT_MAX_DEPTH deep, exactly
 * one root, FDT_END last. A refused blob gets a reason and the offset where
 * it went wrong. The readers then walk a blob known to be well formed and
 * still never read outside it. A node is named by the offset of its
 * FDT_BEGIN_NODE token in the structure block (an int >= 0); readers return
 * a negative errno when there is no such node.
 */
#ifndef GPUMMU_DRIVERS_FDT_H
#define GPUMMU_DRIVERS_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC       0xd00dfeedu
#define FDT_HEADER_SIZE 40u   /* version 17 header: ten 32-bit fields */
#define FDT_MAX_DEPTH   32    /* nodes nested deeper are refused */

struct fdt {
	const uint8_t *blob;
	uint32_t size;              /* totalsize */
	uint32_t struct_off, struct_size;
	uint32_t strings_off, strings_size;
	uint32_t version;
	unsigned nodes;             /* counted by fdt_open */
	const char *why;            /* fdt_open refused: the reason */
	uint32_t why_at;            /* ... at this byte offset in the blob */
};

/* Validate the blob at blob, of which at most avail bytes may be read.
 * 0, or -EINVAL (not a DTB, or malformed: f->why, f->why_at say why). */
int fdt_open(struct fdt *f, const void *blob, size_t avail);

/* The root node (0 after fdt_open succeeded). */
int fdt_root(const struct fdt *f);
/* The next node in document order after node, with *depth updated by the
 * nesting change (+1 into a child, -n out of n levels); -ENOENT at the end. */
int fdt_next_node(const struct fdt *f, int node, int *depth);
int fdt_first_child(const struct fdt *f, int node);
int fdt_next_sibling(const struct fdt *f, int node);
/* The parent of node (a scan from the root); -ENOENT for the root. */
int fdt_parent(const struct fdt *f, int node);
/* The node's name with its unit address ("pcie@10000000"; "" for the root). */
const char *fdt_name(const struct fdt *f, int node);

/* A property's value and length, or NULL when node has no such property. */
const void *fdt_getprop(const struct fdt *f, int node, const char *name, uint32_t *len);
bool fdt_has_prop(const struct fdt *f, int node, const char *name);
/* A string property: NULL unless present and NUL-terminated within its length. */
const char *fdt_getprop_str(const struct fdt *f, int node, const char *name);
/* A one-cell property, or dflt when absent or not one cell. */
uint32_t fdt_getprop_u32(const struct fdt *f, int node, const char *name, uint32_t dflt);

/* Big-endian cells: one, or n (1 or 2) folded into 64 bits. */
uint32_t fdt_be32(const void *p);
uint64_t fdt_cells(const void *p, unsigned n);

/* A node by absolute path ("/chosen", "/soc/serial@ff1a0000"; a component
 * without '@' also matches a name with a unit address) or by an alias
 * (a path not starting with '/': its first component is looked up in
 * /aliases). Anything after ':' is ignored (stdout-path options). */
int fdt_path(const struct fdt *f, const char *path);
/* The node whose phandle (or linux,phandle) is ph. */
int fdt_node_by_phandle(const struct fdt *f, uint32_t ph);
/* Does the node's compatible list hold compat exactly? */
bool fdt_is_compatible(const struct fdt *f, int node, const char *compat);
/* The first entry of the node's compatible list starting with prefix, or NULL. */
const char *fdt_compatible_prefix(const struct fdt *f, int node, const char *prefix);
/* The next node after from (-1: from the start) whose compatible list holds
 * compat, or with prefix set an entry starting with compat. */
int fdt_find_compatible(const struct fdt *f, int from, const char *compat, bool prefix);
/* status absent, "okay" or "ok" (Devicetree Specification 2.3.4). */
bool fdt_is_enabled(const struct fdt *f, int node);

/* #address-cells / #size-cells a node gives its children (defaults 2 and 1). */
unsigned fdt_address_cells(const struct fdt *f, int node);
unsigned fdt_size_cells(const struct fdt *f, int node);
/*
 * Entry idx of node's reg, in CPU addresses: translated through the ranges
 * of every ancestor bus (an empty ranges is the identity). 0, -ENOENT (no
 * such entry), -ERANGE (cells wider than 64 bits, or an address no ranges
 * entry covers), -EINVAL (a reg of the wrong length).
 */
int fdt_reg(const struct fdt *f, int node, unsigned idx, uint64_t *addr, uint64_t *size);
/* Translate a child-bus address of bus's children into CPU addresses. */
int fdt_translate(const struct fdt *f, int bus, uint64_t *addr);

#endif
