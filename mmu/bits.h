/* SPDX-License-Identifier: MIT */
/*
 * Bit fields as named masks, for registers and descriptors alike: a field is
 * declared once as GENMASK(hi, lo) and read or built with FIELD_GET /
 * FIELD_PREP, so no code shifts by a bare number. The same names and
 * meaning as Linux's <linux/bits.h> and <linux/bitfield.h> (a common
 * vocabulary; the implementation is this project's).
 */
#ifndef GPUMMU_MMU_BITS_H
#define GPUMMU_MMU_BITS_H

#include <stdint.h>

#define BIT(n)          ((uint64_t)1 << (n))
/* Bits hi..lo set (0 <= lo <= hi <= 63). */
#define GENMASK(hi, lo) ((~(uint64_t)0 >> (63 - (hi))) & (~(uint64_t)0 << (lo)))

/* The lowest set bit of a constant mask, as a shift count. */
#define FIELD_SHIFT(mask) ((unsigned)__builtin_ctzll(mask))
/* The field mask of reg, shifted down to bit 0. */
#define FIELD_GET(mask, reg) (((uint64_t)(reg) & (mask)) >> FIELD_SHIFT(mask))
/* val placed in the field mask (bits of val beyond the field are dropped). */
#define FIELD_PREP(mask, val) (((uint64_t)(val) << FIELD_SHIFT(mask)) & (mask))

#endif
