# gpummu: freestanding AArch64 and AArch32 images + host tests. `make help` lists targets.
BOARD ?= qemu-virt
# The architecture is the board's choice (board.mk ARCH := arm32); the layers are the same.
ARCH := aarch64
BOARD_DIR := board/$(BOARD)
ifeq ($(wildcard $(BOARD_DIR)/board.mk),)
$(error unknown BOARD '$(BOARD)': no $(BOARD_DIR)/board.mk)
endif
# Only a QEMU board's board.mk sets QEMU_ARGS: one in the environment (the
# matrix runner exports it to the checks it starts) must not make a board
# such as rk3399 look like one. `make run QEMU_ARGS=...` still overrides.
QEMU_ARGS :=
include $(BOARD_DIR)/board.mk

# SEMIHOSTING=1: the image reads its command line from and exits through a
# debugger or QEMU (SYS_GET_CMDLINE, SYS_EXIT); 0: it prints its status and
# parks. Each board.mk sets its default; the other setting is another image,
# so it gets its own build folder (never a stale image of the other kind).
SEMIHOSTING ?= $(SEMIHOSTING_DEFAULT)
ifeq ($(filter 0 1,$(SEMIHOSTING)),)
$(error SEMIHOSTING must be 0 or 1, not '$(SEMIHOSTING)')
endif
EXTRA_CFLAGS += -DBOARD_SEMIHOSTING=$(SEMIHOSTING)
# AArch32 builds for another core than the board's (ARM32_CPU=cortex-a7) get
# their own folder too.
BUILD   := build/$(BOARD)$(if $(filter-out $(BOARD_CPU),$(ARM32_CPU)),-$(ARM32_CPU))$(if $(filter-out $(SEMIHOSTING_DEFAULT),$(SEMIHOSTING)),-$(if $(filter 1,$(SEMIHOSTING)),semihosting,no-semihosting))
ELF     := $(BUILD)/gpummu.elf
BIN     := $(BUILD)/gpummu.bin
MAP     := $(BUILD)/gpummu.map
LDS     := $(BUILD)/image.ld

# ---- target -----------------------------------------------------------------
# AArch64: aarch64-linux-gnu-gcc freestanding with picolibc. AArch32:
# arm-none-eabi-gcc with newlib's libc.a (boot/arm32/newlib.c: its system
# calls, the heap-free configuration, and why not nano.specs; NEWLIB_SPECS=
# nano.specs builds with nano to see it), ARM state, hard-float VFP,
# -mno-unaligned-access as -mstrict-align (with the MMU off memory is
# Strongly-ordered, where an unaligned access faults).
ifeq ($(ARCH),arm32)
CROSS   ?= arm-none-eabi-
ARM32_CPU ?= $(BOARD_CPU)
NEWLIB_SPECS ?=
LIBC_FLAGS := $(if $(NEWLIB_SPECS),--specs=$(NEWLIB_SPECS))
# newlib's <stdint.h> takes int32_t from GCC's __INT32_TYPE__ (newlib
# machine/_default_types.h), which arm-none-eabi-gcc alone makes a long:
# made int here, as on every other target, so one printf format fits all
# (same size and alignment: newlib's libc.a is called as it was built).
INT32_DEFS := -U__INT32_TYPE__ -D__INT32_TYPE__=int -U__UINT32_TYPE__ \
              '-D__UINT32_TYPE__=unsigned int' -U__INT_LEAST32_TYPE__ -D__INT_LEAST32_TYPE__=int \
              -U__UINT_LEAST32_TYPE__ '-D__UINT_LEAST32_TYPE__=unsigned int'
ARCH_CFLAGS := -mcpu=$(ARM32_CPU) -marm -mfloat-abi=hard -mno-unaligned-access $(INT32_DEFS) \
               $(LIBC_FLAGS)
