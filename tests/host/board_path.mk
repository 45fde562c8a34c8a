# The board path (issue 12): the board's facts (device tree over board file)
# on the host; the debugger-load sequence of `make flash` against QEMU (gdb
# loads, a pty is the UART); `make run APPEND=` with shell syntax in it.
build/host/test_facts: $(call host_objs,tests/host/test_facts.c tests/host/fdt_build.c \
                                        boot/facts.c drivers/fdt.c drivers/dt_facts.c)
	$(HOST_LINK)

build/host/flash_test: tools/flash-test tools/flash
	$(call HOST_SCRIPT,tools/flash-test)

build/host/make_run_test: tools/make-run-test
	$(call HOST_SCRIPT,tools/make-run-test)

HOST_TESTS += build/host/test_facts build/host/flash_test build/host/make_run_test
