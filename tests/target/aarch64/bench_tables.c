/* SPDX-License-Identifier: MIT */
/*
 * bench-table-fill (manual; `make run APPEND=bench-table-fill`): instructions
 * retired to zero and fill 512 last-level tables, counted by the PMU event
 * INST_RETIRED (0x08; Arm ARM DDI 0487 D17 "PMU events"), which QEMU counts
 * exactly under -icount. Caches on or off do not change an instruction
 * count; what the MMU on changes is what zeroing may use: with Normal memory
 * DC ZVA (zero a whole block per instruction, DCZID_EL0) is allowed, with the
 * MMU off (Device memory) it faults. The pool zeroes with memset before
 * the MMU is on and with the CPU's zero op (drivers/cache.h: DC ZVA) after,
 * which is what the image runs. Prints figures; asserts nothing about them
 * (GUIDE: no timed assertions).
 */
#include <stdio.h>
#include <string.h>

#include "boot/image.h"
#include "drivers/cache.h"
#include "mmu/bits.h"
#include "tests/target/selftest.h"

#define NTABLES 512
#define PAGE 4096u
#define PMCR_E BIT(0)
#define PMCNTEN_C0 BIT(0)
#define EVT_INST_RETIRED 0x08

static void pmu_start(void)
{
	__asm__ volatile("msr pmselr_el0, xzr\n\tisb\n\tmsr pmxevtyper_el0, %0\n\t"
			 "msr pmcntenset_el0, %1\n\tmsr pmcr_el0, %2\n\tmsr pmevcntr0_el0, xzr\n\tisb"
			 : : "r"((uint64_t)EVT_INST_RETIRED), "r"(PMCNTEN_C0), "r"(PMCR_E)
			 : "memory");
}

static uint64_t pmu_read(void)
{
	uint64_t v;

	__asm__ volatile("isb\n\tmrs %0, pmevcntr0_el0" : "=r"(v) : : "memory");
	return v;
}

static void zero_bytes(void *p, size_t bytes)
{
	memset(p, 0, bytes); /* picolibc's: the pool's zeroing with the MMU off */
}

/* 512 descriptors per table, as the core writes page leaves. */
static void fill(uint8_t *p)
{
	uint64_t *t = (uint64_t *)p;

	for (unsigned i = 0; i < PAGE / 8; i++)
		t[i] = (uint64_t)(uintptr_t)p | ((uint64_t)i << 12) | 0x743;
}

static uint64_t measure(uint8_t *pages, void (*zero)(void *, size_t))
{
	uint64_t t0;

	pmu_start();
	t0 = pmu_read();
	for (unsigned i = 0; i < NTABLES; i++) {
		zero(pages + (size_t)i * PAGE, PAGE);
		fill(pages + (size_t)i * PAGE);
	}
	return pmu_read() - t0;
}

static enum st_result bench_table_fill(void)
{
	uint8_t *pages = pool_alloc(image_pool(), 65536);
	uint8_t *all[NTABLES / 16];
	void (*zero_op)(void *, size_t) = cache_zero_op(); /* the pool's, MMU on */
	uint64_t bytes, zva;

	if (!pages)
		return st_fail("no pool memory");
	pool_free(image_pool(), pages, 65536);
	/* 2 MiB of tables from the pool, contiguous 64 KiB blocks. */
	for (unsigned i = 0; i < NTABLES / 16; i++)
		all[i] = pool_alloc(image_pool(), 65536);
	pages = all[0];
	for (unsigned i = 1; i < NTABLES / 16; i++)
		if (all[i] != pages + (size_t)i * 65536)
			pages = NULL;
	if (!pages) {
		for (unsigned i = 0; i < NTABLES / 16; i++)
			pool_free(image_pool(), all[i], 65536);
		return st_skip("pool blocks not contiguous");
	}
	bytes = measure(pages, zero_bytes);
	zva = zero_op ? measure(pages, zero_op) : 0;
	for (unsigned i = 0; i < NTABLES / 16; i++)
		pool_free(image_pool(), all[i], 65536);
	st_note("instructions to zero and fill %u tables: %llu with memset, %llu with DC ZVA",
		NTABLES, (unsigned long long)bytes, (unsigned long long)zva);
	printf("# bench-table-fill: memset %llu, dc-zva %llu instructions for %u tables\n",
	       (unsigned long long)bytes, (unsigned long long)zva, NTABLES);
	return ST_PASS;
}
SELFTEST("bench-table-fill", bench_table_fill, ST_MANUAL);
