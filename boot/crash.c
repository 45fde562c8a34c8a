/* SPDX-License-Identifier: MIT */
/*
 * The crash report for an exception nobody expected: where it was taken,
 * the exception class in words, the syndrome, the registers; then the run
 * ends as a failure (IMAGE_EXIT_CRASH) instead of hanging.
 *
 * ESR_ELx layout and the exception classes: Arm ARM DDI 0487, D19
 * "ESR_EL1": EC [31:26], IL [25], ISS [24:0]; for aborts, ISS.WnR [6] and
 * the fault status code [5:0] (DFSC/IFSC).
 */
#include <stdbool.h>
#include <stdio.h>

#include "boot/console.h"
#include "boot/crash.h"
#include "boot/image.h"
#include "tests/target/harness.h"

#define ESR_EC(esr)   (((esr) >> 26) & 0x3f)
#define ESR_ISS(esr)  ((esr) & 0x1ffffff)
#define ESR_WNR       (1u << 6)
#define ESR_FSC(esr)  ((esr) & 0x3f)

#define EC_DABT_LOWER 0x24
#define EC_DABT_CUR   0x25
#define EC_IABT_LOWER 0x20
#define EC_IABT_CUR   0x21

struct name_of {
	unsigned code;
	const char *name;
};

static const struct name_of exception_classes[] = {
	{ 0x00, "unknown reason (undefined instruction)" },
	{ 0x01, "trapped WFI/WFE" },
	{ 0x07, "trapped FP/SIMD access" },
	{ 0x0e, "illegal execution state" },
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
	{ 0x04, "translation fault" },
	{ 0x08, "access flag fault" },
	{ 0x0c, "permission fault" },
	{ 0x10, "synchronous external abort" },
	{ 0x21, "alignment fault" },
	{ 0x30, "TLB conflict abort" },
};

static const char *const slot_kinds[] = { "synchronous exception", "IRQ", "FIQ", "SError" };
static const char *const slot_origins[] = {
	"current EL on SP_EL0", "current EL on SP_ELx", "lower EL (AArch64)", "lower EL (AArch32)"
};

static const char *name_of(const struct name_of *t, size_t n, unsigned code)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].code == code)
			return t[i].name;
	return "unrecognised";
}

static const char *fault_name(unsigned fsc)
{
	/* Codes 0x00..0x0f encode the table level in the low two bits. */
	unsigned base = fsc < 0x10 ? (fsc & ~3u) : fsc;

	return name_of(fault_status, sizeof(fault_status) / sizeof(fault_status[0]), base);
}

static void print_abort(uint64_t esr, unsigned ec)
{
	unsigned fsc = ESR_FSC(esr);
	bool data = ec == EC_DABT_CUR || ec == EC_DABT_LOWER;

	printf("  fault status 0x%02x: %s", fsc, fault_name(fsc));
	if (fsc < 0x10)
		printf(" (level %u)", fsc & 3);
	if (data)
		printf(", on a %s", esr & ESR_WNR ? "write" : "read");
	printf("\n");
}

static void print_registers(const struct crash_frame *f)
{
	for (unsigned i = 0; i < 31; i++)
		printf("  x%-2u %016lx%s", i, (unsigned long)f->x[i], i % 4 == 3 ? "\n" : "");
	printf("\n  sp_el0 %016lx  sp_elx %016lx\n", (unsigned long)f->sp_el0,
	       (unsigned long)f->sp_elx);
}

static bool crash_in_progress;

void crash_report(const struct crash_frame *f, unsigned slot, unsigned el)
{
	if (crash_in_progress) {
		/* A fault while reporting one: stdio may be the culprit, so no printf. */
		console_puts_raw("\n*** CRASH while printing a crash report\n");
		image_exit(IMAGE_EXIT_CRASH);
	}
	crash_in_progress = true;

	unsigned ec = ESR_EC(f->esr);
	const char *test = harness_current_test();

	printf("\n*** CRASH: unexpected %s at EL%u, taken from %s\n", slot_kinds[slot & 3], el,
	       slot_origins[(slot >> 2) & 3]);
	if (test)
		printf("  during self-test '%s'\n", test);
	printf("  exception class 0x%02x: %s\n", ec,
	       name_of(exception_classes, sizeof(exception_classes) / sizeof(exception_classes[0]),
		       ec));
	if (ec == EC_DABT_CUR || ec == EC_DABT_LOWER || ec == EC_IABT_CUR || ec == EC_IABT_LOWER)
		print_abort(f->esr, ec);
	printf("  ESR 0x%08lx (ISS 0x%07lx)  ELR 0x%016lx  FAR 0x%016lx  SPSR 0x%08lx\n",
	       (unsigned long)f->esr, (unsigned long)ESR_ISS(f->esr), (unsigned long)f->elr,
	       (unsigned long)f->far, (unsigned long)f->spsr);
	print_registers(f);
	harness_bail_out("crash");
	image_exit(IMAGE_EXIT_CRASH);
}
