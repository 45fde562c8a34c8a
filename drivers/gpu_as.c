/* SPDX-License-Identifier: MIT */
/* Glue from the page-table core's flush ops to a GPU MMU back end. */
#include <string.h>

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

void gpu_as_init(struct gpu_as *as, const struct gpu_as_ops *ops, void *dev, uint32_t id,
		 uint32_t asid)
{
	memset(as, 0, sizeof(*as));
	as->ops = ops;
	as->dev = dev;
	as->id = id;
	as->asid = asid;
}

void gpu_as_pt_cfg(struct gpu_as *as, struct pt_cfg *cfg)
{
	*cfg = (struct pt_cfg){ .flush = &gpu_as_pt_flush_ops, .flush_cookie = as };
}
