/* SPDX-License-Identifier: MIT */
/*
 * Reference walker. Written from the architecture text, not from the core:
 *  - Arm ARM DDI 0487, D8.2 (translation table walk: levels, start level from
 *    TxSZ and the granule), D8.3 (descriptor formats: bits[1:0] 0b11 table at
 *    levels 0-2 and page at level 3, 0b01 block, 0b01 reserved at level 3),
 *    D8.4 (AP[2:1] bits 7:6, SH bits 9:8, AttrIndx bits 4:2, AF bit 10,
 *    Contiguous bit 52, PXN 53, UXN 54), D8.6.1 (Contiguous bit group sizes).
 *  - TCR_EL1 field layout (Arm ARM D19 "TCR_EL1": T0SZ[5:0], TG0[15:14],
 *    IPS[34:32]).
 *  - ARMv7 long-descriptor stage 1, Arm DDI 0406C.c B3.6 (descriptor
 *    formats as AArch64 4K: 0b11 table at levels 1-2 and page at level 3,
 *    0b01 block at levels 1-2, 0b01 reserved at level 3; output address
 *    bits [39:12], bits [47:40] of a descriptor SBZ; AttrIndx [4:2], AP[2:1]
 *    [7:6], SH [9:8], AF [10], nG [11], Contiguous [52] (16 entries), PXN
 *    [53], XN [54]) and B4.1.153 TTBCR (EAE [31]; T0SZ [2:0]: TTBR0 covers
 *    2^(32 - T0SZ); with T0SZ 0 or 1 the walk starts at level 1 and the
 *    table is 2^(5 - T0SZ) bytes aligned).
 *  - Mali "legacy" LPAE, from Linux drivers/iommu/io-pgtable-arm.c
 *    (ARM_MALI_LPAE): always start at level 0; leaves at every level use the
 *    block encoding 0b01 (also level 3), tables 0b11; no access flag;
 *    permissions in the stage-2 HAP positions (read bit 6, write bit 7);
 *    AttrIndx bits 4:2; OAS <= 40; TRANSTAB low bits ADRMODE_TABLE (3),
 *    READ_INNER (bit 2), SHARE_OUTER (bit 4) when coherent.
 */
#include "tests/host/ref_walker.h"

#include <string.h>

#define D_VALID       (1ull << 0)
#define D_TYPE_MASK   3ull
#define D_TYPE_BLOCK  1ull
#define D_TYPE_TABLE  3ull   /* also "page" at level 3 */
#define D_ATTRIDX(d)  (((d) >> 2) & 7u)
#define D_AP1         (1ull << 6)  /* ARM64_S1: EL0 access */
#define D_AP2         (1ull << 7)  /* ARM64_S1: read-only */
#define D_MALI_READ   (1ull << 6)
#define D_MALI_WRITE  (1ull << 7)
#define D_SH(d)       (((d) >> 8) & 3u)
#define D_AF          (1ull << 10)
#define D_NG          (1ull << 11)  /* stage 1: not global (D8.4 "nG") */
#define D_CONTIG      (1ull << 52)
#define D_PXN         (1ull << 53)
#define D_UXN         (1ull << 54)
#define D_OA_HI_MASK  (0xfull << 48) /* OA[51:48]: RES0 without FEAT_LPA */

#define TCR_T0SZ(t)   ((unsigned)((t) & 0x3f))
#define TCR_TG0(t)    ((unsigned)(((t) >> 14) & 3))
#define TCR_IPS(t)    ((unsigned)(((t) >> 32) & 7))

#define TTBCR_EAE     (1ull << 31)
#define TTBCR_T0SZ(t) ((unsigned)((t) & 7))

#define MALI_TTB_ADRMODE_TABLE 3ull
#define MALI_TTB_READ_INNER    (1ull << 2)
#define MALI_TTB_SHARE_OUTER   (1ull << 4)

enum kind { K_INVALID, K_TABLE, K_LEAF, K_BAD };

