# Host test-suite of the page-table core and the pool (issue 3): cmocka
# binaries checked by the independent reference walker and the shadow model,
# and a libFuzzer target over the same operation harness (`make fuzz`,
# FUZZ_SECONDS bounds the run).
CORE_TEST_LIB := tests/host/ref_walker.c tests/host/prot_expect.c tests/host/harness.c \
                 tests/host/shadow.c tests/host/opseq.c
CORE_HOST_TESTS := $(addprefix build/host/test_,pool pt_matrix pt_layout pt_errors pt_bind \
                   pt_inject pt_random pt_churn pt_regress pt_tlb)

$(CORE_HOST_TESTS): build/host/test_%: $(call host_objs,tests/host/test_%.c $(CORE_TEST_LIB) \
                                                       $(HOST_MMU_SRCS))
	$(HOST_LINK)

# Tests on a real page pool (tests/host/pool_fx.c).
build/host/test_pt_regress build/host/test_pt_bind: $(call host_objs,tests/host/pool_fx.c)

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

# `make soak`: 10^7 random operations over every format and granule (two
# shards on two cores), -O2 with the core's PT_DEBUG checks and UBSan, no
# ASan (the test's own shadow model and walker are the checks). SOAK_OPS and
# SOAK_SEED override.
SOAK_CFLAGS := -std=c11 -O2 -g -I. -Wall -Wextra -Werror -D_DEFAULT_SOURCE -DPT_DEBUG=1 \
               -fsanitize=undefined -fno-sanitize-recover=all
build/host/soak_pt: tests/host/soak_pt.c $(CORE_TEST_LIB) $(HOST_MMU_SRCS) \
                    $(wildcard tests/host/*.h mmu/*.h)
	@mkdir -p $(@D)
	$(HOST_CC) $(SOAK_CFLAGS) $(filter %.c,$^) -o $@

SOAK_OPS ?= 10000000
soak: build/host/soak_pt
	@seed=$${SOAK_SEED:-$$(date +%s)}; half=$$(( $(SOAK_OPS) )); \
	  build/host/soak_pt $$half $$seed 0/2 > build/host/soak-0.log & p0=$$!; \
	  build/host/soak_pt $$half $$seed 1/2 > build/host/soak-1.log; r1=$$?; wait $$p0; r0=$$?; \
	  grep -h '^soak:' build/host/soak-0.log build/host/soak-1.log; \
	  grep -h 'FAILED' build/host/soak-0.log build/host/soak-1.log; \
	  test $$r0 -eq 0 -a $$r1 -eq 0
