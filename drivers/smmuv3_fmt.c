/* SPDX-License-Identifier: MIT */
/* Arm SMMUv3 in-memory formats (see smmuv3_fmt.h); no register access here. */
#include "smmuv3_fmt.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../mmu/check.h"

/* ---- ID registers: IHI 0070 6.3.1 (IDR0), 6.3.2 (IDR1), 6.3.4 (IDR3: RIL is bit 10),
 * 6.3.6 (IDR5) ---- */
#define IDR0_S2P       BIT(0)
#define IDR0_S1P       BIT(1)
#define IDR0_TTF       GENMASK(3, 2)
#define IDR0_COHACC    BIT(4)
#define IDR0_HYP       BIT(9)
#define IDR0_ASID16    BIT(12)
#define IDR0_STALL     GENMASK(25, 24)
#define IDR0_ST_LEVEL  GENMASK(28, 27)
#define IDR1_SIDSIZE   GENMASK(5, 0)
#define IDR1_SSIDSIZE  GENMASK(10, 6)
#define IDR1_EVENTQS   GENMASK(20, 16)
#define IDR1_CMDQS     GENMASK(25, 21)
#define IDR3_RIL       BIT(10)
#define IDR5_OAS       GENMASK(2, 0)
#define IDR5_GRAN4K    BIT(4)
#define IDR5_GRAN16K   BIT(5)
#define IDR5_GRAN64K   BIT(6)
static unsigned oas_field_bits(unsigned f)
{
	static const unsigned bits[] = { 32, 36, 40, 42, 44, 48, 52 };

	return f < sizeof(bits) / sizeof(bits[0]) ? bits[f] : 48;
}

void smmu_ids_decode(const uint32_t idr[6], struct smmu_ids *out)
{
	memset(out, 0, sizeof(*out));
	memcpy(out->idr, idr, sizeof(out->idr));
	out->s2p = idr[0] & IDR0_S2P;
	out->s1p = idr[0] & IDR0_S1P;
	out->ttf = FIELD_GET(IDR0_TTF, idr[0]);
	out->cohacc = idr[0] & IDR0_COHACC;
	out->hyp = idr[0] & IDR0_HYP;
	out->asid16 = idr[0] & IDR0_ASID16;
	out->st_2lvl = FIELD_GET(IDR0_ST_LEVEL, idr[0]) == 1;
	out->stall_model = FIELD_GET(IDR0_STALL, idr[0]);
	out->sid_bits = FIELD_GET(IDR1_SIDSIZE, idr[1]);
	out->ssid_bits = FIELD_GET(IDR1_SSIDSIZE, idr[1]);
	out->evtq_log2 = FIELD_GET(IDR1_EVENTQS, idr[1]);
	out->cmdq_log2 = FIELD_GET(IDR1_CMDQS, idr[1]);
	out->ril = idr[3] & IDR3_RIL;
	out->oas_bits = oas_field_bits(FIELD_GET(IDR5_OAS, idr[5]));
	out->gran4k = idr[5] & IDR5_GRAN4K;
	out->gran16k = idr[5] & IDR5_GRAN16K;
	out->gran64k = idr[5] & IDR5_GRAN64K;
}

void smmu_ids_describe(const struct smmu_ids *id, char *buf, size_t size)
{
	static const char *const ttf[] = { "none", "aarch32", "aarch64", "aarch32+aarch64" };

	snprintf(buf, size,
		 "%s%s tables=%s %s%s%s asid%u sid=%u bits ssid=%u bits cmdq=2^%u evtq=2^%u "
		 "streamtable=%s%s oas=%u granules=%s%s%s",
		 id->s1p ? "stage1" : "", id->s2p ? "+stage2" : "", ttf[id->ttf & 3],
		 id->cohacc ? "coherent" : "non-coherent", id->hyp ? " hyp" : "",
		 id->stall_model == SMMU_STALL_FORCED ? " stall-forced" : "",
		 id->asid16 ? 16u : 8u, id->sid_bits, id->ssid_bits, id->cmdq_log2,
		 id->evtq_log2, id->st_2lvl ? "linear+2level" : "linear",
		 id->ril ? " range-invalidation" : "", id->oas_bits, id->gran4k ? "4K " : "",
		 id->gran16k ? "16K " : "", id->gran64k ? "64K" : "");
}

