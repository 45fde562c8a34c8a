/* SPDX-License-Identifier: MIT */
/*
 * The AArch32 exception dispatch and crash report (boot/crash.h). The
 * vectors (boot/arm32/vectors.S) saved the registers, DFSR/IFSR and
 * DFAR/IFAR; here they become a syndrome in the ESR/HSR layout (see
 * boot/arm32/crash_frame.h) for the expected-fault machinery, and words for
 * the report.
 *
 * Fault status (DDI 0406C B3.13.3, B4.1.52 DFSR, B4.1.96 IFSR): with
 * TTBCR.EAE = 1 (the image's own map, Long-descriptor format, FSR.LPAE set)
 * STATUS [5:0] uses the AArch64 codes (boot/esr.c names them); before that
 * (the MMU off, or a loader's Short-descriptor tables) FS = FSR[10,3:0],
 * named from table B3-23 and mapped to the nearest Long-descriptor code.
 */
#include <stdio.h>

#include "boot/arm32/cpu_regs.h"
#include "boot/crash.h"
#include "boot/esr.h"

/* EC values (HSR encoding, DDI 0406C B3.13.6 table B3-27). */
#define EC_SVC32 0x11

void exception_entry(struct crash_frame *f, unsigned slot, unsigned el);
void arm32_exception(struct crash_frame *f);
void arm32_hyp_exception(struct crash_frame *f) __attribute__((noreturn));

struct fs_name {
	unsigned fs, lpae;
	const char *name;
};

/* Short-descriptor FS codes (table B3-23) with the Long-descriptor STATUS
 * of the same fault (0x3f: none). */
static const struct fs_name short_fs[] = {
	{ 0x01, 0x21, "alignment fault" },
	{ 0x02, 0x22, "debug event" },
	{ 0x03, 0x09, "access flag fault (section)" },
	{ 0x04, 0x3f, "instruction cache maintenance fault" },
	{ 0x05, 0x05, "translation fault (section)" },
	{ 0x06, 0x0a, "access flag fault (page)" },
	{ 0x07, 0x06, "translation fault (page)" },
	{ 0x08, 0x10, "synchronous external abort" },
	{ 0x09, 0x3f, "domain fault (section)" },
	{ 0x0b, 0x3f, "domain fault (page)" },
	{ 0x0c, 0x15, "synchronous external abort on a table walk (first level)" },
	{ 0x0d, 0x0d, "permission fault (section)" },
	{ 0x0e, 0x16, "synchronous external abort on a table walk (second level)" },
	{ 0x0f, 0x0e, "permission fault (page)" },
	{ 0x16, 0x11, "asynchronous external abort" },
	{ 0x18, 0x3f, "asynchronous parity error" },
	{ 0x19, 0x18, "synchronous parity error" },
};

static const struct fs_name *short_fs_of(uint32_t fsr)
{
	unsigned fs = (unsigned)(FIELD_GET(FSR_FS4, fsr) << 4 | FIELD_GET(FSR_FS30, fsr));

	for (size_t i = 0; i < sizeof(short_fs) / sizeof(short_fs[0]); i++)
		if (short_fs[i].fs == fs)
			return &short_fs[i];
	return NULL;
}

/* The fault status as a Long-descriptor STATUS code, whatever the format. */
static unsigned fsr_status(uint32_t fsr)
{
	const struct fs_name *s;

	if (fsr & FSR_LPAE)
		return (unsigned)FIELD_GET(FSR_STATUS, fsr);
	s = short_fs_of(fsr);
	return s ? s->lpae : 0x3f;
}

/* "permission fault (level 3), on a write (DFSR 0x0000080f, Long-descriptor)". */
static void print_fsr(const char *reg, uint32_t fsr, const char *far_reg, uint32_t far,
		      bool data)
{
	const struct fs_name *s = (fsr & FSR_LPAE) ? NULL : short_fs_of(fsr);
	unsigned st = (unsigned)FIELD_GET(FSR_STATUS, fsr);
	const char *rw = data ? (fsr & FSR_WNR ? ", on a write" : ", on a read") : "";

	char level[16] = "";

	if (st < 0x10)
		snprintf(level, sizeof(level), " (level %u)", FSC_LEVEL(st));
	if (fsr & FSR_LPAE)
		printf("  %s 0x%08lx (Long-descriptor): %s%s%s, %s 0x%08lx\n", reg,
		       (unsigned long)fsr, esr_fault_name(st), level, rw, far_reg,
		       (unsigned long)far);
	else
		printf("  %s 0x%08lx (Short-descriptor): %s%s, %s 0x%08lx\n", reg,
		       (unsigned long)fsr, s ? s->name : "unrecognised fault status", rw, far_reg,
		       (unsigned long)far);
}

