/* SPDX-License-Identifier: MIT */
/*
 * The C99 length modifiers for newlib's printf on AArch32. Debian's newlib
 * (libnewlib-arm-none-eabi) is built without _WANT_IO_C99_FORMATS, so its
 * printf prints "%zu" as "zu" (libc/stdio/vfprintf.c handles 'z', 't' and
 * 'j' only under that option), and every driver prints sizes with %zu. The
 * image links printf, snprintf and vsnprintf wrapped (-Wl,--wrap, Makefile):
 * the format is copied with 'z' and 't' dropped (size_t and ptrdiff_t are
 * 32-bit int types on AArch32, the width %u/%d already reads) and 'j' turned
 * into "ll" (intmax_t is long long), then handed to newlib. A format longer
 * than the copy goes through as it is. The compiler still checks every
 * format against its arguments with the real modifiers.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define FMT_MAX 256

int __real_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap);
int __wrap_printf(const char *fmt, ...);
int __wrap_snprintf(char *buf, size_t len, const char *fmt, ...);
int __wrap_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap);

/* The rewritten format in out, or fmt itself when it does not fit. */
static const char *c99_fmt(const char *fmt, char out[FMT_MAX])
{
	size_t n = 0;
	bool spec = false;

	for (const char *p = fmt; *p; p++) {
		char c = *p;

		if (n + 3 > FMT_MAX)
			return fmt;
		if (!spec) {
			spec = c == '%';
			out[n++] = c;
			continue;
		}
		if (c == 'z' || c == 't')
			continue;
		if (c == 'j') {
			out[n++] = 'l';
			out[n++] = 'l';
			continue;
		}
		out[n++] = c;
		/* a conversion, or "%%", ends the specification */
		spec = strchr("-+ #0123456789.*hlLq", c) != NULL;
	}
	out[n] = '\0';
	return out;
}

int __wrap_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap)
{
	char f[FMT_MAX];

	return __real_vsnprintf(buf, len, c99_fmt(fmt, f), ap);
}

int __wrap_snprintf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __wrap_vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return r;
}

int __wrap_printf(const char *fmt, ...)
{
	char f[FMT_MAX];
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vprintf(c99_fmt(fmt, f), ap);
	va_end(ap);
	return r;
}
