# Mali GPU MMU (issue 5): the driver against the register model for both table
# formats and both flush generations; each Mali board's target self-tests on
# the host against the model; both board images built and checked against
# their memory maps; the debugger load path (gdb load + resume, as OpenOCD
# does on a board) exercised against QEMU's gdb stub.
MALI_SRCS   := drivers/mali_mmu.c drivers/mali_faults.c drivers/mali_ids.c drivers/gpu_as.c \
               tests/host/mali_model.c tests/host/mmio_host.c tests/host/timer_fake.c \
               drivers/poll.c $(HOST_MMU_SRCS)
MALI_BOARDS := rk3399 rk3588 rk3288

build/host/test_mali: $(call host_objs,tests/host/test_mali.c $(MALI_SRCS))
	$(HOST_LINK)

# tests/host/test_mali_board.c #includes the target's tests/target/test_mali.c.
build/host/test_mali_board_%: $(call host_objs,tests/host/test_mali_board.c board/%/board.c \
                                                board/%/gpu_power.c drivers/rockchip_pd.c boot/facts.c drivers/fdt.c \
                                                drivers/dt_facts.c $(MALI_SRCS))
	$(HOST_LINK)

# Scripts judged by exit status (tools/run-tests): each builds what it checks
# when run, so a board that fails to build is one failed test, not a broken
# `make test`.
build/host/check_board_images: tools/check-board-image $(foreach b,$(MALI_BOARDS),board/$(b)/board.mk)
	$(call HOST_SCRIPT,tools/check-board-image $(MALI_BOARDS))

build/host/gdb_load_test: tools/gdb-load-test
	$(call HOST_SCRIPT,tools/gdb-load-test qemu-virt)

# The RK3588 OpenOCD configuration parsed by OpenOCD, its targets compared with upstream's.
build/host/check_openocd_rk3588: tests/host/check-openocd-rk3588 board/rk3588/rk3588.cfg
	$(call HOST_SCRIPT,tests/host/check-openocd-rk3588)

HOST_TESTS += build/host/test_mali $(addprefix build/host/test_mali_board_,$(MALI_BOARDS)) \
              build/host/check_board_images build/host/gdb_load_test build/host/check_openocd_rk3588
