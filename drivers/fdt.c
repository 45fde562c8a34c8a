/* SPDX-License-Identifier: MIT */
/* Flattened device tree reader (see fdt.h). */
#include <errno.h>
#include <string.h>

#include "fdt.h"

/* Header fields, byte offsets (Devicetree Specification v0.4, 5.2). */
#define HDR_MAGIC             0
#define HDR_TOTALSIZE         4
#define HDR_OFF_DT_STRUCT     8
#define HDR_OFF_DT_STRINGS    12
#define HDR_OFF_MEM_RSVMAP    16
#define HDR_VERSION           20
#define HDR_LAST_COMP_VERSION 24
#define HDR_SIZE_DT_STRINGS   32
#define HDR_SIZE_DT_STRUCT    36 /* version 17 and later */

/* Structure block tokens (5.4.1). */
#define FDT_BEGIN_NODE 0x1u
#define FDT_END_NODE   0x2u
#define FDT_PROP       0x3u
#define FDT_NOP        0x4u
#define FDT_END        0x9u

/* The oldest version whose layout this reader knows (size_dt_strings is v3+,
 * everything else v16), and the newest it may be compatible with. */
#define FDT_VERSION_MIN 16u
#define FDT_VERSION_MAX 17u

/* Longest alias name fdt_path looks up. */
#define FDT_ALIAS_MAX 64

uint32_t fdt_be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

uint64_t fdt_cells(const void *p, unsigned n)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v = v << 32 | fdt_be32(b + 4 * i);
	return v;
}

static uint32_t hdr(const struct fdt *f, unsigned field)
{
	return fdt_be32(f->blob + field);
}

static const uint8_t *sp(const struct fdt *f, uint32_t off)
{
	return f->blob + f->struct_off + off;
}

static uint32_t align4(uint32_t v)
{
	return (v + 3u) & ~3u;
}

/*
 * The token at structure offset off and the offset of the one after it.
 * -EINVAL when any part of it (name, property header, value) lies outside
 * the structure block or the token is unknown. next > off always, so a walk
 * ends within struct_size / 4 steps whatever the bytes say.
 */
static int token(const struct fdt *f, uint32_t off, uint32_t *tok, uint32_t *next)
{
	uint32_t room;

	if (off % 4 || f->struct_size < 4 || off > f->struct_size - 4)
		return -EINVAL;
	room = f->struct_size - off - 4;
	*tok = fdt_be32(sp(f, off));
	switch (*tok) {
	case FDT_BEGIN_NODE: {
		const uint8_t *nul = memchr(sp(f, off + 4), '\0', room);

		if (!nul)
			return -EINVAL;
		*next = off + 4 + align4((uint32_t)(nul - sp(f, off + 4)) + 1);
		return 0;
	}
	case FDT_PROP: {
		if (room < 8)
			return -EINVAL;
		uint32_t len = fdt_be32(sp(f, off + 4));

		if (len > room - 8)
			return -EINVAL;
		*next = off + 12 + align4(len); /* len <= room - 8 < 2^32 - 12: no wrap */
		return 0;
	}
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		*next = off + 4;
		return 0;
	default:
		return -EINVAL;
	}
}

static int refuse(struct fdt *f, const char *why, uint64_t at)
{
	f->why = why;
	f->why_at = (uint32_t)at;
	return -EINVAL;
}

/* [off, off + len) inside the blob (64-bit sums: no wrap). */
static bool inside(const struct fdt *f, uint64_t off, uint64_t len)
{
	return off <= f->size && len <= f->size - off;
}

static int check_header(struct fdt *f, size_t avail)
{
	if (avail < FDT_HEADER_SIZE)
		return refuse(f, "shorter than a DTB header", 0);
	if (hdr(f, HDR_MAGIC) != FDT_MAGIC)
		return refuse(f, "bad magic (not 0xd00dfeed)", HDR_MAGIC);
	f->size = hdr(f, HDR_TOTALSIZE);
	if (f->size < FDT_HEADER_SIZE)
		return refuse(f, "totalsize smaller than the header", HDR_TOTALSIZE);
	if (f->size > avail)
		return refuse(f, "totalsize beyond the memory it may occupy (truncated?)",
			      HDR_TOTALSIZE);
	f->version = hdr(f, HDR_VERSION);
	if (f->version < FDT_VERSION_MIN)
		return refuse(f, "version older than 16", HDR_VERSION);
	if (hdr(f, HDR_LAST_COMP_VERSION) > FDT_VERSION_MAX)
		return refuse(f, "last_comp_version newer than 17", HDR_LAST_COMP_VERSION);

	f->struct_off = hdr(f, HDR_OFF_DT_STRUCT);
	f->strings_off = hdr(f, HDR_OFF_DT_STRINGS);
	f->strings_size = hdr(f, HDR_SIZE_DT_STRINGS);
	/* Before version 17 the structure block's size is not recorded. */
	f->struct_size = f->version >= 17 ? hdr(f, HDR_SIZE_DT_STRUCT)
					  : (f->struct_off <= f->size ? f->size - f->struct_off : 0);
	if (f->struct_off % 4 || f->struct_off < FDT_HEADER_SIZE - 4 ||
	    !inside(f, f->struct_off, f->struct_size))
		return refuse(f, "structure block outside the blob or misaligned",
			      HDR_OFF_DT_STRUCT);
	if (!inside(f, f->strings_off, f->strings_size))
		return refuse(f, "strings block outside the blob", HDR_OFF_DT_STRINGS);
	return 0;
}

