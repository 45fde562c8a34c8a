/* SPDX-License-Identifier: MIT */
/*
 * Flush gathering. A table unlinked by an edit may still be cached by the
 * walker (a walk cache holds table descriptors), so it is retired, not
 * freed: it goes back to the allocator only once the flush that covers its
 * removal has completed. When that flush fails the tables are parked on
 * pt->quarantine until a later full flush succeeds (or pt_fini).
 */
#include "pt_gather.h"

void pt_gather_add(struct pt_ctx *c, uint64_t va, uint64_t end, size_t granule, bool tables)
{
	struct pt_gather *g = &c->g;

	if (!c->gathered) {
		*g = (struct pt_gather){ va, end, granule, tables };
		c->gathered = true;
		return;
	}
	if (va < g->start)
		g->start = va;
	if (end > g->end)
		g->end = end;
	if (granule < g->granule)
		g->granule = granule;
	g->tables |= tables;
}

void pt_flush_settle(struct pt *pt, int ret, void **retired)
{
	bool all = false;

	if (ret) {
		if (pt->cfg.flush->flush_all(pt->cfg.flush_cookie)) {
			if (retired)
				pt_park(pt, retired);
			return;
		}
		all = true;
	}
	if (retired)
		pt_release_list(pt, retired);
	/* The parked tables belong to other ranges: a range flush need not
	 * have reached their walk-cache entries, only a full one does. */
	if (pt->quarantine && (all || !pt->cfg.flush->flush_all(pt->cfg.flush_cookie)))
		pt_release_list(pt, &pt->quarantine);
}

int pt_flush(struct pt_ctx *c)
{
	CHECK(c->gathered || !c->retired, "tables unlinked without a flush gathered");
	if (!c->gathered)
		return 0;
	c->gathered = false;
	return pt_flush_range(c->pt, c->g.start, c->g.end, c->g.granule, c->g.tables, &c->retired);
}