/* ---- commands: IHI 0070 4.3 (CFGI_*), 4.4 (TLBI_*), 4.7 (CMD_SYNC) ---- */
/* dw0 [63:32]: the StreamID of every command that names one (CFGI_STE,
 * CFGI_CD, CMD_RESUME, CMD_STALL_TERM; IHI 0070 4.1.6, Linux CMDQ_*_0_SID). */
#define CMD_SID      GENMASK(63, 32)
#define CFGI_LEAF    BIT(0)          /* dw1: only the STE / CD, not an L1 descriptor */
#define CFGI_RANGE   GENMASK(4, 0)   /* dw1 of CFGI_ALL (= CFGI_STE_RANGE): 31 = all */

void smmu_cmd_cfgi_ste(struct smmu_cmd *c, uint32_t sid, bool leaf)
{
	c->dw[0] = SMMU_CMD_CFGI_STE | FIELD_PREP(CMD_SID, sid);
	c->dw[1] = leaf ? CFGI_LEAF : 0;
}

void smmu_cmd_cfgi_cd(struct smmu_cmd *c, uint32_t sid, bool leaf)
{
	c->dw[0] = SMMU_CMD_CFGI_CD | FIELD_PREP(CMD_SID, sid); /* SSID 0: the only CD */
	c->dw[1] = leaf ? CFGI_LEAF : 0;
}

void smmu_cmd_cfgi_all(struct smmu_cmd *c)
{
	c->dw[0] = SMMU_CMD_CFGI_ALL;
	c->dw[1] = FIELD_PREP(CFGI_RANGE, 31); /* every StreamID */
}

