# Host unit tests of the SMMUv3 in-memory formats (drivers/smmuv3_fmt.c).
build/host/test_smmu_cmd: $(call host_objs,tests/host/test_smmu_cmd.c drivers/smmuv3_fmt.c \
                                             tests/host/check_host.c)
	$(HOST_LINK)

# The SMMUv3 driver against a register model: bounded drains, reset order,
# commands silicon refuses.
SMMU_DRIVER_SRCS := drivers/smmuv3.c drivers/smmuv3_as.c drivers/smmuv3_fmt.c drivers/gpu_as.c \
                    tests/host/smmu_model.c tests/host/mmio_host.c tests/host/timer_fake.c \
                    drivers/poll.c $(HOST_MMU_SRCS)
build/host/test_smmu_model: $(call host_objs,tests/host/test_smmu_model.c $(SMMU_DRIVER_SRCS))
	$(HOST_LINK)

# QEMU's own trace of the SMMU commands it received, checked against what
# silicon accepts (boots build/qemu-virt/gpummu.elf twice, about 2 s).
build/host/check_smmu_qemu_trace: tests/host/check-smmu-qemu-trace
	$(call HOST_SCRIPT,tests/host/check-smmu-qemu-trace)

HOST_TESTS += build/host/test_smmu_cmd build/host/test_smmu_model build/host/check_smmu_qemu_trace
