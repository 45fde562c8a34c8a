# Host tests of the CPU's MMU (issue 11): the TLB invalidation plan, and the
# neutral CPU map built by the core, read back by the reference walker.
build/host/test_cpu_tlbi: $(call host_objs,tests/host/test_cpu_tlbi.c boot/aarch64/tlbi_plan.c)
	$(HOST_LINK)

build/host/test_cpu_map: $(call host_objs,tests/host/test_cpu_map.c boot/cpu_map.c \
                                          tests/host/ref_walker.c $(HOST_MMU_SRCS))
	$(HOST_LINK)

HOST_TESTS += build/host/test_cpu_tlbi build/host/test_cpu_map
