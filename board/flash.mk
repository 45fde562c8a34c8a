# Shared by the boards loaded through OpenOCD (included from their board.mk
# after OPENOCD_CORE is set to the core OpenOCD loads and resumes).
#
# No semihosting by default: without a debugger attached the image's HLT
# semihosting calls would trap. `make BOARD=<board> SEMIHOSTING=1` builds an
# image that reads its command line from and exits through the debugger, and
# makes `make flash` switch OpenOCD's semihosting on as soon as `init` has
# examined the core, before load_image/resume. The flag only changes compiler
# flags: remove build/<board> when switching it.
SEMIHOSTING ?= 0
EXTRA_CFLAGS += -DBOARD_SEMIHOSTING=$(SEMIHOSTING)
ifeq ($(SEMIHOSTING),1)
OPENOCD_ARGS += -c "$(OPENOCD_CORE) configure -event examine-end {arm semihosting enable}"
endif
