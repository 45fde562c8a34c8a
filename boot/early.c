/* SPDX-License-Identifier: MIT */
/*
 * The image entered at an address other than its link address (`go` to
 * where U-Boot loaded it, a loader that relocates): boot/<arch>/head.S comes
 * here before anything is set up and before anything absolute is used.
 * Built so that every address this file forms is PC-relative (Makefile:
 * -mcmodel=tiny on AArch64; -fPIE on AArch32, where the hidden visibility
 * below keeps `board` out of a GOT): it works wherever the image was
 * copied. It reads only plain values of `board` (in the running copy, like
 * this code),
 * calls only semihost_exit (boot/semihost.c, built the same way), and
 * writes the UART itself, with bounded waits counted in loop turns (the
 * counter frequency is not known yet). The UART is used as the loader left
 * it: a loader that can jump here has set it up.
 */
/* Everything declared here is in this image: no GOT entry (absolute, so
 * wrong in a copy) for `board` or anything else under -fPIE. */
#pragma GCC visibility push(hidden)

#include <stdbool.h>
#include <stdint.h>

#include "board/board.h"
#include "boot/arch.h"
#include "boot/early.h"
#include "boot/image.h"
#include "boot/semihost.h"

/* The same registers drivers/uart_pl011.c and uart_dw8250.c use: PL011 UARTDR
 * 0x00, UARTFR 0x18 with TXFF bit 5 (Arm DDI 0183 3.2, 3.3.3); 16550 THR 0 and
 * LSR with THRE bit 5 at register 5, 4 bytes apart on DesignWare (Linux
 * serial_reg.h, 8250_dw). */
#define PL011_DR     0x00
#define PL011_FR     0x18
#define PL011_TXFF   (1u << 5)
#define DW8250_THR   0x00
#define DW8250_LSR   (5u << 2)
#define DW8250_THRE  (1u << 5)
#define TX_SPINS     1000000u /* far more than one character at 9600 baud */

uint8_t early_stack[EARLY_STACK_SIZE] __attribute__((section(".data.early_stack"), aligned(16)));

static uint32_t rd(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static void early_putc(char c)
{
	bool pl011 = board.uart_kind == BOARD_UART_PL011;
	uintptr_t status = board.uart_base + (pl011 ? PL011_FR : DW8250_LSR);

	for (unsigned i = 0; i < TX_SPINS; i++)
		if (pl011 ? !(rd(status) & PL011_TXFF) : (rd(status) & DW8250_THRE) != 0)
			break;
	*(volatile uint32_t *)(board.uart_base + (pl011 ? PL011_DR : DW8250_THR)) = (uint8_t)c;
}

static void early_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			early_putc('\r');
		early_putc(*s);
	}
}

static void early_puthex(uint64_t v)
{
	early_puts("0x");
	for (int shift = 60; shift >= 0; shift -= 4)
		early_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

void early_wrong_address(uint64_t running, uint64_t linked)
{
	early_puts("Bail out! gpummu entered at ");
	early_puthex(running);
	early_puts(" but linked at ");
	early_puthex(linked);
	early_puts(": " ARCH_WRONG_ADDRESS_HINT "\n");
	if (board.has_semihosting)
		semihost_exit(IMAGE_EXIT_CRASH);
}
