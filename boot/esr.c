/* SPDX-License-Identifier: MIT */
/* ESR_ELx in words (see esr.h). */
#include <stdio.h>

#include "boot/esr.h"

struct name_of {
	unsigned code;
	const char *name;
};

static const struct name_of exception_classes[] = {
	{ EC_UNKNOWN, "unknown reason (undefined instruction)" },
	{ 0x01, "trapped WFI/WFE" },
	{ 0x07, "trapped FP/SIMD access" },
	{ 0x0e, "illegal execution state" },
	{ 0x11, "SVC from AArch32" },
	{ 0x15, "SVC from AArch64" },
	{ 0x16, "HVC from AArch64" },
	{ 0x17, "SMC from AArch64" },
	{ 0x18, "trapped MSR/MRS/system instruction" },
	{ EC_IABT_LOWER, "instruction abort from a lower EL" },
	{ EC_IABT_CUR, "instruction abort at the same EL" },
	{ 0x22, "PC alignment fault" },
	{ EC_DABT_LOWER, "data abort from a lower EL" },
	{ EC_DABT_CUR, "data abort at the same EL" },
	{ 0x26, "SP alignment fault" },
	{ 0x2c, "trapped floating-point exception" },
	{ 0x2f, "SError interrupt" },
	{ 0x30, "breakpoint from a lower EL" },
	{ 0x31, "breakpoint at the same EL" },
	{ 0x32, "software step from a lower EL" },
	{ 0x33, "software step at the same EL" },
	{ 0x34, "watchpoint from a lower EL" },
	{ 0x35, "watchpoint at the same EL" },
	{ 0x3c, "BRK instruction" },
};

/* Fault status codes [5:0] shared by DFSC and IFSC (levels folded in). */
static const struct name_of fault_status[] = {
	{ 0x00, "address size fault" },
	{ FSC_TRANSLATION, "translation fault" },
	{ FSC_ACCESS_FLAG, "access flag fault" },
	{ FSC_PERMISSION, "permission fault" },
	{ 0x10, "synchronous external abort" },
	{ 0x21, "alignment fault" },
	{ 0x22, "debug event" },
	{ 0x30, "TLB conflict abort" },
};

static const char *name_of(const struct name_of *t, size_t n, unsigned code)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].code == code)
			return t[i].name;
	return "unrecognised";
}

const char *esr_class_name(unsigned ec)
{
	return name_of(exception_classes, sizeof(exception_classes) / sizeof(exception_classes[0]),
		       ec);
}

const char *esr_fault_name(unsigned fsc)
{
	return name_of(fault_status, sizeof(fault_status) / sizeof(fault_status[0]),
		       FSC_TYPE(fsc));
}

void esr_abort_text(uint64_t esr, char *buf, size_t len)
{
	unsigned fsc = esr_fsc(esr);
	int n;

	buf[0] = '\0';
	if (!esr_is_abort(esr))
		return;
	n = snprintf(buf, len, "%s", esr_fault_name(fsc));
	if (fsc < 0x10 && n >= 0 && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, " (level %u)", FSC_LEVEL(fsc));
	if (esr_is_data_abort(esr) && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, ", on a %s", esr & ESR_WNR ? "write" : "read");
}
