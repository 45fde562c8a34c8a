# Host benchmark of the page-table core (`make bench`): -O2, no sanitizers.
# build/host/bench-core is the runner (bench/run-bench.sh over the binary).
BENCH_CFLAGS := -std=c11 -O2 -g -I. -Wall -Wextra -Werror -D_DEFAULT_SOURCE \
                $(if $(wildcard /usr/include/valgrind/callgrind.h),-DHAVE_CALLGRIND)

build/host/bench_pt: bench/bench_pt.c $(HOST_MMU_SRCS) $(wildcard mmu/*.h)
	@mkdir -p $(@D)
	$(HOST_CC) $(BENCH_CFLAGS) $(filter %.c,$^) -o $@

build/host/bench-core: bench/run-bench.sh build/host/bench_pt
	$(call HOST_SCRIPT,$(CURDIR)/bench/run-bench.sh $(CURDIR)/build/host/bench_pt)

HOST_BENCHES += build/host/bench-core
