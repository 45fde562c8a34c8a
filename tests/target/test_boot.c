/* SPDX-License-Identifier: MIT */
/*
 * Self-tests of the frame itself: the EL drop, FP/SIMD, the timer, the page
 * pool as the image set it up, MMIO, and the harness's failure paths (the
 * manual tests, selected by name, that must make the run fail or crash).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "board/board.h"
#include "boot/cpu_map_image.h"
#include "boot/facts.h"
#include "boot/image.h"
#include "drivers/cache.h"
#include "drivers/mmio.h"
#include "drivers/timer.h"
#include "tests/target/cpu_ops.h"
#include "tests/target/selftest.h"

static enum st_result test_boot_el1(void)
{
	unsigned entry = image_entry_el();

	ST_CHECK(cpu_current_level() == 1); /* EL1; on AArch32 SVC mode (PL1) */
	ST_CHECK(entry >= 1 && entry <= 3);
	st_note("entered at EL%u", entry);
	return ST_PASS;
}
SELFTEST("boot-el1", test_boot_el1, 0);

/* A SIMD register round trip: traps (a crash) unless CPACR_EL1/CPTR_ELx let
 * it (AArch32: CPACR, HCPTR and FPEXC.EN). */
static enum st_result test_boot_fpsimd(void)
{
	uint64_t in = 0x0123456789abcdefull;

	ST_CHECK(cpu_fp_roundtrip(in) == in);
	return ST_PASS;
}
SELFTEST("boot-fpsimd", test_boot_fpsimd, 0);

#ifdef __PICOLIBC__
/* errno lives in picolibc's TLS block: TPIDR_EL0 must point into our RAM. */
static enum st_result test_boot_tls(void)
{
	extern char __tls_base[], __bss_end[];
	uint64_t tp;

	__asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
	errno = EILSEQ;
	ST_CHECK(errno == EILSEQ);
	ST_CHECK((uintptr_t)&errno >= (uintptr_t)__tls_base);
	ST_CHECK((uintptr_t)&errno < (uintptr_t)__bss_end);
	ST_CHECK(tp < (uintptr_t)&errno);
	errno = 0;
	return ST_PASS;
}
SELFTEST("boot-tls", test_boot_tls, 0);
#else
/* newlib: the formats every driver prints with (nano.specs has neither the
 * C99 length modifiers nor long long: this fails there), and no heap. */
extern unsigned long newlib_heap_requests;

static enum st_result test_libc_formats(void)
{
	char buf[96];

	snprintf(buf, sizeof(buf), "%zu %llx %lld %#lx %hhx %p %-4s|", (size_t)4096,
		 0x4010000000ull, -5ll, 0xabcul, (unsigned char)0x1ff, (void *)0x10, "ab");
	if (strcmp(buf, "4096 4010000000 -5 0xabc ff 0x10 ab  |") != 0)
		return st_fail("snprintf gave '%s'", buf);
	return ST_PASS;
}
SELFTEST("libc-formats", test_libc_formats, 0);

static enum st_result test_libc_heap_free(void)
{
	printf("# stdout unbuffered, %s\n", "no heap");
	if (newlib_heap_requests)
		return st_fail("newlib asked for the heap %lu times (_sbrk)", newlib_heap_requests);
	return ST_PASS;
}
SELFTEST("libc-heap-free", test_libc_heap_free, 0);
#endif

static bool never(void *ctx)
{
	(*(unsigned *)ctx)++;
	return false;
}

static bool after_three(void *ctx)
{
	return ++*(unsigned *)ctx >= 3;
}

static enum st_result test_timer_poll(void)
{
	unsigned calls = 0;
	uint64_t t0 = timer_now_us();

	ST_CHECK(timer_check_running() == 0);
	ST_CHECK(timer_poll(never, &calls, 2000) == -ETIMEDOUT);
	uint64_t waited = timer_now_us() - t0;

	ST_CHECK(waited >= 2000);
	ST_CHECK(calls >= 2);
	calls = 0;
	ST_CHECK(timer_poll(after_three, &calls, 1000000) == 0);
	ST_CHECK(calls == 3);
	st_note("2 ms timeout took %lu us", (unsigned long)waited);
	return ST_PASS;
}
SELFTEST("timer-poll", test_timer_poll, 0);

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* The image pool hands out zeroed, aligned pages from inside its region. */
static enum st_result test_image_pool(void)
{
	struct pool_stats before, during;
	struct pool *p = image_pool();
	uintptr_t lo = (uintptr_t)image_pool_base();

	pool_get_stats(p, &before);
	ST_CHECK(before.total_pages > 0);
	uint8_t *pg = pool_alloc(p, 65536);

	ST_CHECK(pg != NULL);
	pool_get_stats(p, &during);
	bool ok = ((uintptr_t)pg & 0xffff) == 0 && (uintptr_t)pg >= lo &&
		  (uintptr_t)pg + 65536 <= lo + before.total_pages * POOL_PAGE_SIZE &&
		  all_zero(pg, 65536) && during.used_pages == before.used_pages + 16;

