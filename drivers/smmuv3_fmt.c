/* SPDX-License-Identifier: MIT */
/* Arm SMMUv3 in-memory formats (see smmuv3_fmt.h); no register access here. */
#include "smmuv3_fmt.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static inline uint64_t field(uint64_t v, unsigned lo, unsigned width)
{
	return (v >> lo) & ((1ull << width) - 1u);
}

/* ---- ID registers: IHI 0070 6.3.1 (IDR0), 6.3.2 (IDR1), 6.3.4 (IDR3: RIL is bit 10),
 * 6.3.6 (IDR5) ---- */
static unsigned oas_field_bits(unsigned f)
{
	static const unsigned bits[] = { 32, 36, 40, 42, 44, 48, 52 };

	return f < sizeof(bits) / sizeof(bits[0]) ? bits[f] : 48;
}

void smmu_ids_decode(const uint32_t idr[6], struct smmu_ids *out)
{
	memset(out, 0, sizeof(*out));
	memcpy(out->idr, idr, sizeof(out->idr));
	out->s2p = field(idr[0], 0, 1);
	out->s1p = field(idr[0], 1, 1);
	out->ttf = field(idr[0], 2, 2);
	out->cohacc = field(idr[0], 4, 1);
	out->hyp = field(idr[0], 9, 1);
	out->asid16 = field(idr[0], 12, 1);
	out->st_2lvl = field(idr[0], 27, 2) == 1;
	out->sid_bits = field(idr[1], 0, 6);
	out->ssid_bits = field(idr[1], 6, 5);
	out->evtq_log2 = field(idr[1], 16, 5);
	out->cmdq_log2 = field(idr[1], 21, 5);
	out->ril = field(idr[3], 10, 1);
	out->oas_bits = oas_field_bits(field(idr[5], 0, 3));
	out->gran4k = field(idr[5], 4, 1);
	out->gran16k = field(idr[5], 5, 1);
	out->gran64k = field(idr[5], 6, 1);
}

void smmu_ids_describe(const struct smmu_ids *id, char *buf, size_t size)
{
	static const char *const ttf[] = { "none", "aarch32", "aarch64", "aarch32+aarch64" };

	snprintf(buf, size,
		 "%s%s tables=%s %s%s asid%u sid=%u bits ssid=%u bits cmdq=2^%u evtq=2^%u "
		 "streamtable=%s%s oas=%u granules=%s%s%s",
		 id->s1p ? "stage1" : "", id->s2p ? "+stage2" : "", ttf[id->ttf & 3],
		 id->cohacc ? "coherent" : "non-coherent", id->hyp ? " hyp" : "",
		 id->asid16 ? 16u : 8u, id->sid_bits, id->ssid_bits, id->cmdq_log2,
		 id->evtq_log2, id->st_2lvl ? "linear+2level" : "linear",
		 id->ril ? " range-invalidation" : "", id->oas_bits, id->gran4k ? "4K " : "",
		 id->gran16k ? "16K " : "", id->gran64k ? "64K" : "");
}

/* ---- commands: IHI 0070 4.3 (CFGI_*), 4.4 (TLBI_*), 4.7 (CMD_SYNC) ---- */
void smmu_cmd_cfgi_ste(struct smmu_cmd *c, uint32_t sid, bool leaf)
{
	c->dw[0] = SMMU_CMD_CFGI_STE | (uint64_t)sid << 32;
	c->dw[1] = leaf ? 1u : 0u; /* Leaf: only the STE, not an L1 descriptor */
}

void smmu_cmd_cfgi_cd(struct smmu_cmd *c, uint32_t sid, bool leaf)
{
	c->dw[0] = SMMU_CMD_CFGI_CD | (uint64_t)sid << 32; /* SSID 0: the only CD */
	c->dw[1] = leaf ? 1u : 0u;
}

void smmu_cmd_cfgi_all(struct smmu_cmd *c)
{
	c->dw[0] = SMMU_CMD_CFGI_ALL;
	c->dw[1] = 31; /* Range = 31: every StreamID */
}

void smmu_cmd_tlbi_nh_asid(struct smmu_cmd *c, uint16_t asid)
{
	c->dw[0] = SMMU_CMD_TLBI_NH_ASID | (uint64_t)asid << SMMU_TLBI_ASID_SHIFT;
	c->dw[1] = 0;
}

