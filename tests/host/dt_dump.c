/* SPDX-License-Identifier: MIT */
/*
 * Print what drivers/dt_facts.c reads from a DTB file, one fact per line, in
 * the form tools/dt-check also builds from dtc's fdtget, so the two can be
 * compared line for line. A refused blob prints "refused: <why> at <offset>"
 * and exits 1.
 *   build/host/dt_dump BLOB
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/dt_facts.h"

#define MAX_BLOB (16u << 20)
#define PATH_MAX_LEN 512

static void node_path(const struct fdt *f, int node, char *out, size_t n)
{
	const char *names[FDT_MAX_DEPTH + 1];
	unsigned k = 0;

	for (int p = node; p >= 0 && k <= FDT_MAX_DEPTH; p = fdt_parent(f, p))
		names[k++] = fdt_name(f, p);
	out[0] = '\0';
	/* names[k - 1] is the root ("") */
	for (unsigned i = k - 1; i-- > 0;)
		snprintf(out + strlen(out), n - strlen(out), "/%s", names[i]);
	if (!out[0])
		snprintf(out, n, "/");
}

static const char *status(bool enabled)
{
	return enabled ? "okay" : "disabled";
}

static void dump(const struct fdt *f, const struct dt_facts *d)
{
	char path[PATH_MAX_LEN];

	for (unsigned i = 0; i < d->nbanks; i++)
		printf("memory %#llx %#llx\n", (unsigned long long)d->mem[i].base,
		       (unsigned long long)d->mem[i].size);
	if (d->has_bootargs)
		printf("bootargs %s\n", d->bootargs_too_long ? "(too long)" : d->bootargs);
	if (d->stdout_path[0])
		printf("stdout-path %s\n", d->stdout_path);
	if (d->uart_node >= 0) {
		node_path(f, d->uart_node, path, sizeof(path));
		printf("uart %s %s %#llx %#llx\n", path, d->uart_compat,
		       (unsigned long long)d->uart.base, (unsigned long long)d->uart.size);
	}
	if (d->smmu_node >= 0) {
		node_path(f, d->smmu_node, path, sizeof(path));
		printf("smmu %s %#llx %#llx %s phandle %#x\n", path, (unsigned long long)d->smmu.base,
		       (unsigned long long)d->smmu.size, status(d->smmu_enabled), d->smmu_phandle);
	}
	if (d->pci_node >= 0) {
		node_path(f, d->pci_node, path, sizeof(path));
		printf("pci %s %#llx %#llx bus %u %u %s\n", path, (unsigned long long)d->ecam.base,
		       (unsigned long long)d->ecam.size, d->bus_first, d->bus_last,
		       status(d->pci_enabled));
	}
	if (d->has_mmio32)
		printf("pci-mmio32 %#llx %#llx %#llx prefetchable %d\n",
		       (unsigned long long)d->mmio32.base, (unsigned long long)d->mmio32_bus,
		       (unsigned long long)d->mmio32.size, d->mmio32_prefetchable);
	if (d->msi_parent)
		printf("pci-msi %s %#x %s\n", d->msi_prop, d->msi_parent, d->msi_compat);
	for (unsigned i = 0; i < d->n_iommu_map; i++)
		printf("pci-iommu-map %#x %#x %#x %#x\n", d->iommu_map[i].rid_base,
		       d->iommu_map[i].phandle, d->iommu_map[i].sid_base, d->iommu_map[i].len);
	if (d->gpu_node >= 0) {
		node_path(f, d->gpu_node, path, sizeof(path));
		printf("gpu %s %s %#llx %#llx %s coherent %d\n", path, d->gpu_compat,
		       (unsigned long long)d->gpu.base, (unsigned long long)d->gpu.size,
		       status(d->gpu_enabled), d->gpu_coherent);
	}
	for (unsigned i = 0; i < d->gpu_nirq; i++)
		printf("gpu-irq %s %u %u %u\n", d->gpu_irq[i].name[0] ? d->gpu_irq[i].name : "-",
		       d->gpu_irq[i].cell[0], d->gpu_irq[i].cell[1], d->gpu_irq[i].cell[2]);
	if (d->problem[0])
		printf("problem %s\n", d->problem);
}

int main(int argc, char **argv)
{
	static uint8_t blob[MAX_BLOB];
	struct fdt f;
	static struct dt_facts d;
	size_t n;
	FILE *in;

	if (argc != 2) {
		fprintf(stderr, "usage: %s BLOB\n", argv[0]);
		return 2;
	}
	in = fopen(argv[1], "rb");
	if (!in) {
		perror(argv[1]);
		return 2;
	}
	n = fread(blob, 1, sizeof(blob), in);
	fclose(in);
	if (fdt_open(&f, blob, n)) {
		printf("refused: %s at %u\n", f.why, f.why_at);
		return 1;
	}
	dt_facts_read(&f, &d);
	dump(&f, &d);
	return 0;
}
