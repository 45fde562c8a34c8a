/* SPDX-License-Identifier: MIT */
/*
 * The crash report for an exception nobody expected: where it was taken,
 * the exception class in words, the syndrome, the registers, whether a
 * stack ran into its guard page; then the run ends as a failure
 * (IMAGE_EXIT_CRASH) instead of hanging. A fault while the report itself is
 * printed gets one line and parks: the exit path may be what faulted.
 */
#include <stdbool.h>
#include <stdio.h>

#include "boot/console.h"
#include "boot/cpu_map_image.h"
#include "boot/crash.h"
#include "boot/esr.h"
#include "boot/image.h"
#include "tests/target/harness.h"

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

/* A stack overflow shows as an abort inside a guard page (the push that
 * crossed into it), with that stack's pointer in or below the guard. */
static void print_stack_overflow(const struct crash_frame *f)
{
	const char *stack = esr_is_data_abort(f->esr) ? image_stack_guard(f->far) : NULL;

	if (!stack)
		stack = image_stack_guard(f->sp_el0);
	if (stack)
		printf("  stack overflow: the %s stack ran into its guard page (FAR 0x%lx, sp 0x%lx)\n",
		       stack, (unsigned long)f->far, (unsigned long)f->sp_el0);
}

static unsigned crash_depth;

void crash_report(const struct crash_frame *f, unsigned slot, unsigned el)
{
	/* A fault inside the report: stdio, the console or the exit may be the
	 * culprit, so one raw line and no exit; a fault in that line: park. */
	if (crash_depth++) {
		if (crash_depth == 2)
			console_puts_raw("\n*** CRASH while printing a crash report; parked\n");
		image_park();
	}

	unsigned ec = esr_ec(f->esr);
	const char *test = harness_current_test();
	char abort[96];

	printf("\n*** CRASH: unexpected %s at EL%u, taken from %s\n", slot_kinds[slot & 3], el,
	       slot_origins[(slot >> 2) & 3]);
	if (test)
		printf("  during self-test '%s'\n", test);
	printf("  exception class 0x%02x: %s\n", ec, esr_class_name(ec));
	esr_abort_text(f->esr, abort, sizeof(abort));
	if (abort[0])
		printf("  fault status 0x%02x: %s\n", esr_fsc(f->esr), abort);
	print_stack_overflow(f);
	printf("  ESR 0x%08lx (ISS 0x%07lx)  ELR 0x%016lx  FAR 0x%016lx  SPSR 0x%08lx\n",
	       (unsigned long)f->esr, (unsigned long)FIELD_GET(ESR_ISS, f->esr),
	       (unsigned long)f->elr, (unsigned long)f->far, (unsigned long)f->spsr);
	print_registers(f);
	harness_bail_out("crash");
	image_exit(IMAGE_EXIT_CRASH);
}
