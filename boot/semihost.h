/* SPDX-License-Identifier: MIT */
/*
 * Arm semihosting ("Semihosting for AArch32 and AArch64",
 * github.com/ARM-software/abi-aa, semihosting/semihosting.rst): requests to a
 * debugger or to QEMU -semihosting through HLT #0xF000 (AArch64) or
 * SVC #0x123456 (AArch32, ARM state; boot/arch.h). Without a debugger on
 * real hardware HLT is undefined and the SVC is an ordinary supervisor call
 * into the image's vectors, so the first call is a probe (boot/main.c).
 */
#ifndef GPUMMU_BOOT_SEMIHOST_H
#define GPUMMU_BOOT_SEMIHOST_H

#include <stddef.h>

/* SYS_GET_CMDLINE into buf (NUL terminated). 0, or -EIO if the host refused. */
int semihost_get_cmdline(char *buf, size_t len);
/* SYS_WRITE0: a NUL-terminated string to the debugger's console. */
void semihost_write0(const char *s);
/* SYS_ERRNO: the host's errno after the last call that failed. */
int semihost_errno(void);
/* SYS_EXIT (AArch32: SYS_EXIT_EXTENDED) with ADP_Stopped_ApplicationExit and
 * the exit status. */
void semihost_exit(int status) __attribute__((noreturn));

#endif
