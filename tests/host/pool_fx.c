/* SPDX-License-Identifier: MIT */
#include "tests/host/pool_fx.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static int rx_flush_all(void *cookie)
{
	struct rx *x = cookie;

	x->flushes++;
	return x->flush_ret;
}

static int rx_flush_range(void *cookie, const struct pt_gather *g)
{
	(void)g;
	return rx_flush_all(cookie);
}

static const struct pt_flush_ops rx_ops = { rx_flush_all, rx_flush_range, NULL };

/* Table memory is the pool, seen by the walker at RX_PA_BASE. */
static int rx_read(void *ctx, uint64_t pa, uint64_t *val)
{
	struct rx *x = ctx;

	if (pa < RX_PA_BASE || pa + 8 > RX_PA_BASE + x->bytes || (pa & 7))
		return -1;
	memcpy(val, x->mem + (pa - RX_PA_BASE), 8);
	return 0;
}

struct rx *rx_new_cfg(enum pt_format fmt, size_t granule, size_t pool_pages, bool flush_on_map)
{
	struct rx *x = calloc(1, sizeof(*x));
	struct pt_hw hw;
	const char *why = NULL;

	x->bytes = pool_pages * POOL_PAGE_SIZE;
	x->mem = aligned_alloc(65536, x->bytes);
	x->meta = calloc(pool_pages, 1);
	assert_int_equal(pool_init(&x->pool, x->mem, x->bytes, x->meta), 0);
	x->free_before = pool_free_pages(&x->pool);
	x->cfg = (struct pt_cfg){ .fmt = fmt, .granule = granule,
				  .ias = fmt == PT_FMT_ARM32_LPAE_S1 ? 32 : 48,
				  .oas = fmt == PT_FMT_ARM64_S1 ? 48 : 40, .coherent = true,
				  .flush = &rx_ops, .flush_cookie = x, .pool = &x->pool,
				  .flush_on_map = flush_on_map,
				  .pa_offset = (int64_t)(RX_PA_BASE - (uint64_t)(uintptr_t)x->mem) };
	assert_int_equal(pt_init(&x->pt, &x->cfg), 0);
	pt_hw_config(&x->pt, &hw);
	if (rw_geom_init(&x->geom, &x->cfg, &hw, &why))
		fail_msg("geometry: %s", why);
	sh_init(&x->sh);
	return x;
}

const struct rw_mem *rx_mem(struct rx *x)
{
	x->mem_ops = (struct rw_mem){ rx_read, x };
	return &x->mem_ops;
}

void rx_check(struct rx *x)
{
	if (sh_compare(&x->sh, &x->geom, rx_mem(x)))
		fail_msg("tables differ from the model");
}

void rx_done(struct rx *x)
{
	rx_check(x);
	pt_fini(&x->pt);
	assert_int_equal(pool_free_pages(&x->pool), x->free_before); /* nothing leaked */
	sh_fini(&x->sh);
	free(x->mem);
	free(x->meta);
	free(x);
}