void smmu_cmd_tlbi_all(struct smmu_cmd *c, uint8_t opcode)
{
	c->dw[0] = opcode;
	c->dw[1] = 0;
}

void smmu_cmd_sync(struct smmu_cmd *c)
{
	/* CS = SIG_NONE: completion is seen by polling CMDQ_CONS (IHI 0070 4.7.3). */
	c->dw[0] = SMMU_CMD_SYNC;
	c->dw[1] = 0;
}

static void tlbi_va(struct smmu_cmd *c, const struct smmu_tlbi_req *r, uint64_t addr,
		    unsigned tg, unsigned num, unsigned scale)
{
	c->dw[0] = SMMU_CMD_TLBI_NH_VA | (uint64_t)num << SMMU_TLBI_NUM_SHIFT |
		   (uint64_t)scale << SMMU_TLBI_SCALE_SHIFT |
		   (uint64_t)r->asid << SMMU_TLBI_ASID_SHIFT;
	/* TTL stays 0 (level unknown): one gathered range may hold leaves of
	 * several levels, and a wrong TTL hint would let an entry survive. */
	c->dw[1] = (addr & SMMU_TLBI_ADDR_MASK) | (uint64_t)tg << SMMU_TLBI_TG_SHIFT |
		   (r->leaf ? SMMU_TLBI_LEAF : 0);
}

static size_t tlbi_per_stride(const struct smmu_tlbi_req *r, struct smmu_cmd *out, size_t max)
{
	uint64_t stride = 1ull << r->stride_shift;
	uint64_t n = (r->end - r->start) >> r->stride_shift;

	for (uint64_t i = 0; i < n && i < max; i++)
		tlbi_va(&out[i], r, r->start + i * stride, 0, 0, 0);
	return n > SIZE_MAX ? SIZE_MAX : (size_t)n;
}

static unsigned lowest_bit(uint64_t v)
{
	return (unsigned)__builtin_ctzll(v);
}

/*
 * Range form: a command covers m << s granules with 1 <= m <= 32 and
 * s <= 31. Taking, from the lowest set bit s of the remaining count, the five
 * bits [s, s + 5) as m clears those bits with one command, so the number of
 * commands is the number of 5-bit windows needed to cover the set bits.
 */
static size_t tlbi_ranges(const struct smmu_tlbi_req *r, struct smmu_cmd *out, size_t max)
{
	unsigned tg = (r->tg_shift - 10) / 2; /* 12 -> 1 (4K), 14 -> 2, 16 -> 3 */
	uint64_t pages = (r->end - r->start) >> r->tg_shift;
	uint64_t addr = r->start;
	size_t n = 0;

	while (pages) {
		unsigned s = lowest_bit(pages);
		uint64_t m;

		if (s > SMMU_TLBI_SCALE_MAX)
			s = SMMU_TLBI_SCALE_MAX;
		m = (pages >> s) & (SMMU_TLBI_RANGE_MAX - 1);
		if (m == 0) /* only above SCALE_MAX: take the largest encodable run */
			m = SMMU_TLBI_RANGE_MAX;
		if (n < max)
			tlbi_va(&out[n], r, addr, tg, (unsigned)m - 1, s);
		n++;
		addr += (m << s) << r->tg_shift;
		pages -= m << s;
	}
	return n;
}

size_t smmu_tlbi_va_cmds(const struct smmu_tlbi_req *r, struct smmu_cmd *out, size_t max)
{
	unsigned align = r->ril ? r->tg_shift : r->stride_shift;
	uint64_t mask = (1ull << align) - 1;

	if (r->end <= r->start || (r->start & mask) || (r->end & mask))
		return 0;
	if (r->ril && (r->tg_shift != 12 && r->tg_shift != 14 && r->tg_shift != 16))
		return 0;
	return r->ril ? tlbi_ranges(r, out, max) : tlbi_per_stride(r, out, max);
}

