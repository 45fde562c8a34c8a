/* SPDX-License-Identifier: MIT */
#include "boot/semihost.h"

#include <errno.h>
#include <stdint.h>

#include "boot/arch.h"

/* Operation numbers and the exit reason: Arm semihosting specification,
 * "Semihosting operations" (SYS_WRITE0 0x04, SYS_ERRNO 0x13,
 * SYS_GET_CMDLINE 0x15, SYS_EXIT 0x18, SYS_EXIT_EXTENDED 0x20) and
 * "ADP_Stopped_ApplicationExit" (0x20026). Parameter blocks are arrays of
 * fields of the register width: 64-bit on AArch64, 32-bit on AArch32
 * (uintptr_t on both). */
#define SYS_WRITE0        0x04
#define SYS_ERRNO         0x13
#define SYS_GET_CMDLINE   0x15
#define SYS_EXIT          0x18
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

/*
 * On AArch64 SYS_EXIT takes a block {reason, status}. On AArch32 its
 * parameter is the reason itself, with no room for a status (QEMU then
 * always exits 0), so the AArch32 image uses SYS_EXIT_EXTENDED, which takes
 * the {reason, status} block on both (the specification's SYS_EXIT_EXTENDED;
 * QEMU semihosting/arm-compat-semi.c).
 */
#if UINTPTR_MAX > 0xffffffffu
#define SEMIHOST_EXIT SYS_EXIT
#else
#define SEMIHOST_EXIT SYS_EXIT_EXTENDED
#endif

void semihost_write0(const char *s)
{
	arch_semihost(SYS_WRITE0, (void *)s);
}

int semihost_errno(void)
{
	return (int)arch_semihost(SYS_ERRNO, 0);
}

int semihost_get_cmdline(char *buf, size_t len)
{
	uintptr_t block[2] = { (uintptr_t)buf, len };

	if (len == 0)
		return -EINVAL;
	buf[0] = '\0';
	if (arch_semihost(SYS_GET_CMDLINE, block) != 0)
		return -EIO;
	buf[block[1] < len ? block[1] : len - 1] = '\0';
	return 0;
}

void semihost_exit(int status)
{
	uintptr_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, (uintptr_t)(intptr_t)status };

	arch_semihost(SEMIHOST_EXIT, block);
	for (;;)
		__asm__ volatile("wfe"); /* a host that ignores SYS_EXIT: park */
}
