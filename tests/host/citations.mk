# Citations checked against what they name: the README's drivers/ row, and
# the device tree sources the board files cite (Linux 6.12, extracted by
# tools/dt-blobs).
build/host/check_citations: tests/host/check-citations
	$(call HOST_SCRIPT,tests/host/check-citations)

HOST_TESTS += build/host/check_citations
