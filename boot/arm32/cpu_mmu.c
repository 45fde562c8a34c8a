/* SPDX-License-Identifier: MIT */
/*
 * The AArch32 half of the CPU's MMU (boot/cpu_mmu.h): the PL1&0 stage 1
 * regime through TTBR0 with the Long-descriptor (LPAE) format, TTBCR.EAE = 1,
 * ARM32_LPAE_S1 tables from the core: 4 KiB granule, 32-bit VA (T0SZ = 0,
 * TTBR0 covers all of it; TTBR1 walks off, EPD1), 40-bit PA (DDI 0406C
 * B3.6 and B4.1.153). A device beyond 4 GiB is mapped at a VA below it
 * (boot/cpu_map.c places it): that is what LPAE is for.
 *
 * The walker is coherent with this CPU's data cache: TTBCR.IRGN0/ORGN0 =
 * write-back write-allocate and SH0 = inner shareable (pt_hw_config() for a
 * coherent walk) make table walks cacheable (DDI 0406C B3.6.1: the walk uses
 * the attributes TTBCR gives it), so the core is told coherent = true; table
 * writes are made visible by a DSB (tlb.c).
 */
#include <errno.h>
#include <stdio.h>

#include "boot/arm32/cpu_regs.h"
#include "boot/cpu_mmu.h"

#define CPU_GRANULE 4096u
#define CPU_IAS 32u
#define CPU_OAS 40u

void cpu_mmu_enable_pl1(uint32_t mair0, uint32_t mair1, uint32_t ttbcr, uint64_t ttbr0,
			uint32_t sctlr_set, uint32_t stale_start, uint32_t stale_end);

int cpu_mmu_pt_cfg(struct pt_cfg *cfg)
{
	uint32_t mmfr0 = read_cp15(0, c0, c1, 4);

	if (FIELD_GET(MMFR0_VMSA, mmfr0) < MMFR0_VMSA_LPAE) {
		printf("cpu mmu: this CPU has no Long-descriptor (LPAE) translation tables "
		       "(ID_MMFR0 %#lx)\n", (unsigned long)mmfr0);
		return -ENODEV;
	}
	*cfg = (struct pt_cfg){
		.fmt = PT_FMT_ARM32_LPAE_S1,
		.granule = CPU_GRANULE,
		.ias = CPU_IAS,
		.oas = CPU_OAS,
		.coherent = true,
	};
	return 0;
}

void cpu_mmu_enable(const struct pt *pt, uintptr_t stale_start, uintptr_t stale_end)
{
	struct pt_hw hw;

	/* TTBCR (EAE, EPD1, T0SZ, the walk's attributes), MAIR0 = the low half
	 * of PT_MAIR_VALUE, MAIR1 the high half, TTBR0 = the root (ASID 0). */
	pt_hw_config(pt, &hw);
	/* SCTLR.WXN stays 0: the tables themselves keep W^X, and the
	 * self-tests prove it of them rather than of a hardware override. */
	cpu_mmu_enable_pl1((uint32_t)hw.mair, (uint32_t)(hw.mair >> 32), (uint32_t)hw.tcr, hw.ttb,
			   SCTLR_M | SCTLR_C | SCTLR_I, stale_start, stale_end);
}

bool cpu_mmu_enabled(void)
{
	return read_sctlr() & SCTLR_M;
}

void cpu_mmu_print(void (*emit)(const char *line))
{
	char line[160];
	uint32_t sctlr = read_sctlr();

	snprintf(line, sizeof(line),
		 "  TTBR0 %#llx TTBCR %#lx MAIR0 %#lx MAIR1 %#lx SCTLR %#lx (M C I %s)",
		 (unsigned long long)read_ttbr0(), (unsigned long)read_ttbcr(),
		 (unsigned long)read_mair0(), (unsigned long)read_mair1(), (unsigned long)sctlr,
		 (sctlr & (SCTLR_M | SCTLR_C | SCTLR_I)) == (SCTLR_M | SCTLR_C | SCTLR_I) ? "on"
											 : "NOT all on");
	emit(line);
}
