/* SPDX-License-Identifier: MIT */
/* Glue from the page-table core's flush ops to a GPU MMU back end. */
#include "gpu_as.h"

static int as_flush_all(void *cookie)
{
	struct gpu_as *as = cookie;

	as->flushes++;
	return as->ops->flush_all(as);
}

static int as_flush_range(void *cookie, const struct pt_gather *g)
{
	struct gpu_as *as = cookie;

	as->flushes++;
	return as->ops->flush_range(as, g);
}

static void as_cache_clean(void *cookie, const void *va, size_t size)
{
	struct gpu_as *as = cookie;

	if (as->cache_clean)
		as->cache_clean(va, size);
}

const struct pt_flush_ops gpu_as_pt_flush_ops = {
	.flush_all = as_flush_all,
	.flush_range = as_flush_range,
	.cache_clean = as_cache_clean,
};
