# Rockchip RK3288 (Cortex-A17, ARMv7-A with LPAE; Mali-T760 MP4 Midgard, not
# coherent): the AArch32 image. DRAM from 0. The image loads at U-Boot's
# kernel_addr_r, 0x0200_0000 (mainline include/configs/rk3288_common.h),
# the slot U-Boot keeps for a kernel: above fdt_addr_r 0x01f0_0000 and
# scriptaddr/pxefile_addr_r, below ramdisk_addr_r 0x0400_0000 (the image
# ends near 0x0370_0000, checked by the linker script: IMAGE_END_MAX), and
# far from U-Boot itself, which relocates to the top of DRAM. Load it there
# and run it with `go 0x02000000` (MMU and caches on: the image takes over,
# boot.md) or `bootz 0x02000000 - ${fdt_addr_r}` (its zImage header; MMU off,
# r2 = the device tree).
ARCH      := arm32
BOARD_CPU := cortex-a17
LOAD_ADDR := 0x02000000
RAM_BASE  := 0x00000000
RAM_SIZE  := 0x40000000
POOL_SIZE := 0x1000000
# U-Boot's ramdisk_addr_r: the image must end below it.
IMAGE_END_MAX := 0x04000000
# The boot CPU is cpu@500: the cluster ID (Aff1) is 5 on every RK3288 core
# (Linux rk3288.dtsi cpu0 reg = <0x500>; TF-A plat/rockchip/rk3288
# platform_def.h "ClusterId is always 0x5 on rk3288"; boot logs "Booting
# Linux on physical CPU 0x500").
BOOT_CPU_MPIDR := 0x500

# OpenOCD 0.12 (Debian) ships no target/rk3288.cfg, and neither does upstream
# OpenOCD's tcl/target: `make flash` needs one named on its command line
# (OPENOCD_TARGET_CFG=... OPENOCD_CORE=...); U-Boot is the supported loader.
OPENOCD_TARGET_CFG ?=
UART_BAUD := 115200

OPENOCD_CORE ?= rk3288.cpu0
include board/flash.mk
