/* SPDX-License-Identifier: MIT */
#include "tests/host/prot_expect.h"

static unsigned want_attridx(unsigned prot)
{
	if (prot & PT_PROT_DEVICE)
		return PT_ATTRIDX_DEVICE;
	if (prot & PT_PROT_NONCACHED)
		return PT_ATTRIDX_NONCACHED;
	return PT_ATTRIDX_CACHED;
}

/* The memory type a prot asks for, as the architecture names it (the
 * project's contract in mmu/pgtable.h: cached = Normal write-back, NONCACHED
 * = Normal non-cacheable, DEVICE = Device-nGnRE). */
static enum rw_memtype want_memtype(unsigned prot)
{
	if (prot & PT_PROT_DEVICE)
		return RW_MT_DEVICE_nGnRE;
	if (prot & PT_PROT_NONCACHED)
		return RW_MT_NORMAL_NC;
	return RW_MT_NORMAL_WB_RWA;
}

static bool arm64_matches(unsigned prot, const struct rw_result *r, const char **why)
{
	if (r->memtype != want_memtype(prot)) {
		*why = "memory type resolved through MAIR differs from the prot's";
		return false;
	}
	/* Every stage-1 leaf is non-global: back ends invalidate by ASID
	 * (SMMUv3 CMD_TLBI_NH_ASID), which leaves global entries in the TLB
	 * (Arm DDI 0487 D8.10; Linux io-pgtable-arm sets nG on every stage-1 leaf). */
	if (!r->ng) {
		*why = "nG clear: a global leaf survives invalidation by ASID";
		return false;
	}
	if (r->af == !!(prot & PT_PROT_TEST_NO_AF)) {
		*why = "AF (access flag) differs from the prot's";
		return false;
	}
	/* Arm ARM D8.4: AP[1] (bit 6) grants EL0 access, AP[2] (bit 7) makes the
	 * page read-only; UXN (bit 54) forbids EL0 execution, PXN (bit 53) EL1. */
	if (r->write != !!(prot & PT_PROT_WRITE)) {
		*why = "AP[2] (write permission)";
		return false;
	}
	if (r->user == !!(prot & PT_PROT_PRIV)) {
		*why = "AP[1] (privileged only)";
		return false;
	}
	if (!(prot & PT_PROT_EXEC) && (r->exec || ((prot & PT_PROT_PRIV) && r->priv_exec))) {
		*why = "XN clear on a non-executable mapping";
		return false;
	}
	if ((prot & PT_PROT_EXEC) && !((prot & PT_PROT_PRIV) ? r->priv_exec : r->exec)) {
		*why = "XN set on an executable mapping";
		return false;
	}
	if (r->sh == 1) {
		*why = "SH 0b01 is reserved";
		return false;
	}
	return true;
}

static bool mali_matches(unsigned prot, const struct rw_result *r, const char **why)
{
	/* Linux io-pgtable-arm.c, ARM_MALI_LPAE: stage-2 style HAP bits. */
	if (r->read != !!(prot & PT_PROT_READ)) {
		*why = "read bit 6";
		return false;
	}
	if (r->write != !!(prot & PT_PROT_WRITE)) {
		*why = "write bit 7";
		return false;
	}
	if (!(prot & PT_PROT_EXEC) && r->exec) {
		*why = "XN clear on a non-executable mapping";
		return false;
	}
	return true;
}

bool prot_matches(enum pt_format fmt, unsigned prot, const struct rw_result *r,
		  const char **why)
{
	if (fmt != PT_FMT_MALI_LPAE)
		return arm64_matches(prot, r, why);
	/* MALI_LPAE: the MEMATTR bytes are the driver's (drivers/mali_mmu.c, tested
	 * against the Mali model), so here only the index convention is checked. */
	if (r->attridx != want_attridx(prot)) {
		*why = "AttrIndx (memory type)";
		return false;
	}
	return mali_matches(prot, r, why);
}
