/* SPDX-License-Identifier: MIT */
/*
 * The SMMUv3 behind the common GPU MMU interface (drivers/gpu_as.h): an
 * address space is one StreamID whose STE points to one context descriptor
 * (ASID, TTB0/TCR/MAIR from the core's pt_hw_config). Invalidation turns the
 * core's merged gather into the fewest TLBI_NH_VA commands (smmuv3_fmt.c).
 * Sources: Arm IHI 0070 3.21.3 (configuration update), 4.3 (CFGI), 4.4 (TLBI),
 * 5.2 (STE), 5.4 (CD), 7.3 (events).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "smmuv3.h"

/* More per-granule commands than this: invalidate the whole ASID instead. */
#define SMMU_TLBI_BATCH 64

static unsigned log2_of(size_t v) { return (unsigned)__builtin_ctzll(v); }

void smmu_as_init(struct smmu *s, struct gpu_as *as, uint32_t sid, uint16_t asid)
{
	gpu_as_init(as, &smmu_as_ops, s, sid, asid);
}

static bool granule_ok(const struct smmu *s, size_t g)
{
	return (g == 4096 && s->id.gran4k) || (g == 16384 && s->id.gran16k) ||
	       (g == 65536 && s->id.gran64k);
}

int smmu_pt_cfg(const struct smmu *s, struct gpu_as *as, size_t granule, unsigned ias,
		struct pt_cfg *cfg)
{
	if (!granule_ok(s, granule)) {
		printf("smmu: granule %zu not supported (IDR5 %#x)\n", granule, s->id.idr[5]);
		return -EINVAL;
	}
	gpu_as_pt_cfg(as, cfg);
	cfg->fmt = PT_FMT_ARM64_S1;
	cfg->granule = granule;
	cfg->ias = ias;
	cfg->oas = s->id.oas_bits > 48 ? 48 : s->id.oas_bits;
	cfg->coherent = s->coherent;
	cfg->pool = s->pool;
	return 0;
}

static int check_attach(const struct smmu *s, const struct gpu_as *as, const struct pt *pt)
{
	if (as->pt) {
		printf("smmu: StreamID %#x already attached\n", as->id);
		return -EBUSY;
	}
	if (pt->cfg.fmt != PT_FMT_ARM64_S1) {
		printf("smmu: format %s: an SMMUv3 CD walks AArch64 stage-1 tables only\n",
		       pt_format_name(pt->cfg.fmt));
		return -EINVAL;
	}
	if (!granule_ok(s, pt->cfg.granule)) {
		printf("smmu: granule %zu not supported\n", pt->cfg.granule);
		return -EINVAL;
	}
	if (as->id >> s->sid_bits) {
		printf("smmu: StreamID %#x beyond the %u-bit stream table\n", as->id, s->sid_bits);
		return -ERANGE;
	}
	if (as->asid >> (s->id.asid16 ? 16 : 8)) {
		printf("smmu: ASID %#x too wide\n", as->asid);
		return -ERANGE;
	}
	return 0;
}

/* While the STE still aborts, nothing can fetch a CD or fill the TLB for
 * this StreamID: drop a CD cached from an earlier attach and TLB entries a
 * previous table left under this ASID (IHI 0070 4.3.4, 4.4.1) before the STE
 * points to the new CD. */
static int drop_stale(struct smmu *s, struct gpu_as *as)
{
	struct smmu_cmd cmds[2];

	smmu_cmd_cfgi_cd(&cmds[0], as->id, true);
	smmu_cmd_tlbi_nh_asid(&cmds[1], (uint16_t)as->asid);
	as->hw_cmds++;
	return smmu_submit(s, cmds, 2);
}

/* Point the STE at the CD (complete in memory: smmu_ste_write puts a barrier
 * before dword 0). On a failure the STE goes back to abort, and the CD is
 * freed once the SMMU can no longer read it. */
static int install(struct smmu *s, struct gpu_as *as, uint64_t *ste, uint64_t *cd_mem)
{
	uint64_t ste_val[SMMU_STE_DWORDS];
	int ret;

	smmu_ste_s1(ste_val, smmu_pa_of(cd_mem), s->coherent);
	ret = smmu_ste_write(s, as->id, ste, ste_val);
	if (!ret)
		return 0;
	smmu_ste_abort(ste_val);
	if (smmu_ste_write(s, as->id, ste, ste_val) == 0)
		smmu_free(s, cd_mem, SMMU_CD_BYTES); /* else the SMMU may still read it: keep */
	return ret;
}