ARCH_ASFLAGS := -mcpu=$(ARM32_CPU) -marm -mfloat-abi=hard
# newlib's printf without C99 length modifiers: boot/arm32/printf_c99.c.
ARCH_LDFLAGS := -Wl,--wrap=printf,--wrap=snprintf,--wrap=vsnprintf
else ifeq ($(ARCH),aarch64)
CROSS   ?= aarch64-linux-gnu-
PICOLIBC_SPECS ?= /usr/lib/picolibc/aarch64-linux-gnu/picolibc.specs
LIBC_FLAGS := --specs=$(PICOLIBC_SPECS)
ARCH_CFLAGS := -mcpu=cortex-a53 -mstrict-align $(LIBC_FLAGS)
ARCH_ASFLAGS :=
ARCH_LDFLAGS :=
else
$(error unknown ARCH '$(ARCH)' in $(BOARD_DIR)/board.mk: aarch64 or arm32)
endif
CC      := $(CROSS)gcc
OBJCOPY := $(CROSS)objcopy
CPP     := $(CROSS)cpp

# -fno-toplevel-reorder: SELFTEST entries stay in source order within a file.
# -fstack-protector-strong: canaries (boot/stack_protector.c); stack clash
# protection probes every 4 KiB of a large frame, so no frame can step over
# the 4 KiB guard page below each stack (linker/image.ld.S).
# -Wa,--fatal-warnings: the assembler's warnings about inline assembly (an
# UNPREDICTABLE register choice, say) fail the build like the compiler's.
CFLAGS  := -std=c11 -O2 -g -I. -Wall -Wextra -Werror -Wa,--fatal-warnings -ffreestanding \
           -fno-pie -fstack-protector-strong -fstack-clash-protection \
           --param stack-clash-protection-guard-size=12 -fno-toplevel-reorder -ffunction-sections -fdata-sections \
           $(ARCH_CFLAGS) -MMD -MP $(EXTRA_CFLAGS)
# The boot CPU's MPIDR affinity (Aff2..Aff0, and Aff3 on AArch64): the one
# core boot/<arch>/head.S lets run. A board whose boot CPU is not 0 says so.
BOOT_CPU_MPIDR ?= 0
ASFLAGS := -I. -g -Wa,--fatal-warnings -MMD -MP $(ARCH_ASFLAGS) -DBOOT_CPU_MPIDR=$(BOOT_CPU_MPIDR)
LDFLAGS := $(ARCH_CFLAGS) $(ARCH_LDFLAGS) -nostartfiles -static -no-pie -T $(LDS) \
           -Wl,--gc-sections -Wl,-Map=$(MAP) -Wl,--no-warn-rwx-segments