enum rw_memtype rw_mair_memtype(uint8_t attr)
{
	unsigned outer = attr >> 4, inner = attr & 0xf;

	if (!outer) {
		if (inner & 3)
			return RW_MT_UNPREDICTABLE; /* 0b0000dd01..11 */
		return (enum rw_memtype)(RW_MT_DEVICE_nGnRnE + (inner >> 2));
	}
	if (!inner)
		return RW_MT_UNPREDICTABLE;
	if (outer == 4 && inner == 4)
		return RW_MT_NORMAL_NC;
	if (outer == 0xf && inner == 0xf)
		return RW_MT_NORMAL_WB_RWA;
	return RW_MT_NORMAL_OTHER;
}

const char *rw_memtype_name(enum rw_memtype t)
{
	static const char *const names[] = {
		"Device-nGnRnE", "Device-nGnRE", "Device-nGRE", "Device-GRE", "Normal non-cacheable",
		"Normal write-back RW-allocate", "Normal (other)", "UNPREDICTABLE",
	};

	return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] : "?";
}

static uint64_t bits(unsigned hi, unsigned lo)
{
	return ((hi >= 63) ? ~0ull : ((1ull << (hi + 1)) - 1)) & ~((1ull << lo) - 1);
}

unsigned rw_level_shift(const struct rw_geom *g, unsigned level)
{
	return g->gshift + (3 - level) * (g->gshift - 3);
}

unsigned rw_contig_entries(unsigned gshift, unsigned level)
{
	if (gshift == 12)
		return 16;
	if (gshift == 14)
		return level == 3 ? 128 : 32;
	return 32;
}

bool rw_leaf_level_ok(const struct rw_geom *g, unsigned level)
{
	if (level == 3)
		return true;
	if (level == 0)
		return false;
	/* Without FEAT_LPA/LPA2 level-1 blocks exist only with the 4K granule. */
	if (level == 1)
		return g->gshift == 12;
	return true;
}

static int tg0_shift(unsigned tg0)
{
	switch (tg0) {
	case 0: return 12;
	case 1: return 16;
	case 2: return 14;
	default: return -1;
	}
}

static const unsigned ips_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 0 };

static int geom_arm64(struct rw_geom *g, const struct pt_cfg *cfg, const struct pt_hw *hw,
		      const char **why)
{
	unsigned stride = g->gshift - 3;
	unsigned levels = (g->ias - g->gshift + stride - 1) / stride;

	if (TCR_T0SZ(hw->tcr) != 64 - cfg->ias) {
		*why = "TCR.T0SZ does not encode the input size";
		return -1;
	}
	if (tg0_shift(TCR_TG0(hw->tcr)) != (int)g->gshift) {
		*why = "TCR.TG0 does not encode the granule";
		return -1;
	}
	if (ips_bits[TCR_IPS(hw->tcr)] < cfg->oas) {
		*why = "TCR.IPS smaller than the output size";
		return -1;
	}
	g->start_level = 4 - levels;
	g->root_entries = (size_t)1 << (g->ias - rw_level_shift(g, g->start_level));
	g->root_pa = hw->ttb;
	if (g->root_pa & (g->root_entries * 8 - 1) || g->root_pa & 63) {
		*why = "TTB not aligned to the root table size";
		return -1;
	}
	return 0;
}

static int geom_arm32(struct rw_geom *g, const struct pt_cfg *cfg, const struct pt_hw *hw,
		      const char **why)
{
	unsigned t0sz = TTBCR_T0SZ(hw->tcr);

	if (!(hw->tcr & TTBCR_EAE)) {
		*why = "TTBCR.EAE clear: the short-descriptor format would be walked";
		return -1;
	}
	if (g->gshift != 12 || cfg->ias != 32 - t0sz || t0sz > 1 || g->oas > 40) {
		*why = "ARMv7 LPAE: 4K, TTBCR.T0SZ 0/1 for a 32/31-bit input, OAS <= 40";
		return -1;
	}
	g->start_level = 1;
	g->root_entries = (size_t)1 << (2 - t0sz);
	g->root_pa = hw->ttb;
	if (g->root_pa & ((1ull << (5 - t0sz)) - 1)) {
		*why = "TTBR0 not aligned to 2^(5 - T0SZ)";
		return -1;
	}
	return 0;
}

