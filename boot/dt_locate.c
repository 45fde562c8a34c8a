/* SPDX-License-Identifier: MIT */
/*
 * Where this run's device tree is, if any, then the facts from it
 * (boot/facts.c). Two places, in this order:
 *   x0, under the Linux boot protocol (Linux Documentation/arch/arm64/
 *     booting.rst, "Call the kernel image": x0 = the DTB's physical address,
 *     x1 = x2 = x3 = 0). boot/head.S passes 0 when x1..x3 are not all zero:
 *     a debugger's resume leaves whatever the registers held.
 *   the RAM base, on boards where a loader leaves one there unannounced
 *     (board.fdt_at_ram_base: QEMU for a bare-metal ELF), if the magic is
 *     there; the blob must end before the image.
 * Only addresses inside the board file's RAM are read (nothing else is
 * known to be memory before the DT says what is), and only up to its end.
 */
#include <stdio.h>

#include "boot/facts.h"
#include "drivers/fdt.h"

extern char _head[], _end[];

static struct board_facts facts_state;

const struct board_facts *board_facts(void)
{
	return &facts_state;
}

void facts_init(uint64_t x0)
{
	uint64_t ram_end = board.ram_base + board.ram_size;
	const struct facts_image img = { (uintptr_t)_head, (uintptr_t)_end };
	const void *blob = NULL;
	size_t avail = 0;
	uint64_t at = 0;
	const char *from = NULL;

	bool x0_outside = x0 && (x0 % 8 || x0 < board.ram_base || x0 >= ram_end);

	if (x0 && !x0_outside) {
		at = x0;
		from = "x0 (Linux boot protocol)";
	} else if (board.fdt_at_ram_base && fdt_be32((const void *)board.ram_base) == FDT_MAGIC) {
		at = board.ram_base;
		from = "the RAM base (left by the loader)";
		ram_end = img.start;
	}
	if (from) {
		blob = (const void *)(uintptr_t)at;
		avail = (size_t)(ram_end - at);
	}
	facts_build(&facts_state, &board, blob, avail, at, from, &img);
	if (x0_outside)
		snprintf(facts_state.dt_note, sizeof(facts_state.dt_note),
			 "x0 %#llx is not 8-byte aligned inside the board's RAM: ignored",
			 (unsigned long long)x0);
}