# EXTRA_SRCS: more sources for a local experiment (e.g. a stand-in for a file
# still being written elsewhere); never needed by the committed tree.
SRCS := $(sort $(wildcard boot/*.S)) $(sort $(wildcard boot/*.c)) \
        $(sort $(wildcard boot/$(ARCH)/*.S)) $(sort $(wildcard boot/$(ARCH)/*.c)) \
        $(sort $(wildcard mmu/*.c)) $(sort $(wildcard drivers/*.c)) \
        $(sort $(wildcard tests/target/*.c)) $(sort $(wildcard tests/target/$(ARCH)/*.c)) \
        $(sort $(wildcard $(BOARD_DIR)/*.c)) $(EXTRA_SRCS)
OBJS := $(patsubst %,$(BUILD)/obj/%.o,$(SRCS))

# TFA_BL31 (optional) "start end": TF-A's BL31, which the image must not overlap.
LDS_DEFS := -DARCH_$(ARCH) -DLOAD_ADDR=$(LOAD_ADDR) -DRAM_BASE=$(RAM_BASE) -DRAM_SIZE=$(RAM_SIZE) \
            -DPOOL_SIZE=$(POOL_SIZE) \
            $(if $(TFA_BL31),-DTFA_BL31_START=$(word 1,$(TFA_BL31)) -DTFA_BL31_END=$(word 2,$(TFA_BL31))) \
            $(if $(IMAGE_END_MAX),-DIMAGE_END_MAX=$(IMAGE_END_MAX))

.PHONY: all run test host-test qemu-test qemu-board deps bench fuzz soak debug flash clean help arm32 \
        matrix-env
all: $(ELF) $(BIN)

$(BUILD)/obj/%.c.o: %.c $(BUILD)/cflags.list
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

# The wrong-address path (boot/early.c and the semihost_exit it calls) runs
# wherever the image was copied, so every address it forms is PC-relative:
# on AArch64 the tiny code model (ADR, to the byte; GCC AArch64 options,
# -mcmodel=tiny); on AArch32 position-independent code, which with the hidden
# visibility boot/early.c declares reaches data PC-relative too (R_ARM_REL32,
# no GOT: GCC ARM options, -mpic-data-is-text-relative is the default). No
# stack protector: its guard is an absolute address.
ifeq ($(ARCH),aarch64)
$(BUILD)/obj/boot/early.c.o $(BUILD)/obj/boot/semihost.c.o: CFLAGS += -mcmodel=tiny -fno-stack-protector
else
$(BUILD)/obj/boot/early.c.o $(BUILD)/obj/boot/semihost.c.o: CFLAGS += -fPIE -fno-stack-protector
endif

$(BUILD)/obj/%.S.o: %.S
	@mkdir -p $(@D)
	$(CC) $(ASFLAGS) -c $< -o $@

# The board's numbers reach the linker script through the preprocessor; the
# script depends on board.mk so a changed number relinks.
$(LDS): linker/image.ld.S $(BOARD_DIR)/board.mk
	@mkdir -p $(@D)
	$(CPP) -P -undef $(LDS_DEFS) $< -o $@

# The source list as a file that changes only when the list does, so that an
# added or removed source (or EXTRA_SRCS) relinks.
$(BUILD)/srcs.list: FORCE
	@mkdir -p $(@D)
	@echo '$(strip $(SRCS))' | cmp -s - $@ || echo '$(strip $(SRCS))' >$@

# The compiler flags likewise: a changed flag rebuilds every object.
$(BUILD)/cflags.list: FORCE
	@mkdir -p $(@D)
	@echo '$(strip $(CFLAGS))' | cmp -s - $@ || echo '$(strip $(CFLAGS))' >$@

$(ELF): $(OBJS) $(LDS) $(BUILD)/srcs.list
	$(CC) $(LDFLAGS) $(OBJS) -o $@

FORCE:

# Raw binary with the arm64 Image header at offset 0 (for booti / -kernel).
$(BIN): $(ELF)
	$(OBJCOPY) -O binary $< $@

-include $(OBJS:.o=.d)

# A loader that leaves its MMU and caches on (tests/loader-stub/<arch>.S,
# gpummu.bin its payload, linked 2 MiB below the end of RAM): the take-over
# lines of the QEMU matrices and tests/host/check-takeover-vectors, so QEMU
# boards only.
ifneq ($(QEMU_ARGS),)
LOADER_STUB := $(BUILD)/loader-stub.elf
all: $(LOADER_STUB)
$(LOADER_STUB): tests/loader-stub/$(ARCH).S $(BIN)
	$(CC) $(ASFLAGS) -MF $@.d -MT $@ -DIMAGE_LOAD_ADDR=$(LOAD_ADDR) -DRAM_BASE=$(RAM_BASE) \
	  -DRAM_SIZE=$(RAM_SIZE) -DSTUB_PAYLOAD='"$(BIN)"' -nostdlib -static -no-pie \
	  -Wl,-Ttext=$(shell printf '%#x' $$(($(RAM_BASE) + $(RAM_SIZE) - 0x200000))) \
	  -Wl,--build-id=none -Wl,--no-warn-rwx-segments $< -o $@
-include $(LOADER_STUB).d
endif

# ---- host -------------------------------------------------------------------
HOST_CC     ?= gcc
HOST_CFLAGS := -std=c11 -g -O1 -I. -Wall -Wextra -Werror -fsanitize=address,undefined \
               -fno-sanitize-recover=all -D_DEFAULT_SOURCE -DPT_DEBUG=1
HOST_LDLIBS := -lcmocka
# The core and the host's check_failed() (mmu/check.h) that every host link needs.
HOST_MMU_SRCS := $(wildcard mmu/*.c) tests/host/check_host.c
HOST_TESTS :=
HOST_BENCHES :=
HOST_FUZZERS :=

# Host sources compile once each (ASan + UBSan) into build/host/obj, with
# their header dependencies (-MMD); a test binary links objects:
#   build/host/test_x: $(call host_objs,SRCS) ; $(HOST_LINK)
HOST_OBJ_DIR := build/host/obj
host_objs = $(patsubst %.c,$(HOST_OBJ_DIR)/%.o,$(1))

$(HOST_OBJ_DIR)/%.o: %.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

define HOST_LINK
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(filter %.o,$^) -o $@ $(HOST_LDLIBS)
endef

# A wrapper script running the command $(1) with the wrapper's arguments.
define HOST_SCRIPT
	@mkdir -p $(@D)
	@printf '#!/bin/sh\nexec %s "$$@"\n' '$(1)' >$@
	@chmod +x $@
endef

-include $(wildcard tests/host/*.mk bench/*.mk)
-include $(wildcard $(HOST_OBJ_DIR)/*/*.d $(HOST_OBJ_DIR)/*/*/*.d)

# The 32-bit image (board qemu-virt-arm32, arm-none-eabi-gcc + newlib) for
# every AArch32 core CI builds: the board's Cortex-A15, and Cortex-A7 and
# Cortex-A17 (build/qemu-virt-arm32-cortex-a7/ ...). make test runs the
# Cortex-A15 and Cortex-A7 images in QEMU (tests/qemu-arm32.cfg).
ARM32_BOARD := qemu-virt-arm32
ARM32_CPUS  := cortex-a15 cortex-a7 cortex-a17
arm32:
	@for c in $(ARM32_CPUS); do $(MAKE) --no-print-directory -s BOARD=$(ARM32_BOARD) ARM32_CPU=$$c all || exit 1; done

# The board's matrix variables for tools/run-tests, with a prefix (make test
# reads the 32-bit board's this way): make -s matrix-env PREFIX=ARM32_
matrix-env:
	@echo "export $(PREFIX)QEMU='$(QEMU)' $(PREFIX)QEMU_ARGS='$(QEMU_ARGS)' $(PREFIX)ELF='$(ELF)' $(PREFIX)LOG_DIR='$(BUILD)/qemu-logs' $(PREFIX)CFG='$(QEMU_CFG)'"

# Fragments append: HOST_TESTS (cmocka binaries, `make host-test`),
# HOST_BENCHES (`make bench`), HOST_FUZZERS (libFuzzer, `make fuzz`).

# ---- commands ---------------------------------------------------------------
QEMU_TIMEOUT ?= 30
QEMU_CFG ?= tests/qemu.cfg
APPEND ?=
# APPEND is the image's input, not make's or the shell's: its text is taken
# unexpanded ($(value)) and passed as one single-quoted shell word, so quotes,
# backquotes, ';' and '$' in it reach the image as they are.
shell_quote = '$(subst ','\'',$(1))'
QEMU_APPEND = $(if $(strip $(value APPEND)),-append $(call shell_quote,$(value APPEND)))
# The board's machine, the image, the command line: make run and make debug.
QEMU_CMD = $(QEMU) $(QEMU_ARGS) -kernel $(ELF) $(QEMU_APPEND)