/* Memory reservation entries (5.3): 64-bit address, size pairs ending in 0, 0. */
static int check_rsvmap(struct fdt *f)
{
	uint64_t off = hdr(f, HDR_OFF_MEM_RSVMAP);

	if (off % 8 || off < FDT_HEADER_SIZE - 4)
		return refuse(f, "memory reservation block misaligned", HDR_OFF_MEM_RSVMAP);
	for (; inside(f, off, 16); off += 16)
		if (fdt_cells(f->blob + off, 2) == 0 && fdt_cells(f->blob + off + 8, 2) == 0)
			return 0;
	return refuse(f, "memory reservation block has no terminating entry", off);
}

static int check_prop_name(struct fdt *f, uint32_t off)
{
	uint32_t nameoff = fdt_be32(sp(f, off + 8));

	if (nameoff >= f->strings_size ||
	    !memchr(f->blob + f->strings_off + nameoff, '\0', f->strings_size - nameoff))
		return refuse(f, "property name outside the strings block",
			      (uint64_t)f->struct_off + off);
	return 0;
}

/* One pass over every token: balanced, bounded, one root, properties first. */
static int check_structure(struct fdt *f)
{
	uint32_t off = 0, tok, next;
	unsigned depth = 0, roots = 0;
	bool seen_child = false; /* the current node already had a subnode */

	for (;; off = next) {
		uint64_t at = (uint64_t)f->struct_off + off;

		if (token(f, off, &tok, &next))
			return refuse(f, "token runs past the structure block or is unknown", at);
		switch (tok) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && roots++)
				return refuse(f, "more than one root node", at);
			if (++depth > FDT_MAX_DEPTH)
				return refuse(f, "nodes nested deeper than 32", at);
			f->nodes++;
			seen_child = false;
			break;
		case FDT_END_NODE:
			if (depth == 0)
				return refuse(f, "FDT_END_NODE outside any node", at);
			depth--;
			seen_child = true; /* the parent now has a subnode behind it */
			break;
		case FDT_PROP:
			if (depth == 0)
				return refuse(f, "property outside any node", at);
			if (seen_child)
				return refuse(f, "property after a subnode", at);
			if (check_prop_name(f, off))
				return -EINVAL;
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			if (depth)
				return refuse(f, "FDT_END inside a node", at);
			if (!roots)
				return refuse(f, "no root node", at);
			return 0;
		}
	}
}

int fdt_open(struct fdt *f, const void *blob, size_t avail)
{
	memset(f, 0, sizeof(*f));
	f->blob = blob;
	if (!blob)
		return refuse(f, "no blob", 0);
	int ret = check_header(f, avail);

	if (!ret)
		ret = check_rsvmap(f);
	if (!ret)
		ret = check_structure(f);
	return ret;
}

int fdt_root(const struct fdt *f)
{
	uint32_t off = 0, tok, next;

	for (; token(f, off, &tok, &next) == 0; off = next)
		if (tok == FDT_BEGIN_NODE)
			return (int)off;
		else if (tok != FDT_NOP)
			break;
	return -ENOENT;
}

static bool is_node(const struct fdt *f, int node, uint32_t *next)
{
	uint32_t tok;

	return node >= 0 && token(f, (uint32_t)node, &tok, next) == 0 && tok == FDT_BEGIN_NODE;
}

int fdt_next_node(const struct fdt *f, int node, int *depth)
{
	uint32_t off, tok, next;

	if (!is_node(f, node, &off))
		return -EINVAL;
	for (; token(f, off, &tok, &next) == 0; off = next) {
		if (tok == FDT_BEGIN_NODE) {
			(*depth)++;
			return (int)off;
		}
		if (tok == FDT_END_NODE)
			(*depth)--;
		else if (tok == FDT_END)
			return -ENOENT;
	}
	return -EINVAL;
}

