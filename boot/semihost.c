/* SPDX-License-Identifier: MIT */
#include "boot/semihost.h"

#include <errno.h>
#include <stdint.h>

/* Operation numbers and the exit reason: Arm semihosting specification,
 * "Semihosting operations" (SYS_WRITE0 0x04, SYS_ERRNO 0x13,
 * SYS_GET_CMDLINE 0x15, SYS_EXIT 0x18) and
 * "ADP_Stopped_ApplicationExit" (0x20026). */
#define SYS_WRITE0      0x04
#define SYS_ERRNO       0x13
#define SYS_GET_CMDLINE 0x15
#define SYS_EXIT        0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

/* AArch64: operation in w0, parameter block address in x1, result in x0. */
static uint64_t semihost_call(uint64_t op, void *block)
{
	register uint64_t x0 __asm__("x0") = op;
	register void *x1 __asm__("x1") = block;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return x0;
}

void semihost_write0(const char *s)
{
	semihost_call(SYS_WRITE0, (void *)s);
}

int semihost_errno(void)
{
	return (int)semihost_call(SYS_ERRNO, 0);
}

int semihost_get_cmdline(char *buf, size_t len)
{
	uint64_t block[2] = { (uintptr_t)buf, len };

	if (len == 0)
		return -EINVAL;
	buf[0] = '\0';
	if (semihost_call(SYS_GET_CMDLINE, block) != 0)
		return -EIO;
	buf[block[1] < len ? block[1] : len - 1] = '\0';
	return 0;
}

void semihost_exit(int status)
{
	uint64_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, (uint64_t)(int64_t)status };

	semihost_call(SYS_EXIT, block);
	for (;;)
		__asm__ volatile("wfe"); /* a host that ignores SYS_EXIT: park */
}
