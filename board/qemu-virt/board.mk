# QEMU virt. LOAD_ADDR = RAM_BASE + 2 MiB, the arm64 Image text_offset: for
# a bare-metal ELF QEMU puts its device tree (1 MiB) at the RAM base only if
# it fits below the image (hw/arm/boot.c), and booti moves the raw image to
# RAM base + text_offset, the same place.
LOAD_ADDR := 0x40200000
RAM_BASE  := 0x40000000
RAM_SIZE  := 0x20000000
POOL_SIZE := 0x1000000
# QEMU serves semihosting (-semihosting): the run ends with SYS_EXIT.
SEMIHOSTING_DEFAULT := 1

# Machine arguments; `make run`, `make debug` and tests/qemu.cfg add to them.
# -icount makes the edu device's 100 ms DMA delay fast and deterministic.
# -nic none: virt otherwise adds a virtio NIC whose option ROM comes from the
# ipxe-qemu package (only a Recommends of qemu-system-arm); nothing here uses it.
QEMU      := qemu-system-aarch64
QEMU_ARGS := -M virt,iommu=smmuv3 -cpu cortex-a53 -m 512M -nographic -nic none -semihosting \
             -device edu,addr=02.0,dma_mask=0xffffffffffffffff -icount shift=10,sleep=off
