/* SPDX-License-Identifier: MIT */
/*
 * SMMUv3 self-tests, part 1: the stream table formats, and mappings of every
 * size the core makes (4K/16K/64K pages, 2M and 1G blocks, contiguous runs,
 * repeated pages), each proven by edu DMA through the SMMU.
 *
 * Order matters once: QEMU 7.2 latches the 2-level stream table mode at the
 * first STRTAB_BASE_CFG write with FMT = 1 and never clears it until reset,
 * so the linear stream table test is the first registered test of this file,
 * which links before the other test_smmu_*.c files.
 */
#include <stdio.h>

#include "board/board.h"
#include "boot/facts.h"
#include "tests/target/smmu_env.h"

#define PAGES_IOVA  0x80000000ull
#define BLOCK_IOVA  0x80000000ull
/* Above 4 GiB where the CPU can program a 64-bit edu DMA address; a 32-bit
 * CPU reaches only the first 4 GiB (drivers/edu.c), so the last GiB below. */
#if UINTPTR_MAX > 0xffffffffu
#define GIANT_IOVA  0x100000000ull
#else
#define GIANT_IOVA  0xc0000000ull
#endif
#define REPEAT_IOVA 0x90000000ull

/* Start, middle and last PROOF_LEN bytes of [iova, iova + size) at cpu. */
static enum st_result prove_edges(struct smmu_env *env, uint64_t iova, uint8_t *cpu,
				  uint64_t size)
{
	uint64_t at[3] = { 0, size / 2, size - PROOF_LEN };
	enum st_result r = ST_PASS;

	for (unsigned i = 0; i < 3 && r == ST_PASS; i++)
		r = smmu_prove(env, iova + at[i], cpu + at[i], PROOF_LEN, 64 * i);
	return r;
}

static enum st_result one_page(struct smmu_env *env)
{
	enum st_result r;

	ST_CHECK(env->smmu.two_level == (env->opts.strtab == SMMU_STRTAB_2LVL));
	r = smmu_map_prove(env, PAGES_IOVA, env->scratch, SZ_4K, 0x11);
	if (r == ST_PASS)
		r = prove_edges(env, PAGES_IOVA, env->scratch, SZ_4K);
	return r;
}

static enum st_result linear_body(struct smmu_env *env)
{
	st_note("linear, %u StreamID bits;", env->smmu.sid_bits);
	return one_page(env);
}

static enum st_result test_linear(void)
{
	const struct smmu_env_opts o = { SZ_4K, SMMU_STRTAB_LINEAR, false, 0 };

	return smmu_env_run(&o, linear_body);
}
SELFTEST("smmu-strtab-linear", test_linear, 0);

/* The automatic choice, printed with the ID registers: 2-level on QEMU. */
static enum st_result auto_body(struct smmu_env *env)
{
	char ids[200];

	smmu_ids_describe(&env->smmu.id, ids, sizeof(ids));
	printf("# smmu: IDR0 %#x IDR1 %#x IDR3 %#x IDR5 %#x: %s\n", env->smmu.id.idr[0],
	       env->smmu.id.idr[1], env->smmu.id.idr[3], env->smmu.id.idr[5], ids);
	edu_print(&env->edu);
	if (!env->smmu.id.st_2lvl || env->smmu.id.sid_bits <= 8)
		return st_skip("StreamID space small or no 2-level tables: linear is used");
	st_note("2-level, %u StreamID bits, split %u;", env->smmu.sid_bits, env->smmu.split);
	env->opts.strtab = SMMU_STRTAB_2LVL;
	return one_page(env);
}

static enum st_result test_2level(void) { return smmu_env_run(NULL, auto_body); }
SELFTEST("smmu-strtab-2level", test_2level, 0);

/* Four pages mapped in reverse order, so a wrong index lands on a neighbour. */
static enum st_result pages_body(struct smmu_env *env)
{
	uint64_t g = env->opts.granule;
	enum st_result r = smmu_env_load(env, (uint32_t)g);
	int ret;

	for (unsigned i = 0; i < 4 && r == ST_PASS; i++) {
		ret = pt_map(&env->pt, PAGES_IOVA + i * g, smmu_pa_of(env->scratch + (3 - i) * g), g,
			     RW);
		if (ret)
			return st_fail("pt_map page %u: %d", i, ret);
	}
	for (unsigned i = 0; i < 4 && r == ST_PASS; i++)
		r = prove_edges(env, PAGES_IOVA + i * g, env->scratch + (3 - i) * g, g);
	if (r == ST_PASS && pt_unmap(&env->pt, PAGES_IOVA, 4 * g) != (int64_t)(4 * g))
		return st_fail("pt_unmap of the pages");
	return r;
}