static int geom_mali(struct rw_geom *g, const struct pt_cfg *cfg, const struct pt_hw *hw,
		     const char **why)
{
	uint64_t want = MALI_TTB_ADRMODE_TABLE | MALI_TTB_READ_INNER |
			(cfg->coherent ? MALI_TTB_SHARE_OUTER : 0);

	if (g->gshift != 12 || g->oas > 40 || g->ias > 48) {
		*why = "MALI_LPAE is 4K granule, OAS <= 40, IAS <= 48";
		return -1;
	}
	if ((hw->ttb & 0xfff) != want) {
		*why = "TRANSTAB mode bits wrong (want ADRMODE_TABLE|READ_INNER[|SHARE_OUTER])";
		return -1;
	}
	g->start_level = 0;
	g->root_entries = 512;
	g->root_pa = hw->ttb & ~0xfffull;
	return 0;
}

int rw_geom_init(struct rw_geom *g, const struct pt_cfg *cfg, const struct pt_hw *hw,
		 const char **why)
{
	memset(g, 0, sizeof(*g));
	g->fmt = cfg->fmt;
	g->mair = hw->mair;
	g->ias = cfg->ias;
	g->oas = cfg->oas;
	switch (cfg->granule) {
	case 4096: g->gshift = 12; break;
	case 16384: g->gshift = 14; break;
	case 65536: g->gshift = 16; break;
	default:
		*why = "granule";
		return -1;
	}
	if (cfg->ias < 25 || cfg->ias > 48 || cfg->oas < 32 || cfg->oas > 48) {
		*why = "ias/oas out of range";
		return -1;
	}
	if (cfg->fmt == PT_FMT_MALI_LPAE)
		return geom_mali(g, cfg, hw, why);
	if (cfg->fmt == PT_FMT_ARM64_S1)
		return geom_arm64(g, cfg, hw, why);
	if (cfg->fmt == PT_FMT_ARM32_LPAE_S1)
		return geom_arm32(g, cfg, hw, why);
	*why = "format not modelled";
	return -1;
}

static enum kind classify(const struct rw_geom *g, unsigned level, uint64_t d, const char **why)
{
	bool mali = g->fmt == PT_FMT_MALI_LPAE;

	if (!(d & D_VALID))
		return K_INVALID;
	if ((d & D_TYPE_MASK) == D_TYPE_BLOCK) {
		if (level == 3 && !mali) {
			*why = "descriptor 0b01 at level 3 is reserved (ARM64_S1)";
			return K_BAD;
		}
		if (!rw_leaf_level_ok(g, level)) {
			*why = "block descriptor at a level that has no blocks";
			return K_BAD;
		}
		return K_LEAF;
	}
	if (level < 3)
		return K_TABLE;
	if (mali) {
		*why = "MALI_LPAE level-3 leaf must use 0b01, found 0b11";
		return K_BAD;
	}
	return K_LEAF;
}

/* Next-level table address, checked against the RES0 and OAS rules. */
static int table_addr(const struct rw_geom *g, uint64_t d, uint64_t *pa, const char **why)
{
	if (d & D_OA_HI_MASK) {
		*why = "table descriptor with OA[51:48] set";
		return -1;
	}
	if (g->fmt == PT_FMT_ARM32_LPAE_S1 && (d & bits(47, 40))) {
		*why = "ARMv7 LPAE table descriptor with bits [47:40] set (SBZ)";
		return -1;
	}
	if (d & bits(g->gshift - 1, 12)) {
		*why = "table descriptor with RES0 address bits set";
		return -1;
	}
	*pa = d & bits(47, g->gshift);
	if (*pa >> g->oas) {
		*why = "table address beyond OAS (address size fault)";
		return -1;
	}
	return 0;
}

