/* SPDX-License-Identifier: MIT */
/*
 * Synopsys DesignWare APB UART, a 16550 with registers 4 bytes apart
 * (device tree reg-shift = 2, reg-io-width = 4), as on Rockchip SoCs.
 * 16550 registers and bits: Linux include/uapi/linux/serial_reg.h.
 * The DesignWare USR register and its BUSY bit, and that LCR writes are
 * ignored while BUSY: Linux drivers/tty/serial/8250/8250_dwlib.h and
 * 8250_dw.c (DW_UART_USR = 0x1f in register units).
 */
#include <stdbool.h>

#include "drivers/mmio.h"
#include "drivers/timer.h"
#include "drivers/uart.h"

#define DW_REG_SHIFT 2
#define REG(n) ((uintptr_t)(n) << DW_REG_SHIFT)

#define UART_THR REG(0) /* DLAB = 0, write */
#define UART_DLL REG(0) /* DLAB = 1 */
#define UART_IER REG(1)
#define UART_DLM REG(1) /* DLAB = 1 */
#define UART_FCR REG(2)
#define UART_LCR REG(3)
#define UART_LSR REG(5)
#define DW_UART_USR REG(0x1f)

#define UART_FCR_ENABLE_FIFO (1u << 0)
#define UART_FCR_CLEAR_RCVR  (1u << 1)
#define UART_FCR_CLEAR_XMIT  (1u << 2)
#define UART_LCR_WLEN8 0x03u
#define UART_LCR_DLAB  0x80u
#define UART_LSR_THRE  (1u << 5)
#define UART_LSR_TEMT  (1u << 6)
#define DW_UART_USR_BUSY (1u << 0)

static void dw8250_flush(uintptr_t base)
{
	mmio_poll32(base + UART_LSR, UART_LSR_TEMT, UART_LSR_TEMT, UART_TX_TIMEOUT_US);
}

/* 1500000 baud from 24 MHz: divisor 24e6 / (16 * 1.5e6) = 1, exact. */
static void dw8250_init(uintptr_t base, uint32_t clock_hz, uint32_t baud)
{
	if (!clock_hz || !baud)
		return;
	uint32_t div = (clock_hz + 8 * baud) / (16 * baud);

	dw8250_flush(base);
	/* LCR (and with it DLAB) is only writable while the UART is not busy. */
	mmio_poll32(base + DW_UART_USR, DW_UART_USR_BUSY, 0, UART_TX_TIMEOUT_US);
	mmio_write32(base + UART_IER, 0);
	mmio_write32(base + UART_LCR, UART_LCR_DLAB | UART_LCR_WLEN8);
	mmio_write32(base + UART_DLL, div & 0xff);
	mmio_write32(base + UART_DLM, (div >> 8) & 0xff);
	mmio_write32(base + UART_LCR, UART_LCR_WLEN8);
	mmio_write32(base + UART_FCR,
		     UART_FCR_ENABLE_FIFO | UART_FCR_CLEAR_RCVR | UART_FCR_CLEAR_XMIT);
}

static void dw8250_putc(uintptr_t base, char c)
{
	if (mmio_poll32(base + UART_LSR, UART_LSR_THRE, UART_LSR_THRE, UART_TX_TIMEOUT_US) == 0)
		mmio_write32(base + UART_THR, (uint8_t)c);
}

const struct uart_ops uart_dw8250_ops = {
	.init = dw8250_init,
	.tx = dw8250_putc,
	.flush = dw8250_flush,
};
