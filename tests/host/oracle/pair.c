/* SPDX-License-Identifier: MIT */
#include "tests/host/oracle/pair.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/mali_mmu.h"
#include "mmu/bits.h"

#define TTBCR_EAE BIT(31)

static int read64(void *ctx, uint64_t pa, uint64_t *val)
{
	struct pair *p = ctx;

	if (pa < PAIR_PA_BASE || pa - PAIR_PA_BASE > 2ull * PAIR_POOL_BYTES - 8 || (pa & 7))
		return -1;
	memcpy(val, p->arena + (pa - PAIR_PA_BASE), 8);
	return 0;
}

uint64_t pair_gp_memattr(const struct pair_cfg *c)
{
	return mali_memattr(c->fmt, c->coherent);
}

static enum lx_fmt lx_fmt_of(enum pt_format f)
{
	return f == PT_FMT_MALI_LPAE ? LX_MALI_LPAE : f == PT_FMT_ARM32_LPAE_S1 ? LX_ARM32_LPAE_S1 :
	       LX_ARM64_S1;
}

static int sides_init(struct pair *p, char *err, size_t len)
{
	struct pt_hw hw, lhw = { 0 };
	struct lx_regs r;
	struct pt_cfg cfg = *gp_pt_cfg(&p->g);
	const char *why = NULL;
	bool mali = p->c.fmt == PT_FMT_MALI_LPAE;

	gp_hw(&p->g, &hw);
	lx_get_regs(p->l, &r);
	lhw.ttb = mali ? r.transtab : r.ttbr;
	lhw.tcr = lf_tcr(r.tcr_tsz, r.tcr_irgn, r.tcr_orgn, r.tcr_sh, r.tcr_tg, r.tcr_ips);
	if (p->c.fmt == PT_FMT_ARM32_LPAE_S1)
		/* io-pgtable gives TCR_EL1 terms (tsz = 64 - ias); the ARMv7 TTBCR
		 * (DDI 0406C.c B4.1.153) counts T0SZ from 32, and EAE selects the
		 * long-descriptor format, as any driver of these tables sets it. */
		lhw.tcr = TTBCR_EAE | lf_tcr(r.tcr_tsz - 32, r.tcr_irgn, r.tcr_orgn, r.tcr_sh, 0, 0);
	if (lf_side_init(&p->gs, "gpummu", &cfg, &hw, mali ? pair_gp_memattr(&p->c) : hw.mair, &why)) {
		snprintf(err, len, "gpummu registers: %s", why);
		return -1;
	}
	if (lf_side_init(&p->ls, "Linux", &cfg, &lhw, mali ? r.memattr : r.mair, &why)) {
		snprintf(err, len, "Linux registers: %s", why);
		return -1;
	}
	return 0;
}

int pair_new(struct pair *p, const struct pair_cfg *c, void (*gp_flush)(void *, const struct pt_gather *),
	     const struct lx_flush_hooks *lx_hooks, void *ctx, char *err, size_t len)
{
	int64_t off;
	int ret;

	memset(p, 0, sizeof(*p));
	p->c = *c;
	p->arena = aligned_alloc(1u << 16, 2ull * PAIR_POOL_BYTES);
	p->meta[0] = malloc(PAIR_POOL_BYTES / POOL_PAGE_SIZE);
	p->meta[1] = malloc(PAIR_POOL_BYTES / POOL_PAGE_SIZE);
	if (!p->arena || !p->meta[0] || !p->meta[1] ||
	    pool_init(&p->pool[0], p->arena, PAIR_POOL_BYTES, p->meta[0]) ||
	    pool_init(&p->pool[1], p->arena + PAIR_POOL_BYTES, PAIR_POOL_BYTES, p->meta[1])) {
		snprintf(err, len, "no memory for the pools");
		return -1;
	}
	off = (int64_t)(PAIR_PA_BASE - (uint64_t)(uintptr_t)p->arena);
	p->mem = (struct rw_mem){ read64, p };
	ret = gp_init(&p->g, &(struct gp_cfg){
		.fmt = c->fmt, .granule = c->granule, .ias = c->ias, .oas = c->oas,
		.coherent = c->coherent, .pool = &p->pool[0], .pa_offset = off,
		.on_flush = gp_flush, .ctx = ctx });
	if (ret) {
		snprintf(err, len, "gpummu pt_init: %d", ret);
		return ret;
	}
	if (lx_hooks)
		p->lx_hooks = *lx_hooks;
	p->l = lx_new(&(struct lx_cfg){
		.fmt = lx_fmt_of(c->fmt), .granule = c->granule, .ias = c->ias, .oas = c->oas,
		.coherent = c->coherent, .flush_on_map = c->fmt == PT_FMT_MALI_LPAE,
		.pool = &p->pool[1], .pa_offset = off, .hooks = lx_hooks ? &p->lx_hooks : NULL });
	if (!p->l) {
		snprintf(err, len, "Linux alloc_io_pgtable_ops refused the configuration");
		return -1;
	}
	return sides_init(p, err, len);
}

int pair_delete(struct pair *p)
{
	bool whole;

	if (p->l)
		lx_free(p->l);
	if (p->g.pt.root)
		gp_fini(&p->g);
	whole = pool_free_pages(&p->pool[0]) == p->pool[0].st.total_pages &&
		pool_free_pages(&p->pool[1]) == p->pool[1].st.total_pages;
	lf_free(&p->gl);
	lf_free(&p->ll);
	free(p->meta[0]);
	free(p->meta[1]);
	free(p->arena);
	return whole ? 0 : -1;
}

int pair_walk(struct pair *p, char *err, size_t len)
{
	if (lf_collect(&p->gs, &p->mem, &p->gl, err, len))
		return -1;
	return lf_collect(&p->ls, &p->mem, &p->ll, err, len);
}
