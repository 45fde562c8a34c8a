/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "boot/arch.h"
#include "boot/coherency.h"

void coherency_print(uint64_t entry_coherency, unsigned entry_el)
{
	unsigned long reg = (unsigned long)(uint32_t)entry_coherency;
	const char *at = arch_level_name(entry_el);

	switch (entry_coherency >> COH_STATE_SHIFT) {
	case COH_NOT_KNOWN:
		printf("coherency: no coherency-enable bit is known for this core; none read or set\n");
		break;
	case COH_NOT_READ:
		printf("coherency: %s not read at %s: " ARCH_COH_WHY_NOT_READ "; the loader must have set "
		       "it before the caches were first enabled\n", ARCH_COH_BIT, at);
		break;
	case COH_SET:
		printf("coherency: %s set at entry (%s 0x%08lx)\n", ARCH_COH_BIT, ARCH_COH_REG, reg);
		break;
	case COH_SET_BY_IMAGE:
		printf("coherency: %s was clear; set %s before any cache maintenance (%s 0x%08lx)\n",
		       ARCH_COH_BIT, ARCH_COH_WHERE_SET, ARCH_COH_REG, reg);
		break;
	case COH_IGNORED:
		printf("warning: coherency: %s was clear; set %s, it reads back clear: the write was "
		       "ignored, as on QEMU, which keeps the register 0 (%s 0x%08lx)\n",
		       ARCH_COH_BIT, ARCH_COH_WHERE_SET, ARCH_COH_REG, reg);
		break;
	case COH_CLEAR:
		printf("warning: coherency: %s is clear; the image writes it only %s, which %s here "
		       "is not: the loader must set it (%s 0x%08lx)\n",
		       ARCH_COH_BIT, ARCH_COH_WHERE_SET, at, ARCH_COH_REG, reg);
		break;
	default:
		printf("warning: coherency: no state recorded by the entry (%#llx)\n",
		       (unsigned long long)entry_coherency);
	}
}
