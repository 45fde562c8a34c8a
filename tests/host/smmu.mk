# Host unit tests of the SMMUv3 in-memory formats (drivers/smmuv3_fmt.c).
build/host/test_smmu_cmd: $(call host_objs,tests/host/test_smmu_cmd.c drivers/smmuv3_fmt.c \
                                             tests/host/check_host.c)
	$(HOST_LINK)

HOST_TESTS += build/host/test_smmu_cmd
