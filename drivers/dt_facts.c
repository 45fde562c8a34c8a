/* SPDX-License-Identifier: MIT */
/* The firmware's facts from a device tree (see dt_facts.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../mmu/bits.h"
#include "dt_facts.h"

/* PCI phys.hi (IEEE 1275 PCI binding 2.2.1.1): npt000ss bbbbbbbb dddddfff rrrrrrrr. */
#define PCI_PHYS_PREFETCHABLE BIT(30)
#define PCI_PHYS_SPACE        GENMASK(25, 24)
#define PCI_SPACE_MEM32       0x2u
#define PCI_ADDRESS_CELLS     3u

/* interrupt-parent hops followed before giving up (a loop, or a nexus). */
#define DT_IRQ_PARENT_HOPS 8

static void copy_str(char *dst, size_t n, const char *src)
{
	size_t len = src ? strlen(src) : 0;

	if (len >= n)
		len = n - 1;
	memcpy(dst, src ? src : "", len);
	dst[len] = '\0';
}

/* Note an unusable property; the notes are joined with "; " while they fit. */
static void problem(struct dt_facts *d, const struct fdt *f, int node, const char *what, int err)
{
	size_t len = strlen(d->problem);

	snprintf(d->problem + len, sizeof(d->problem) - len, "%s%s: %s (error %d)",
		 len ? "; " : "", fdt_name(f, node), what, err);
}

static void read_memory(const struct fdt *f, struct dt_facts *d)
{
	int depth = 0;

	for (int n = fdt_root(f); n >= 0; n = fdt_next_node(f, n, &depth)) {
		const char *type = fdt_getprop_str(f, n, "device_type");
		struct dt_range r;
		int ret = 0;

		if (!type || strcmp(type, "memory") || !fdt_is_enabled(f, n))
			continue;
		for (unsigned i = 0; (ret = fdt_reg(f, n, i, &r.base, &r.size)) == 0; i++) {
			if (r.size == 0)
				continue;
			if (d->nbanks < DT_MAX_BANKS)
				d->mem[d->nbanks++] = r;
			else
				d->banks_dropped++;
		}
		if (ret != -ENOENT)
			problem(d, f, n, "reg", ret);
	}
}

static void read_chosen(const struct fdt *f, struct dt_facts *d)
{
	int chosen = fdt_path(f, "/chosen");
	uint32_t len;
	const char *s;

	d->uart_node = -1;
	if (chosen < 0)
		return;
	s = fdt_getprop(f, chosen, "bootargs", &len);
	if (s) {
		d->has_bootargs = true;
		if (!len || s[len - 1] != '\0')
			problem(d, f, chosen, "bootargs not a string", -EINVAL);
		else if (len > sizeof(d->bootargs))
			d->bootargs_too_long = true;
		else
			copy_str(d->bootargs, sizeof(d->bootargs), s);
	}
	s = fdt_getprop_str(f, chosen, "stdout-path");
	if (!s)
		s = fdt_getprop_str(f, chosen, "linux,stdout-path");
	if (!s)
		return;
	copy_str(d->stdout_path, sizeof(d->stdout_path), s);
	d->uart_node = fdt_path(f, s);
	if (d->uart_node < 0)
		return;
	copy_str(d->uart_compat, sizeof(d->uart_compat),
		 fdt_getprop_str(f, d->uart_node, "compatible"));
	int ret = fdt_reg(f, d->uart_node, 0, &d->uart.base, &d->uart.size);

	if (ret) {
		problem(d, f, d->uart_node, "reg", ret);
		d->uart_node = -1;
	}
}

/* The first node compatible with compat, preferring an enabled one. */
static int find_node(const struct fdt *f, const char *compat, bool prefix)
{
	int first = fdt_find_compatible(f, -1, compat, prefix);

	for (int n = first; n >= 0; n = fdt_find_compatible(f, n, compat, prefix))
		if (fdt_is_enabled(f, n))
			return n;
	return first;
}

/* reg[0] of node into r; on failure the problem is noted and -1 returned. */
static int reg0(const struct fdt *f, struct dt_facts *d, int node, struct dt_range *r)
{
	int ret = fdt_reg(f, node, 0, &r->base, &r->size);

	if (ret) {
		problem(d, f, node, "reg", ret);
		return -1;
	}
	return node;
}