void smmu_tlbi_va_decode(const struct smmu_cmd *c, struct smmu_tlbi_range *out)
{
	unsigned num = field(c->dw[0], SMMU_TLBI_NUM_SHIFT, 5);
	unsigned scale = field(c->dw[0], SMMU_TLBI_SCALE_SHIFT, 5);

	out->asid = (uint16_t)field(c->dw[0], SMMU_TLBI_ASID_SHIFT, 16);
	out->addr = c->dw[1] & SMMU_TLBI_ADDR_MASK;
	out->tg = field(c->dw[1], SMMU_TLBI_TG_SHIFT, 2);
	out->ttl = field(c->dw[1], SMMU_TLBI_TTL_SHIFT, 2);
	out->leaf = c->dw[1] & SMMU_TLBI_LEAF;
	out->size = out->tg ? ((uint64_t)(num + 1) << scale) << (out->tg * 2 + 10) : 0;
}

/* ---- STE: IHI 0070 5.2 ---- */
#define STE1_S1CIR_SHIFT 2   /* dw1 [3:2]: CD fetch inner cacheability */
#define STE1_S1COR_SHIFT 4   /* dw1 [5:4] */
#define STE1_S1CSH_SHIFT 6   /* dw1 [7:6] */
#define STE1_SHCFG_SHIFT 44  /* dw1 [45:44]: 1 = use incoming shareability */
#define ATTR_WBRA        1ull /* cacheability field: write-back, read-allocate */
#define SH_OUTER         2ull
#define SH_INNER         3ull

void smmu_ste_abort(uint64_t ste[SMMU_STE_DWORDS])
{
	memset(ste, 0, SMMU_STE_DWORDS * sizeof(ste[0]));
	ste[0] = SMMU_STE_V | SMMU_STE_CFG_ABORT << SMMU_STE_CFG_SHIFT;
}

void smmu_ste_s1(uint64_t ste[SMMU_STE_DWORDS], uint64_t cd_pa, bool coherent)
{
	uint64_t cache = coherent ? ATTR_WBRA : 0;

	memset(ste, 0, SMMU_STE_DWORDS * sizeof(ste[0]));
	/* S1Fmt = 0 and S1CDMax = 0: a single CD, no SubstreamIDs (QEMU rejects
	 * S1CDMax != 0); S1STALLD = 0 (QEMU rejects it set); STRW = 0: NS-EL1. */
	ste[1] = cache << STE1_S1CIR_SHIFT | cache << STE1_S1COR_SHIFT |
		 (coherent ? SH_INNER : SH_OUTER) << STE1_S1CSH_SHIFT | 1ull << STE1_SHCFG_SHIFT;
	ste[0] = SMMU_STE_V | SMMU_STE_CFG_S1 << SMMU_STE_CFG_SHIFT |
		 (cd_pa & SMMU_STE_S1CTXPTR_MASK);
}

/* ---- CD: IHI 0070 5.4 ---- */
#define CD0_TG0_SHIFT   6    /* [7:6], TCR TG0 encoding */
#define CD0_EPD1        (1ull << 30)
#define CD0_V           (1ull << 31)
#define CD0_AA64        (1ull << 41)
#define CD0_R           (1ull << 45) /* record faults as events */
#define CD0_A           (1ull << 46) /* abort (not stall) faulting transactions */
#define CD0_ASET        (1ull << 47) /* ASID not shared with PE broadcast TLBI */
#define CD0_ASID_SHIFT  48
#define CD1_TTB0_MASK   0x000ffffffffffff0ull /* [51:4] */
/* TCR_EL1 fields that the CD holds at the same bit positions: T0SZ [5:0],
 * IRGN0 [9:8], ORGN0 [11:10], SH0 [13:12], IPS [34:32] (Arm DDI 0487 D19.2). */
#define TCR_SAME_POS    (0x3full | 0x3full << 8 | 0x7ull << 32)
#define TCR_TG0_SHIFT   14

int smmu_cd_s1(uint64_t cd[SMMU_CD_DWORDS], uint16_t asid, uint64_t ttb, uint64_t tcr,
	       uint64_t mair)
{
	unsigned t0sz = field(tcr, 0, 6);
	unsigned tg0 = field(tcr, TCR_TG0_SHIFT, 2);

	if (t0sz < 16 || t0sz > 39 || tg0 == 3)
		return -EINVAL;
	memset(cd, 0, SMMU_CD_DWORDS * sizeof(cd[0]));
	cd[1] = ttb & CD1_TTB0_MASK;
	cd[3] = mair;
	/* EPD1: no TTB1 walks (then T1SZ is not checked); ENDI = 0 little endian;
	 * AFFD = 0: an entry with AF clear faults, as the core must set AF. */
	cd[0] = (tcr & TCR_SAME_POS) | (uint64_t)tg0 << CD0_TG0_SHIFT | CD0_EPD1 | CD0_V |
		CD0_AA64 | CD0_R | CD0_A | CD0_ASET | (uint64_t)asid << CD0_ASID_SHIFT;
	return 0;
}