static unsigned vector_slot(uint32_t vector)
{
	if (vector == ARM32_VEC_IRQ)
		return CRASH_FROM_CUR_SPX | CRASH_KIND_IRQ;
	if (vector == ARM32_VEC_FIQ)
		return CRASH_FROM_CUR_SPX | CRASH_KIND_FIQ;
	return CRASH_FROM_CUR_SPX | CRASH_KIND_SYNC;
}

/* The syndrome a PL1 exception would have had in HSR's layout. */
static void build_syndrome(struct crash_frame *f)
{
	uint32_t ec = EC_UNKNOWN, iss = 0;

	f->far = 0;
	switch (f->vector) {
	case ARM32_VEC_SVC:
		ec = EC_SVC32;
		break;
	case ARM32_VEC_PABT:
		ec = EC_IABT_CUR;
		iss = fsr_status(f->ifsr);
		f->far = f->ifar;
		break;
	case ARM32_VEC_DABT:
		ec = EC_DABT_CUR;
		iss = fsr_status(f->dfsr) | (f->dfsr & FSR_WNR ? ESR_WNR : 0);
		f->far = f->dfar;
		break;
	default:
		break;
	}
	f->esr = (uint32_t)(FIELD_PREP(ESR_EC, ec) | iss);
}

void arm32_exception(struct crash_frame *f)
{
	build_syndrome(f);
	exception_entry(f, vector_slot(f->vector), 1);
}

static const char *const vector_names[] = {
	"jump to the reset vector", "undefined instruction", "supervisor call (SVC)",
	"prefetch abort", "data abort", "HYP trap", "IRQ", "FIQ",
};

static const char *mode_name(uint32_t psr)
{
	switch (psr & MODE_MASK) {
	case MODE_USR: return "USR";
	case MODE_FIQ: return "FIQ";
	case MODE_IRQ: return "IRQ";
	case MODE_SVC: return "SVC";
	case MODE_MON: return "MON";
	case MODE_ABT: return "ABT";
	case MODE_HYP: return "HYP";
	case MODE_UND: return "UND";
	case MODE_SYS: return "SYS";
	default: return "?";
	}
}

static void print_registers(const struct crash_frame *f)
{
	for (unsigned i = 0; i < 13; i++)
		printf("  r%-2u %08lx%s", i, (unsigned long)f->r[i], i % 4 == 3 ? "\n" : "");
	printf("  sp %08lx  lr %08lx  pc %08lx  spsr %08lx (%s, %s state)\n", (unsigned long)f->sp,
	       (unsigned long)f->lr, (unsigned long)f->elr, (unsigned long)f->spsr,
	       mode_name(f->spsr), f->spsr & PSR_T ? "Thumb" : "ARM");
}

void crash_report(const struct crash_frame *f, unsigned slot, unsigned el)
{
	const char *name = f->vector < 8 ? vector_names[f->vector] : "?";
	unsigned ec = esr_ec(f->esr);
	char abort[96];

	(void)slot;
	crash_enter();
	printf("\n*** CRASH: unexpected %s, taken to %s mode from %s mode\n", name,
	       el == 2 ? "HYP" : f->vector == ARM32_VEC_DABT || f->vector == ARM32_VEC_PABT ? "ABT"
			 : f->vector == ARM32_VEC_UND ? "UND" : "an exception",
	       mode_name(f->spsr));
	crash_print_test();
	printf("  exception class 0x%02x: %s\n", ec, esr_class_name(ec));
	esr_abort_text(f->esr, abort, sizeof(abort));
	if (abort[0])
		printf("  fault status 0x%02x: %s\n", esr_fsc(f->esr), abort);
	if (el == 2)
		printf("  HSR 0x%08lx  HDFAR 0x%08lx  HIFAR 0x%08lx\n", (unsigned long)f->dfsr,
		       (unsigned long)f->dfar, (unsigned long)f->ifar);
	else if (f->vector == ARM32_VEC_DABT)
		print_fsr("DFSR", f->dfsr, "DFAR", f->dfar, true);
	else if (f->vector == ARM32_VEC_PABT)
		print_fsr("IFSR", f->ifsr, "IFAR", f->ifar, false);
	crash_print_stack_overflow(esr_is_data_abort(f->esr), f->far, f->sp);
	print_registers(f);
	crash_exit();
}

/* Before the drop to SVC, in HYP: HSR is a real syndrome. */
void arm32_hyp_exception(struct crash_frame *f)
{
	f->esr = f->dfsr;
	f->far = f->vector == ARM32_VEC_PABT ? f->ifar : f->dfar;
	crash_report(f, vector_slot(f->vector), 2);
}
