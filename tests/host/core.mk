# Host test-suite of the page-table core and the pool (issue 3): cmocka
# binaries checked by the independent reference walker and the shadow model,
# and a libFuzzer target over the same operation harness (`make fuzz`,
# FUZZ_SECONDS bounds the run).
CORE_TEST_LIB := tests/host/ref_walker.c tests/host/prot_expect.c tests/host/harness.c \
                 tests/host/shadow.c tests/host/opseq.c
CORE_HOST_TESTS := $(addprefix build/host/test_,pool pt_matrix pt_layout pt_errors \
                   pt_inject pt_random pt_churn pt_regress)

$(CORE_HOST_TESTS): build/host/test_%: $(call host_objs,tests/host/test_%.c $(CORE_TEST_LIB) \
                                                       $(HOST_MMU_SRCS))
	$(HOST_LINK)

# The walker's own test builds from hand-made tables: no core needed.
build/host/test_pt_walker: $(call host_objs,tests/host/test_pt_walker.c tests/host/ref_walker.c)
	$(HOST_LINK)

HOST_TESTS += $(CORE_HOST_TESTS) build/host/test_pt_walker

# Debian: clang-14 + libclang-rt-14-dev provide -fsanitize=fuzzer. One binary
# with its own flags, built in one step (so its headers are listed here).
FUZZ_CC ?= clang
FUZZ_CFLAGS := -std=c11 -g -O1 -I. -Wall -Wextra -Werror -D_DEFAULT_SOURCE -DPT_DEBUG=1 \
               -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

build/host/fuzz_pt: tests/host/fuzz_pt.c $(CORE_TEST_LIB) $(HOST_MMU_SRCS) \
                    $(wildcard tests/host/*.h mmu/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(filter %.c,$^) -o $@

HOST_FUZZERS += build/host/fuzz_pt
