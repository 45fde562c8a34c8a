/* SPDX-License-Identifier: MIT */
/*
 * Target MMIO accessors (drivers/mmio.h). Single-copy accesses of the exact
 * width through inline assembly, so the compiler can neither split, merge
 * nor reorder them. Barriers follow Linux's arm64 writel/readl
 * (arch/arm64/include/asm/io.h: __iowmb = dmb oshst before a write, __iormb
 * = dmb oshld after a read; the outer-shareable domain covers DMA masters).
 */
#include "drivers/mmio.h"

static inline void iowmb(void)
{
	__asm__ volatile("dmb oshst" ::: "memory");
}

static inline void iormb(void)
{
	__asm__ volatile("dmb oshld" ::: "memory");
}

/* One read and one write per width; "Z" lets a zero store use xzr/wzr. */
#define MMIO_ACCESSORS(bits, type, ldr, str, reg)                                       \
	type mmio_read##bits(uintptr_t addr)                                            \
	{                                                                               \
		type v;                                                                 \
		__asm__ volatile(ldr " %" reg "0, [%1]" : "=r"(v) : "r"(addr) : "memory"); \
		iormb();                                                                \
		return v;                                                               \
	}                                                                               \
	void mmio_write##bits(uintptr_t addr, type val)                                 \
	{                                                                               \
		iowmb();                                                                \
		__asm__ volatile(str " %" reg "0, [%1]" : : "rZ"(val), "r"(addr) : "memory"); \
	}

MMIO_ACCESSORS(64, uint64_t, "ldr", "str", "x")
MMIO_ACCESSORS(32, uint32_t, "ldr", "str", "w")
MMIO_ACCESSORS(16, uint16_t, "ldrh", "strh", "w")
MMIO_ACCESSORS(8, uint8_t, "ldrb", "strb", "w")

void mmio_dma_barrier(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}
