/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target of the device tree reader (`make fuzz`): any bytes are
 * opened as a blob; whatever fdt_open accepts is read in full (every fact,
 * every path lookup the firmware makes). ASan and UBSan catch any read
 * outside the input; the fuzzer's own timeout catches a walk that does not end.
 */
#include <stddef.h>
#include <stdint.h>

#include "drivers/dt_facts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fdt f;
	struct dt_facts d;
	uint32_t sid;

	if (fdt_open(&f, data, size))
		return 0;
	dt_facts_read(&f, &d);
	dt_facts_rid_to_sid(&d, d.smmu_phandle, 0x10, &sid);
	fdt_path(&f, "serial0:115200");
	fdt_path(&f, "/soc/gpu");
	return 0;
}