static void read_smmu(const struct fdt *f, struct dt_facts *d)
{
	d->smmu_node = find_node(f, "arm,smmu-v3", false);
	if (d->smmu_node < 0)
		return;
	d->smmu_enabled = fdt_is_enabled(f, d->smmu_node);
	d->smmu_phandle = fdt_getprop_u32(f, d->smmu_node, "phandle",
					  fdt_getprop_u32(f, d->smmu_node, "linux,phandle", 0));
	d->smmu_node = reg0(f, d, d->smmu_node, &d->smmu);
}

/* The first 32-bit memory window of the host bridge's ranges (non-prefetchable first). */
static void read_pci_ranges(const struct fdt *f, struct dt_facts *d, int node)
{
	int parent = fdt_parent(f, node);
	unsigned cac = fdt_address_cells(f, node), csc = fdt_size_cells(f, node);
	unsigned pac = fdt_address_cells(f, parent);
	unsigned entry = 4 * (cac + pac + csc);
	uint32_t len;
	const uint8_t *r = fdt_getprop(f, node, "ranges", &len);

	if (!r)
		return;
	if (cac != PCI_ADDRESS_CELLS || pac == 0 || pac > 2 || csc == 0 || csc > 2 || len % entry) {
		problem(d, f, node, "ranges cells", -EINVAL);
		return;
	}
	for (uint32_t at = 0; at < len; at += entry) {
		uint32_t hi = fdt_be32(r + at);
		bool pf = hi & PCI_PHYS_PREFETCHABLE;
		uint64_t cpu = fdt_cells(r + at + 4 * cac, pac);

		if (FIELD_GET(PCI_PHYS_SPACE, hi) != PCI_SPACE_MEM32 ||
		    (d->has_mmio32 && (pf || !d->mmio32_prefetchable)))
			continue;
		int ret = fdt_translate(f, parent, &cpu);

		if (ret) {
			problem(d, f, node, "ranges not translatable", ret);
			continue;
		}
		d->has_mmio32 = true;
		d->mmio32_prefetchable = pf;
		d->mmio32_bus = fdt_cells(r + at + 4, 2);
		d->mmio32.base = cpu;
		d->mmio32.size = fdt_cells(r + at + 4 * (cac + pac), csc);
	}
}

static void read_iommu_map(const struct fdt *f, struct dt_facts *d, int node)
{
	uint32_t len;
	const uint8_t *m = fdt_getprop(f, node, "iommu-map", &len);

	d->iommu_map_mask = fdt_getprop_u32(f, node, "iommu-map-mask", 0xffffffffu);
	/* Every entry is rid-base, phandle, a specifier of the IOMMU's
	 * #iommu-cells, length: only one-cell specifiers (a StreamID) are used. */
	for (uint32_t at = 0; m && at + 16 <= len; at += 16) {
		struct dt_iommu_map e = { fdt_be32(m + at), fdt_be32(m + at + 4),
					  fdt_be32(m + at + 8), fdt_be32(m + at + 12) };
		int iommu = fdt_node_by_phandle(f, e.phandle);

		if (iommu < 0 || fdt_getprop_u32(f, iommu, "#iommu-cells", 0) != 1) {
			problem(d, f, node, "iommu-map entry with no 1-cell IOMMU", -EINVAL);
			return;
		}
		if (d->n_iommu_map < DT_MAX_IOMMU_MAP)
			d->iommu_map[d->n_iommu_map++] = e;
	}
	if (m && len % 16)
		problem(d, f, node, "iommu-map length", -EINVAL);
}

/* The MSI controller: msi-parent's phandle, or that of msi-map's first entry
 * (rid-base, controller phandle, msi-base, length; pci/pci-msi.txt). */
static void read_msi(const struct fdt *f, struct dt_facts *d, int node)
{
	static const char *const props[] = { "msi-parent", "msi-map" };
	static const unsigned phandle_at[] = { 0, 4 };

	for (unsigned i = 0; i < 2; i++) {
		uint32_t len;
		const uint8_t *p = fdt_getprop(f, node, props[i], &len);

		if (!p || len < phandle_at[i] + 4)
			continue;
		d->msi_parent = fdt_be32(p + phandle_at[i]);
		copy_str(d->msi_prop, sizeof(d->msi_prop), props[i]);
		int msi = fdt_node_by_phandle(f, d->msi_parent);

		if (msi >= 0)
			copy_str(d->msi_compat, sizeof(d->msi_compat),
				 fdt_getprop_str(f, msi, "compatible"));
		return;
	}
}