/* ---- events: IHI 0070 7.3 ---- */
struct evt_name {
	uint8_t type;
	bool has_addr;
	const char *name, *what;
};

static const struct evt_name evt_names[] = {
	{ 0x01, true, "F_UUT", "unsupported upstream transaction" },
	{ 0x02, false, "C_BAD_STREAMID", "StreamID outside the stream table" },
	{ 0x03, false, "F_STE_FETCH", "abort fetching the STE" },
	{ 0x04, false, "C_BAD_STE", "STE invalid or malformed" },
	{ 0x05, false, "F_BAD_ATS_TREQ", "ATS translation request refused" },
	{ 0x06, false, "F_STREAM_DISABLED", "traffic without SubstreamID disabled by S1DSS" },
	{ 0x07, false, "F_TRANSL_FORBIDDEN", "ATS-translated traffic not allowed" },
	{ 0x08, false, "C_BAD_SUBSTREAMID", "SubstreamID out of range" },
	{ 0x09, false, "F_CD_FETCH", "abort fetching the CD" },
	{ 0x0a, false, "C_BAD_CD", "CD invalid or malformed" },
	{ 0x0b, true, "F_WALK_EABT", "external abort during a table walk" },
	{ 0x10, true, "F_TRANSLATION", "translation fault (no valid entry)" },
	{ 0x11, true, "F_ADDR_SIZE", "address size fault" },
	{ 0x12, true, "F_ACCESS", "access flag fault" },
	{ 0x13, true, "F_PERMISSION", "permission fault" },
	{ 0x20, true, "F_TLB_CONFLICT", "TLB conflict" },
	{ 0x21, false, "F_CFG_CONFLICT", "configuration cache conflict" },
	{ 0x24, false, "E_PAGE_REQUEST", "page request hint" },
	{ 0x25, false, "F_VMS_FETCH", "abort fetching the VMS" },
};

void smmu_event_decode(const uint64_t raw[4], struct smmu_event *out)
{
	memset(out, 0, sizeof(*out));
	memcpy(out->raw, raw, sizeof(out->raw));
	out->type = (uint8_t)field(raw[0], 0, 8);
	out->ssv = field(raw[0], 11, 1);
	out->ssid = field(raw[0], 12, 20);
	out->sid = (uint32_t)field(raw[0], 32, 32);
	out->stall = field(raw[1], 31, 1);
	out->pnu = field(raw[1], 33, 1);
	out->ind = field(raw[1], 34, 1);
	out->rnw = field(raw[1], 35, 1);
	out->cls = field(raw[1], 40, 2);
	out->name = "unknown";
	out->what = "event type not known to this driver";
	for (size_t i = 0; i < sizeof(evt_names) / sizeof(evt_names[0]); i++) {
		if (evt_names[i].type != out->type)
			continue;
		out->name = evt_names[i].name;
		out->what = evt_names[i].what;
		out->has_addr = evt_names[i].has_addr;
	}
	if (out->has_addr)
		out->addr = raw[2];
}

void smmu_event_describe(const struct smmu_event *e, char *buf, size_t size)
{
	static const char *const cls[] = { "CD fetch", "table walk", "input", "?" };
	int n = snprintf(buf, size, "%s (0x%02x) %s: sid=0x%x", e->name, e->type, e->what,
			 (unsigned)e->sid);

	if (n < 0 || (size_t)n >= size)
		return;
	if (e->ssv)
		n += snprintf(buf + n, size - (size_t)n, " ssid=0x%x", (unsigned)e->ssid);
	if (!e->has_addr || (size_t)n >= size)
		return;
	snprintf(buf + n, size - (size_t)n, " iova=0x%llx %s%s%s class=%s%s",
		 (unsigned long long)e->addr, e->rnw ? "read" : "write",
		 e->ind ? " instruction" : "", e->pnu ? " privileged" : "", cls[e->cls & 3],
		 e->stall ? " stalled" : "");
}
