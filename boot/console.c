/* SPDX-License-Identifier: MIT */
/*
 * The console: the board's UART under the C library's stdio.
 * picolibc (the AArch64 image): its tiny stdio calls put() for every
 * character of a FILE created with FDEV_SETUP_STREAM and expects the
 * application to define stdin, stdout and stderr (picolibc
 * include/stdio.h). All three are one unbuffered write-only stream.
 * newlib (the AArch32 image): stdio writes through _write()
 * (boot/arm32/newlib.c calls console_write); stdout and stderr are made
 * unbuffered here so that stdio never asks for a buffer from the heap.
 *
 * The output is TAP (tests/target/harness.c): every line the harness does
 * not mark as a TAP line is a TAP comment, so each such line gets "# " in
 * front of it here, unless it already starts with '#'. Drivers and the
 * banner print as they like; a TAP consumer (LAVA, prove) sees only tests,
 * the plan, Bail out! and comments.
 *
 * Boards with console_semihosting also copy each line to the debugger
 * (semihosting SYS_WRITE0): `make flash SEMIHOSTING=1` then shows the report
 * in OpenOCD's console without a UART adapter.
 */
#include <stdbool.h>
#include <stdio.h>

#include "board/board.h"
#include "boot/console.h"
#include "boot/semihost.h"
#include "drivers/uart.h"

#define MIRROR_LINE_MAX 200

static struct {
	bool mid_line;  /* a character of the current line has been sent */
	bool tap;       /* the current output is a TAP line: no prefix */
	char mirror[MIRROR_LINE_MAX + 1];
	unsigned nmirror;
} con;

static const struct uart_ops *console_uart(void)
{
	return board.uart_kind == BOARD_UART_DW8250 ? &uart_dw8250_ops : &uart_pl011_ops;
}

static void mirror_flush(void)
{
	con.mirror[con.nmirror] = '\0';
	semihost_write0(con.mirror);
	con.nmirror = 0;
}

static void send(char c)
{
	const struct uart_ops *u = console_uart();

	if (c == '\n')
		u->tx(board.uart_base, '\r');
	u->tx(board.uart_base, c);
	if (!board.console_semihosting)
		return;
	con.mirror[con.nmirror++] = c;
	if (c == '\n' || con.nmirror == MIRROR_LINE_MAX)
		mirror_flush();
}

static void console_putc(char c)
{
	if (!con.mid_line && !con.tap && c != '#') {
		send('#');
		if (c != '\n')
			send(' ');
	}
	send(c);
	con.mid_line = c != '\n';
}

#ifdef __PICOLIBC__
static int console_put(char c, FILE *f)
{
	(void)f;
	console_putc(c);
	return (unsigned char)c;
}

static FILE console_stream = FDEV_SETUP_STREAM(console_put, NULL, NULL, _FDEV_SETUP_WRITE);

FILE *const stdin = &console_stream;
FILE *const stdout = &console_stream;
FILE *const stderr = &console_stream;

static void libc_console_init(void)
{
}
#else
/* newlib would otherwise malloc a BUFSIZ buffer for stdout on first use
 * (__smakebuf_r); unbuffered streams keep a one-byte buffer in the FILE. */
static void libc_console_init(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	setvbuf(stderr, NULL, _IONBF, 0);
}
#endif

void console_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		console_putc(s[i]);
}

void console_init(void)
{
	console_uart()->init(board.uart_base, board.uart_clock_hz, board.uart_baud);
	libc_console_init();
}

void console_flush(void)
{
	console_uart()->flush(board.uart_base);
}

void console_puts_raw(const char *s)
{
	while (*s)
		console_putc(*s++);
}

void console_tap(bool on)
{
	con.tap = on;
}
