/* SPDX-License-Identifier: MIT */
/*
 * The core's coherency-enable bit (ARMv7 ACTLR.SMP on a Cortex-A7/A12/A15/A17,
 * CPUECTLR_EL1.SMPEN on a Cortex-A53/A72, both bit 6; the register named
 * ARCH_COH_REG in boot/<arch>/arch.h): what the entry (boot/<arch>/head.S)
 * found and did, before its first cache or TLB maintenance. The core's TRM
 * requires the bit set before the caches or the MMU are enabled and before
 * any cache or TLB maintenance (docs/boot.md, "Coherency"); the image sets
 * it only where it may (Secure PL1, EL3) and otherwise reports it.
 *
 * head.S passes boot_main one word: the state << COH_STATE_SHIFT | the
 * register's bits [31:0] as read last (0 when it was not read). Shared by
 * assembly and C.
 */
#ifndef GPUMMU_BOOT_COHERENCY_H
#define GPUMMU_BOOT_COHERENCY_H

#define COH_STATE_SHIFT   32
#define COH_NOT_KNOWN     1 /* no coherency bit is known for this core (MIDR): not read */
#define COH_NOT_READ      2 /* a known core, but reading it here could trap: not read */
#define COH_SET           3 /* set at entry */
#define COH_SET_BY_IMAGE  4 /* clear at entry: the image set it, it reads back set */
#define COH_IGNORED       5 /* clear at entry: the image set it, it reads back clear */
#define COH_CLEAR         6 /* clear, and the image may not write it here */

#ifndef __ASSEMBLER__
#include <stdint.h>

/* The banner's line (a warning when the bit is, or may be, clear). */
void coherency_print(uint64_t entry_coherency, unsigned entry_el);
#endif

#endif
