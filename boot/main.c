/* SPDX-License-Identifier: MIT */
/*
 * The main sequence, entered from boot/head.S at EL1 on the image stack:
 * console, command line (and whether semihosting is served), the CPU's own
 * map with the MMU and caches on, page pool, banner, self-tests, exit status.
 */
#include <stdio.h>

#include "board/board.h"
#include "boot/arch.h"
#include "boot/banner.h"
#include "boot/console.h"
#include "boot/cpu_map_image.h"
#include "boot/fault.h"
#include "boot/image.h"
#include "boot/semihost.h"
#include "tests/target/harness.h"
#include "tests/target/selection.h"

#define CMDLINE_MAX 512

void boot_main(uint64_t dtb, uint64_t entry_el, uint64_t entry_sctlr) __attribute__((noreturn));

static unsigned boot_entry_el;
static uint64_t boot_entry_sctlr;
static bool boot_semihosting;
static char boot_cmdline[CMDLINE_MAX];

unsigned image_entry_el(void)
{
	return boot_entry_el;
}

uint64_t image_entry_sctlr(void)
{
	return boot_entry_sctlr;
}

const char *image_cmdline(void)
{
	return boot_cmdline;
}

bool image_option(const char *option)
{
	return selection_option(boot_cmdline, option);
}

bool image_has_semihosting(void)
{
	return boot_semihosting;
}

void image_park(void)
{
	arch_park_cpu();
}

void image_exit(int status)
{
	console_flush();
	if (boot_semihosting)
		semihost_exit(status);
	printf("exit status %d; no semihosting, parking the CPU\n", status);
	console_flush();
	image_park();
}

static void get_cmdline(void *ret)
{
	*(int *)ret = semihost_get_cmdline(boot_cmdline, sizeof(boot_cmdline));
}

/* The first semihosting call doubles as the probe: where nobody serves
 * the trap it is an exception (an undefined HLT, or an SVC), caught here. */
static void read_cmdline(void)
{
	struct fault_info fi;
	int ret = 0;

	if (!board.has_semihosting)
		return;
	if (fault_try(get_cmdline, &ret, &fi)) {
		boot_cmdline[0] = '\0';
		printf("semihosting: not served (" ARCH_SEMIHOST_INSN " trapped, syndrome %#lx): no "
		       "command line, and the run ends parked\n",
		       (unsigned long)fi.esr);
		return;
	}
	boot_semihosting = true;
	if (ret)
		printf("semihosting: no command line (SYS_GET_CMDLINE refused)\n");
}

void boot_main(uint64_t dtb, uint64_t entry_el, uint64_t entry_sctlr)
{
	boot_entry_el = (unsigned)entry_el;
	boot_entry_sctlr = entry_sctlr;
	console_init();
	read_cmdline();
	int err = image_cpu_map_init();

	if (err)
		printf("cpu map: error %d: refusing to run with the MMU and caches off\n", err);
	else
		err = image_pool_init();
	banner_print(dtb);
	if (err)
		image_exit(IMAGE_EXIT_FAIL);
	image_exit(harness_run(boot_cmdline) ? IMAGE_EXIT_FAIL : IMAGE_EXIT_PASS);
}
