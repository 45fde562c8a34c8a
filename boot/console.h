/* SPDX-License-Identifier: MIT */
/* The console: the C library's stdout/stderr on the board's UART. */
#ifndef GPUMMU_BOOT_CONSOLE_H
#define GPUMMU_BOOT_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

/* Program the board's UART (board.uart_clock_hz/uart_baud). */
void console_init(void);
/* Wait (bounded) until queued output has left the UART. */
void console_flush(void);
/* n bytes to the UART ('\n' as CR LF): the C library's write path. */
void console_write(const char *s, size_t n);
/* Write a string without stdio: usable when stdio itself may be broken. */
void console_puts_raw(const char *s);
/* While on, lines go out as they are (TAP lines, tests/target/harness.c);
 * while off, every line is a TAP comment ("# " in front unless it starts
 * with '#'). Off from the start. */
void console_tap(bool on);

#endif
