# The device tree reader (issue 12): the parser and the facts on blobs made
# token by token (test_fdt), the same code on real blobs checked against
# dtc's fdtget (dt_check: QEMU's dumpdtb for several machines, Linux's
# Rockchip board sources compiled with dtc), and a libFuzzer target.
DT_SRCS := drivers/fdt.c drivers/dt_facts.c

build/host/test_fdt: $(call host_objs,tests/host/test_fdt.c tests/host/fdt_build.c $(DT_SRCS))
	$(HOST_LINK)

build/host/dt_dump: $(call host_objs,tests/host/dt_dump.c $(DT_SRCS))
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(filter %.o,$^) -o $@

build/host/dt_check: tools/dt-check tools/dt-blobs build/host/dt_dump
	$(call HOST_SCRIPT,sh -c "tools/dt-check build/host/dt_dump \$$(tools/dt-blobs build/dt)")

HOST_TESTS += build/host/test_fdt build/host/dt_check

build/host/fuzz_fdt: tests/host/fuzz_fdt.c $(DT_SRCS) $(wildcard drivers/fdt.h drivers/dt_facts.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(filter %.c,$^) -o $@

HOST_FUZZERS += build/host/fuzz_fdt
