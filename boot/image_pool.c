/* SPDX-License-Identifier: MIT */
/* The image's page pool over the linker script's .pool and .pool_meta regions. */
#include <stdio.h>

#include "boot/image.h"
#include "drivers/cache.h"

extern uint8_t __pool_start[], __pool_end[], __pool_meta[];

static struct pool image_pool_state;

struct pool *image_pool(void)
{
	return &image_pool_state;
}

void *image_pool_base(void)
{
	return __pool_start;
}

int image_pool_init(void)
{
	size_t bytes = (size_t)(__pool_end - __pool_start);
	int err = pool_init(&image_pool_state, __pool_start, bytes, __pool_meta);

	if (err) {
		printf("pool: cannot initialise %zu bytes at %p: error %d\n", bytes,
		       (void *)__pool_start, err);
		return err;
	}
	/* Called once the CPU map is on: the pool is Normal memory now. */
	pool_set_zero(&image_pool_state, cache_zero_op());
	return 0;
}
