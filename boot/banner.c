/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "board/board.h"
#include "boot/arch.h"
#include "boot/banner.h"
#include "boot/coherency.h"
#include "boot/cpu_map_image.h"
#include "boot/image.h"
#include "drivers/timer.h"

/*
 * MIDR_EL1 fields (Arm ARM DDI 0487, D19 "MIDR_EL1"): implementer [31:24],
 * variant [23:20], architecture [19:16], part number [15:4], revision [3:0].
 * The ARMv7 MIDR has the same fields (DDI 0406C B4.1.105). Part numbers:
 * Linux arch/arm64/include/asm/cputype.h, and for the 32-bit cores
 * arch/arm/include/asm/cputype.h (ARM_CPU_PART_CORTEX_A7 0xc070, _A12
 * 0xc0d0, _A15 0xc0f0, _A17 0xc0e0, as part << 4; RK3288 reports A12). QEMU's "max" CPU
 * reports implementer 0 (reserved for software use) and part 'Q'
 * (QEMU target/arm/cpu64.c, aarch64_max_initfn).
 */
#define MIDR_IMPL(m)    (((m) >> 24) & 0xff)
#define MIDR_VARIANT(m) (((m) >> 20) & 0xf)
#define MIDR_PART(m)    (((m) >> 4) & 0xfff)
#define MIDR_REV(m)     ((m) & 0xf)

#define MIDR_IMPL_SOFTWARE 0x00
#define MIDR_IMPL_ARM      0x41

struct cpu_part {
	unsigned impl, part;
	const char *name;
};

static const struct cpu_part cpu_parts[] = {
	{ MIDR_IMPL_ARM, 0xc07, "Cortex-A7" },
	{ MIDR_IMPL_ARM, 0xc0d, "Cortex-A12" },
	{ MIDR_IMPL_ARM, 0xc0e, "Cortex-A17" },
	{ MIDR_IMPL_ARM, 0xc0f, "Cortex-A15" },
	{ MIDR_IMPL_ARM, 0xd03, "Cortex-A53" },
	{ MIDR_IMPL_ARM, 0xd04, "Cortex-A35" },
	{ MIDR_IMPL_ARM, 0xd05, "Cortex-A55" },
	{ MIDR_IMPL_ARM, 0xd07, "Cortex-A57" },
	{ MIDR_IMPL_ARM, 0xd08, "Cortex-A72" },
	{ MIDR_IMPL_ARM, 0xd09, "Cortex-A73" },
	{ MIDR_IMPL_ARM, 0xd0b, "Cortex-A76" },
	{ MIDR_IMPL_SOFTWARE, 'Q', "QEMU max" },
};

static const char *cpu_implementer(unsigned impl)
{
	switch (impl) {
	case MIDR_IMPL_ARM:
		return "Arm";
	case MIDR_IMPL_SOFTWARE:
		return "software";
	default:
		return "unknown";
	}
}

static const char *banner_cpu_name(uint64_t midr)
{
	for (size_t i = 0; i < sizeof(cpu_parts) / sizeof(cpu_parts[0]); i++)
		if (cpu_parts[i].impl == MIDR_IMPL(midr) && cpu_parts[i].part == MIDR_PART(midr))
			return cpu_parts[i].name;
	return "unknown";
}

void banner_print(uint64_t dtb)
{
	uint64_t midr = arch_midr();
	struct pool_stats st;

	pool_get_stats(image_pool(), &st);
	printf("gpummu on %s\n", board.name);
	printf("cpu: %s (implementer 0x%02x %s, part 0x%03x, r%up%u), MIDR 0x%08lx\n",
	       banner_cpu_name(midr), (unsigned)MIDR_IMPL(midr), cpu_implementer(MIDR_IMPL(midr)),
	       (unsigned)MIDR_PART(midr), (unsigned)MIDR_VARIANT(midr), (unsigned)MIDR_REV(midr),
	       (unsigned long)midr);
	printf("entered at %s, running at %s; dtb 0x%lx\n", arch_level_name(image_entry_el()),
	       arch_level_name(1), (unsigned long)dtb);
	if (image_entry_sctlr())
		printf("entered with the MMU/D-cache on (SCTLR of %s 0x%lx): image cleaned to the "
		       "PoC, loader's MMU off, then the image's own map\n",
		       arch_level_name(image_entry_el()), (unsigned long)image_entry_sctlr());
	coherency_print(image_entry_coherency(), image_entry_el());
	/* Every wait's timeout is read from the counter: one firmware never
	 * started (RK3288: the secure timer, drivers/timer.h) ends each wait by
	 * the poll cap instead, so say so before any test names a timeout. */
	printf("counter: %lu Hz, %s\n", (unsigned long)timer_freq_hz(),
	       timer_check_running() == 0 ? "running"
					  : "STOPPED: waits end by the poll cap, not by their timeouts; "
					    "firmware must start it");
	printf("page pool: %zu KiB at %p (%zu pages)\n", st.total_pages * POOL_PAGE_SIZE / 1024,
	       image_pool_base(), st.total_pages);
	printf("semihosting: %s\n", board.has_semihosting ? "on (SEMIHOSTING=1 build)"
						 : "off: the run ends parked, its status printed");
	if (image_cmdline()[0])
		printf("command line: %s\n", image_cmdline());
	image_cpu_map_print();
}
