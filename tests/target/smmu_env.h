/* SPDX-License-Identifier: MIT */
/*
 * What every SMMU self-test stands on: the SMMUv3 reset and enabled with a
 * fresh stream table, the edu DMA master found behind it, one page table of
 * the core attached to the edu's StreamID, and the scratch RAM the DMA writes
 * into. Each test opens its own environment and closes it, so the pool is
 * back where it was and no test depends on another's state.
 *
 * A mapping is proven by DMA: the edu copies a pattern through the SMMU into
 * the IOVA, and the CPU finds the pattern at the physical address the mapping
 * should reach (nothing else translated it).
 */
#ifndef GPUMMU_TESTS_TARGET_SMMU_ENV_H
#define GPUMMU_TESTS_TARGET_SMMU_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/edu.h"
#include "drivers/smmuv3.h"
#include "mmu/pgtable.h"
#include "tests/target/selftest.h"

#define SZ_4K  0x1000ull
#define SZ_16K 0x4000ull
#define SZ_64K 0x10000ull
#define SZ_2M  0x200000ull
#define SZ_1G  0x40000000ull

#define SMMU_TEST_ASID 1
/* The pattern source, mapped at this IOVA in every environment (read by the edu). */
#define SRC_IOVA 0x10000000ull
#define SRC_SIZE SZ_64K
#define SMMU_TEST_IAS 48
#define PROOF_LEN 64u
/* Read-write, the permission of every mapping a DMA writes through. */
#define RW (PT_PROT_READ | PT_PROT_WRITE)

/* How a test wants its environment; arg is the test's own parameter. */
struct smmu_env_opts {
	size_t granule;
	enum smmu_strtab_fmt strtab;
	bool no_ril;
	unsigned long arg;
};

struct smmu_env {
	struct smmu_env_opts opts;
	struct smmu smmu;
	struct edu edu;
	struct gpu_as as;
	struct pt pt;           /* pt.root is NULL until pt_init succeeds */
	uint8_t *scratch;       /* SZ_2M, 2 MiB aligned: every DMA target lives here */
	uint8_t *src;           /* SRC_SIZE, 64 KiB aligned: the pattern source */
	uint32_t seed;
	/* Flush requests held back by tests that delay invalidation on purpose. */
	struct pt_gather held[4];
	unsigned nheld;
};

typedef enum st_result (*smmu_env_body)(struct smmu_env *env);

/*
 * Open an environment as opts says (NULL: 4K granule, automatic stream table),
 * run body in it, tear it down (noting the invalidation count and adding it
 * to the report). ST_SKIP when the board has no SMMUv3; ST_FAIL when setting
 * up fails; else what body returned. That the pool is back where it was is
 * checked by the harness after every test (tests/target/harness.c).
 */
enum st_result smmu_env_run(const struct smmu_env_opts *opts, smmu_env_body body);

/* Load a new pattern (seed) into the edu buffer, read by DMA through SRC_IOVA. */
enum st_result smmu_env_load(struct smmu_env *env, uint32_t seed);
/* Fill p[0..n) with the complement of the current pattern from buffer offset off. */
void smmu_env_fill_complement(const struct smmu_env *env, uint8_t *p, size_t n, size_t off);
/* p[0..len) still holds the complement of the pattern (from buffer offset 0). */
bool smmu_env_untouched(const struct smmu_env *env, const uint8_t *p, size_t len);
/* Count mappings proven by DMA and the bytes they moved in the report. */
void smmu_env_count_dma(unsigned mappings, size_t bytes);

/* DMA len bytes of the pattern (buffer offset off) to iova; the CPU must find
 * them at cpu, which the helper first fills with their complement. Counts one
 * verified mapping and the bytes. */
enum st_result smmu_prove(struct smmu_env *env, uint64_t iova, uint8_t *cpu, size_t len,
			  size_t off);
/* Load pattern seed and prove the first PROOF_LEN bytes of iova at cpu. */
enum st_result smmu_load_prove(struct smmu_env *env, uint64_t iova, uint8_t *cpu,
			       uint32_t seed);
/* pt_map [iova, iova + size) read-write onto cpu, then smmu_load_prove. */
enum st_result smmu_map_prove(struct smmu_env *env, uint64_t iova, uint8_t *cpu, uint64_t size,
			      uint32_t seed);
/* DMA to iova must not reach cpu: cpu keeps its bytes, and exactly one fault
 * event of type `event` (0: none expected) names iova and the edu StreamID. */
enum st_result smmu_expect_blocked(struct smmu_env *env, uint64_t iova, uint8_t *cpu,
				   size_t len, uint8_t event);


#endif
