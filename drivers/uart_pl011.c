/* SPDX-License-Identifier: MIT */
/*
 * Arm PrimeCell UART (PL011). Registers and bits: Arm DDI 0183
 * (PL011 Technical Reference Manual), section 3.2 "Summary of registers".
 */
#include <stdbool.h>

#include "drivers/mmio.h"
#include "drivers/timer.h"
#include "drivers/uart.h"

#define UARTDR   0x00
#define UARTFR   0x18
#define UARTIBRD 0x24
#define UARTFBRD 0x28
#define UARTLCR_H 0x2c
#define UARTCR   0x30
#define UARTIMSC 0x38
#define UARTICR  0x44

#define UARTFR_BUSY (1u << 3)
#define UARTFR_TXFF (1u << 5)
#define UARTLCR_H_FEN  (1u << 4)
#define UARTLCR_H_WLEN8 (3u << 5)
#define UARTCR_UARTEN (1u << 0)
#define UARTCR_TXE    (1u << 8)
#define UARTCR_RXE    (1u << 9)
#define UARTICR_ALL   0x7ff

static void pl011_flush(uintptr_t base)
{
	mmio_poll32(base + UARTFR, UARTFR_BUSY, 0, UART_TX_TIMEOUT_US);
}

/*
 * The TRM's programming order: disable, let the last character go, program
 * the divisors, then LCR_H (which latches the divisor writes), then enable.
 * Divisor = clock / (16 * baud) as a 16.6 fixed point number (TRM 3.3.6).
 */
static void pl011_init(uintptr_t base, uint32_t clock_hz, uint32_t baud)
{
	if (!clock_hz || !baud) {
		mmio_write32(base + UARTCR, mmio_read32(base + UARTCR) | UARTCR_UARTEN | UARTCR_TXE);
		return;
	}
	uint64_t div64 = ((uint64_t)clock_hz * 4 + baud / 2) / baud; /* 64 * clock / (16 * baud) */

	mmio_write32(base + UARTCR, 0);
	pl011_flush(base);
	mmio_write32(base + UARTIMSC, 0);
	mmio_write32(base + UARTICR, UARTICR_ALL);
	mmio_write32(base + UARTIBRD, (uint32_t)(div64 >> 6));
	mmio_write32(base + UARTFBRD, (uint32_t)(div64 & 0x3f));
	mmio_write32(base + UARTLCR_H, UARTLCR_H_WLEN8 | UARTLCR_H_FEN);
	mmio_write32(base + UARTCR, UARTCR_UARTEN | UARTCR_TXE | UARTCR_RXE);
}

static void pl011_putc(uintptr_t base, char c)
{
	if (mmio_poll32(base + UARTFR, UARTFR_TXFF, 0, UART_TX_TIMEOUT_US) == 0)
		mmio_write32(base + UARTDR, (uint8_t)c);
}

const struct uart_ops uart_pl011_ops = {
	.init = pl011_init,
	.tx = pl011_putc,
	.flush = pl011_flush,
};
