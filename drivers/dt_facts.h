/* SPDX-License-Identifier: MIT */
/*
 * What the firmware takes from a device tree (drivers/fdt.h), read once into
 * a plain struct: memory banks, /chosen, the SMMUv3, the PCIe host and its
 * windows, the Mali GPU. Pure parsing like fdt.c (host tests compare it with
 * what dtc's fdtget reads from the same blobs). The strings are copied, so
 * the facts stay valid when the blob is overwritten later.
 *
 * Bindings (Linux Documentation/devicetree/bindings/):
 *   memory: device_type = "memory", reg = banks (Devicetree Specification 3.4)
 *   chosen: bootargs, stdout-path "path-or-alias[:options]" (spec 3.6)
 *   iommu/arm,smmu-v3.yaml: compatible "arm,smmu-v3", reg, #iommu-cells = 1
 *   pci/host-generic-pci.yaml: "pci-host-ecam-generic", reg = the ECAM,
 *     bus-range, ranges = (phys.hi phys.mid phys.lo, CPU address, size) with
 *     phys.hi's space code in bits 25:24 (0b10: 32-bit memory) and
 *     prefetchable in bit 30 (PCI Bus Binding to IEEE Std 1275-1994, 2.2.1.1)
 *   pci/pci-iommu.txt: iommu-map = (rid-base, iommu phandle, iommu-base,
 *     length) entries, iommu-map-mask; pci/pci-msi.txt: msi-parent
 *   gpu/arm,mali-midgard.yaml, arm,mali-bifrost.yaml, arm,mali-valhall-csf.yaml:
 *     compatible "arm,mali-*", reg, interrupts + interrupt-names, dma-coherent
 */
#ifndef GPUMMU_DRIVERS_DT_FACTS_H
#define GPUMMU_DRIVERS_DT_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "fdt.h"

#define DT_MAX_BANKS     8
#define DT_MAX_IOMMU_MAP 4
#define DT_MAX_IRQS      4
#define DT_STR_MAX       64
#define DT_BOOTARGS_MAX  512
#define DT_PROBLEM_MAX   160

struct dt_range {
	uint64_t base, size;
};

struct dt_irq {
	uint32_t cell[3];       /* the first cells of the specifier (GIC: type, number, flags) */
	unsigned ncells;        /* the interrupt parent's #interrupt-cells */
	char name[16];          /* from interrupt-names, "" when absent */
};

struct dt_iommu_map {
	uint32_t rid_base, phandle, sid_base, len;
};

struct dt_facts {
	char model[DT_STR_MAX];

	unsigned nbanks, banks_dropped; /* banks beyond DT_MAX_BANKS are counted, not kept */
	struct dt_range mem[DT_MAX_BANKS];

	bool has_bootargs, bootargs_too_long;
	char bootargs[DT_BOOTARGS_MAX];
	char stdout_path[DT_STR_MAX];   /* as written, options included */
	int uart_node;                  /* stdout-path resolved, or < 0 */
	char uart_compat[DT_STR_MAX];
	struct dt_range uart;

	int smmu_node;                  /* first "arm,smmu-v3", or < 0 */
	bool smmu_enabled;
	uint32_t smmu_phandle;
	struct dt_range smmu;

	int pci_node;                   /* first "pci-host-ecam-generic", or < 0 */
	bool pci_enabled;
	struct dt_range ecam;
	uint32_t bus_first, bus_last;
	bool has_mmio32, mmio32_prefetchable;
	struct dt_range mmio32;         /* CPU addresses */
	uint64_t mmio32_bus;            /* the PCI address of mmio32.base */
	char msi_prop[12];              /* "msi-parent", "msi-map" or "" */
	uint32_t msi_parent;            /* the MSI controller's phandle, 0 when none */
	char msi_compat[DT_STR_MAX];
	unsigned n_iommu_map;
	struct dt_iommu_map iommu_map[DT_MAX_IOMMU_MAP];
	uint32_t iommu_map_mask;        /* all ones when absent */

	int gpu_node;                   /* first "arm,mali-*", or < 0 */
	bool gpu_enabled, gpu_coherent;
	char gpu_compat[DT_STR_MAX];    /* the arm,mali-* entry */
	struct dt_range gpu;
	unsigned gpu_nirq;
	struct dt_irq gpu_irq[DT_MAX_IRQS];

	char problem[DT_PROBLEM_MAX];   /* the properties that could not be used, or "" */
};

/* Read every fact the blob has; what is absent keeps its "none" value (node
 * < 0, counts 0). A property that is present but unusable (a reg of the
 * wrong size, an iommu-map with 2-cell specifiers...) leaves that fact out
 * and is described in problem (as much of it as fits). */
void dt_facts_read(const struct fdt *f, struct dt_facts *out);

/* StreamID of PCI requester ID rid through the iommu-map entries that point
 * at phandle: 0 and *sid, or -ENOENT (no entry covers it). */
int dt_facts_rid_to_sid(const struct dt_facts *d, uint32_t phandle, uint32_t rid, uint32_t *sid);

#endif
