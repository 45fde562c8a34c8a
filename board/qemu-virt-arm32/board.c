/* SPDX-License-Identifier: MIT */
/*
 * QEMU "virt" with a 32-bit CPU: the machine's facts are board/qemu_virt.h.
 * With highmem on (the default for an LPAE CPU: its 40-bit PA range holds
 * the high regions) the one ECAM window is the high one at 0x40_1000_0000,
 * above what a 32-bit VA reaches: the CPU map places it below 4 GiB
 * (boot/cpu_map.c); with highmem=off it is at 0x3f00_0000.
 */
#include "board/qemu_virt.h"

const struct board board = QEMU_VIRT_BOARD("qemu-virt-arm32");
