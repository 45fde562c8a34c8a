/* SPDX-License-Identifier: MIT */
/*
 * ESR_ELx in words: the exception class and, for aborts, the fault status
 * (Arm ARM DDI 0487, D19 "ESR_EL1": EC [31:26], IL [25], ISS [24:0]; for
 * instruction and data aborts ISS.WnR [6] and the fault status code [5:0],
 * DFSC/IFSC). Shared by the crash report and the expected-fault tests.
 */
#ifndef GPUMMU_BOOT_ESR_H
#define GPUMMU_BOOT_ESR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmu/bits.h"

#define ESR_EC      GENMASK(31, 26)
#define ESR_ISS     GENMASK(24, 0)
#define ESR_WNR     BIT(6)
#define ESR_FSC     GENMASK(5, 0)

#define EC_UNKNOWN    0x00
#define EC_IABT_LOWER 0x20
#define EC_IABT_CUR   0x21
#define EC_DABT_LOWER 0x24
#define EC_DABT_CUR   0x25

/* Fault status codes [5:0] with the level in the low two bits (0x00..0x0f). */
#define FSC_TRANSLATION 0x04
#define FSC_ACCESS_FLAG 0x08
#define FSC_PERMISSION  0x0c
#define FSC_TYPE(fsc)   ((fsc) < 0x10 ? (fsc) & ~3u : (fsc))
#define FSC_LEVEL(fsc)  ((fsc) & 3u)

static inline unsigned esr_ec(uint64_t esr) { return (unsigned)FIELD_GET(ESR_EC, esr); }
static inline unsigned esr_fsc(uint64_t esr) { return (unsigned)FIELD_GET(ESR_FSC, esr); }
static inline bool esr_is_abort(uint64_t esr)
{
	unsigned ec = esr_ec(esr);

	return ec == EC_IABT_CUR || ec == EC_IABT_LOWER || ec == EC_DABT_CUR || ec == EC_DABT_LOWER;
}
static inline bool esr_is_data_abort(uint64_t esr)
{
	return esr_ec(esr) == EC_DABT_CUR || esr_ec(esr) == EC_DABT_LOWER;
}

const char *esr_class_name(unsigned ec);
const char *esr_fault_name(unsigned fsc);
/* "permission fault (level 3), on a write" for an abort; "" otherwise. */
void esr_abort_text(uint64_t esr, char *buf, size_t len);

#endif
