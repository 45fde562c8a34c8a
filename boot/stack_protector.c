/* SPDX-License-Identifier: MIT */
/*
 * GCC's stack protector (-fstack-protector-strong): every function with a
 * local array or an address-taken local keeps a copy of __stack_chk_guard
 * below its return address and calls __stack_chk_fail() when it finds it
 * changed on return (GCC "Instrumentation Options"; the symbols are the
 * libssp ABI picolibc also uses).
 *
 * The canary is set once, by boot/head.S, before boot_main's frame exists
 * (a frame made with one canary and checked against another would fail):
 * from RNDR (FEAT_RNG, ID_AA64ISAR0_EL1.RNDR, Arm ARM DDI 0487 D19 "RNDR")
 * where the CPU has it, else from the counter. Its low byte is zero, so a
 * string copy running over it cannot write it back (a terminator canary).
 */
#include <stdint.h>
#include <stdio.h>

#include "boot/aarch64/cpu_regs.h"
#include "boot/image.h"
#include "tests/target/harness.h"

#define RNDR_PRESENT 1
#define CANARY_MIX 0x9e3779b97f4a7c15ull /* 2^64 / golden ratio: spreads counter bits */

uintptr_t __stack_chk_guard = 0x00fedcba98765400ull;

void stack_guard_init(void) __attribute__((no_stack_protector));
void __stack_chk_fail(void) __attribute__((noreturn));

/* RNDR is S3_3_C2_C4_0; it sets PSTATE.Z (and returns 0) when no random
 * number is available right now: fall back to the counter then. */
static uint64_t rndr(void)
{
	uint64_t v, z;

	__asm__ volatile("mrs %0, s3_3_c2_c4_0\n\tcset %1, eq" : "=r"(v), "=r"(z) : : "cc");
	return z ? 0 : v;
}

void stack_guard_init(void)
{
	uint64_t v = 0;

	if (FIELD_GET(ISAR0_RNDR, read_sysreg(id_aa64isar0_el1)) >= RNDR_PRESENT)
		v = rndr();
	if (!v)
		v = (read_sysreg(cntpct_el0) + 1) * CANARY_MIX;
	__stack_chk_guard = (uintptr_t)(v & ~0xffull);
}

void __stack_chk_fail(void)
{
	const char *test = harness_current_test();

	printf("\n*** CRASH: stack smashing detected: the function returning at %p found its "
	       "stack canary overwritten\n",
	       __builtin_return_address(0));
	if (test)
		printf("  during self-test '%s'\n", test);
	printf("Bail out! stack smashing%s%s\n", test ? " in " : "", test ? test : "");
	image_exit(IMAGE_EXIT_CRASH);
}
