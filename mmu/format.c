/* SPDX-License-Identifier: MIT */
/*
 * The formats as data: descriptor bits per format, prot to leaf attributes
 * and back, and the register values (TTB, TCR/TTBCR, MAIR) that point a
 * walker at a table.
 *
 * Sources (facts only):
 *  Arm DDI 0487 (Arm ARM) D8.3 "Translation table descriptor formats",
 *    D8.4 memory attributes (AttrIndx[4:2], SH[9:8], AP[7:6], AF[10], nG[11],
 *    Contiguous[52], PXN[53], UXN[54]), D8.6.1 contiguous bit, D19 TCR_EL1.
 *  Arm DDI 0406C.c (ARMv7-A) B3.6 long-descriptor format: the same attribute
 *    positions for stage 1 (AttrIndx[4:2], NS[5], AP[2:1] at [7:6], SH[9:8],
 *    AF[10], nG[11], Contiguous[52], PXN[53], XN[54]), 16-entry contiguous
 *    groups, first-level 1 GiB and second-level 2 MiB blocks; B4.1.153 TTBCR
 *    (T0SZ[2:0], IRGN0[9:8], ORGN0[11:10], SH0[13:12], EPD1[23], EAE[31]).
 *  Linux drivers/iommu/io-pgtable-arm.c: ARM_MALI_LPAE uses stage-2 style
 *    HAP read (bit 6) / write (bit 7), stage-1 AttrIndx, no AF, outer
 *    shareable always, BLOCK type (0b01) for last-level pages, XN as
 *    (3 << 53), 4 levels whatever the IAS, OAS <= 40, page sizes 4K/2M/1G;
 *    TRANSTAB = table PA | ADRMODE_TABLE (3) | READ_INNER (bit 2), plus
 *    SHARE_OUTER (bit 4) for a coherent walk. ARM_32_LPAE_S1: IAS <= 32,
 *    OAS <= 40, 4K, the stage-1 attribute bits.
 */
#include "pt_format.h"

#define ATTRINDX       GENMASK(4, 2)
#define SH_OUTER       FIELD_PREP(GENMASK(9, 8), 2)
#define SH_INNER       FIELD_PREP(GENMASK(9, 8), 3)
#define AP_UNPRIV      BIT(6)       /* AP[1]: EL0 access */
#define AP_RDONLY      BIT(7)       /* AP[2]: read-only */
#define HAP_READ       BIT(6)
#define HAP_WRITE      BIT(7)
#define PTE_AF         BIT(10)
#define PTE_NG         BIT(11)      /* stage 1: not global, tagged by ASID */
#define PTE_CONT       BIT(52)
#define PTE_PXN        BIT(53)
#define PTE_UXN        BIT(54)      /* XN on ARMv7 */
#define PTE_XN         (PTE_UXN | PTE_PXN)

/* TCR_EL1 TTBR0 fields: Arm DDI 0487 D19 "TCR_EL1" */
#define TCR_T0SZ       GENMASK(5, 0)
#define TCR_IRGN0      GENMASK(9, 8)
#define TCR_ORGN0      GENMASK(11, 10)
#define TCR_SH0        GENMASK(13, 12)
#define TCR_TG0        GENMASK(15, 14)
#define TCR_IPS        GENMASK(34, 32)
#define TCR_RGN_NC     0
#define TCR_RGN_WBWA   1
#define TCR_SH_OUTER   2
#define TCR_SH_INNER   3
/* ARMv7 TTBCR, long-descriptor format: DDI 0406C.c B4.1.153 (IRGN0, ORGN0,
 * SH0 in the same places as TCR_EL1's) */
#define TTBCR_T0SZ     GENMASK(2, 0)
#define TTBCR_EPD1     BIT(23)      /* no TTBR1 walks: the image uses TTBR0 only */
#define TTBCR_EAE      BIT(31)      /* long-descriptor translation tables */

/* Mali TRANSTAB mode bits: Linux io-pgtable-arm.c ARM_MALI_LPAE_TTBR_* */
#define MALI_TRANSTAB_ADRMODE_TABLE 3ull
#define MALI_TRANSTAB_READ_INNER    BIT(2)
#define MALI_TRANSTAB_SHARE_OUTER   BIT(4)

