# The core implementer's own quick check of mmu/ (the full suite is core.mk).
build/host/test_core_smoke: tests/host/test_core_smoke.c $(HOST_MMU_SRCS) $(wildcard mmu/*.h)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(filter %.c,$^) -o $@ $(HOST_LDLIBS)

HOST_TESTS += build/host/test_core_smoke
