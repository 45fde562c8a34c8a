# Rockchip RK3588 (Mali-G610 MP4 Valhall CSF, not coherent). DRAM from 0; the
# image loads at 32 MiB like rk3399 (clear of TF-A at 0x40000 and of U-Boot's
# kernel_addr_r 0x0040_0000 staging; `booti` moves it to 0x0200_0000).
LOAD_ADDR := 0x02000000
RAM_BASE  := 0x00000000
RAM_SIZE  := 0x40000000
POOL_SIZE := 0x1000000

# TF-A BL31 is loaded at 0x40000; the image must stay out of [start, end).
TFA_BL31  := 0x40000 0x200000

# OpenOCD 0.12 has no RK3588 target: board/rk3588/rk3588.cfg is ours.
OPENOCD_TARGET_CFG := board/rk3588/rk3588.cfg
UART_BAUD := 1500000

OPENOCD_CORE := rk3588.cpu0
include board/flash.mk
