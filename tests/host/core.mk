# Host test-suite of the page-table core and the pool (issue 3): cmocka
# binaries checked by the independent reference walker and the shadow model,
# and a libFuzzer target over the same operation harness (`make fuzz`,
# FUZZ_SECONDS bounds the run).
CORE_TEST_LIB := tests/host/ref_walker.c tests/host/prot_expect.c tests/host/harness.c \
                 tests/host/shadow.c tests/host/opseq.c
CORE_TEST_HDRS := $(wildcard tests/host/ref_walker.h tests/host/prot_expect.h \
                  tests/host/harness.h tests/host/shadow.h tests/host/opseq.h) \
                  mmu/pgtable.h mmu/pool.h
CORE_HOST_TESTS := $(addprefix build/host/test_,pool pt_matrix pt_layout pt_errors \
                   pt_inject pt_random pt_churn)

$(CORE_HOST_TESTS): build/host/test_%: tests/host/test_%.c $(CORE_TEST_LIB) $(HOST_MMU_SRCS) \
                    $(CORE_TEST_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(filter %.c,$^) -o $@ $(HOST_LDLIBS)

# The walker's own test builds from hand-made tables: no core needed.
build/host/test_pt_walker: tests/host/test_pt_walker.c tests/host/ref_walker.c \
                           tests/host/ref_walker.h mmu/pgtable.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(filter %.c,$^) -o $@ $(HOST_LDLIBS)

HOST_TESTS += $(CORE_HOST_TESTS) build/host/test_pt_walker

# Debian: clang-14 + libclang-rt-14-dev provide -fsanitize=fuzzer.
FUZZ_CC ?= clang
FUZZ_CFLAGS := -std=c11 -g -O1 -I. -Wall -Wextra -Werror -D_DEFAULT_SOURCE \
               -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

build/host/fuzz_pt: tests/host/fuzz_pt.c $(CORE_TEST_LIB) $(HOST_MMU_SRCS) $(CORE_TEST_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(filter %.c,$^) -o $@

HOST_FUZZERS += build/host/fuzz_pt