static int decode_leaf(const struct rw_geom *g, unsigned level, uint64_t d,
		       struct rw_result *r, const char **why)
{
	unsigned shift = rw_level_shift(g, level);
	bool mali = g->fmt == PT_FMT_MALI_LPAE;

	if (d & D_OA_HI_MASK) {
		*why = "leaf with OA[51:48] set";
		return -1;
	}
	if (g->fmt == PT_FMT_ARM32_LPAE_S1 && (d & bits(47, 40))) {
		*why = "ARMv7 LPAE descriptor with bits [47:40] set (SBZ)";
		return -1;
	}
	if (shift > g->gshift && (d & bits(shift - 1, g->gshift))) {
		*why = "block output address not aligned to the block size";
		return -1;
	}
	if (d & bits(g->gshift - 1, 12)) {
		*why = "leaf with RES0 low address bits set";
		return -1;
	}
	r->level = level;
	r->size = 1ull << shift;
	r->desc = d;
	r->oa = d & bits(47, shift);
	if (r->oa >> g->oas) {
		*why = "output address beyond OAS (address size fault)";
		return -1;
	}
	r->attridx = D_ATTRIDX(d);
	r->sh = D_SH(d);
	r->contig = !!(d & D_CONTIG);
	r->exec = !(d & D_UXN);
	r->priv_exec = !(d & D_PXN);
	if (mali) {
		r->read = !!(d & D_MALI_READ);
		r->write = !!(d & D_MALI_WRITE);
		r->af = true; /* Mali LPAE has no access flag */
		r->user = true;
		if (r->contig) {
			*why = "contiguous bit in a MALI_LPAE descriptor";
			return -1;
		}
		return 0;
	}
	r->read = true;
	r->write = !(d & D_AP2);
	r->user = !!(d & D_AP1);
	/* AF clear is architecturally valid (the first access faults); whether
	 * the prot asked for it is prot_expect's question. */
	r->af = !!(d & D_AF);
	r->ng = !!(d & D_NG);
	r->memtype = rw_mair_memtype((uint8_t)(g->mair >> (8 * r->attridx)));
	return 0;
}

void rw_walk(const struct rw_geom *g, const struct rw_mem *m, uint64_t iova, struct rw_result *r)
{
	uint64_t table = g->root_pa;
	size_t n = g->root_entries;
	const char *why = NULL;

	memset(r, 0, sizeof(*r));
	r->st = RW_FAULT;
	r->level = g->start_level;
	if (g->ias < 64 && (iova >> g->ias)) {
		r->why = "input address beyond IAS";
		return;
	}
	for (unsigned level = g->start_level; level < 4; level++) {
		unsigned shift = rw_level_shift(g, level);
		uint64_t d, idx = (iova >> shift) & (n - 1);

		r->level = level;
		if (m->read64(m->ctx, table + idx * 8, &d)) {
			r->st = RW_BAD;
			r->why = "descriptor read outside table memory";
			return;
		}
		switch (classify(g, level, d, &why)) {
		case K_INVALID:
			r->why = "invalid descriptor";
			return;
		case K_BAD:
			r->st = RW_BAD;
			r->why = why;
			return;
		case K_TABLE:
			if (table_addr(g, d, &table, &why)) {
				r->st = RW_BAD;
				r->why = why;
				return;
			}
			n = (size_t)1 << (g->gshift - 3);
			continue;
		case K_LEAF:
			if (decode_leaf(g, level, d, r, &why)) {
				r->st = RW_BAD;
				r->why = why;
				return;
			}
			r->st = RW_OK;
			r->oa += iova & (r->size - 1);
			return;
		}
	}
	r->st = RW_BAD;
	r->why = "walk ran past level 3";
}

struct tctx {
	const struct rw_geom *g;
	const struct rw_mem *m;
	const struct rw_visit *v;
	const char *why;
	uint64_t bad_va;
};

static int fail(struct tctx *t, uint64_t va, const char *why)
{
	t->why = why;
	t->bad_va = va;
	return -1;
}

