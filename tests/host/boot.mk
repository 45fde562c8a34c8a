# The entry code's sequences, where QEMU's own run cannot show them: the
# ARMv7 MMU enable order read back from its object code, and the vectors in
# place before the take-over's cache maintenance, read through QEMU's gdb
# stub under tests/loader-stub.
build/host/check_arm32_mmu_enable_order: tests/host/check-arm32-mmu-enable-order boot/arm32/mmu_enable.S
	$(call HOST_SCRIPT,tests/host/check-arm32-mmu-enable-order)

build/host/check_takeover_vectors: tests/host/check-takeover-vectors
	$(call HOST_SCRIPT,tests/host/check-takeover-vectors)

HOST_TESTS += build/host/check_arm32_mmu_enable_order build/host/check_takeover_vectors

# The boot CPU each Rockchip board's Linux device tree names (its MPIDR
# affinity, its core) against what the entry code lets run and recognises.
build/host/check_boot_cpu: tests/host/check-boot-cpu
	$(call HOST_SCRIPT,tests/host/check-boot-cpu)

HOST_TESTS += build/host/check_boot_cpu