int fdt_first_child(const struct fdt *f, int node)
{
	int depth = 0, n = fdt_next_node(f, node, &depth);

	return n >= 0 && depth == 1 ? n : -ENOENT;
}

int fdt_next_sibling(const struct fdt *f, int node)
{
	int depth = 0;

	for (int n = fdt_next_node(f, node, &depth); n >= 0; n = fdt_next_node(f, n, &depth)) {
		if (depth == 0)
			return n;
		if (depth < 0)
			break;
	}
	return -ENOENT;
}

int fdt_parent(const struct fdt *f, int node)
{
	int stack[FDT_MAX_DEPTH + 1], depth = 0;

	for (int n = fdt_root(f); n >= 0; n = fdt_next_node(f, n, &depth)) {
		if (depth < 0 || depth > FDT_MAX_DEPTH)
			return -EINVAL;
		stack[depth] = n;
		if (n == node)
			return depth ? stack[depth - 1] : -ENOENT;
	}
	return -ENOENT;
}

const char *fdt_name(const struct fdt *f, int node)
{
	uint32_t next;

	return is_node(f, node, &next) ? (const char *)sp(f, (uint32_t)node + 4) : NULL;
}

const void *fdt_getprop(const struct fdt *f, int node, const char *name, uint32_t *len)
{
	uint32_t off, tok, next;

	if (!is_node(f, node, &off))
		return NULL;
	for (; token(f, off, &tok, &next) == 0; off = next) {
		if (tok == FDT_NOP)
			continue;
		if (tok != FDT_PROP)
			break;
		uint32_t nameoff = fdt_be32(sp(f, off + 8));

		if (nameoff < f->strings_size &&
		    strcmp((const char *)f->blob + f->strings_off + nameoff, name) == 0) {
			if (len)
				*len = fdt_be32(sp(f, off + 4));
			return sp(f, off + 12);
		}
	}
	return NULL;
}

bool fdt_has_prop(const struct fdt *f, int node, const char *name)
{
	return fdt_getprop(f, node, name, NULL) != NULL;
}

const char *fdt_getprop_str(const struct fdt *f, int node, const char *name)
{
	uint32_t len;
	const char *s = fdt_getprop(f, node, name, &len);

	return s && len && s[len - 1] == '\0' ? s : NULL;
}

uint32_t fdt_getprop_u32(const struct fdt *f, int node, const char *name, uint32_t dflt)
{
	uint32_t len;
	const void *p = fdt_getprop(f, node, name, &len);

	return p && len == 4 ? fdt_be32(p) : dflt;
}

/* Does a path component (len bytes) name this node? */
static bool component_matches(const char *name, const char *comp, size_t len)
{
	if (strncmp(name, comp, len) != 0)
		return false;
	return name[len] == '\0' || (name[len] == '@' && !memchr(comp, '@', len));
}

static int subnode(const struct fdt *f, int node, const char *comp, size_t len)
{
	for (int c = fdt_first_child(f, node); c >= 0; c = fdt_next_sibling(f, c))
		if (component_matches(fdt_name(f, c), comp, len))
			return c;
	return -ENOENT;
}

/* Walk the components of p (up to ':' or the end) down from node. */
static int walk_path(const struct fdt *f, int node, const char *p)
{
	while (node >= 0 && *p && *p != ':') {
		size_t len = strcspn(p, "/:");

		if (len)
			node = subnode(f, node, p, len);
		p += len;
		if (*p == '/')
			p++;
	}
	return node;
}

int fdt_path(const struct fdt *f, const char *path)
{
	if (path[0] == '/')
		return walk_path(f, fdt_root(f), path);

	/* An alias: its value must be an absolute path (so aliases cannot loop). */
	char alias[FDT_ALIAS_MAX];
	size_t len = strcspn(path, "/:");
	int aliases = walk_path(f, fdt_root(f), "/aliases");

	if (aliases < 0 || len == 0 || len >= sizeof(alias))
		return -ENOENT;
	memcpy(alias, path, len);
	alias[len] = '\0';
	const char *target = fdt_getprop_str(f, aliases, alias);

	if (!target || target[0] != '/')
		return -ENOENT;
	int node = walk_path(f, fdt_root(f), target);

	return node >= 0 ? walk_path(f, node, path + len) : node;
}