static int smmu_attach(struct gpu_as *as, struct pt *pt)
{
	struct smmu *s = as->dev;
	uint64_t cd[SMMU_CD_DWORDS], *cd_mem, *ste;
	struct pt_hw hw;
	int ret = check_attach(s, as, pt);

	if (ret)
		return ret;
	pt_hw_config(pt, &hw);
	/* Stall when the SMMU forces it (it refuses the CD otherwise), as Linux
	 * does with ARM_SMMU_FEAT_STALL_FORCE; stalled faults are resumed with
	 * an abort when their event is read (smmu_event_pop). */
	ret = smmu_cd_s1(cd, (uint16_t)as->asid, hw.ttb, hw.tcr, hw.mair,
			 s->id.stall_model == SMMU_STALL_FORCED);
	if (ret) {
		printf("smmu: TCR %#llx cannot be expressed in a CD\n", (unsigned long long)hw.tcr);
		return ret;
	}
	/* A new L2 stream table stays even if attach fails below: it only holds
	 * abort STEs, the state its StreamIDs had without it. */
	ste = smmu_ste(s, as->id, true);
	if (!ste)
		return -ENOMEM;
	if (smmu_ste_is_s1(ste)) {
		printf("smmu: StreamID %#x is in use by another address space\n", as->id);
		return -EBUSY;
	}
	cd_mem = smmu_alloc(s, SMMU_CD_BYTES);
	if (!cd_mem)
		return -ENOMEM;
	smmu_copy_dwords(cd_mem, cd, SMMU_CD_DWORDS);
	ret = drop_stale(s, as);
	if (ret) {
		smmu_free(s, cd_mem, SMMU_CD_BYTES); /* no STE points to it */
		return ret;
	}
	ret = install(s, as, ste, cd_mem);
	if (!ret)
		as->pt = pt;
	return ret;
}

/*
 * A stream whose CD stalls faults (only where IDR0.STALL_MODEL forces it,
 * see install()) may still hold stalled transactions whose events nobody
 * read: end them with an abort. IHI 0070 4.7.2 allows CMD_STALL_TERM only
 * once the STE terminates new transactions and that update is synced,
 * which smmu_ste_write() has done; the stream shutdown sequence of 4.7.2.1.
 */
static int stall_term(struct smmu *s, uint32_t sid)
{
	struct smmu_cmd term;

	if (s->id.stall_model != SMMU_STALL_FORCED)
		return 0;
	smmu_cmd_stall_term(&term, sid);
	return smmu_submit(s, &term, 1);
}

static int smmu_detach(struct gpu_as *as)
{
	struct smmu *s = as->dev;
	uint64_t ste_val[SMMU_STE_DWORDS], *ste = smmu_ste(s, as->id, false);
	struct smmu_cmd tlbi;
	void *cd;
	int ret, term_ret, tlbi_ret;

	if (!as->pt || !ste || !smmu_ste_is_s1(ste))
		return -ENOENT;
	cd = smmu_va_of(ste[0] & SMMU_STE_S1CTXPTR_MASK);
	smmu_ste_abort(ste_val);
	ret = smmu_ste_write(s, as->id, ste, ste_val);
	term_ret = ret ? 0 : stall_term(s, as->id);
	smmu_cmd_tlbi_nh_asid(&tlbi, (uint16_t)as->asid);
	tlbi_ret = smmu_submit(s, &tlbi, 1);
	as->hw_cmds++;
	as->pt = NULL;
	if (ret)
		return ret;
	/* Only after the CFGI_STE has completed can nothing fetch the CD. */
	smmu_free(s, cd, SMMU_CD_BYTES);
	return term_ret ? term_ret : tlbi_ret;
}

static int smmu_flush_all(struct gpu_as *as)
{
	struct smmu_cmd c;

	if (!as->pt)
		return 0; /* nothing can be cached for a StreamID not attached */
	smmu_cmd_tlbi_nh_asid(&c, (uint16_t)as->asid);
	as->hw_cmds++;
	return smmu_submit(as->dev, &c, 1);
}

