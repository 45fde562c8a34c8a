/* SPDX-License-Identifier: MIT */
/*
 * The board as this run found it: each fact from the device tree when a
 * loader gave one (drivers/dt_facts.h), the board file (board/<name>/board.c)
 * as the fallback, and where both exist, whether they agree. The DT wins a
 * disagreement: it describes the machine that is running (QEMU -m 256M, a
 * board with more RAM); the banner says so. Filled once by boot_main before
 * any test; afterwards read only, through board_facts().
 *
 * Consumers: the self-tests take RAM, the SMMU, the PCIe ECAM and window and
 * the GPU from here and pass them to the drivers' init parameters; the CPU
 * MMU code can map the device regions listed here (every region has a base
 * and a size; size 0 only when neither source gives one).
 */
#ifndef GPUMMU_BOOT_FACTS_H
#define GPUMMU_BOOT_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "board/board.h"
#include "drivers/dt_facts.h"

enum fact_src {
	FACT_NONE,       /* neither source has it */
	FACT_BOARD,      /* the board file only */
	FACT_DT,         /* the DT only */
	FACT_DT_AGREES,  /* both, equal */
	FACT_DT_DIFFERS, /* both, different: the DT's is used */
};

struct fact_region {
	uint64_t base, size;
	enum fact_src src;
	uint64_t board_base, board_size; /* the board file's, shown when they differ */
};

#define FACTS_MAX_BANKS DT_MAX_BANKS
#define FACTS_NOTE_MAX  160

struct board_facts {
	/* The blob: where it was found ("" none), its address, why it was refused. */
	const char *dt_from;
	uint64_t dt_addr;
	bool dt_ok;
	char dt_note[FACTS_NOTE_MAX];   /* why no DT was used, or what in it was not */
	struct dt_facts dt;             /* everything read (valid when dt_ok) */

	unsigned nbanks;
	struct fact_region ram[FACTS_MAX_BANKS]; /* ram[0] holds the image */
	struct fact_region uart;
	struct fact_region smmu;
	struct fact_region pci_ecam;
	struct fact_region pci_mmio32;  /* CPU addresses */
	uint64_t pci_mmio32_bus;        /* the PCI address of pci_mmio32.base */
	struct fact_region gpu;
	bool gpu_coherent;
	enum fact_src gpu_coherent_src;
	const char *bootargs;           /* /chosen bootargs, NULL when none */
};

/* Where the image lies, for the check that the DT's memory holds it. */
struct facts_image {
	uint64_t start, end;
};

/* This run's facts (after facts_init; boot/dt_locate.c). */
const struct board_facts *board_facts(void);

/* Find the DT (x0 under the Linux boot protocol, else the board's
 * fdt_at_ram_base probe) and build this run's facts; prints nothing (it runs
 * before the CPU map, which maps what the facts name). */
void facts_init(uint64_t x0);

/* Build *out from board b and the blob at blob (avail bytes readable; NULL:
 * none), found at addr by from. Pure: the host tests call it directly. */
void facts_build(struct board_facts *out, const struct board *b, const void *blob, size_t avail,
		 uint64_t addr, const char *from, const struct facts_image *img);

/* The banner lines: every fact, its source, and any disagreement. */
void facts_print(const struct board_facts *fx);

/* The SMMU StreamID of PCI requester ID rid: the DT's iommu-map entries
 * for the SMMU when the DT describes the PCIe host, else the board's rule
 * (the identity, QEMU virt). 0, or -ENOENT with no entry covering rid. */
int facts_pci_sid(const struct board_facts *fx, uint32_t rid, uint32_t *sid);

#endif