	memset(pg, 0xa5, 65536);
	pool_free(p, pg, 65536);
	ST_CHECK(ok);
	/* Dirtied blocks come back zeroed at every size, by the zeroing the
	 * CPU allows (DC ZVA on AArch64: a wrong block size leaves bytes). */
	ST_CHECK(p->zero == cache_zero_op());
	for (size_t size = POOL_PAGE_SIZE; size <= 65536; size *= 4) {
		uint8_t *b = pool_alloc(p, size);

		ST_CHECK(b != NULL);
		ok = all_zero(b, size);
		memset(b, 0x5a, size);
		pool_free(p, b, size);
		ST_CHECK(ok);
	}
	st_note("blocks zeroed by %s", p->zero ? "DC ZVA" : "memset");
	return ST_PASS;
}
SELFTEST("image-pool", test_image_pool, 0);

/* PL011 UARTIMSC (Arm DDI 0183, 0x038) is read/write: the accessors round-trip. */
static enum st_result test_mmio_roundtrip(void)
{
	if (board.uart_kind != BOARD_UART_PL011)
		return st_skip("needs a PL011");
	uintptr_t imsc = board.uart_base + 0x38;
	uint32_t saved = mmio_read32(imsc);

	mmio_write32(imsc, 0x50);
	uint32_t got = mmio_read32(imsc);

	mmio_write32(imsc, saved);
	ST_CHECK(got == 0x50);
	return ST_PASS;
}
SELFTEST("mmio-roundtrip", test_mmio_roundtrip, 0);

/* Cleaning odd, unaligned and empty ranges completes (a bad address would crash). */
static enum st_result test_cache_clean(void)
{
	static uint8_t buf[300];

	cache_clean_range(buf + 3, sizeof(buf) - 7);
	cache_clean_range(buf, 0);
	cache_clean_range(buf + 1, 1);
	return ST_PASS;
}
SELFTEST("cache-clean", test_cache_clean, 0);

/* ---- manual: the failure paths the QEMU matrix expects to fail -------------- */

static enum st_result test_deliberate_fail(void)
{
	return st_fail("deliberate failure (selected by name to prove failures are caught)");
}
SELFTEST("harness-fail", test_deliberate_fail, ST_MANUAL);

static enum st_result test_deliberate_leak(void)
{
	void *pg = pool_alloc(image_pool(), POOL_PAGE_SIZE);

	ST_CHECK(pg != NULL);
	return ST_PASS; /* the harness must turn this into "leaked 1 pages" */
}
SELFTEST("harness-leak", test_deliberate_leak, ST_MANUAL);

/* Just past the end of RAM: no device there on QEMU virt, so the read aborts. */
static enum st_result test_crash_unmapped(void)
{
	const struct fact_region *bank = &board_facts()->ram[0];
	uintptr_t nowhere = (uintptr_t)(bank->base + bank->size);

	mmio_read32(nowhere);
	return st_fail("read of 0x%lx did not abort", (unsigned long)nowhere);
}
SELFTEST("crash-unmapped-read", test_crash_unmapped, ST_MANUAL);

static enum st_result test_crash_udf(void)
{
	__asm__ volatile("udf #0");
	return st_fail("udf did not trap");
}
SELFTEST("crash-undefined-insn", test_crash_udf, ST_MANUAL);

/* 80 frames of 1 KiB: past the 64 KiB stack into its guard page. */
static unsigned recurse(unsigned depth)
{
	volatile uint8_t frame[1024];

	frame[0] = (uint8_t)depth;
	if (depth == 0)
		return frame[0];
	return recurse(depth - 1) + frame[0];
}

static enum st_result test_crash_stack_overflow(void)
{
	unsigned r = recurse(80);

	return st_fail("80 KiB of recursion returned %u: no guard page below the stack", r);
}
SELFTEST("crash-stack-overflow", test_crash_stack_overflow, ST_MANUAL);

/* Writes n bytes from p: called with more than the buffer holds. */
static void __attribute__((noinline)) overrun(volatile char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = 'A';
}

static volatile size_t smash_len = 48;

static void __attribute__((noinline)) smash(void)
{
	char buf[16];

	overrun(buf, smash_len);
}

static enum st_result test_crash_stack_smash(void)
{
	smash();
	return st_fail("a 48-byte write into a 16-byte buffer returned: no stack protector");
}
SELFTEST("crash-stack-smash", test_crash_stack_smash, ST_MANUAL);

/*
 * A fault inside the crash report: this test's name lives alone in a page
 * that the test unmaps from the CPU map before it crashes, so the report
 * faults where it prints the name. One line, then the CPU parks.
 */
static char crash_in_crash_name[4096] __attribute__((aligned(4096))) = "crash-in-crash";

static enum st_result test_crash_in_crash(void)
{
	struct cpu_map *m = image_cpu_map();

	if (!m || cpu_map_remove(m, (uintptr_t)crash_in_crash_name, 4096) != 4096)
		return st_fail("cannot unmap the page of the test's name");
	__asm__ volatile("udf #1");
	return st_fail("udf did not trap");
}
SELFTEST(crash_in_crash_name, test_crash_in_crash, ST_MANUAL);
