# QEMU virt. LOAD_ADDR = RAM_BASE + 0x80000, the arm64 Image text_offset that
# leaves the bottom of RAM to the device tree QEMU puts there.
LOAD_ADDR := 0x40080000
RAM_BASE  := 0x40000000
RAM_SIZE  := 0x20000000
POOL_SIZE := 0x1000000

# Machine arguments; `make run`, `make debug` and tests/qemu.cfg add to them.
# -icount makes the edu device's 100 ms DMA delay fast and deterministic.
# -nic none: virt otherwise adds a virtio NIC whose option ROM comes from the
# ipxe-qemu package (only a Recommends of qemu-system-arm); nothing here uses it.
QEMU      := qemu-system-aarch64
QEMU_ARGS := -M virt,iommu=smmuv3 -cpu cortex-a53 -m 512M -nographic -nic none -semihosting \
             -device edu,addr=02.0,dma_mask=0xffffffffffffffff -icount shift=10,sleep=off