# Prerequisite of the targets that boot the image in QEMU.
qemu-board:
	@test -n "$(QEMU_ARGS)" || { echo "BOARD=$(BOARD) is not a QEMU board (no QEMU_ARGS): use make flash"; exit 2; }

deps:
	@tools/install-deps

# Boot the image in QEMU. The firmware's exit status is printed when nonzero
# (make itself then exits 2, as for any failed recipe); 124 means the wall
# clock timeout ended a hung run.
run: deps qemu-board $(ELF)
	@echo $(call shell_quote,$(QEMU_CMD))
	@timeout --foreground $(QEMU_TIMEOUT) $(QEMU_CMD) \
	  || { rc=$$?; echo "firmware exit status $$rc"; exit $$rc; }

MATRIX_ENV = QEMU="$(QEMU)" QEMU_ARGS="$(QEMU_ARGS)" ELF=$(ELF) LOG_DIR=$(BUILD)/qemu-logs \
             QEMU_TIMEOUT=$(QEMU_TIMEOUT)

host-test: $(HOST_TESTS)
	@tools/run-tests host $(HOST_TESTS)

qemu-test: qemu-board $(ELF) $(BIN) $(LOADER_STUB)
	@$(MATRIX_ENV) tools/run-tests qemu $(QEMU_CFG)

