/* SPDX-License-Identifier: MIT */
/* The image's CPU map from the linker's sections and the board (see cpu_map_image.h). */
#include <stdio.h>

#include "boot/cpu_map_image.h"
#include "boot/cpu_mmu.h"

extern char _head[], __text_end[], __rodata_start[], __rodata_end[], __data_start[];
extern char __stack_guard[], __stack_bottom[], __stack_top[];
extern char __exc_stack_guard[], __exc_stack_bottom[], __exc_stack_top[];
extern char __cpu_pool_start[], __cpu_pool_end[], __dma_pool_start[], __dma_pool_end[];
extern char __pool_start[], __pool_end[], __mmu_off_end[], _end[];
extern uint8_t __cpu_pool_meta[], __dma_pool_meta[];

#define RW (PT_PROT_READ | PT_PROT_WRITE | PT_PROT_PRIV)

static struct cpu_map cpu_map_state;
static bool cpu_map_on;
static struct pool cpu_pool, dma_pool;

static uint64_t at(const char *p)
{
	return (uint64_t)(uintptr_t)p;
}

static size_t image_regions(struct cpu_region *r)
{
	const struct cpu_region img[] = {
		{ "text", at(_head), at(__text_end), PT_PROT_READ | PT_PROT_EXEC | PT_PROT_PRIV, 0 },
		{ "rodata, self-tests", at(__rodata_start), at(__rodata_end),
		  PT_PROT_READ | PT_PROT_PRIV, 0 },
		{ "data, bss", at(__data_start), at(__stack_guard), RW, 0 },
		{ "stack guard", at(__stack_guard), at(__stack_bottom), 0, 0 },
		{ "stack", at(__stack_bottom), at(__stack_top), RW, 0 },
		{ "exception stack guard", at(__exc_stack_guard), at(__exc_stack_bottom), 0, 0 },
		{ "exception stack", at(__exc_stack_bottom), at(__exc_stack_top), RW, 0 },
		{ "pool metadata, CPU tables", at(__exc_stack_top), at(__dma_pool_start), RW, 0 },
		{ "DMA pool", at(__dma_pool_start), at(__dma_pool_end), RW | PT_PROT_NONCACHED, 0 },
		{ "page pool", at(__pool_start), at(__pool_end), RW, 0 },
	};
	size_t n = sizeof(img) / sizeof(img[0]);

	for (size_t i = 0; i < n; i++)
		r[i] = img[i];
	return n;
}

/* Insertion sort by start address: cpu_map_build wants ascending regions. */
static void sort_regions(struct cpu_region *r, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct cpu_region x = r[i];
		size_t j = i;

		for (; j > 0 && r[j - 1].start > x.start; j--)
			r[j] = r[j - 1];
		r[j] = x;
	}
}

int image_cpu_map_init(void)
{
	struct cpu_region r[CPU_MAP_MAX_REGIONS];
	struct pt_cfg cfg;
	size_t n = image_regions(r);
	int err;

	n += cpu_map_board_regions(at(_head), at(_end), r + n, CPU_MAP_MAX_REGIONS - n);
	sort_regions(r, n);
	err = pool_init(&cpu_pool, __cpu_pool_start, (size_t)(__cpu_pool_end - __cpu_pool_start),
			__cpu_pool_meta);
	if (!err)
		err = cpu_mmu_pt_cfg(&cfg);
	if (err)
		return err;
	cfg.pool = &cpu_pool;
	err = cpu_map_build(&cpu_map_state, &cfg, &cpu_mmu_arch, r, n);
	if (err)
		return err;
	/* Everything the image wrote so far (and its code and data as loaded)
	 * lies below __mmu_off_end: the big pool is first written with the MMU on. */
	cpu_mmu_enable(&cpu_map_state.pt, at(_head), at(__mmu_off_end));
	cpu_map_on = true;
	return pool_init(&dma_pool, __dma_pool_start, (size_t)(__dma_pool_end - __dma_pool_start),
			 __dma_pool_meta);
}

struct cpu_map *image_cpu_map(void)
{
	return cpu_map_on ? &cpu_map_state : NULL;
}

uintptr_t image_device_va(uint64_t pa)
{
	uint64_t va = cpu_map_on ? cpu_map_va_of(&cpu_map_state, pa) : pa;

	return va <= UINTPTR_MAX ? (uintptr_t)va : 0;
}

struct pool *image_dma_pool(void)
{
	return &dma_pool;
}

static void emit_line(const char *line)
{
	printf("%s\n", line);
}

void image_cpu_map_print(void)
{
	if (!cpu_map_on) {
		printf("cpu map: none, the MMU is off\n");
		return;
	}
	printf("cpu map (identity, %zu regions):\n", cpu_map_state.nregions);
	cpu_map_print(&cpu_map_state, emit_line);
	cpu_mmu_print(emit_line);
}

const char *image_stack_guard(uint64_t addr)
{
	if (addr >= at(__stack_guard) && addr < at(__stack_bottom))
		return "image";
	if (addr >= at(__exc_stack_guard) && addr < at(__exc_stack_bottom))
		return "exception";
	return NULL;
}