#define GRANULE_4K  (1u << 0)
#define GRANULE_16K (1u << 2)
#define GRANULE_64K (1u << 4)

static const struct pt_fmt formats[] = {
	[PT_FMT_ARM64_S1] = {
		.name = "ARM64_S1",
		.last_level_type = PTE_TYPE_TABLE,
		.af = PTE_AF,
		/* Non-global: back ends invalidate by ASID (SMMUv3 TLBI_NH_ASID),
		 * which leaves global entries in the TLB; Linux io-pgtable-arm marks
		 * every stage-1 leaf nG for the same reason. */
		.ng = PTE_NG,
		.sh_cached = SH_INNER,
		.sh_other = SH_OUTER,
		.ap_rdonly = AP_RDONLY,
		.ap_unpriv = AP_UNPRIV,
		.xn = PTE_XN,
		.cont = PTE_CONT,
		.contig_entries = { 16, 128, 32 },
		.min_ias = 32,
		.max_ias = 48,
		.max_oas = 48,
		.granules = GRANULE_4K | GRANULE_16K | GRANULE_64K,
	},
	[PT_FMT_MALI_LPAE] = {
		.name = "MALI_LPAE",
		.last_level_type = PTE_TYPE_BLOCK,
		.sh_cached = SH_OUTER,
		.sh_other = SH_OUTER,
		.hap_read = HAP_READ,
		.hap_write = HAP_WRITE,
		.xn = PTE_XN,
		.min_ias = 32,
		.max_ias = 48,
		.max_oas = 40,
		.granules = GRANULE_4K,
		.full_levels = true,
		.flush_on_map = true, /* panfrost flushes after every map */
	},
	[PT_FMT_ARM32_LPAE_S1] = {
		.name = "ARM32_LPAE_S1",
		.last_level_type = PTE_TYPE_TABLE,
		.af = PTE_AF,
		.ng = PTE_NG, /* as ARM64_S1: invalidation by ASID must reach every leaf */
		.sh_cached = SH_INNER,
		.sh_other = SH_OUTER,
		.ap_rdonly = AP_RDONLY,
		.ap_unpriv = AP_UNPRIV,
		.xn = PTE_XN,
		.cont = PTE_CONT,
		.contig_entries = { 16, 0, 0 },
		.min_ias = 32,
		.max_ias = 32,
		.max_oas = 40,
		.granules = GRANULE_4K,
		.ttbcr = true,
	},
};

const struct pt_fmt *pt_fmt_get(enum pt_format fmt)
{
	if ((unsigned)fmt >= sizeof(formats) / sizeof(formats[0]) || !formats[fmt].name)
		return NULL;
	return &formats[fmt];
}

const char *pt_format_name(enum pt_format fmt)
{
	const struct pt_fmt *f = pt_fmt_get(fmt);

	return f ? f->name : "unknown";
}

/*
 * Bit p set iff prot p (below PT_PROT_ALL + 1) is valid: READ or WRITE, not
 * both NONCACHED and DEVICE (the rule is spelled out against the core in
 * tests/host/test_core_smoke.c).
 */
#define PROT_VALID_SET 0x0000eeeeeeeeeeeeull

bool pt_prot_valid(const struct pt *pt, unsigned prot)
{
	if (prot & PT_PROT_TEST_NO_AF) {
		if (!pt->fmt->af)
			return false;
		prot &= ~PT_PROT_TEST_NO_AF;
	}
	return prot <= PT_PROT_ALL && ((PROT_VALID_SET >> prot) & 1);
}

static unsigned prot_attridx(unsigned prot)
{
	if (prot & PT_PROT_DEVICE)
		return PT_ATTRIDX_DEVICE;
	if (prot & PT_PROT_NONCACHED)
		return PT_ATTRIDX_NONCACHED;
	return PT_ATTRIDX_CACHED;
}

