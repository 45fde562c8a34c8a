# Rockchip RK3588 (Mali-G610 MP4 Valhall CSF, not coherent). DRAM from 0; the
# image loads at 32 MiB like rk3399, clear of TF-A at 0x40000. Mainline U-Boot's
# kernel_addr_r is this same 0x0200_0000 (include/configs/rk3588_common.h), so
# `booti` from there needs no move; its fdt_addr_r 0x1200_0000 and
# ramdisk_addr_r 0x1218_0000 lie above the image's end (about 0x0310_0000).
LOAD_ADDR := 0x02000000
RAM_BASE  := 0x00000000
RAM_SIZE  := 0x40000000
POOL_SIZE := 0x1000000

# TF-A BL31 is loaded at 0x40000; the image must stay out of [start, end).
TFA_BL31  := 0x40000 0x200000

# OpenOCD 0.12 has no RK3588 target: board/rk3588/rk3588.cfg carries upstream
# OpenOCD's facts (tcl/target/rk3588.cfg, 2025), target names included.
OPENOCD_TARGET_CFG := board/rk3588/rk3588.cfg
UART_BAUD := 1500000

OPENOCD_CORE := rk3588.lcore0
include board/flash.mk
