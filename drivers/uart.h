/* SPDX-License-Identifier: MIT */
/*
 * Polled UART transmit, one implementation per UART block. The console
 * (boot/console.c) picks the ops by board.uart_kind. Output only: the image
 * reads nothing from a UART.
 */
#ifndef GPUMMU_DRIVERS_UART_H
#define GPUMMU_DRIVERS_UART_H

#include <stdint.h>

struct uart_ops {
	/* Program clock_hz/baud (both nonzero) or keep the loader's settings. */
	void (*init)(uintptr_t base, uint32_t clock_hz, uint32_t baud);
	/* Send one byte; drops it if the transmitter stays full (bounded wait). */
	void (*tx)(uintptr_t base, char c);
	/* Wait (bounded) until everything sent has left the transmitter. */
	void (*flush)(uintptr_t base);
};

extern const struct uart_ops uart_pl011_ops;
extern const struct uart_ops uart_dw8250_ops;

/* How long one byte may wait for room: far beyond 10 bits at 9600 baud. */
#define UART_TX_TIMEOUT_US 10000

#endif
