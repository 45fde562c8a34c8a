/* SPDX-License-Identifier: MIT */
/*
 * The UART drivers against register models (tests/host/mmio_host.c, fake
 * clock tests/host/timer_fake.c). QEMU's PL011 ignores the baud divisors and
 * QEMU has no DesignWare UART, so what the drivers program is checked here.
 *
 * The models assume: PL011 per Arm DDI 0183 (divisors latched by the LCR_H
 * write that follows them); DW APB UART per Linux 8250_dw (registers 4 bytes
 * apart, 32-bit accesses, LCR writes ignored while USR.BUSY, DLAB in LCR
 * banks offsets 0 and 4 to DLL/DLM).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/uart.h"
#include "tests/host/mmio_host.h"

#define UART_BASE 0x10000000u

struct uart_model {
	uint32_t reg[64];       /* by offset / 4 */
	unsigned wrong_width;   /* accesses that were not 32-bit */
	unsigned busy_reads;    /* DW: USR reads still reporting busy */
	unsigned lcr_while_busy;
	uint32_t dll, dlm;      /* DW: divisor latches */
	char tx[64];
	size_t ntx;
	bool tx_stuck;          /* transmitter never has room */
	uint32_t order[64];     /* PL011: offsets written, in order */
	size_t nwrites;
};

static struct uart_model m;

/* ---- DesignWare APB UART model ------------------------------------------ */

#define DW_THR 0x00
#define DW_DLM 0x04
#define DW_FCR 0x08
#define DW_LCR 0x0c
#define DW_LSR 0x14
#define DW_USR 0x7c

static uint64_t dw_read(void *ctx, uintptr_t off, unsigned size)
{
	(void)ctx;
	m.wrong_width += size != 4;
	if (off == DW_USR)
		return m.busy_reads ? (m.busy_reads--, 1) : 0;
	if (off == DW_LSR)
		return m.tx_stuck ? 0 : 0x60; /* THRE | TEMT */
	return m.reg[off / 4];
}

static void dw_write(void *ctx, uintptr_t off, uint64_t val, unsigned size)
{
	bool dlab = m.reg[DW_LCR / 4] & 0x80;

	(void)ctx;
	m.wrong_width += size != 4;
	if (off == DW_LCR && m.busy_reads) {
		m.lcr_while_busy++;
		return; /* the hardware ignores it */
	}
	if (dlab && off == DW_THR)
		m.dll = (uint32_t)val;
	else if (dlab && off == DW_DLM)
		m.dlm = (uint32_t)val;
	else if (off == DW_THR && m.ntx < sizeof(m.tx))
		m.tx[m.ntx++] = (char)val;
	else
		m.reg[off / 4] = (uint32_t)val;
}

static const struct mmio_model_ops dw_ops = { .read = dw_read, .write = dw_write };

/* ---- PL011 model --------------------------------------------------------- */

#define PL_DR 0x00
#define PL_FR 0x18
#define PL_IBRD 0x24
#define PL_FBRD 0x28
#define PL_LCR_H 0x2c
#define PL_CR 0x30

static uint64_t pl_read(void *ctx, uintptr_t off, unsigned size)
{
	(void)ctx;
	m.wrong_width += size != 4;
	if (off == PL_FR)
		return m.tx_stuck ? 0x20 : 0; /* TXFF */
	return m.reg[off / 4];
}

static void pl_write(void *ctx, uintptr_t off, uint64_t val, unsigned size)
{
	(void)ctx;
	m.wrong_width += size != 4;
	if (m.nwrites < 64)
		m.order[m.nwrites++] = (uint32_t)off;
	if (off == PL_DR && m.ntx < sizeof(m.tx))
		m.tx[m.ntx++] = (char)val;
	else
		m.reg[off / 4] = (uint32_t)val;
}

static const struct mmio_model_ops pl_ops = { .read = pl_read, .write = pl_write };

static int map(const struct mmio_model_ops *ops)
{
	memset(&m, 0, sizeof(m));
	return mmio_host_map(UART_BASE, 0x1000, ops, NULL);
}

static int unmap(void **state)
{
	(void)state;
	mmio_host_unmap_all();
	return 0;
}

static size_t written_at(uint32_t off)
{
	for (size_t i = 0; i < m.nwrites; i++)
		if (m.order[i] == off)
			return i;
	return SIZE_MAX;
}

/* ---- tests ----------------------------------------------------------------- */

