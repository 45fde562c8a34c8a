/* SPDX-License-Identifier: MIT */
/*
 * The main sequence, entered from boot/head.S at EL1 on the image stack:
 * console, TAP header, command line (and whether semihosting is served),
 * the board's facts (device tree over board file), the CPU's own map with
 * the MMU and caches on (its device regions from those facts), page pool,
 * banner, the test selection, self-tests, exit status.
 */
#include <stdio.h>

#include "board/board.h"
#include "boot/arch.h"
#include "boot/banner.h"
#include "boot/console.h"
#include "boot/cpu_map_image.h"
#include "boot/facts.h"
#include "boot/fault.h"
#include "boot/image.h"
#include "boot/semihost.h"
#include "tests/target/harness.h"
#include "tests/target/selection.h"

#define CMDLINE_MAX SELECTION_MAX_CHARS

void boot_main(uint64_t dtb, uint64_t entry_el, uint64_t entry_sctlr, uint64_t entry_coherency)
	__attribute__((noreturn));

static unsigned boot_entry_el;
static uint64_t boot_entry_sctlr;
static uint64_t boot_entry_coherency;
static bool boot_semihosting;
static char boot_cmdline[CMDLINE_MAX];
static int cmdline_errno; /* SYS_GET_CMDLINE refused: the host's errno, else 0 */

unsigned image_entry_el(void)
{
	return boot_entry_el;
}

uint64_t image_entry_sctlr(void)
{
	return boot_entry_sctlr;
}

uint64_t image_entry_coherency(void)
{
	return boot_entry_coherency;
}

const char *image_cmdline(void)
{
	return boot_cmdline;
}

/* On the semihosting command line, or in the DT's bootargs (which have no
 * program name: "-" stands in for one). */
bool image_option(const char *option)
{
	const char *bootargs = board_facts()->bootargs;
	char line[CMDLINE_MAX + 2];

	if (selection_option(boot_cmdline, option))
		return true;
	if (!bootargs)
		return false;
	snprintf(line, sizeof(line), "- %s", bootargs);
	return selection_option(line, option);
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
 * the trap it is an exception (an undefined HLT, or an SVC), caught here.
 * QEMU and OpenOCD refuse SYS_GET_CMDLINE when the line does not fit the
 * buffer (QEMU semihosting/arm-compat-semi.c; OpenOCD semihosting_common.c). */
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
	if (ret) {
		cmdline_errno = semihost_errno();
		if (!cmdline_errno)
			cmdline_errno = -1; /* refused, reason unknown */
	}
}

/* A selection that cannot be read is a failed run, never "all tests". */
static void refuse_selection(const char *what, const char *why)
{
	char line[160];

	snprintf(line, sizeof(line), "%s %s", what, why);
	harness_bail_out(line);
	image_exit(IMAGE_EXIT_FAIL);
}

/*
 * Which tests run: the semihosting command line's names (QEMU -append,
 * OpenOCD `arm semihosting_cmdline`), else the device tree's /chosen
 * bootargs (U-Boot `setenv bootargs`), else the default set.
 */
static void choose_selection(struct selection *sel)
{
	const struct board_facts *fx = board_facts();
	struct selection dt;

	if (cmdline_errno) {
		char why[96];

		snprintf(why, sizeof(why), "SYS_GET_CMDLINE refused it (host errno %d): longer than %u bytes?",
			 cmdline_errno, CMDLINE_MAX - 1);
		refuse_selection("semihosting command line:", why);
	}
	if (selection_parse(sel, boot_cmdline))
		refuse_selection("semihosting command line:", "more than 32 names");
	if (fx->dt_ok && fx->dt.bootargs_too_long)
		refuse_selection("/chosen bootargs:", "longer than the 511 bytes read: not used");
	if (fx->bootargs && selection_parse_bootargs(&dt, fx->bootargs))
		refuse_selection("/chosen bootargs:", "more than 32 names");
	if (sel->nwords) {
		printf("selection: %zu names from the semihosting command line\n", sel->nwords);
		if (fx->bootargs && dt.nwords && !selection_same(sel, &dt))
			printf("selection: /chosen bootargs name other tests: not used\n");
		return;
	}
	if (fx->bootargs) {
		selection_parse_bootargs(sel, fx->bootargs); /* parsed once already: cannot fail */
		printf("selection: %zu names from /chosen bootargs (%zu key=value words ignored)\n",
		       sel->nwords, sel->ignored);
		return;
	}
	printf("selection: the default set (no names given)\n");
}

void boot_main(uint64_t dtb, uint64_t entry_el, uint64_t entry_sctlr, uint64_t entry_coherency)
{
	static struct selection sel;

	boot_entry_el = (unsigned)entry_el;
	boot_entry_sctlr = entry_sctlr;
	boot_entry_coherency = entry_coherency;
	console_init();
	harness_start();
	read_cmdline();
	/* Before the CPU map: it maps the RAM and devices the facts name. */
	facts_init(dtb);
	int err = image_cpu_map_init();

	if (err)
		printf("cpu map: error %d: refusing to run with the MMU and caches off\n", err);
	else
		err = image_pool_init();
	banner_print(dtb);
	facts_print(board_facts());
	if (err)
		image_exit(IMAGE_EXIT_FAIL);
	choose_selection(&sel);
	image_exit(harness_run(&sel) ? IMAGE_EXIT_FAIL : IMAGE_EXIT_PASS);
}