# Everything: dependencies, host tests, the QEMU matrix, one summary line.
test: deps
	@# -k: what builds still runs; a failed build counts as one failure (and
	@# any stale binary it left is not trusted to pass the run).
	@# The 32-bit images too, and their matrix beside this one (ARM32_*).
	@rc=0; $(MAKE) --no-print-directory -s -k $(ELF) $(BIN) $(LOADER_STUB) $(HOST_TESTS) || rc=$$?; \
	  $(MAKE) --no-print-directory -s -k arm32 || rc=$$?; \
	  eval "$$($(MAKE) --no-print-directory -s BOARD=$(ARM32_BOARD) matrix-env PREFIX=ARM32_)"; \
	  $(MATRIX_ENV) BUILD_STATUS=$$rc tools/run-tests all $(QEMU_CFG) $(HOST_TESTS)

bench: $(HOST_BENCHES)
	@for b in $(HOST_BENCHES); do echo "== $$b"; $$b || exit 1; done

fuzz: $(HOST_FUZZERS)
	@for f in $(HOST_FUZZERS); do echo "== $$f"; $$f -max_total_time=$${FUZZ_SECONDS:-30} || exit 1; done

# QEMU halted at the first instruction with its gdb stub on :1234, and gdb
# in the foreground; the UART goes to $(BUILD)/debug-uart.log meanwhile.
debug: qemu-board $(ELF)
	$(QEMU_CMD) -serial file:$(BUILD)/debug-uart.log -monitor none -s -S & \
	qpid=$$!; gdb-multiarch -q $(ELF) -ex "target remote :1234"; kill $$qpid 2>/dev/null; true

# Load over JTAG/SWD and start at the entry as a debugger does, not a boot
# loader: init, halt, load_image, resume. tools/flash opens UART_DEV first
# and waits for the report's "# exit status N" (or FLASH_TIMEOUT seconds),
# then exits N. With SEMIHOSTING=1 OpenOCD stays attached to serve the
# image's calls and exits with its SYS_EXIT status, which tools/flash returns.
UART_DEV ?=
FLASH_TIMEOUT ?= 120
flash: $(ELF)
	@test -n "$(OPENOCD_TARGET_CFG)" || { echo "board $(BOARD) has no OPENOCD_TARGET_CFG"; exit 2; }
	@test -n "$(ADAPTER)" || { echo "usage: make flash BOARD=$(BOARD) ADAPTER=<openocd interface cfg> [UART_DEV=/dev/ttyUSB0] [SEMIHOSTING=1]"; exit 2; }
	tools/flash $(if $(UART_DEV),--uart $(UART_DEV) --baud $(UART_BAUD)) \
	  $(if $(filter 1,$(SEMIHOSTING)),--semihosting) --timeout $(FLASH_TIMEOUT) --log $(BUILD)/flash-uart.log \
	  -- openocd -f $(ADAPTER) -f $(OPENOCD_TARGET_CFG) $(OPENOCD_ARGS) \
	  -c "init; halt; load_image $(ELF) 0 elf; resume $(LOAD_ADDR)$(if $(filter 1,$(SEMIHOSTING)),,; shutdown)"

clean:
	rm -rf build

help:
	@echo "make [BOARD=$(BOARD)]   build $(ELF) and $(BIN)"
	@echo "make run [APPEND='test names']   boot in QEMU, print the report, exit with its status"
	@echo "make test               deps + host tests + QEMU matrix (tests/qemu.cfg)"
	@echo "make host-test | qemu-test | lava-test | bench | fuzz | soak [SOAK_SEED=..] | debug | clean"
	@echo "make arm32               the 32-bit images (BOARD=qemu-virt-arm32, Cortex-A15/A7/A17)"
	@echo "make flash BOARD=rk3399 ADAPTER=<openocd interface cfg> [UART_DEV=/dev/ttyUSB0] [SEMIHOSTING=1] [FLASH_TIMEOUT=120]"
	@echo "   (opens UART_DEV before the resume, exits with the firmware's status; docs/bringup.md)"
