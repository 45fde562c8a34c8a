/* SPDX-License-Identifier: MIT */
/*
 * GCC's stack protector (-fstack-protector-strong): every function with a
 * local array or an address-taken local keeps a copy of __stack_chk_guard
 * below its return address and calls __stack_chk_fail() when it finds it
 * changed on return (GCC "Instrumentation Options"; the symbols are the
 * libssp ABI picolibc also uses).
 *
 * The canary is set once, by the entry code (boot/<arch>/head.S), before
 * boot_main's frame exists (a frame made with one canary and checked
 * against another would fail): from arch_entropy() (boot/arch.h: RNDR where
 * an AArch64 CPU has FEAT_RNG, else the counter). Its low byte is zero, so a
 * string copy running over it cannot write it back (a terminator canary).
 */
#include <stdint.h>
#include <stdio.h>

#include "boot/arch.h"
#include "boot/image.h"
#include "tests/target/harness.h"

uintptr_t __stack_chk_guard = (uintptr_t)0x00fedcba98765400ull;

void stack_guard_init(void) __attribute__((no_stack_protector));
void __stack_chk_fail(void) __attribute__((noreturn));

void stack_guard_init(void)
{
	__stack_chk_guard = (uintptr_t)(arch_entropy() & ~0xffull);
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
