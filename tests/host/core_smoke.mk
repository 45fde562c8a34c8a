# The core implementer's own quick check of mmu/ (the full suite is core.mk).
build/host/test_core_smoke: $(call host_objs,tests/host/test_core_smoke.c $(HOST_MMU_SRCS))
	$(HOST_LINK)

HOST_TESTS += build/host/test_core_smoke
