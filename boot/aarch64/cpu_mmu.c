/* SPDX-License-Identifier: MIT */
/*
 * The AArch64 half of the CPU's MMU (boot/cpu_mmu.h): the EL1&0 stage 1
 * regime through TTBR0_EL1, 4 KiB granule, ARM64_S1 tables from the core.
 *
 * IAS = OAS = the physical address size (ID_AA64MMFR0_EL1.PARange), capped
 * at the core's 48 bits: the map is an identity map, so every physical
 * address the image reaches must be a virtual one too.
 *
 * The walker is coherent with this CPU's data cache: TCR_EL1.IRGN0/ORGN0 =
 * write-back and SH0 = inner shareable (pt_hw_config() for a coherent walk)
 * make translation table walks cacheable accesses of the inner shareable
 * domain, which look up the same caches as this PE's loads and stores (Arm
 * ARM DDI 0487, "Cacheability, memory attributes of translation table
 * walks": the walk uses the attributes TCR_ELx gives for it). So table
 * writes need no clean, only a DSB before the walker may look (tlb.c); the
 * core is told coherent = true and never calls cache_clean.
 */
#include <errno.h>
#include <stdio.h>

#include "boot/aarch64/cpu_regs.h"
#include "boot/cpu_mmu.h"

#define CPU_GRANULE 4096u
#define CORE_MAX_BITS 48u

void cpu_mmu_enable_el1(uint64_t mair, uint64_t tcr, uint64_t ttbr0, uint64_t sctlr_set,
			uint64_t stale_start, uint64_t stale_end);

static unsigned pa_bits(void)
{
	static const unsigned bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	uint64_t r = FIELD_GET(MMFR0_PARANGE, read_sysreg(id_aa64mmfr0_el1));

	return r < sizeof(bits) / sizeof(bits[0]) ? bits[r] : 52;
}

int cpu_mmu_pt_cfg(struct pt_cfg *cfg)
{
	unsigned bits = pa_bits();

	if (FIELD_GET(MMFR0_TGRAN4, read_sysreg(id_aa64mmfr0_el1)) == MMFR0_TGRAN4_NONE) {
		printf("cpu mmu: this CPU has no 4 KiB translation granule (ID_AA64MMFR0_EL1 %#lx)\n",
		       (unsigned long)read_sysreg(id_aa64mmfr0_el1));
		return -ENODEV;
	}
	if (bits > CORE_MAX_BITS)
		bits = CORE_MAX_BITS;
	*cfg = (struct pt_cfg){
		.fmt = PT_FMT_ARM64_S1,
		.granule = CPU_GRANULE,
		.ias = bits,
		.oas = bits,
		.coherent = true,
	};
	return 0;
}

/* TCR_EL1: the TTBR0 half from the core; TTBR1 walks off (EPD1) with a
 * valid TG1; A1 = 0 (the ASID is TTBR0's), HA = HD = 0 (no hardware access
 * flag: an AF = 0 leaf faults, as the AF self-test needs). */
static uint64_t tcr_of(const struct pt_hw *hw)
{
	return hw->tcr | TCR_EPD1 | FIELD_PREP(TCR_TG1, TCR_TG1_4K);
}

void cpu_mmu_enable(const struct pt *pt, uintptr_t stale_start, uintptr_t stale_end)
{
	struct pt_hw hw;

	pt_hw_config(pt, &hw);
	/* SCTLR_EL1.WXN stays 0: the tables themselves keep W^X, and the
	 * self-tests prove it of them rather than of a hardware override. */
	cpu_mmu_enable_el1(hw.mair, tcr_of(&hw), hw.ttb, SCTLR_M | SCTLR_C | SCTLR_I, stale_start,
			   stale_end);
}

bool cpu_mmu_enabled(void)
{
	return read_sysreg(sctlr_el1) & SCTLR_M;
}

void cpu_mmu_print(void (*emit)(const char *line))
{
	char line[160];

	snprintf(line, sizeof(line),
		 "  TTBR0_EL1 %#lx TCR_EL1 %#lx MAIR_EL1 %#lx SCTLR_EL1 %#lx (M C I %s)",
		 (unsigned long)read_sysreg(ttbr0_el1), (unsigned long)read_sysreg(tcr_el1),
		 (unsigned long)read_sysreg(mair_el1), (unsigned long)read_sysreg(sctlr_el1),
		 (read_sysreg(sctlr_el1) & (SCTLR_M | SCTLR_C | SCTLR_I)) ==
				 (SCTLR_M | SCTLR_C | SCTLR_I) ? "on" : "NOT all on");
	emit(line);
}
