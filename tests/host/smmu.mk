# Host unit tests of the SMMUv3 in-memory formats (drivers/smmuv3_fmt.c).
build/host/test_smmu_cmd: tests/host/test_smmu_cmd.c drivers/smmuv3_fmt.c drivers/smmuv3_fmt.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ tests/host/test_smmu_cmd.c drivers/smmuv3_fmt.c $(HOST_LDLIBS)

HOST_TESTS += build/host/test_smmu_cmd