static void test_dw8250_rockchip_1500000(void **state)
{
	(void)state;
	assert_int_equal(map(&dw_ops), 0);
	m.busy_reads = 3;
	uart_dw8250_ops.init(UART_BASE, 24000000, 1500000);
	assert_int_equal(m.dll, 1); /* 24 MHz / (16 * 1.5 MBd) */
	assert_int_equal(m.dlm, 0);
	assert_int_equal(m.reg[DW_LCR / 4], 0x03); /* 8N1, DLAB clear again */
	assert_int_equal(m.reg[DW_FCR / 4], 0x07);
	assert_int_equal(m.lcr_while_busy, 0);
	assert_int_equal(m.wrong_width, 0);
}

static void test_dw8250_115200(void **state)
{
	(void)state;
	assert_int_equal(map(&dw_ops), 0);
	uart_dw8250_ops.init(UART_BASE, 24000000, 115200);
	assert_int_equal(m.dll, 13); /* 24e6 / (16 * 115200) = 13.02 */
	assert_int_equal(m.dlm, 0);
}

static void test_dw8250_keeps_loader_settings(void **state)
{
	(void)state;
	assert_int_equal(map(&dw_ops), 0);
	m.reg[DW_LCR / 4] = 0x1b;
	uart_dw8250_ops.init(UART_BASE, 0, 0);
	assert_int_equal(m.reg[DW_LCR / 4], 0x1b);
	assert_int_equal(m.dll, 0);
}

static void test_dw8250_tx(void **state)
{
	(void)state;
	assert_int_equal(map(&dw_ops), 0);
	uart_dw8250_ops.tx(UART_BASE, 'o');
	uart_dw8250_ops.tx(UART_BASE, 'k');
	uart_dw8250_ops.flush(UART_BASE);
	assert_int_equal(m.ntx, 2);
	assert_memory_equal(m.tx, "ok", 2);
	/* A transmitter that never frees up: the byte is dropped, nothing hangs. */
	m.tx_stuck = true;
	uart_dw8250_ops.tx(UART_BASE, '!');
	assert_int_equal(m.ntx, 2);
}

static void test_pl011_divisors_and_order(void **state)
{
	(void)state;
	assert_int_equal(map(&pl_ops), 0);
	uart_pl011_ops.init(UART_BASE, 24000000, 115200);
	/* 24e6 / (16 * 115200) = 13.0208: IBRD 13, FBRD round(0.0208 * 64) = 1 */
	assert_int_equal(m.reg[PL_IBRD / 4], 13);
	assert_int_equal(m.reg[PL_FBRD / 4], 1);
	assert_int_equal(m.reg[PL_LCR_H / 4], 0x70); /* 8 bits, FIFOs on */
	assert_int_equal(m.reg[PL_CR / 4], 0x301);   /* UARTEN | TXE | RXE */
	/* Disabled first; LCR_H after both divisors (it latches them); enabled last. */
	assert_int_equal(written_at(PL_CR), 0);
	assert_true(written_at(PL_LCR_H) > written_at(PL_IBRD));
	assert_true(written_at(PL_LCR_H) > written_at(PL_FBRD));
	assert_int_equal(m.order[m.nwrites - 1], PL_CR);
	assert_int_equal(m.wrong_width, 0);
}

static void test_pl011_keeps_loader_settings(void **state)
{
	(void)state;
	assert_int_equal(map(&pl_ops), 0);
	m.reg[PL_CR / 4] = 0x200; /* RXE only */
	m.reg[PL_IBRD / 4] = 26;
	uart_pl011_ops.init(UART_BASE, 0, 0);
	assert_int_equal(m.reg[PL_CR / 4], 0x301);
	assert_int_equal(m.reg[PL_IBRD / 4], 26);
}

static void test_pl011_tx(void **state)
{
	(void)state;
	assert_int_equal(map(&pl_ops), 0);
	uart_pl011_ops.tx(UART_BASE, 'h');
	uart_pl011_ops.tx(UART_BASE, 'i');
	assert_memory_equal(m.tx, "hi", 2);
	m.tx_stuck = true;
	uart_pl011_ops.tx(UART_BASE, '!');
	assert_int_equal(m.ntx, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_dw8250_rockchip_1500000, unmap),
		cmocka_unit_test_teardown(test_dw8250_115200, unmap),
		cmocka_unit_test_teardown(test_dw8250_keeps_loader_settings, unmap),
		cmocka_unit_test_teardown(test_dw8250_tx, unmap),
		cmocka_unit_test_teardown(test_pl011_divisors_and_order, unmap),
		cmocka_unit_test_teardown(test_pl011_keeps_loader_settings, unmap),
		cmocka_unit_test_teardown(test_pl011_tx, unmap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
