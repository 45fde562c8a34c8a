# The U-Boot commands that boot gpummu.bin on QEMU virt from Debian's
# u-boot-qemu (qemu_arm64/u-boot.bin as -bios), one per line, as typed at the
# "=> " prompt. tools/uboot-run types exactly these in CI (tests/qemu.cfg,
# the uboot-* lines) and checks that docs/bringup.md and README.md quote
# each of them.
# BOOTARGS stands for the line's test selection (U-Boot passes bootargs to
# the image in the device tree's /chosen).
setenv bootargs "BOOTARGS"
virtio scan
load virtio 0:1 ${kernel_addr_r} gpummu.bin
booti ${kernel_addr_r} - ${fdtcontroladdr}
