# `make bench`: gpummu against the Linux io-pgtable-arm oracle (tests/host/oracle.mk),
# the same workloads in one run, both -O2 without sanitizers. build/host/bench-core
# is the runner (bench/run-bench.sh over the binary): ns, callgrind instructions,
# ratios gpummu/Linux and the issue's targets.
BENCH_CFLAGS := -std=c11 -O2 -g -I. -Wall -Wextra -Werror -D_DEFAULT_SOURCE \
                $(if $(wildcard /usr/include/valgrind/callgrind.h),-DHAVE_CALLGRIND)

build/host/bench: bench/bench.c $(HOST_MMU_SRCS) $(wildcard mmu/*.h tests/host/oracle/*.h) \
                  $(ORACLE_BENCH_OBJS)
	@mkdir -p $(@D)
	$(HOST_CC) $(BENCH_CFLAGS) $(filter %.c %.o,$^) -o $@

build/host/bench-core: bench/run-bench.sh build/host/bench
	$(call HOST_SCRIPT,$(CURDIR)/bench/run-bench.sh $(CURDIR)/build/host/bench)

HOST_BENCHES += build/host/bench-core