void smmu_cmd_tlbi_nh_asid(struct smmu_cmd *c, uint16_t asid)
{
	c->dw[0] = SMMU_CMD_TLBI_NH_ASID | FIELD_PREP(SMMU_TLBI_ASID, asid);
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

/* CMD_RESUME fields: IHI 0070 chapter 4 (CMD_RESUME), as Linux CMDQ_RESUME_* */
#define RESUME_ACTION     GENMASK(13, 12) /* dw0: 0 term, 1 retry, 2 abort */
#define RESUME_ABORT      2u
#define RESUME_STAG       GENMASK(15, 0)  /* dw1 */

void smmu_cmd_resume_abort(struct smmu_cmd *c, uint32_t sid, uint16_t stag)
{
	c->dw[0] = SMMU_CMD_RESUME | FIELD_PREP(CMD_SID, sid) |
		   FIELD_PREP(RESUME_ACTION, RESUME_ABORT);
	c->dw[1] = FIELD_PREP(RESUME_STAG, stag);
}

/* CMD_STALL_TERM: the StreamID alone (IHI 0070 4.7.2). */
void smmu_cmd_stall_term(struct smmu_cmd *c, uint32_t sid)
{
	c->dw[0] = SMMU_CMD_STALL_TERM | FIELD_PREP(CMD_SID, sid);
	c->dw[1] = 0;
}

/* tg 0 is the per-address form: NUM, SCALE and TTL stay 0 there (TTL is a
 * range-form hint here, as Linux sets it only with RIL). */
static void tlbi_va(struct smmu_cmd *c, const struct smmu_tlbi_req *r, uint64_t addr,
		    unsigned tg, unsigned num, unsigned scale)
{
	c->dw[0] = SMMU_CMD_TLBI_NH_VA | FIELD_PREP(SMMU_TLBI_NUM, num) |
		   FIELD_PREP(SMMU_TLBI_SCALE, scale) | FIELD_PREP(SMMU_TLBI_ASID, r->asid);
	c->dw[1] = (addr & SMMU_TLBI_ADDR_MASK) | FIELD_PREP(SMMU_TLBI_TG, tg) |
		   FIELD_PREP(SMMU_TLBI_TTL, tg ? r->ttl : 0) | (r->leaf ? SMMU_TLBI_LEAF : 0);
	/* Never the form real SMMUs refuse with CERROR_ILL (Linux eb6c97647be2). */
	CHECK(!tg || num || scale || r->ttl, "range TLBI with NUM = SCALE = TTL = 0");
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

	/* The lowest window would be one granule with SCALE 0: NUM = 0, and with
	 * TTL unknown that is the illegal form. Cover one granule more instead
	 * (Linux __arm_smmu_tlb_inv_range(): num_pages++). */
	if (!r->ttl && (pages & (SMMU_TLBI_RANGE_MAX - 1)) == 1)
		pages++;
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
	/* TTL 1..3 names the leaf level; level 1 holds leaves with the 4K
	 * granule only (IHI 0070 4.4.1.1; 16K/64K level-1 leaves need 52-bit). */
	CHECK(r->ttl <= 3 && (r->ttl != 1 || r->tg_shift == 12), "TTL names no leaf level");
	return r->ril ? tlbi_ranges(r, out, max) : tlbi_per_stride(r, out, max);
}

void smmu_tlbi_va_decode(const struct smmu_cmd *c, struct smmu_tlbi_range *out)
{
	unsigned num = FIELD_GET(SMMU_TLBI_NUM, c->dw[0]);
	unsigned scale = FIELD_GET(SMMU_TLBI_SCALE, c->dw[0]);

	out->asid = (uint16_t)FIELD_GET(SMMU_TLBI_ASID, c->dw[0]);
	out->addr = c->dw[1] & SMMU_TLBI_ADDR_MASK;
	out->tg = FIELD_GET(SMMU_TLBI_TG, c->dw[1]);
	out->ttl = FIELD_GET(SMMU_TLBI_TTL, c->dw[1]);
	out->leaf = c->dw[1] & SMMU_TLBI_LEAF;
	out->size = out->tg ? ((uint64_t)(num + 1) << scale) << (out->tg * 2 + 10) : 0;
}

/* ---- STE: IHI 0070 5.2 ---- */
#define STE1_S1CIR       GENMASK(3, 2)   /* dw1: CD fetch inner cacheability */
#define STE1_S1COR       GENMASK(5, 4)   /* dw1: outer */
#define STE1_S1CSH       GENMASK(7, 6)   /* dw1: shareability */
#define STE1_SHCFG       GENMASK(45, 44) /* dw1: 1 = use incoming shareability */
#define ATTR_WBRA        1ull /* cacheability field: write-back, read-allocate */
#define SH_OUTER         2ull
#define SH_INNER         3ull

bool smmu_ste_reads_rest(uint64_t dw0)
{
	return (dw0 & SMMU_STE_V) && (FIELD_GET(SMMU_STE_CFG, dw0) & SMMU_STE_CFG_BYPASS);
}

void smmu_ste_abort(uint64_t ste[SMMU_STE_DWORDS])
{
	memset(ste, 0, SMMU_STE_DWORDS * sizeof(ste[0]));
	ste[0] = SMMU_STE_V | FIELD_PREP(SMMU_STE_CFG, SMMU_STE_CFG_ABORT);
}

void smmu_ste_s1(uint64_t ste[SMMU_STE_DWORDS], uint64_t cd_pa, bool coherent)
{
	uint64_t cache = coherent ? ATTR_WBRA : 0;

	memset(ste, 0, SMMU_STE_DWORDS * sizeof(ste[0]));
	/* S1Fmt = 0 and S1CDMax = 0: a single CD, no SubstreamIDs (QEMU rejects
	 * S1CDMax != 0); S1STALLD = 0 (QEMU rejects it set); STRW = 0: NS-EL1. */
	ste[1] = FIELD_PREP(STE1_S1CIR, cache) | FIELD_PREP(STE1_S1COR, cache) |
		 FIELD_PREP(STE1_S1CSH, coherent ? SH_INNER : SH_OUTER) | FIELD_PREP(STE1_SHCFG, 1);
	ste[0] = SMMU_STE_V | FIELD_PREP(SMMU_STE_CFG, SMMU_STE_CFG_S1) |
		 (cd_pa & SMMU_STE_S1CTXPTR_MASK);
}

/* ---- CD: IHI 0070 5.4 ---- */
#define CD0_TG0         GENMASK(7, 6)  /* TCR TG0 encoding */
#define CD0_EPD1        BIT(30)
#define CD0_V           BIT(31)
#define CD0_AA64        BIT(41)
#define CD0_S           BIT(44) /* stall faulting transactions (Linux CTXDESC_CD_0_S) */
#define CD0_R           BIT(45) /* record faults as events */
#define CD0_A           BIT(46) /* a terminated transaction gets an abort, not RAZ/WI
                                 * (IHI 0070 5.4 CD.A; QEMU decode_cd() refuses A = 0:
                                 * its IDR0.TERM_MODEL is 1). Stall or not is CD.S. */
#define CD0_ASET        BIT(47) /* ASID not shared with PE broadcast TLBI */
#define CD0_ASID        GENMASK(63, 48)
#define CD1_TTB0_MASK   GENMASK(51, 4)
/* TCR_EL1 fields that the CD holds at the same bit positions: T0SZ [5:0],
 * IRGN0 [9:8], ORGN0 [11:10], SH0 [13:12], IPS [34:32] (Arm DDI 0487 D19.2). */
#define TCR_T0SZ        GENMASK(5, 0)
#define TCR_SAME_POS    (TCR_T0SZ | GENMASK(13, 8) | GENMASK(34, 32))
#define TCR_TG0         GENMASK(15, 14)

int smmu_cd_s1(uint64_t cd[SMMU_CD_DWORDS], uint16_t asid, uint64_t ttb, uint64_t tcr,
	       uint64_t mair, bool stall)
{
	unsigned t0sz = FIELD_GET(TCR_T0SZ, tcr);
	unsigned tg0 = FIELD_GET(TCR_TG0, tcr);

	if (t0sz < 16 || t0sz > 39 || tg0 == 3)
		return -EINVAL;
	memset(cd, 0, SMMU_CD_DWORDS * sizeof(cd[0]));
	cd[1] = ttb & CD1_TTB0_MASK;
	cd[3] = mair;
	/* EPD1: no TTB1 walks (then T1SZ is not checked); ENDI = 0 little endian;
	 * AFFD = 0: an entry with AF clear faults, as the core must set AF. */
	cd[0] = (tcr & TCR_SAME_POS) | FIELD_PREP(CD0_TG0, tg0) | CD0_EPD1 | CD0_V | CD0_AA64 |
		(stall ? CD0_S : 0) | CD0_R | CD0_A | CD0_ASET | FIELD_PREP(CD0_ASID, asid);
	return 0;
}

/* ---- events: IHI 0070 7.3 ---- */
#define EVT0_TYPE    GENMASK(7, 0)
#define EVT0_SSV     BIT(11)
#define EVT0_SSID    GENMASK(31, 12)
#define EVT0_SID     GENMASK(63, 32)
#define EVT1_STAG    GENMASK(15, 0)
#define EVT1_STALL   BIT(31)
#define EVT1_PNU     BIT(33)
#define EVT1_IND     BIT(34)
#define EVT1_RNW     BIT(35)
#define EVT1_CLASS   GENMASK(41, 40)
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
	out->type = (uint8_t)FIELD_GET(EVT0_TYPE, raw[0]);
	out->ssv = raw[0] & EVT0_SSV;
	out->ssid = FIELD_GET(EVT0_SSID, raw[0]);
	out->sid = (uint32_t)FIELD_GET(EVT0_SID, raw[0]);
	out->stall = raw[1] & EVT1_STALL;
	out->stag = (uint16_t)FIELD_GET(EVT1_STAG, raw[1]);
	out->pnu = raw[1] & EVT1_PNU;
	out->ind = raw[1] & EVT1_IND;
	out->rnw = raw[1] & EVT1_RNW;
	out->cls = FIELD_GET(EVT1_CLASS, raw[1]);
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
