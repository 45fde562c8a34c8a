# LAVA: the lab's job templates and device dictionaries of lava/ run and
# validated with LAVA's own dispatcher and schemas (tools/lava-test,
# docs/lab.md). `make lava-test` alone; in `make test` one host test whose
# checks tools/run-tests counts.
.PHONY: lava-test
lava-test: deps
	@tools/lava-test

build/host/lava_test: tools/lava-test
	$(call HOST_SCRIPT,tools/lava-test)

HOST_TESTS += build/host/lava_test
