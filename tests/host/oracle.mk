# The Linux io-pgtable-arm oracle (issue 10): Linux's
# drivers/iommu/io-pgtable-arm.c and io-pgtable.c from Debian's linux-source
# package, extracted at build time into build/oracle/ (cached per package
# version, never into the repository: tools/oracle-extract) and compiled for
# the host against this project's kernel stand-in (tests/host/oracle/lx_kernel.h).
# Two builds of the same sources: with the host tests' sanitizers (the
# differential test, the selftest replay) and with the benchmark's flags.
ORACLE_PKG   := linux-source-6.12
ORACLE_VER   := $(shell dpkg-query -W -f='$${Version}' $(ORACLE_PKG) 2>/dev/null)
ORACLE_SRC   := build/oracle/$(ORACLE_PKG)_$(subst ~,_,$(ORACLE_VER))
ORACLE_STAMP := $(ORACLE_SRC)/.complete
ORACLE_SHIM  := build/oracle/shim
# The headers the two Linux files include that the stand-in replaces: empty
# files, the stand-in is force-included.
ORACLE_SHIM_HDRS := $(addprefix $(ORACLE_SHIM)/,linux/atomic.h linux/bitops.h linux/bug.h \
                    linux/dma-mapping.h linux/iommu.h linux/kernel.h linux/sizes.h \
                    linux/slab.h linux/types.h asm/barrier.h iommu-pages.h)
ORACLE_LX    := io-pgtable-arm io-pgtable lx_iommu
ORACLE_DEPS  := $(ORACLE_STAMP) $(ORACLE_SHIM_HDRS)

# Linux's code is compiled as the kernel compiles it (gnu11, no strict
# aliasing, wrapping arithmetic) but for the host, -Wall -Wextra -Werror less
# the two -Wextra warnings the kernel's own style trips (it builds without
# -Wextra): comparisons of int with size_t, and unused callback parameters.
# The selftest is built in so that Linux's own arm_lpae_run_tests() proves
# the stand-in first (test_oracle_selftest).
ORACLE_CFLAGS := -std=gnu11 -g -I. -I$(ORACLE_SRC)/include -I$(ORACLE_SHIM) \
                 -include tests/host/oracle/lx_kernel.h -Wall -Wextra -Werror \
                 -Wno-sign-compare -Wno-unused-parameter -MMD -MP \
                 -fno-strict-aliasing -fwrapv -D_DEFAULT_SOURCE \
                 -DCONFIG_IOMMU_IO_PGTABLE_LPAE -DCONFIG_IOMMU_IO_PGTABLE_LPAE_SELFTEST \
                 -DLX_KERNEL_VERSION='"$(firstword $(subst -, ,$(ORACLE_VER)))"' \
                 -DLX_PACKAGE_VERSION='"$(ORACLE_PKG) $(ORACLE_VER)"'
ORACLE_TEST_CFLAGS  := $(ORACLE_CFLAGS) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all
ORACLE_BENCH_CFLAGS := $(ORACLE_CFLAGS) -O2
# Where each oracle source lives (the extracted tree or tests/host/oracle/).
oracle_src = $(if $(filter lx_%,$(1)),tests/host/oracle/$(1).c,$(ORACLE_SRC)/drivers/iommu/$(1).c)
ORACLE_TEST_OBJS  := $(ORACLE_LX:%=build/oracle/obj/test/%.o)
ORACLE_BENCH_OBJS := $(ORACLE_LX:%=build/oracle/obj/bench/%.o)

$(ORACLE_STAMP): tools/oracle-extract
	@tools/oracle-extract $(ORACLE_PKG) build/oracle >/dev/null

$(ORACLE_SHIM_HDRS):
	@mkdir -p $(@D)
	@echo '/* empty: tests/host/oracle/lx_kernel.h stands in for this kernel header */' >$@

build/oracle/obj/test/%.o: $(ORACLE_DEPS)
	@mkdir -p $(@D)
	$(HOST_CC) $(ORACLE_TEST_CFLAGS) -c $(call oracle_src,$*) -o $@

build/oracle/obj/bench/%.o: $(ORACLE_DEPS)
	@mkdir -p $(@D)
	$(HOST_CC) $(ORACLE_BENCH_CFLAGS) -c $(call oracle_src,$*) -o $@

# The side of the tests that is gpummu's and the project's own (built as
# every host source, ASan + UBSan).
ORACLE_HOST_SRCS := tests/host/oracle/leaves.c tests/host/oracle/pair.c tests/host/ref_walker.c \
                    drivers/mali_mmu.c drivers/mali_faults.c drivers/mali_ids.c \
                    drivers/gpu_as.c drivers/poll.c tests/host/mali_model.c \
                    tests/host/mmio_host.c tests/host/timer_fake.c $(HOST_MMU_SRCS)

build/host/test_oracle_diff: $(call host_objs,tests/host/oracle/test_oracle_diff.c \
                                              $(ORACLE_HOST_SRCS)) $(ORACLE_TEST_OBJS)
	$(HOST_LINK)

# The selftest replay needs only the core and the oracle.
build/host/test_oracle_selftest: $(call host_objs,tests/host/oracle/test_oracle_selftest.c \
                                                  $(HOST_MMU_SRCS)) $(ORACLE_TEST_OBJS)
	$(HOST_LINK)

HOST_TESTS += build/host/test_oracle_selftest build/host/test_oracle_diff
# Header dependencies of the objects one level deeper than the Makefile's own include.
-include $(wildcard $(HOST_OBJ_DIR)/tests/host/oracle/*.d build/oracle/obj/*/*.d)
