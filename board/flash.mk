# Shared by the boards loaded through OpenOCD (included from their board.mk
# after OPENOCD_CORE is set to the core OpenOCD loads and resumes).
#
# No semihosting by default: without a debugger attached the image's HLT
# semihosting calls would trap. `make BOARD=<board> SEMIHOSTING=1` builds an
# image (in build/<board>-semihosting/) that reads its command line from and
# exits through the debugger, copies its console to the debugger's, and makes
# `make flash` switch OpenOCD's semihosting on as soon as `init` has examined
# the core, before load_image/resume.
SEMIHOSTING_DEFAULT := 0
OPENOCD_ARGS += $(if $(filter 1,$(SEMIHOSTING)),-c "$(OPENOCD_CORE) configure -event examine-end {arm semihosting enable}")