/* Arm ARM D8.6.1: every entry of an aligned group carrying the Contiguous bit
 * must carry it, with identical attributes and consecutive output addresses
 * starting at an address aligned to the group's span. */
static int check_contig_group(struct tctx *t, uint64_t table, size_t n, size_t i,
			      unsigned level, uint64_t va_base)
{
	unsigned shift = rw_level_shift(t->g, level);
	size_t cnt = rw_contig_entries(t->g->gshift, level);
	size_t first = i & ~(cnt - 1);
	uint64_t amask = bits(47, t->g->gshift), d0 = 0;

	if (cnt > n)
		return fail(t, va_base, "contiguous bit in a table smaller than its group");
	for (size_t k = 0; k < cnt; k++) {
		uint64_t d;
		const char *why = NULL;

		if (t->m->read64(t->m->ctx, table + (first + k) * 8, &d))
			return fail(t, va_base, "descriptor read outside table memory");
		if (classify(t->g, level, d, &why) != K_LEAF || !(d & D_CONTIG))
			return fail(t, va_base + ((uint64_t)(first + k) << shift),
				    "contiguous group with a member lacking the bit");
		if (k == 0) {
			d0 = d;
			if ((d & amask) & (((uint64_t)cnt << shift) - 1))
				return fail(t, va_base + ((uint64_t)first << shift),
					    "contiguous group output not aligned to its span");
			continue;
		}
		if ((d & ~amask) != (d0 & ~amask))
			return fail(t, va_base + ((uint64_t)(first + k) << shift),
				    "contiguous group with differing attributes");
		if ((d & amask) != (d0 & amask) + ((uint64_t)k << shift))
			return fail(t, va_base + ((uint64_t)(first + k) << shift),
				    "contiguous group with non-consecutive output");
	}
	return 0;
}

static int scan(struct tctx *t, uint64_t table, size_t n, unsigned level, uint64_t va_base)
{
	unsigned shift = rw_level_shift(t->g, level);
	size_t checked_group = (size_t)-1;

	for (size_t i = 0; i < n; i++) {
		uint64_t d, va = va_base + ((uint64_t)i << shift), next;
		const char *why = NULL;
		struct rw_result r;
		int ret;

		if (t->m->read64(t->m->ctx, table + i * 8, &d))
			return fail(t, va, "descriptor read outside table memory");
		switch (classify(t->g, level, d, &why)) {
		case K_INVALID:
			continue;
		case K_BAD:
			return fail(t, va, why);
		case K_TABLE:
			if (table_addr(t->g, d, &next, &why))
				return fail(t, va, why);
			if (t->v->table && (ret = t->v->table(t->v->ctx, next, level + 1, va)))
				return ret;
			ret = scan(t, next, (size_t)1 << (t->g->gshift - 3), level + 1, va);
			if (ret)
				return ret;
			continue;
		case K_LEAF:
			memset(&r, 0, sizeof(r));
			if (decode_leaf(t->g, level, d, &r, &why))
				return fail(t, va, why);
			r.st = RW_OK;
			if (r.contig && checked_group != i / rw_contig_entries(t->g->gshift, level)) {
				checked_group = i / rw_contig_entries(t->g->gshift, level);
				if (check_contig_group(t, table, n, i, level, va_base))
					return -1;
			}
			if (t->v->leaf && (ret = t->v->leaf(t->v->ctx, va, &r)))
				return ret;
			continue;
		}
	}
	return 0;
}

int rw_traverse(const struct rw_geom *g, const struct rw_mem *m, const struct rw_visit *v,
		const char **why, uint64_t *bad_va)
{
	struct tctx t = { .g = g, .m = m, .v = v };
	int ret;

	if (v->table && (ret = v->table(v->ctx, g->root_pa, g->start_level, 0)))
		return ret;
	ret = scan(&t, g->root_pa, g->root_entries, g->start_level, 0);
	if (ret == -1) {
		*why = t.why;
		*bad_va = t.bad_va;
	}
	return ret;
}
