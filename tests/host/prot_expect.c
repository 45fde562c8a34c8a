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

static bool arm64_matches(unsigned prot, const struct rw_result *r, const char **why)
{
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
	if (r->attridx != want_attridx(prot)) {
		*why = "AttrIndx (memory type)";
		return false;
	}
	if (fmt == PT_FMT_MALI_LPAE)
		return mali_matches(prot, r, why);
	return arm64_matches(prot, r, why);
}
