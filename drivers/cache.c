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

#if defined(__aarch64__)
/* DCZID_EL0 (DDI 0487 D19 "DCZID_EL0"): DZP [4] DC ZVA prohibited, BS [3:0]
 * log2 of the block size in words. */
#define DCZID_DZP BIT(4)
#define DCZID_BS  GENMASK(3, 0)

static uint64_t read_dczid(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, dczid_el0" : "=r"(v));
	return v;
}

/* va and bytes are whole pool blocks (4 KiB aligned and sized), and a ZVA
 * block is at most 2 KiB (BS <= 9), so the loop covers them exactly. */
static void zero_zva(void *va, size_t bytes)
{
	size_t blk = (size_t)4 << FIELD_GET(DCZID_BS, read_dczid());

	for (uintptr_t p = (uintptr_t)va; p < (uintptr_t)va + bytes; p += blk)
		__asm__ volatile("dc zva, %0" : : "r"(p) : "memory");
}

void (*cache_zero_op(void))(void *va, size_t bytes)
{
	return (read_dczid() & DCZID_DZP) ? NULL : zero_zva;
}
#else
/* ARMv7 has no cache zeroing instruction: newlib's memset (word stores). */
void (*cache_zero_op(void))(void *va, size_t bytes)
{
	return NULL;
}
#endif
