/* SPDX-License-Identifier: MIT */
/*
 * DC CVAC by the smallest data cache line (CTR_EL0.DminLine, log2 of words,
 * Arm ARM DDI 0487 D19 "CTR_EL0"), then DSB so the cleans complete before
 * whatever tells the walker to look (Arm ARM B2.3, ordering of cache
 * maintenance; Linux arch/arm64/mm/cache.S dcache_clean_poc does the same).
 */
#include <stdint.h>

#include "drivers/cache.h"
#include "mmu/bits.h"

/* CTR_EL0 / CTR: DminLine [19:16], the same field on both architectures. */
#define CTR_DMINLINE GENMASK(19, 16)

/* AArch32: CTR is c0, c0, 1; DCCMVAC (c7, c10, 1) cleans by MVA to the PoC
 * (DDI 0406C B4.1.42, B4.2.1). */
static uintptr_t read_ctr(void)
{
	uintptr_t ctr;

#if defined(__aarch64__)
	__asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
#else
	__asm__ volatile("mrc p15, 0, %0, c0, c0, 1" : "=r"(ctr));
#endif
	return ctr;
}

static void clean_line(uintptr_t p)
{
#if defined(__aarch64__)
	__asm__ volatile("dc cvac, %0" : : "r"(p) : "memory");
#else
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(p) : "memory");
#endif
}

static size_t dcache_line_size(void)
{
	return (size_t)4 << FIELD_GET(CTR_DMINLINE, read_ctr());
}

void cache_clean_range(const void *va, size_t size)
{
	if (!size)
		return;
	size_t line = dcache_line_size();
	uintptr_t p = (uintptr_t)va & ~(uintptr_t)(line - 1);
	uintptr_t end = (uintptr_t)va + size;

	for (; p < end; p += line)
		clean_line(p);
	__asm__ volatile("dsb sy" ::: "memory");
}