pte_t pt_prot_attrs(const struct pt *pt, unsigned prot)
{
	const struct pt_fmt *f = pt->fmt;
	bool cached = !(prot & (PT_PROT_NONCACHED | PT_PROT_DEVICE));
	pte_t a = FIELD_PREP(ATTRINDX, prot_attridx(prot)) | f->ng;

	if (!(prot & PT_PROT_TEST_NO_AF))
		a |= f->af;
	a |= cached ? f->sh_cached : f->sh_other;
	/* Stage-1 AP has no write-only encoding: WRITE alone maps read/write. */
	if (!(prot & PT_PROT_WRITE))
		a |= f->ap_rdonly;
	if (!(prot & PT_PROT_PRIV))
		a |= f->ap_unpriv;
	if (prot & PT_PROT_READ)
		a |= f->hap_read;
	if (prot & PT_PROT_WRITE)
		a |= f->hap_write;
	if (!(prot & PT_PROT_EXEC))
		a |= f->xn;
	return a;
}

unsigned pt_leaf_prot(const struct pt *pt, pte_t e)
{
	const struct pt_fmt *f = pt->fmt;
	unsigned prot = 0;

	if (f->hap_read) {
		prot |= e & f->hap_read ? PT_PROT_READ : 0;
		prot |= e & f->hap_write ? PT_PROT_WRITE : 0;
	} else {
		prot |= PT_PROT_READ;
		prot |= e & f->ap_rdonly ? 0 : PT_PROT_WRITE;
		prot |= e & f->ap_unpriv ? 0 : PT_PROT_PRIV;
		prot |= e & f->af ? 0 : PT_PROT_TEST_NO_AF;
	}
	prot |= e & f->xn ? 0 : PT_PROT_EXEC;
	switch (FIELD_GET(ATTRINDX, e)) {
	case PT_ATTRIDX_NONCACHED: prot |= PT_PROT_NONCACHED; break;
	case PT_ATTRIDX_DEVICE: prot |= PT_PROT_DEVICE; break;
	default: break;
	}
	return prot;
}

bool pt_leaf_global(const struct pt *pt, pte_t e)
{
	return pt->fmt->ng && !(e & pt->fmt->ng);
}

const char *pt_leaf_memtype(const struct pt *pt, pte_t e)
{
	(void)pt;
	switch (FIELD_GET(ATTRINDX, e)) {
	case PT_ATTRIDX_CACHED: return "cached";
	case PT_ATTRIDX_NONCACHED: return "non-cached";
	case PT_ATTRIDX_DEVICE: return "device";
	default: return "attr?";
	}
}

uint64_t pt_root_pa(const struct pt *pt)
{
	return table_pa(pt, pt->root);
}

static uint64_t ips_field(unsigned oas)
{
	static const unsigned bits[] = { 32, 36, 40, 42, 44, 48 };

	for (unsigned i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (oas <= bits[i])
			return i;
	return 5;
}

static uint64_t tg0_field(unsigned granule_shift)
{
	return granule_shift == 16 ? 1 : granule_shift == 14 ? 2 : 0;
}

void pt_hw_config(const struct pt *pt, struct pt_hw *out)
{
	bool coh = pt->cfg.coherent;
	uint64_t rgn = coh ? TCR_RGN_WBWA : TCR_RGN_NC;
	uint64_t walk = FIELD_PREP(TCR_IRGN0, rgn) | FIELD_PREP(TCR_ORGN0, rgn) |
			FIELD_PREP(TCR_SH0, coh ? TCR_SH_INNER : TCR_SH_OUTER);

	out->ttb = pt_root_pa(pt);
	out->mair = PT_MAIR_VALUE;
	if (pt->fmt->ttbcr) {
		out->tcr = TTBCR_EAE | TTBCR_EPD1 | FIELD_PREP(TTBCR_T0SZ, 32 - pt->cfg.ias) | walk;
		return;
	}
	out->tcr = FIELD_PREP(TCR_T0SZ, 64 - pt->cfg.ias) | walk |
		   FIELD_PREP(TCR_TG0, tg0_field(pt->granule_shift)) |
		   FIELD_PREP(TCR_IPS, ips_field(pt->cfg.oas));
	if (pt->cfg.fmt != PT_FMT_MALI_LPAE)
		return;
	out->ttb |= MALI_TRANSTAB_ADRMODE_TABLE | MALI_TRANSTAB_READ_INNER;
	if (coh)
		out->ttb |= MALI_TRANSTAB_SHARE_OUTER;
}