int fdt_node_by_phandle(const struct fdt *f, uint32_t ph)
{
	int depth = 0;

	if (ph == 0 || ph == 0xffffffffu)
		return -ENOENT;
	for (int n = fdt_root(f); n >= 0; n = fdt_next_node(f, n, &depth))
		if (fdt_getprop_u32(f, n, "phandle", 0) == ph ||
		    fdt_getprop_u32(f, n, "linux,phandle", 0) == ph)
			return n;
	return -ENOENT;
}

/* The compatible entry equal to (or, with prefix, starting with) s, or NULL. */
static const char *compatible_entry(const struct fdt *f, int node, const char *s, bool prefix)
{
	uint32_t len;
	const char *p = fdt_getprop(f, node, "compatible", &len);
	size_t slen = strlen(s);

	if (!p || !len || p[len - 1] != '\0')
		return NULL;
	for (const char *end = p + len; p < end; p += strlen(p) + 1)
		if (prefix ? strncmp(p, s, slen) == 0 : strcmp(p, s) == 0)
			return p;
	return NULL;
}

bool fdt_is_compatible(const struct fdt *f, int node, const char *compat)
{
	return compatible_entry(f, node, compat, false) != NULL;
}

const char *fdt_compatible_prefix(const struct fdt *f, int node, const char *prefix)
{
	return compatible_entry(f, node, prefix, true);
}

int fdt_find_compatible(const struct fdt *f, int from, const char *compat, bool prefix)
{
	int depth = 0;
	int n = from < 0 ? fdt_root(f) : fdt_next_node(f, from, &depth);

	for (; n >= 0; n = fdt_next_node(f, n, &depth))
		if (compatible_entry(f, n, compat, prefix))
			return n;
	return -ENOENT;
}

bool fdt_is_enabled(const struct fdt *f, int node)
{
	const char *s = fdt_getprop_str(f, node, "status");

	return !s || strcmp(s, "okay") == 0 || strcmp(s, "ok") == 0;
}

unsigned fdt_address_cells(const struct fdt *f, int node)
{
	return fdt_getprop_u32(f, node, "#address-cells", 2);
}

unsigned fdt_size_cells(const struct fdt *f, int node)
{
	return fdt_getprop_u32(f, node, "#size-cells", 1);
}

/* One ranges entry of bus: child base, parent base, length. */
struct range_entry {
	uint64_t child, parent, len;
};

static int translate_once(const struct fdt *f, int bus, int parent, uint64_t *addr)
{
	uint32_t len;
	const uint8_t *r = fdt_getprop(f, bus, "ranges", &len);
	unsigned cac = fdt_address_cells(f, bus), csc = fdt_size_cells(f, bus);
	unsigned pac = fdt_address_cells(f, parent);
	unsigned entry = 4 * (cac + pac + csc);

	if (!r)
		return -ERANGE; /* no ranges: the children's addresses do not map up */
	if (len == 0)
		return 0;       /* empty ranges: the identity */
	if (cac > 2 || pac > 2 || csc > 2 || len % entry)
		return -ERANGE;
	for (uint32_t at = 0; at < len; at += entry) {
		struct range_entry e = { fdt_cells(r + at, cac), fdt_cells(r + at + 4 * cac, pac),
					 fdt_cells(r + at + 4 * (cac + pac), csc) };

		if (*addr >= e.child && *addr - e.child < e.len) {
			*addr = e.parent + (*addr - e.child);
			return 0;
		}
	}
	return -ERANGE;
}

int fdt_translate(const struct fdt *f, int bus, uint64_t *addr)
{
	/* Each step goes one level up: at most FDT_MAX_DEPTH steps. */
	for (int parent = fdt_parent(f, bus); parent >= 0; bus = parent, parent = fdt_parent(f, bus)) {
		int ret = translate_once(f, bus, parent, addr);

		if (ret)
			return ret;
	}
	return 0;
}

int fdt_reg(const struct fdt *f, int node, unsigned idx, uint64_t *addr, uint64_t *size)
{
	int parent = fdt_parent(f, node);
	uint32_t len;
	const uint8_t *reg = fdt_getprop(f, node, "reg", &len);

	if (parent < 0 || !reg)
		return -ENOENT;
	unsigned ac = fdt_address_cells(f, parent), sc = fdt_size_cells(f, parent);
	unsigned entry = 4 * (ac + sc);

	if (ac == 0 || ac > 2 || sc > 2)
		return -ERANGE;
	if (len % entry)
		return -EINVAL;
	if (idx >= len / entry)
		return -ENOENT;
	*addr = fdt_cells(reg + idx * entry, ac);
	*size = fdt_cells(reg + idx * entry + 4 * ac, sc);
	return fdt_translate(f, parent, addr);
}
