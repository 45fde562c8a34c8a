/* SPDX-License-Identifier: MIT */
/* QEMU "virt" with a 64-bit CPU: the machine's facts are board/qemu_virt.h. */
#include "board/qemu_virt.h"

const struct board board = QEMU_VIRT_BOARD("qemu-virt");
