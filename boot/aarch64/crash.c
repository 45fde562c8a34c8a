/* SPDX-License-Identifier: MIT */
/*
 * The AArch64 crash report (boot/crash.h): where the exception was taken,
 * the exception class in words, the syndrome, the registers, whether a
 * stack ran into its guard page.
 */
#include <stdio.h>

#include "boot/crash.h"
#include "boot/esr.h"

static const char *const slot_kinds[] = { "synchronous exception", "IRQ", "FIQ", "SError" };
static const char *const slot_origins[] = {
	"current EL on SP_EL0", "current EL on SP_ELx", "lower EL (AArch64)", "lower EL (AArch32)"
};

static void print_registers(const struct crash_frame *f)
{
	for (unsigned i = 0; i < 31; i++)
		printf("  x%-2u %016lx%s", i, (unsigned long)f->x[i], i % 4 == 3 ? "\n" : "");
	printf("\n  sp_el0 %016lx  sp_elx %016lx\n", (unsigned long)f->sp_el0,
	       (unsigned long)f->sp_elx);
}

void crash_report(const struct crash_frame *f, unsigned slot, unsigned el)
{
	unsigned ec = esr_ec(f->esr);
	char abort[96];

	crash_enter();
	printf("\n*** CRASH: unexpected %s at EL%u, taken from %s\n", slot_kinds[slot & 3], el,
	       slot_origins[(slot >> 2) & 3]);
	crash_print_test();
	printf("  exception class 0x%02x: %s\n", ec, esr_class_name(ec));
	esr_abort_text(f->esr, abort, sizeof(abort));
	if (abort[0])
		printf("  fault status 0x%02x: %s\n", esr_fsc(f->esr), abort);
	crash_print_stack_overflow(esr_is_data_abort(f->esr), f->far, f->sp_el0);
	printf("  ESR 0x%08lx (ISS 0x%07lx)  ELR 0x%016lx  FAR 0x%016lx  SPSR 0x%08lx\n",
	       (unsigned long)f->esr, (unsigned long)FIELD_GET(ESR_ISS, f->esr),
	       (unsigned long)f->elr, (unsigned long)f->far, (unsigned long)f->spsr);
	print_registers(f);
	crash_exit();
}
