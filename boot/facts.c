/* SPDX-License-Identifier: MIT */
/* The board's facts: device tree over the board file (see facts.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "boot/facts.h"

/* Merge one region: the DT's (when have_dt) over the board file's (when board_has). */
static struct fact_region merge(bool have_dt, struct dt_range d, bool board_has, uint64_t bbase,
				uint64_t bsize)
{
	struct fact_region r = { bbase, bsize, board_has ? FACT_BOARD : FACT_NONE, bbase, bsize };

	if (!have_dt)
		return r;
	r.base = d.base;
	r.size = d.size;
	if (!board_has)
		r.src = FACT_DT;
	else if (d.base == bbase && (d.size == bsize || !bsize))
		r.src = FACT_DT_AGREES;
	else
		r.src = FACT_DT_DIFFERS;
	return r;
}

/* In struct board a base of 0 means "none", except for RAM (Rockchip DRAM starts at 0). */
static struct fact_region merge_dev(bool have_dt, struct dt_range d, uint64_t bbase, uint64_t bsize)
{
	return merge(have_dt, d, bbase != 0, bbase, bsize);
}

static void note(struct board_facts *fx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append to the DT note, "; " between notes, as much as fits. */
static void note(struct board_facts *fx, const char *fmt, ...)
{
	size_t len = strlen(fx->dt_note);
	va_list ap;

	if (len && len + 2 < sizeof(fx->dt_note)) {
		strcpy(fx->dt_note + len, "; ");
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(fx->dt_note + len, sizeof(fx->dt_note) - len, fmt, ap);
	va_end(ap);
}

/* The DT's bank holding the image first, the others after it; 0 when none does. */
static unsigned dt_banks(struct board_facts *fx, const struct facts_image *img, struct dt_range *out)
{
	const struct dt_facts *d = &fx->dt;
	unsigned n = 0, home = d->nbanks;

	for (unsigned i = 0; i < d->nbanks; i++)
		if (img->start >= d->mem[i].base && img->end <= d->mem[i].base + d->mem[i].size)
			home = i;
	if (home == d->nbanks)
		return 0;
	out[n++] = d->mem[home];
	for (unsigned i = 0; i < d->nbanks; i++)
		if (i != home)
			out[n++] = d->mem[i];
	return n;
}

static void merge_ram(struct board_facts *fx, const struct board *b, const struct facts_image *img)
{
	struct dt_range banks[FACTS_MAX_BANKS] = { { 0, 0 } };
	unsigned n = fx->dt_ok ? dt_banks(fx, img, banks) : 0;

	if (fx->dt_ok && fx->dt.nbanks && !n)
		note(fx, "its memory does not hold the image at %#llx: RAM from the board file",
		     (unsigned long long)img->start);
	fx->nbanks = n ? n : 1;
	fx->ram[0] = merge(n, banks[0], true, b->ram_base, b->ram_size);
	for (unsigned i = 1; i < n; i++)
		fx->ram[i] = (struct fact_region){ banks[i].base, banks[i].size, FACT_DT, 0, 0 };
}

static void merge_all(struct board_facts *fx, const struct board *b, const struct facts_image *img)
{
	const struct dt_facts *d = &fx->dt;
	bool dt = fx->dt_ok;

	merge_ram(fx, b, img);
	fx->uart = merge_dev(dt && d->uart_node >= 0, d->uart, b->uart_base, b->uart_size);
	fx->smmu = merge_dev(dt && d->smmu_node >= 0, d->smmu, b->smmu_base, b->smmu_size);
	fx->pci_ecam = merge_dev(dt && d->pci_node >= 0, d->ecam, b->pci_ecam_base,
				 b->pci_ecam_size);
	fx->pci_mmio32 = merge_dev(dt && d->has_mmio32, d->mmio32, b->pci_mmio32_base,
				   b->pci_mmio32_size);
	fx->pci_mmio32_bus = dt && d->has_mmio32 ? d->mmio32_bus : b->pci_mmio32_base;
	fx->gpu = merge_dev(dt && d->gpu_node >= 0, d->gpu, b->gpu_base, b->gpu_size);
	fx->gpu_coherent = b->gpu_coherent;
	fx->gpu_coherent_src = b->gpu_base ? FACT_BOARD : FACT_NONE;
	if (dt && d->gpu_node >= 0) {
		fx->gpu_coherent = d->gpu_coherent;
		fx->gpu_coherent_src = !b->gpu_base ? FACT_DT
				     : d->gpu_coherent == b->gpu_coherent ? FACT_DT_AGREES
									   : FACT_DT_DIFFERS;
	}
	fx->bootargs = dt && d->has_bootargs && !d->bootargs_too_long ? d->bootargs : NULL;
	if (dt && d->bootargs_too_long)
		note(fx, "/chosen bootargs longer than %u bytes: ignored", DT_BOOTARGS_MAX - 1);
}

void facts_build(struct board_facts *fx, const struct board *b, const void *blob, size_t avail,
		 uint64_t addr, const char *from, const struct facts_image *img)
{
	struct fdt f;

	memset(fx, 0, sizeof(*fx));
	fx->dt_from = from ? from : "";
	fx->dt_addr = addr;
	if (blob) {
		if (fdt_open(&f, blob, avail) == 0) {
			fx->dt_ok = true;
			dt_facts_read(&f, &fx->dt);
		} else {
			note(fx, "refused: %s (at byte %u): the board file's facts", f.why, f.why_at);
		}
	}
	merge_all(fx, b, img);
}

static const char *mib(uint64_t size, char *buf, size_t n)
{
	if (size && size % (1u << 20) == 0)
		snprintf(buf, n, "%llu MiB", (unsigned long long)(size >> 20));
	else
		snprintf(buf, n, "%#llx bytes", (unsigned long long)size);
	return buf;
}

static void print_region(const char *what, const struct fact_region *r)
{
	char s[32], bs[32];

	if (r->src == FACT_NONE) {
		printf("%s: none\n", what);
		return;
	}
	printf("%s: %#llx, %s", what, (unsigned long long)r->base, mib(r->size, s, sizeof(s)));
	switch (r->src) {
	case FACT_BOARD:
		printf(" (board file)\n");
		break;
	case FACT_DT:
		printf(" (device tree; the board file has none)\n");
		break;
	case FACT_DT_AGREES:
		printf(" (device tree, as the board file says)\n");
		break;
	default:
		printf(" (device tree; the board file says %#llx, %s)\n",
		       (unsigned long long)r->board_base, mib(r->board_size, bs, sizeof(bs)));
		break;
	}
}

static const char *src_word(enum fact_src s)
{
	static const char *const words[] = { "none", "board file", "device tree",
					     "device tree, as the board file says",
					     "device tree; the board file differs" };

	return words[s];
}

void facts_print(const struct board_facts *fx)
{
	const struct dt_facts *d = &fx->dt;
	char name[24];

	if (fx->dt_ok)
		printf("device tree: at %#llx from %s%s%s%s\n", (unsigned long long)fx->dt_addr,
		       fx->dt_from, d->model[0] ? ", model \"" : "", d->model, d->model[0] ? "\"" : "");
	else if (fx->dt_from[0])
		printf("device tree: at %#llx from %s\n", (unsigned long long)fx->dt_addr, fx->dt_from);
	else
		printf("device tree: none given: every fact from the board file\n");
	if (fx->dt_note[0])
		printf("device tree: %s\n", fx->dt_note);
	if (fx->dt_ok && d->problem[0])
		printf("device tree: not used: %s\n", d->problem);
	for (unsigned i = 0; i < fx->nbanks; i++) {
		snprintf(name, sizeof(name), i ? "memory bank %u" : "memory", i);
		print_region(name, &fx->ram[i]);
	}
	if (fx->dt_ok && d->banks_dropped)
		printf("memory: %u more banks in the device tree, not kept\n", d->banks_dropped);
	print_region("uart", &fx->uart);
	if (fx->dt_ok && d->stdout_path[0])
		printf("uart: stdout-path \"%s\" (%s); the console stays on the board file's UART\n",
		       d->stdout_path, d->uart_compat[0] ? d->uart_compat : "not found");
	print_region("smmu", &fx->smmu);
	if (fx->dt_ok && d->smmu_node >= 0 && !d->smmu_enabled)
		printf("smmu: disabled in the device tree\n");
	print_region("pci ecam", &fx->pci_ecam);
	print_region("pci 32-bit window", &fx->pci_mmio32);
	if (fx->dt_ok && d->pci_node >= 0) {
		printf("pci: buses %u-%u", d->bus_first, d->bus_last);
		if (d->msi_prop[0])
			printf(", %s -> %s", d->msi_prop, d->msi_compat[0] ? d->msi_compat : "?");
		for (unsigned i = 0; i < d->n_iommu_map; i++)
			printf(", iommu-map RID %#x+%#x -> %s StreamID %#x", d->iommu_map[i].rid_base,
			       d->iommu_map[i].len,
			       d->iommu_map[i].phandle == d->smmu_phandle ? "SMMU" : "other IOMMU",
			       d->iommu_map[i].sid_base);
		printf("\n");
	}
	print_region("gpu", &fx->gpu);
	if (fx->dt_ok && d->gpu_node >= 0)
		printf("gpu: %s, %s in the device tree, %u interrupts\n", d->gpu_compat,
		       d->gpu_enabled ? "enabled" : "disabled", d->gpu_nirq);
	if (fx->gpu.src != FACT_NONE)
		printf("gpu: %s (%s)\n", fx->gpu_coherent ? "dma-coherent" : "not coherent",
		       src_word(fx->gpu_coherent_src));
	if (fx->bootargs)
		printf("bootargs: \"%s\"\n", fx->bootargs);
}

int facts_pci_sid(const struct board_facts *fx, uint32_t rid, uint32_t *sid)
{
	const struct dt_facts *d = &fx->dt;

	if (!fx->dt_ok || d->pci_node < 0 || d->smmu_node < 0) {
		*sid = rid; /* QEMU virt: StreamID = requester ID (board/qemu-virt/board.c) */
		return 0;
	}
	return dt_facts_rid_to_sid(d, d->smmu_phandle, rid, sid);
}