static enum st_result pages(size_t g)
{
	const struct smmu_env_opts o = { g, SMMU_STRTAB_AUTO, false, 0 };

	return smmu_env_run(&o, pages_body);
}

static enum st_result test_4k(void) { return pages(SZ_4K); }
static enum st_result test_16k(void) { return pages(SZ_16K); }
static enum st_result test_64k(void) { return pages(SZ_64K); }
SELFTEST("smmu-pages-4k", test_4k, 0);
SELFTEST("smmu-pages-16k", test_16k, 0);
SELFTEST("smmu-pages-64k", test_64k, 0);

/* Map one block and check no table of a level below it appeared. */
static enum st_result map_block(struct smmu_env *env, uint64_t iova, uint64_t pa,
				uint64_t size, unsigned leaf_level)
{
	struct pt_stats before, after;
	int ret;

	pt_get_stats(&env->pt, &before);
	ret = pt_map(&env->pt, iova, pa, size, RW);
	if (ret)
		return st_fail("pt_map of a %#llx block: %d", (unsigned long long)size, ret);
	pt_get_stats(&env->pt, &after);
	for (unsigned l = leaf_level + 1; l < PT_MAX_LEVELS; l++)
		if (after.tables[l] != before.tables[l])
			return st_fail("a level %u table appeared: not a block", l);
	return ST_PASS;
}

static enum st_result block_2m_body(struct smmu_env *env)
{
	enum st_result r = map_block(env, BLOCK_IOVA, smmu_pa_of(env->scratch), SZ_2M, 2);

	if (r == ST_PASS)
		r = smmu_env_load(env, 0x2002);
	if (r == ST_PASS)
		r = prove_edges(env, BLOCK_IOVA, env->scratch, SZ_2M);
	return r;
}

static enum st_result test_block_2m(void) { return smmu_env_run(NULL, block_2m_body); }
SELFTEST("smmu-block-2m", test_block_2m, 0);

/* linker/image.ld.S: where the image starts and where everything it uses ends */
extern char _head[], _end[];

/*
 * A 1 GiB block must map onto a 1 GiB aligned PA range: the base of the RAM
 * the image runs in (boot/facts.h: the device tree's bank, or the board's).
 * Only the RAM inside it is DMAed: the block's first bytes (below LOAD_ADDR,
 * which the image never uses, but where QEMU leaves its device tree; saved
 * and restored), our scratch buffer, and the last bytes of RAM when they lie
 * inside the block (above _end, unused). With less than 1 GiB (-m 256M,
 * 512M) the rest of the block is not RAM and is not touched.
 */
static enum st_result block_1g_body(struct smmu_env *env)
{
	const struct fact_region *bank = &board_facts()->ram[0];
	uint8_t *ram = (uint8_t *)(uintptr_t)bank->base, saved[PROOF_LEN];
	uint64_t ram_top = bank->base + bank->size - PROOF_LEN;
	enum st_result r;

	if (bank->base % SZ_1G)
		return st_skip("RAM base %#llx is not 1 GiB aligned", (unsigned long long)bank->base);
	r = map_block(env, GIANT_IOVA, bank->base, SZ_1G, 1);

	if (r == ST_PASS)
		r = smmu_env_load(env, 0x1001);
	if (r == ST_PASS)
		r = prove_edges(env, GIANT_IOVA + smmu_pa_of(env->scratch) - bank->base,
				env->scratch, SZ_4K);
	if (r == ST_PASS && ram_top >= (uintptr_t)_end && bank->size <= SZ_1G)
		r = smmu_prove(env, GIANT_IOVA + ram_top - bank->base, (uint8_t *)(uintptr_t)ram_top,
			       PROOF_LEN, 0);
	if (r != ST_PASS || (uintptr_t)ram + PROOF_LEN > (uintptr_t)_head)
		return r;
	for (unsigned i = 0; i < PROOF_LEN; i++)
		saved[i] = ram[i];
	r = smmu_prove(env, GIANT_IOVA, ram, PROOF_LEN, 128);
	for (unsigned i = 0; i < PROOF_LEN; i++)
		ram[i] = saved[i];
	return r;
}

static enum st_result test_block_1g(void) { return smmu_env_run(NULL, block_1g_body); }
SELFTEST("smmu-block-1g", test_block_1g, 0);

/* 16 pages of 4K, 64K aligned in IOVA and PA: a contiguous-hint run. A proof
 * in every page, at a different offset each, plus the run's last bytes. */
