/* SPDX-License-Identifier: MIT */
/* Expected faults (see fault.h) and the vectors' dispatch. */
#include <stddef.h>

#include "boot/console.h"
#include "boot/crash.h"
#include "boot/fault.h"
#include "boot/image.h"

/*
 * The callee-saved state fault_try_call saves (the architecture's
 * fault_try.S: AArch64 x19..x30, sp, d8..d15 = 21 dwords; AArch32 r4..r11,
 * sp, lr, d8..d15 = 13 dwords), then the record to fill.
 */
#define FAULT_CTX_DWORDS 21
struct fault_ctx {
	uint64_t saved[FAULT_CTX_DWORDS];
	struct fault_info *info;
};

int fault_try_call(struct fault_ctx *ctx, void (*fn)(void *), void *arg);
void fault_try_landing(void);

static struct fault_ctx *volatile fault_armed;

int fault_try(void (*fn)(void *), void *arg, struct fault_info *info)
{
	struct fault_ctx ctx = { .info = info };
	int r;

	fault_armed = &ctx;
	__asm__ volatile("" ::: "memory");
	r = fault_try_call(&ctx, fn, arg);
	fault_armed = NULL;
	return r;
}

/* A synchronous exception taken from EL1 to EL1 while armed: record it and
 * resume at the landing. */
static bool fault_catch(struct crash_frame *f, unsigned slot, unsigned el)
{
	struct fault_ctx *ctx = fault_armed;
	unsigned from = slot & ~3u;

	if (!ctx || el != 1 || (slot & 3) != CRASH_KIND_SYNC ||
	    (from != CRASH_FROM_CUR_SP0 && from != CRASH_FROM_CUR_SPX))
		return false;
	fault_armed = NULL;
	*ctx->info = (struct fault_info){ f->esr, f->far, f->elr, f->spsr };
	crash_frame_resume(f, (uintptr_t)fault_try_landing, (uintptr_t)ctx);
	return true;
}

void exception_entry(struct crash_frame *f, unsigned slot, unsigned el);

void exception_entry(struct crash_frame *f, unsigned slot, unsigned el)
{
	if (fault_catch(f, slot, el))
		return;
	crash_report(f, slot, el);
}

void exception_stack_overflow(void) __attribute__((noreturn));

void exception_stack_overflow(void)
{
	static bool once;

	if (!once) {
		once = true;
		console_puts_raw("\n*** CRASH: exception stack overflow (nested exceptions); parked\n");
	}
	image_park();
}
