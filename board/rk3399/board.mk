# Rockchip RK3399 (Mali-T860 MP4 Midgard, not coherent). DRAM from 0; TF-A's
# BL31 sits at 0x40000, so the image loads at 32 MiB. U-Boot's kernel_addr_r
# is 0x0208_0000 (include/configs/rk3399_common.h): `booti` moves the image to
# DRAM base + text_offset = 0x0200_0000 (our header's flags ask for that),
# `go` needs it loaded at 0x0200_0000 directly. Mainline U-Boot's
# fdtoverlay_addr_r is 0x0200_0000 too: an overlay is applied into the FDT
# before `booti` moves the image over it, so the two do not collide unless an
# overlay outgrows the 512 KiB below kernel_addr_r; the address stays.
LOAD_ADDR := 0x02000000
RAM_BASE  := 0x00000000
RAM_SIZE  := 0x40000000
POOL_SIZE := 0x1000000

# TF-A BL31 is loaded at 0x40000; the image must stay out of [start, end).
TFA_BL31  := 0x40000 0x200000

# OpenOCD ships the target (SWD, DAP 0x5ba02477, 4+2 cores); ADAPTER= names the probe.
OPENOCD_TARGET_CFG := target/rk3399.cfg
UART_BAUD := 1500000

OPENOCD_CORE := rk3399.lcore0
include board/flash.mk
