/* SPDX-License-Identifier: MIT */
/*
 * The main sequence, entered from boot/head.S at EL1 on the image stack:
 * console, command line, page pool, banner, self-tests, exit status.
 */
#include <stdio.h>

#include "board/board.h"
#include "boot/banner.h"
#include "boot/console.h"
#include "boot/image.h"
#include "boot/semihost.h"
#include "tests/target/harness.h"

#define CMDLINE_MAX 512

void boot_main(uint64_t dtb, uint64_t entry_el) __attribute__((noreturn));

static unsigned boot_entry_el;
static char boot_cmdline[CMDLINE_MAX];

unsigned image_entry_el(void)
{
	return boot_entry_el;
}

const char *image_cmdline(void)
{
	return boot_cmdline;
}

void image_exit(int status)
{
	console_flush();
	if (board.has_semihosting)
		semihost_exit(status);
	printf("exit status %d; no semihosting on this board, parking the CPU\n", status);
	console_flush();
	for (;;)
		__asm__ volatile("wfi");
}

static void read_cmdline(void)
{
	if (!board.has_semihosting)
		return;
	if (semihost_get_cmdline(boot_cmdline, sizeof(boot_cmdline)))
		printf("semihosting: no command line (SYS_GET_CMDLINE refused)\n");
}

void boot_main(uint64_t dtb, uint64_t entry_el)
{
	boot_entry_el = (unsigned)entry_el;
	console_init();
	read_cmdline();
	int err = image_pool_init();

	banner_print(dtb);
	if (err)
		image_exit(IMAGE_EXIT_FAIL);
	image_exit(harness_run(boot_cmdline) ? IMAGE_EXIT_FAIL : IMAGE_EXIT_PASS);
}
