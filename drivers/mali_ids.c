/* SPDX-License-Identifier: MIT */
/*
 * GPU_ID product field to marketing name and MMU capabilities. Facts from Linux
 * drivers/gpu/drm/panfrost/panfrost_gpu.c (gpu_models[]: Midgard ids are the
 * whole product field, newer ids compare arch major and product major only,
 * mask 0xf00f), panfrost_features.h and drivers/gpu/drm/panthor/panthor_hw.c.
 */
#include "../mmu/bits.h"
#include "mali_mmu.h"

struct mali_id {
	uint16_t key;
	bool aarch64_mmu; /* panfrost_features.h HW_FEATURE_AARCH64_MMU */
	const char *name;
};

/* panfrost_gpu.c gpu_models[] (names, ids) and panfrost_features.h (which job-manager
 * parts have HW_FEATURE_AARCH64_MMU: G76, G31, G57); panthor_hw.c for the CSF
 * parts (arch 10 product 7 = G610; arch 12 product 0 = G720, G620 below 6 cores),
 * all of which walk AArch64 tables only. */
static const struct mali_id mali_ids[] = {
	{ 0x0600, false, "Mali-T600" }, { 0x0620, false, "Mali-T620" },
	{ 0x0720, false, "Mali-T720" }, { 0x0750, false, "Mali-T760" },
	{ 0x0820, false, "Mali-T820" }, { 0x0830, false, "Mali-T830" },
	{ 0x0860, false, "Mali-T860" }, { 0x0880, false, "Mali-T880" },
	{ 0x6000, false, "Mali-G71" },  { 0x6001, false, "Mali-G72" },
	{ 0x7000, false, "Mali-G51" },  { 0x7001, true, "Mali-G76" },
	{ 0x7002, false, "Mali-G52" },  { 0x7003, true, "Mali-G31" },
	{ 0x9001, true, "Mali-G57" },   { 0x9003, true, "Mali-G57" },
	{ 0xa007, true, "Mali-G610" },  { 0xc000, true, "Mali-G720" },
};

#define GPU_ID_PRODUCT      GENMASK(31, 16)
#define GPU_ID_T60X_PRODUCT 0x6956u /* panfrost: "The T60x has an oddball ID value" */
#define GPU_ID_T600_PRODUCT 0x0600u
/* Newer ids compare arch major [15:12] and product major [3:0] of the product
 * field only (panfrost_device.h panfrost_model_cmp()). */
#define PRODUCT_ARCH_MAJOR  GENMASK(15, 12)
#define PRODUCT_MODEL_MASK  0xf00fu

uint32_t mali_gpu_id_normalise(uint32_t gpu_id)
{
	if (FIELD_GET(GPU_ID_PRODUCT, gpu_id) != GPU_ID_T60X_PRODUCT)
		return gpu_id;
	return (uint32_t)((gpu_id & ~GPU_ID_PRODUCT) | FIELD_PREP(GPU_ID_PRODUCT, GPU_ID_T600_PRODUCT));
}

/* Midgard ids have a zero arch-major nibble and compare whole. */
static uint16_t mali_id_key(uint32_t gpu_id)
{
	uint16_t prod = (uint16_t)FIELD_GET(GPU_ID_PRODUCT, mali_gpu_id_normalise(gpu_id));

	return FIELD_GET(PRODUCT_ARCH_MAJOR, prod) ? prod & PRODUCT_MODEL_MASK : prod;
}

static const struct mali_id *mali_id_find(uint32_t gpu_id)
{
	uint16_t key = mali_id_key(gpu_id);

	for (size_t i = 0; i < sizeof(mali_ids) / sizeof(mali_ids[0]); i++)
		if (mali_ids[i].key == key)
			return &mali_ids[i];
	return NULL;
}

const char *mali_product_name(uint32_t gpu_id)
{
	const struct mali_id *id = mali_id_find(gpu_id);

	return id ? id->name : "unknown Mali";
}

bool mali_has_aarch64_mmu(uint32_t gpu_id)
{
	const struct mali_id *id = mali_id_find(gpu_id);

	/* Every CSF GPU walks AArch64 tables (panthor knows no other mode). */
	if (FIELD_GET(PRODUCT_ARCH_MAJOR, FIELD_GET(GPU_ID_PRODUCT, gpu_id)) >= 10)
		return true;
	return id && id->aarch64_mmu;
}
