# Mali GPU MMU (issue 5): the driver against the register model for both table
# formats and both flush generations; each Mali board's target self-tests on
# the host against the model; both board images built and checked against
# their memory maps; the debugger load path (gdb load + resume, as OpenOCD
# does on a board) exercised against QEMU's gdb stub.
MALI_DRV_SRCS  := drivers/mali_mmu.c drivers/mali_faults.c drivers/mali_ids.c drivers/gpu_as.c
MALI_HOST_SRCS := tests/host/mali_model.c tests/host/mmio_host.c tests/host/timer_fake.c drivers/poll.c
MALI_HDRS      := drivers/mali_mmu.h drivers/gpu_as.h drivers/mmio.h drivers/timer.h \
                  tests/host/mali_model.h tests/host/mmio_host.h mmu/pgtable.h mmu/pool.h
MALI_BOARDS    := rk3399 rk3588

build/host/test_mali: tests/host/test_mali.c $(MALI_DRV_SRCS) $(MALI_HOST_SRCS) \
                      $(HOST_MMU_SRCS) $(MALI_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(filter %.c,$^) -o $@ $(HOST_LDLIBS)

# tests/target/test_mali.c is #included by the host file, not compiled alone.
build/host/test_mali_board_%: tests/host/test_mali_board.c tests/target/test_mali.c \
                              board/%/board.c board/%/gpu_power.c $(MALI_DRV_SRCS) \
                              $(MALI_HOST_SRCS) $(HOST_MMU_SRCS) $(MALI_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(filter-out tests/target/%,$(filter %.c,$^)) -o $@ $(HOST_LDLIBS)

# Script "binaries" judged by exit status (tools/run-tests): each builds what
# it checks when run, so a board that fails to build is one failed test, not
# a broken `make test`.
build/host/check_board_images: tools/check-board-image $(foreach b,$(MALI_BOARDS),board/$(b)/board.mk)
	@mkdir -p $(@D)
	@printf '#!/bin/sh\nexec tools/check-board-image %s\n' "$(MALI_BOARDS)" > $@
	@chmod +x $@

build/host/gdb_load_test: tools/gdb-load-test
	@mkdir -p $(@D)
	@printf '#!/bin/sh\nexec tools/gdb-load-test qemu-virt\n' > $@
	@chmod +x $@

HOST_TESTS += build/host/test_mali $(addprefix build/host/test_mali_board_,$(MALI_BOARDS)) \
              build/host/check_board_images build/host/gdb_load_test