static void read_pci(const struct fdt *f, struct dt_facts *d)
{
	uint32_t len;
	const uint8_t *p;
	int node = find_node(f, "pci-host-ecam-generic", false);

	d->pci_node = node;
	d->bus_last = 0xff;
	if (node < 0)
		return;
	d->pci_enabled = fdt_is_enabled(f, node);
	p = fdt_getprop(f, node, "bus-range", &len);
	if (p && len == 8) {
		d->bus_first = fdt_be32(p);
		d->bus_last = fdt_be32(p + 4);
	}
	read_pci_ranges(f, d, node);
	read_iommu_map(f, d, node);
	read_msi(f, d, node);
	d->pci_node = reg0(f, d, node, &d->ecam);
}

/* #interrupt-cells of node's interrupt parent (inherited from ancestors), or 0. */
static unsigned interrupt_cells(const struct fdt *f, int node)
{
	int n = node;
	uint32_t ph = 0;

	for (; n >= 0 && !(ph = fdt_getprop_u32(f, n, "interrupt-parent", 0)); n = fdt_parent(f, n))
		;
	for (unsigned hop = 0; ph && hop < DT_IRQ_PARENT_HOPS; hop++) {
		int ctl = fdt_node_by_phandle(f, ph);

		if (ctl < 0)
			return 0;
		uint32_t cells = fdt_getprop_u32(f, ctl, "#interrupt-cells", 0);

		if (cells)
			return cells;
		ph = fdt_getprop_u32(f, ctl, "interrupt-parent", 0);
	}
	return 0; /* no parent, no #interrupt-cells, or a chain that does not end */
}

static void read_gpu_irqs(const struct fdt *f, struct dt_facts *d, int node)
{
	uint32_t len, nlen = 0;
	const uint8_t *irq = fdt_getprop(f, node, "interrupts", &len);
	const char *name = fdt_getprop(f, node, "interrupt-names", &nlen);
	const char *names_end = name ? name + nlen : NULL;
	unsigned cells = interrupt_cells(f, node);

	if (!irq)
		return;
	if (!cells || cells > 4 || len % (4 * cells)) {
		problem(d, f, node, "interrupts with no usable #interrupt-cells", -EINVAL);
		return;
	}
	if (name && (!nlen || name[nlen - 1]))
		name = NULL; /* not a string list: no names */
	for (uint32_t at = 0; at < len && d->gpu_nirq < DT_MAX_IRQS; at += 4 * cells) {
		struct dt_irq *q = &d->gpu_irq[d->gpu_nirq++];

		q->ncells = cells;
		for (unsigned c = 0; c < cells && c < 3; c++)
			q->cell[c] = fdt_be32(irq + at + 4 * c);
		if (name && name < names_end) {
			copy_str(q->name, sizeof(q->name), name);
			name += strlen(name) + 1;
		}
	}
}

static void read_gpu(const struct fdt *f, struct dt_facts *d)
{
	int node = find_node(f, "arm,mali-", true);

	d->gpu_node = node;
	if (node < 0)
		return;
	d->gpu_enabled = fdt_is_enabled(f, node);
	d->gpu_coherent = fdt_has_prop(f, node, "dma-coherent");
	copy_str(d->gpu_compat, sizeof(d->gpu_compat), fdt_compatible_prefix(f, node, "arm,mali-"));
	read_gpu_irqs(f, d, node);
	d->gpu_node = reg0(f, d, node, &d->gpu);
}

void dt_facts_read(const struct fdt *f, struct dt_facts *d)
{
	memset(d, 0, sizeof(*d));
	copy_str(d->model, sizeof(d->model), fdt_getprop_str(f, fdt_root(f), "model"));
	read_memory(f, d);
	read_chosen(f, d);
	read_smmu(f, d);
	read_pci(f, d);
	read_gpu(f, d);
}

int dt_facts_rid_to_sid(const struct dt_facts *d, uint32_t phandle, uint32_t rid, uint32_t *sid)
{
	uint32_t id = rid & d->iommu_map_mask;

	for (unsigned i = 0; i < d->n_iommu_map; i++) {
		const struct dt_iommu_map *e = &d->iommu_map[i];

		if (e->phandle == phandle && id >= e->rid_base && id - e->rid_base < e->len) {
			*sid = e->sid_base + (id - e->rid_base);
			return 0;
		}
	}
	return -ENOENT;
}
