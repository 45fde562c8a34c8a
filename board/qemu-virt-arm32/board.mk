# QEMU virt with a 32-bit CPU (ARMv7-A with LPAE and the virtualization
# extensions): the AArch32 image (arm-none-eabi-gcc, newlib).
ARCH      := arm32
BOARD_CPU := cortex-a15
# LOAD_ADDR = RAM_BASE + 0x10000: where QEMU loads a raw 32-bit image
# (hw/arm/boot.c KERNEL_LOAD_ADDR), so the ELF and gpummu.bin run at the
# same place; the device tree goes above the image (initrd_start + ...).
LOAD_ADDR := 0x40010000
RAM_BASE  := 0x40000000
RAM_SIZE  := 0x20000000
POOL_SIZE := 0x1000000
# QEMU serves semihosting (-semihosting): the run ends with SYS_EXIT_EXTENDED.
SEMIHOSTING_DEFAULT := 1

# Machine arguments; `make run`, `make debug` and tests/qemu-arm32.cfg add to them.
# highmem stays on: the PCIe ECAM is then the high window at 0x40_1000_0000,
# above 4 GiB, which the CPU reaches only through LPAE (boot/cpu_map.c maps
# it at a VA below 4 GiB). dma_mask=0xffffffff: the 32-bit CPU can program
# only 32-bit edu DMA addresses (drivers/edu.c). -icount and -nic none as
# for the AArch64 board.
QEMU      := qemu-system-arm
QEMU_ARGS := -M virt,iommu=smmuv3 -cpu cortex-a15 -m 512M -nographic -nic none -semihosting \
             -device edu,addr=02.0,dma_mask=0xffffffff -icount shift=10,sleep=off
QEMU_CFG  := tests/qemu-arm32.cfg