static enum st_result contig_body(struct smmu_env *env)
{
	enum st_result r = smmu_env_load(env, 0xc0);
	int ret = pt_map(&env->pt, PAGES_IOVA, smmu_pa_of(env->scratch), SZ_64K, RW);

	if (ret)
		return st_fail("pt_map of a 64K run: %d", ret);
	for (unsigned i = 0; i < 16 && r == ST_PASS; i++) {
		uint64_t at = i * SZ_4K + i * 240;

		r = smmu_prove(env, PAGES_IOVA + at, env->scratch + at, PROOF_LEN, i * 16);
	}
	if (r == ST_PASS)
		r = smmu_prove(env, PAGES_IOVA + SZ_64K - PROOF_LEN,
			       env->scratch + SZ_64K - PROOF_LEN, PROOF_LEN, 0);
	return r;
}

static enum st_result test_contig(void) { return smmu_env_run(NULL, contig_body); }
SELFTEST("smmu-contig-run", test_contig, 0);

/* The table the SMMU walked, as TAP diagnostics: a reference to compare with. */
static void dump_line(void *ctx, const char *line)
{
	(void)ctx;
	printf("# %s\n", line);
}

/* One 4K page repeated over 8 MiB: 16 offsets spread over the range each land
 * in the one page, at their own offset within it; the four leaf tables the
 * range spans are one shared table. */
static enum st_result repeat_body(struct smmu_env *env)
{
	const uint64_t size = 4 * SZ_2M;
	enum st_result r = smmu_env_load(env, 0x4e9);
	struct pt_stats st;
	int ret = pt_map_repeat(&env->pt, REPEAT_IOVA, size, smmu_pa_of(env->scratch), SZ_4K, RW);

	if (ret)
		return st_fail("pt_map_repeat: %d", ret);
	for (unsigned k = 0; k < 16 && r == ST_PASS; k++) {
		uint64_t page = (k * 613u) % (size / SZ_4K), off = k * 256u;

		r = smmu_prove(env, REPEAT_IOVA + page * SZ_4K + off, env->scratch + off,
			       PROOF_LEN, k * 32);
	}
	if (r != ST_PASS)
		return r;
	pt_dump(&env->pt, dump_line, NULL);
	pt_get_stats(&env->pt, &st);
	if (st.shared_tables != 1)
		return st_fail("%zu shared leaf tables, expected 1", st.shared_tables);
	if (pt_unmap(&env->pt, REPEAT_IOVA, size) != (int64_t)size)
		return st_fail("pt_unmap of the repeated range");
	return ST_PASS;
}

static enum st_result test_repeat(void) { return smmu_env_run(NULL, repeat_body); }
SELFTEST("smmu-repeat", test_repeat, 0);

/* A copy larger than the edu buffer is split into chunks of at most 4095
 * bytes; the destination's three pages are mapped in reverse, so chunk and
 * page boundaries fall in different places and each byte has one right home. */
static enum st_result chunks_body(struct smmu_env *env)
{
	const size_t len = 3 * SZ_4K - 100;
	unsigned long transfers = env->edu.transfers;
	int ret;

	for (unsigned i = 0; i < 3; i++) {
		ret = pt_map(&env->pt, PAGES_IOVA + i * SZ_4K,
			     smmu_pa_of(env->scratch + (2 - i) * SZ_4K), SZ_4K, RW);
		if (ret)
			return st_fail("pt_map page %u: %d", i, ret);
	}
	for (size_t k = 0; k < len; k++) {
		env->src[k] = (uint8_t)(k * 13 + k / 4096);
		env->scratch[(2 - k / SZ_4K) * SZ_4K + k % SZ_4K] = (uint8_t)~env->src[k];
	}
	ret = edu_copy(&env->edu, SRC_IOVA, PAGES_IOVA, len);
	if (ret)
		return st_fail("edu_copy: %d", ret);
	for (size_t k = 0; k < len; k++)
		if (env->scratch[(2 - k / SZ_4K) * SZ_4K + k % SZ_4K] != env->src[k])
			return st_fail("byte %zu of the copy is wrong", k);
	ST_CHECK(env->edu.transfers - transfers == 2 * ((len + EDU_DMA_MAX - 1) / EDU_DMA_MAX));
	st_note("%zu bytes in %lu transfers;", len, env->edu.transfers - transfers);
	smmu_env_count_dma(3, len);
	return ST_PASS;
}

static enum st_result test_chunks(void) { return smmu_env_run(NULL, chunks_body); }
SELFTEST("smmu-dma-chunks", test_chunks, 0);
