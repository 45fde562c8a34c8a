/* SPDX-License-Identifier: MIT */
/*
 * The formats as data: descriptor bits per format, prot to leaf attributes,
 * and the register values (TTB, TCR, MAIR) that point a walker at a table.
 *
 * Sources (facts only):
 *  Arm DDI 0487 (Arm ARM) D8.3 "Translation table descriptor formats",
 *    D8.4 memory attributes (AttrIndx[4:2], SH[9:8], AP[7:6], AF[10]),
 *    D8.6.1 contiguous bit, D17 TCR_EL1 fields.
 *  Linux drivers/iommu/io-pgtable-arm.c: ARM_MALI_LPAE uses stage-2 style
 *    HAP read (bit 6) / write (bit 7), stage-1 AttrIndx, no AF, outer
 *    shareable always, BLOCK type (0b01) for last-level pages, XN as
 *    (3 << 53), 4 levels whatever the IAS, OAS <= 40, page sizes 4K/2M/1G;
 *    TRANSTAB = table PA | ADRMODE_TABLE (3) | READ_INNER (bit 2), plus
 *    SHARE_OUTER (bit 4) for a coherent walk.
 */
#include "pt_internal.h"

#define ATTRINDX_SHIFT 2                 /* AttrIndx[2:0] at bits [4:2] */
#define SH_OUTER       (2ull << 8)
#define SH_INNER       (3ull << 8)
#define AP_UNPRIV      (1ull << 6)       /* AP[1]: EL0 access */
#define AP_RDONLY      (1ull << 7)       /* AP[2]: read-only */
#define HAP_READ       (1ull << 6)
#define HAP_WRITE      (1ull << 7)
#define PTE_AF         (1ull << 10)
#define PTE_NG         (1ull << 11)      /* stage 1 only: not global, tagged by ASID */
#define PTE_XN         (3ull << 53)      /* UXN (54) | PXN (53) */

/* TCR_EL1 TTBR0 fields: Arm DDI 0487 D17.2 */
#define TCR_T0SZ(x)    ((uint64_t)(x) << 0)
#define TCR_IRGN0(x)   ((uint64_t)(x) << 8)
#define TCR_ORGN0(x)   ((uint64_t)(x) << 10)
#define TCR_SH0(x)     ((uint64_t)(x) << 12)
#define TCR_TG0(x)     ((uint64_t)(x) << 14)
#define TCR_IPS(x)     ((uint64_t)(x) << 32)
#define TCR_RGN_NC     0
#define TCR_RGN_WBWA   1
#define TCR_SH_OUTER   2
#define TCR_SH_INNER   3

/* Mali TRANSTAB mode bits: Linux io-pgtable-arm.c ARM_MALI_LPAE_TTBR_* */
#define MALI_TRANSTAB_ADRMODE_TABLE 3ull
#define MALI_TRANSTAB_READ_INNER    (1ull << 2)
#define MALI_TRANSTAB_SHARE_OUTER   (1ull << 4)

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
		.contig_entries = { 16, 128, 32 },
		.max_ias = 48,
		.max_oas = 48,
		.granules = 1u << 0 | 1u << 2 | 1u << 4,
	},
	[PT_FMT_MALI_LPAE] = {
		.name = "MALI_LPAE",
		.last_level_type = PTE_TYPE_BLOCK,
		.sh_cached = SH_OUTER,
		.sh_other = SH_OUTER,
		.hap_read = HAP_READ,
		.hap_write = HAP_WRITE,
		.xn = PTE_XN,
		.max_ias = 48,
		.max_oas = 40,
		.granules = 1u << 0,
		.full_levels = true,
		.flush_on_map = true, /* panfrost flushes after every map */
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
	if (fmt == PT_FMT_ARM32_LPAE_S1)
		return "ARM32_LPAE_S1";
	const struct pt_fmt *f = pt_fmt_get(fmt);

	return f ? f->name : "unknown";
}

pte_t pt_prot_attrs(const struct pt *pt, unsigned prot)
{
	const struct pt_fmt *f = pt->fmt;
	pte_t a = (prot & PT_PROT_TEST_NO_AF ? 0 : f->af) | f->ng;
	bool cached = !(prot & (PT_PROT_NONCACHED | PT_PROT_DEVICE));

	if (prot & PT_PROT_DEVICE)
		a |= (pte_t)PT_ATTRIDX_DEVICE << ATTRINDX_SHIFT;
	else if (prot & PT_PROT_NONCACHED)
		a |= (pte_t)PT_ATTRIDX_NONCACHED << ATTRINDX_SHIFT;
	else
		a |= (pte_t)PT_ATTRIDX_CACHED << ATTRINDX_SHIFT;
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

	out->ttb = pt_root_pa(pt);
	out->mair = PT_MAIR_VALUE;
	out->tcr = TCR_T0SZ(64 - pt->cfg.ias) | TCR_IRGN0(rgn) | TCR_ORGN0(rgn) |
		   TCR_SH0(coh ? TCR_SH_INNER : TCR_SH_OUTER) |
		   TCR_TG0(tg0_field(pt->granule_shift)) | TCR_IPS(ips_field(pt->cfg.oas));
	if (pt->cfg.fmt != PT_FMT_MALI_LPAE)
		return;
	out->ttb |= MALI_TRANSTAB_ADRMODE_TABLE | MALI_TRANSTAB_READ_INNER;
	if (coh)
		out->ttb |= MALI_TRANSTAB_SHARE_OUTER;
}
