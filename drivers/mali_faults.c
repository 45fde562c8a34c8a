/* SPDX-License-Identifier: MIT */
/*
 * Mali MMU exception codes (AS_FAULTSTATUS[7:0]) to words. Codes from Linux
 * include/uapi/drm/panfrost_drm.h (enum drm_panfrost_exception_type); the
 * MMU raises the 0x80.. and 0xc0.. groups, the trailing digit is the table
 * level (translation, permission, access flag, table bus fault) or the
 * input/output stage (address size).
 */
#include "mali_mmu.h"

struct mali_exc_range {
	uint8_t first, last;
	const char *const *names; /* indexed by code - first */
};

static const char *const translation[] = {
	"translation fault level 0", "translation fault level 1", "translation fault level 2",
	"translation fault level 3", "translation fault level 4",
};
static const char *const permission[] = {
	"permission fault level 0", "permission fault level 1", "permission fault level 2",
	"permission fault level 3",
};
static const char *const transtab_bus[] = {
	"table walk bus fault level 0", "table walk bus fault level 1",
	"table walk bus fault level 2", "table walk bus fault level 3",
};
static const char *const access_flag[] = {
	"access flag fault level 0", "access flag fault level 1", "access flag fault level 2",
	"access flag fault level 3",
};
static const char *const addr_size[] = {
	"address size fault input level 0", "address size fault input level 1",
	"address size fault input level 2", "address size fault input level 3",
	"address size fault output level 0", "address size fault output level 1",
	"address size fault output level 2", "address size fault output level 3",
};
static const char *const mem_attr[] = {
	"memory attribute fault level 0", "memory attribute fault level 1",
	"memory attribute fault level 2", "memory attribute fault level 3",
	"memory attribute non-cacheable fault level 0",
	"memory attribute non-cacheable fault level 1",
	"memory attribute non-cacheable fault level 2",
	"memory attribute non-cacheable fault level 3",
};
static const char *const bus[] = { "bus fault" };
static const char *const share[] = {
	"GPU shareability fault", "system shareability fault", "GPU cacheability fault",
};
static const char *const identity[] = { "translation fault in identity mode" };

static const struct mali_exc_range ranges[] = {
	{ 0x80, 0x80, bus },         { 0x88, 0x8a, share },      { 0xc0, 0xc4, translation },
	{ 0xc7, 0xc7, identity },    { 0xc8, 0xcb, permission }, { 0xd0, 0xd3, transtab_bus },
	{ 0xd8, 0xdb, access_flag }, { 0xe0, 0xe7, addr_size },  { 0xe8, 0xef, mem_attr },
};

const char *mali_exception_name(uint32_t code)
{
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (code >= ranges[i].first && code <= ranges[i].last)
			return ranges[i].names[code - ranges[i].first];
	return "unknown exception";
}
