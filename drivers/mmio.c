/* SPDX-License-Identifier: MIT */
/*
 * Target MMIO accessors (drivers/mmio.h). Single-copy accesses of the exact
 * width through inline assembly, so the compiler can neither split, merge
 * nor reorder them. Barriers follow Linux's arm64 writel/readl
 * (arch/arm64/include/asm/io.h: __iowmb = dmb oshst before a write, __iormb
 * = dmb oshld after a read; the outer-shareable domain covers DMA masters).
 */
#include "drivers/mmio.h"

#if defined(__aarch64__)
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
#else
/*
 * AArch32 (ARMv7-A): Linux arch/arm/include/asm/io.h puts a write barrier
 * (__iowmb: wmb, a DSB ST) before writel and a read barrier (__iormb:
 * rmb, a DSB) after readl. ARMv7 has no load-only DMB option (OSHLD is
 * ARMv8), so a read is followed by DMB OSH and a write preceded by DMB
 * OSHST (DDI 0406C A8.8.43 "DMB": options SY, ST, ISH, ISHST, NSH, NSHST,
 * OSH, OSHST), ordering normal memory against the device as on AArch64.
 *
 * 64-bit registers: a 32-bit CPU has no 64-bit single-copy atomic access
 * to Device memory (an LDRD/STRD there is two word accesses in an
 * unspecified order, DDI 0406C A3.5.3), so mmio_read64/mmio_write64 are
 * two 32-bit accesses, low word first, as Linux's lo_hi_readq/lo_hi_writeq
 * (include/linux/io-64-nonatomic-lo-hi.h). The drivers say per register
 * why halves are allowed there (drivers/smmuv3.c, drivers/edu.c).
 */
static inline void iowmb(void)
{
	__asm__ volatile("dmb oshst" ::: "memory");
}

static inline void iormb(void)
{
	__asm__ volatile("dmb osh" ::: "memory");
}

#define MMIO_ACCESSORS(bits, type, ldr, str)                                            \
	type mmio_read##bits(uintptr_t addr)                                            \
	{                                                                               \
		uint32_t v;                                                             \
		__asm__ volatile(ldr " %0, [%1]" : "=r"(v) : "r"(addr) : "memory");     \
		iormb();                                                                \
		return (type)v;                                                         \
	}                                                                               \
	void mmio_write##bits(uintptr_t addr, type val)                                 \
	{                                                                               \
		iowmb();                                                                \
		__asm__ volatile(str " %0, [%1]" : : "r"((uint32_t)val), "r"(addr) : "memory"); \
	}

MMIO_ACCESSORS(32, uint32_t, "ldr", "str")
MMIO_ACCESSORS(16, uint16_t, "ldrh", "strh")
MMIO_ACCESSORS(8, uint8_t, "ldrb", "strb")

uint64_t mmio_read64(uintptr_t addr)
{
	uint64_t lo = mmio_read32(addr);

	return lo | (uint64_t)mmio_read32(addr + 4) << 32;
}

void mmio_write64(uintptr_t addr, uint64_t val)
{
	mmio_write32(addr, (uint32_t)val);
	mmio_write32(addr + 4, (uint32_t)(val >> 32));
}

void mmio_dma_barrier(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}
#endif