/*
 * TTL for a gather (IHI 0070 4.4.1.1; Linux __arm_smmu_tlb_inv_range():
 * ttl = 4 - (log2(granule) - 3) / (tg - 3) for leaf invalidations): the level
 * of the leaves when they are all of one level, else 0. The gather gives the
 * smallest leaf size only; larger leaves can be told apart because the core
 * gathers every leaf it removes or replaces over its whole extent
 * (mmu/pt_unmap.c invalidate_cut() and clear_below()), so a range holding no
 * naturally aligned block of the next size up removed leaves of one size.
 * That is an assumption about the core, kept conservative: a range that does
 * hold such a block gets TTL 0 even if all its leaves were small.
 */
static unsigned gather_ttl(const struct pt_gather *g, unsigned tg_shift)
{
	unsigned bpl = tg_shift - 3, gshift, level;
	uint64_t next, first;

	if (g->tables || !g->granule)
		return 0;
	gshift = log2_of(g->granule);
	if (gshift < tg_shift || (gshift - tg_shift) % bpl)
		return 0;
	level = 3 - (gshift - tg_shift) / bpl;
	if (level < 1 || (level == 1 && tg_shift != 12))
		return 0;
	if (gshift + bpl >= 64)
		return level;
	next = 1ull << (gshift + bpl);
	first = (g->start + next - 1) & ~(next - 1);
	if (first >= g->start && first < g->end && g->end - first >= next)
		return 0;
	return level;
}

static int smmu_flush_range(struct gpu_as *as, const struct pt_gather *g)
{
	struct smmu *s = as->dev;
	struct smmu_cmd cmds[SMMU_TLBI_BATCH];
	struct smmu_tlbi_req r;
	size_t n;

	if (!as->pt || g->end <= g->start)
		return 0;
	r.start = g->start;
	r.end = g->end;
	r.asid = (uint16_t)as->asid;
	r.tg_shift = log2_of(as->pt->cfg.granule);
	r.stride_shift = log2_of(g->granule ? g->granule : as->pt->cfg.granule);
	/* Tables removed: walk caches hold them, so Leaf = 0 (IHI 0070 4.4.1). */
	r.leaf = !g->tables;
	r.ril = s->ril;
	r.ttl = gather_ttl(g, r.tg_shift);
	n = smmu_tlbi_va_cmds(&r, cmds, SMMU_TLBI_BATCH);
	if (n == 0 || n > SMMU_TLBI_BATCH)
		return smmu_flush_all(as);
	as->hw_cmds += n;
	return smmu_submit(s, cmds, n);
}

static void fault_from_event(const struct smmu_event *e, struct gpu_fault *f)
{
	memset(f, 0, sizeof(*f));
	f->addr = e->addr;
	f->source = e->sid;
	f->code = e->type;
	f->raw = e->raw[0];
	f->write = e->has_addr && !e->rnw;
	f->type = e->what;
	f->access = !e->has_addr ? "unknown" : e->ind ? "execute" : e->rnw ? "read" : "write";
}

/* The oldest event of this StreamID; others' are reported and dropped, at
 * most one queue's worth of them (then -EAGAIN: an event storm). */
static int smmu_read_fault(struct gpu_as *as, struct gpu_fault *f)
{
	struct smmu *s = as->dev;
	struct smmu_event e;
	char line[160];

	for (unsigned n = 0; n < smmu_evtq_entries(s); n++) {
		if (smmu_event_pop(s, &e))
			return -ENOENT;
		if (e.sid == as->id) {
			fault_from_event(&e, f);
			return 0;
		}
		smmu_event_describe(&e, line, sizeof(line));
		printf("smmu: event for another StreamID dropped: %s\n", line);
	}
	if (!smmu_events_pending(s))
		return -ENOENT;
	smmu_event_storm(s, smmu_evtq_entries(s));
	return -EAGAIN;
}

const struct gpu_as_ops smmu_as_ops = {
	.name = "smmuv3",
	.attach = smmu_attach,
	.detach = smmu_detach,
	.flush_range = smmu_flush_range,
	.flush_all = smmu_flush_all,
	.read_fault = smmu_read_fault,
};
