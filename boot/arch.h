/* SPDX-License-Identifier: MIT */
/*
 * The few instructions the neutral boot code needs, per architecture (the
 * architecture is a build choice: board.mk ARCH, Makefile): the CPU's
 * identification register, parking, the semihosting trap, and the names of
 * the privilege levels the image is entered at and runs at.
 *
 *   uint32_t arch_midr(void)                  MIDR_EL1 / MIDR
 *   void arch_park_cpu(void)                  interrupts masked, WFI forever
 *   uintptr_t arch_semihost(uintptr_t op, void *block)
 *                                             HLT #0xF000 / SVC #0x123456
 *   const char *arch_level_name(unsigned el)  "EL2", or "HYP mode (PL2)"
 *   ARCH_SEMIHOST_INSN                        the trap's name, for messages
 */
#ifndef GPUMMU_BOOT_ARCH_H
#define GPUMMU_BOOT_ARCH_H

#if defined(__aarch64__)
#include "boot/aarch64/arch.h"
#elif defined(__arm__)
#include "boot/arm32/arch.h"
#else
#error "unsupported architecture"
#endif

#endif
