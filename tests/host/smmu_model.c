/* SPDX-License-Identifier: MIT */
/* The SMMUv3 register model; its assumptions are listed in smmu_model.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tests/host/mmio_host.h"
#include "tests/host/smmu_model.h"

/* IHI 0070 6.2 */
#define R_IDR0          0x00
#define R_CR0           0x20
#define R_CR0ACK        0x24
#define R_CR1           0x28
#define R_CR2           0x2c
#define R_GBPA          0x44
#define R_GERROR        0x60
#define R_GERRORN       0x64
#define R_STRTAB_BASE   0x80
#define R_STRTAB_CFG    0x88
#define R_CMDQ_BASE     0x90
#define R_CMDQ_PROD     0x98
#define R_CMDQ_CONS     0x9c
#define R_EVTQ_BASE     0xa0
#define R_EVTQ_PROD     0x100a8
#define R_EVTQ_CONS     0x100ac

#define CR0_SMMUEN      1u
#define CR0_CMDQEN      (1u << 3)
#define GBPA_ABORT      (1u << 20)
#define GBPA_UPDATE     (1u << 31)
#define GERROR_CMDQ_ERR 1u
#define CONS_ERR_ILL    (1u << 24)
#define EVTQ_OVFLG      (1u << 31)
#define Q_ADDR          0x000fffffffffffe0ull
#define Q_LOG2          0x1fu
/* STRTAB_BASE / _CFG (IHI 0070 6.3.23, 6.3.24), L1 descriptor (5.1), STE (5.2) */
#define STRTAB_ADDR     0x000fffffffffffc0ull
#define STRTAB_LOG2     0x3fu
#define STRTAB_SPLIT(c) (((c) >> 6) & 0x1fu)
#define STRTAB_2LVL     (1u << 16)
#define L1_SPAN         0x1full
#define L1_L2PTR        0x000fffffffffffc0ull
#define STE_V           1ull
#define STE_CFG(dw0)    (((dw0) >> 1) & 7u)
#define STE_CFG_S1      5u
#define STE_S1CTXPTR    0x000fffffffffffc0ull
/* IDR0.STALL_MODEL (6.3.1), CD.S (5.4) */
#define IDR0_STALL(idr0) (((idr0) >> 24) & 3u)
#define STALL_NONE      1u
#define STALL_FORCED    2u
#define CD0_S           (1ull << 44)
/* Per STE: the SMMU may hold a dword 0 that reads dwords 1..7; a CFGI_STE of
 * it was consumed and completes at the next CMD_SYNC (unless the entry
 * changes first); dwords 1..7 changed since its last CFGI_STE + CMD_SYNC. */
#define HELD_READS_REST 1u
#define CFGI_PENDING    2u
#define REST_CHANGED    4u
#define CHANGED         8u /* since the last CFGI_STE + CMD_SYNC */

static void violation(struct smmu_model *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->last_violation, sizeof(m->last_violation), fmt, ap);
	va_end(ap);
	m->violations++;
}

void smmu_model_init(struct smmu_model *m)
{
	/* QEMU 7.2's ID registers: stage 1, AArch64, coherent, ASID16, 2-level
	 * stream table, 16-bit StreamIDs, 2^19 queues, RIL, 44-bit OAS, 4/16/64K. */
	static const uint32_t qemu_idr[6] = { 0x0d40101a, 16u | 19u << 16 | 19u << 21, 0,
					      0x1404, 0, 0x74 };

	memset(m, 0, sizeof(*m));
	memcpy(m->idr, qemu_idr, sizeof(m->idr));
}

/* ---- queues (IHI 0070 3.5): index [log2-1:0], wrap bit [log2] ---- */

static unsigned q_log2(uint64_t base)
{
	return (unsigned)(base & Q_LOG2);
}

static uint32_t q_inc(uint32_t v, unsigned log2)
{
	return (v + 1u) & ((2u << log2) - 1u);
}

static bool q_full(uint32_t prod, uint32_t cons, unsigned log2)
{
	uint32_t mask = (1u << log2) - 1u;

	return (prod & mask) == (cons & mask) && ((prod ^ cons) & (1u << log2));
}

static void *q_entry(uint64_t base, uint32_t ptr, size_t bytes)
{
	uint32_t idx = ptr & ((1u << q_log2(base)) - 1u);

	return (uint8_t *)(uintptr_t)(base & Q_ADDR) + (size_t)idx * bytes;
}

/* ---- STE updates (the rule and its sources: smmu_model.h) ---- */

/* V = 1 and Config bypass or translate: the SMMU reads dwords 1..7. */
static bool ste_reads_rest(uint64_t dw0)
{
	return (dw0 & STE_V) && (STE_CFG(dw0) & 4u);
}

/* The watched run at mem, started from what is there now when it is new. */
static struct smmu_model_stes *ste_run(struct smmu_model *m, const uint64_t *mem, uint32_t sid0,
				       uint32_t n)
{
	struct smmu_model_stes *slot = NULL;

	for (unsigned i = 0; i < SMMU_MODEL_STE_RUNS; i++) {
		if (m->stes[i].mem == mem)
			return &m->stes[i];
		if (!m->stes[i].mem && !slot)
			slot = &m->stes[i];
	}
	if (!slot || n > SMMU_MODEL_RUN_STES) {
		violation(m, "model: %u STEs at StreamID %#x, more than it watches", n, sid0);
		return NULL;
	}
	slot->mem = mem;
	slot->sid0 = sid0;
	slot->n = n;
	for (uint32_t i = 0; i < n; i++) {
		memcpy(slot->seen[i], &mem[i * 8], sizeof(slot->seen[i]));
		slot->flags[i] = ste_reads_rest(mem[i * 8]) ? HELD_READS_REST : 0;
	}
	return slot;
}

static void ste_check(struct smmu_model *m, struct smmu_model_stes *r)
{
	for (uint32_t i = 0; r && i < r->n; i++) {
		const uint64_t *now = &r->mem[i * 8];
		uint64_t *seen = r->seen[i];
		bool rest = memcmp(now + 1, seen + 1, 7 * sizeof(now[0])) != 0;

		if (rest || now[0] != seen[0]) {
			m->ste_changes++;
			/* A CFGI_STE consumed before this change does not cover it. */
			r->flags[i] &= ~CFGI_PENDING;
			r->flags[i] |= CHANGED;
		}
		if (rest)
			r->flags[i] |= REST_CHANGED;
		if (rest && (r->flags[i] & HELD_READS_REST))
			violation(m, "STE %#x: dwords 1-7 changed while the SMMU may still hold a "
				  "dword 0 that uses them (now %#llx): no CFGI_STE + CMD_SYNC since "
				  "it was valid", r->sid0 + i, (unsigned long long)now[0]);
		else if (now[0] != seen[0] && ste_reads_rest(now[0]) &&
			 (r->flags[i] & REST_CHANGED))
			violation(m, "STE %#x: dword 0 %#llx made valid with dwords 1-7 changed since "
				  "the last CFGI_STE + CMD_SYNC: the SMMU may have read or cached old "
				  "ones", r->sid0 + i, (unsigned long long)now[0]);
		if (ste_reads_rest(now[0]))
			r->flags[i] |= HELD_READS_REST;
		memcpy(seen, now, sizeof(r->seen[i]));
	}
}

/* What the CPU stored since the last look is now visible, in any order. */
static void ste_observe(void *ctx)
{
	struct smmu_model *m = ctx;
	const uint64_t *base = (const uint64_t *)(uintptr_t)(m->strtab_base & STRTAB_ADDR);
	unsigned log2 = m->strtab_cfg & STRTAB_LOG2, split = STRTAB_SPLIT(m->strtab_cfg);

	if (!(m->cr0 & CR0_SMMUEN))
		return;
	if (!(m->strtab_cfg & STRTAB_2LVL)) {
		ste_check(m, ste_run(m, base, 0, 1u << log2));
		return;
	}
	for (uint32_t i = 0; i < 1u << (log2 - split); i++) {
		uint64_t d = base[i];

		if (d & L1_SPAN)
			ste_check(m, ste_run(m, (const uint64_t *)(uintptr_t)(d & L1_L2PTR),
					     i << split, 1u << ((d & L1_SPAN) - 1)));
	}
}

/* CFGI_STE (span_log2 0) or CFGI_STE_RANGE: pending until the CMD_SYNC. */
static void ste_cfgi(struct smmu_model *m, uint32_t sid, unsigned span_log2)
{
	uint64_t first = span_log2 >= 32 ? 0 : sid & ~((1ull << span_log2) - 1);
	uint64_t end = first + (1ull << (span_log2 >= 32 ? 32 : span_log2));

	for (unsigned r = 0; r < SMMU_MODEL_STE_RUNS; r++)
		for (uint32_t i = 0; m->stes[r].mem && i < m->stes[r].n; i++)
			if (m->stes[r].sid0 + i >= first && m->stes[r].sid0 + i < end)
				m->stes[r].flags[i] |= CFGI_PENDING;
}

/* The CD a stage-1 STE points to, as the SMMU fetching it judges CD.S. */
static void cd_check(struct smmu_model *m, uint32_t sid, uint64_t dw0)
{
	const uint64_t *cd = (const uint64_t *)(uintptr_t)(dw0 & STE_S1CTXPTR);
	unsigned stall = IDR0_STALL(m->idr[0]);
	bool s = cd[0] & CD0_S;

	if (STE_CFG(dw0) != STE_CFG_S1)
		return;
	if (stall == STALL_FORCED && !s)
		violation(m, "C_BAD_CD: StreamID %#x's CD has S = 0 but IDR0.STALL_MODEL is "
			  "0b10 (stall forced)", sid);
	else if (stall == STALL_NONE && s)
		violation(m, "C_BAD_CD: StreamID %#x's CD has S = 1 but IDR0.STALL_MODEL is "
			  "0b01 (no stall)", sid);
}

/* CMD_SYNC: the invalidated STEs are dropped; the SMMU holds what is there
 * now, and fetches the CD of a stage-1 one. */
static void ste_sync(struct smmu_model *m)
{
	for (unsigned r = 0; r < SMMU_MODEL_STE_RUNS; r++) {
		struct smmu_model_stes *run = &m->stes[r];

		for (uint32_t i = 0; run->mem && i < run->n; i++) {
			if (!(run->flags[i] & CFGI_PENDING))
				continue;
			run->flags[i] = ste_reads_rest(run->seen[i][0]) ? HELD_READS_REST : 0;
			if (run->flags[i])
				cd_check(m, run->sid0 + i, run->seen[i][0]);
		}
	}
}

/* The flags and the dword 0 the SMMU holds of StreamID sid's STE, or NULL. */
static const uint64_t *ste_held(struct smmu_model *m, uint32_t sid, unsigned *flags)
{
	for (unsigned r = 0; r < SMMU_MODEL_STE_RUNS; r++) {
		struct smmu_model_stes *run = &m->stes[r];

		if (run->mem && sid >= run->sid0 && sid - run->sid0 < run->n) {
			*flags = run->flags[sid - run->sid0];
			return run->seen[sid - run->sid0];
		}
	}
	return NULL;
}

/* ---- stalls (IHI 0070 3.12.2, 4.7; the rule: smmu_model.h) ---- */

static void stall_add(struct smmu_model *m, uint32_t sid, uint16_t stag)
{
	if (m->stalled == SMMU_MODEL_STALLS)
		return;
	m->stalled_sid[m->stalled] = sid;
	m->stalled_stag[m->stalled++] = stag;
}

/* Drop the stalls of sid (all of them, or the one tagged stag). */
static void stall_answer(struct smmu_model *m, uint32_t sid, bool all, uint16_t stag)
{
	unsigned kept = 0;

	for (unsigned i = 0; i < m->stalled; i++) {
		if (m->stalled_sid[i] == sid && (all || m->stalled_stag[i] == stag))
			continue;
		m->stalled_sid[kept] = m->stalled_sid[i];
		m->stalled_stag[kept++] = m->stalled_stag[i];
	}
	m->stalled = kept;
}

static bool stall_term(struct smmu_model *m, uint32_t sid)
{
	unsigned flags = 0;
	const uint64_t *dw0 = ste_held(m, sid, &flags);

	if (IDR0_STALL(m->idr[0]) == STALL_NONE)
		return false; /* CERROR_ILL */
	m->stall_terms++;
	if (!dw0 || !(*dw0 & STE_V) || STE_CFG(*dw0) != 0 || (flags & (CHANGED | CFGI_PENDING)))
		violation(m, "CMD_STALL_TERM of StreamID %#x before its STE aborts and a CFGI_STE + "
			  "CMD_SYNC made that current (IHI 0070 4.7.2: UNPREDICTABLE)", sid);
	stall_answer(m, sid, true, 0);
	return true;
}

/* ---- commands (IHI 0070 4) ---- */

static bool tlbi_va_legal(const uint64_t dw[2])
{
	unsigned num = (dw[0] >> 12) & 0x1f, scale = (dw[0] >> 20) & 0x1f;
	unsigned ttl = (dw[1] >> 8) & 3, tg = (dw[1] >> 10) & 3;

	if (tg == 0)
		return !num && !scale && !ttl;
	return (num || scale || ttl) && !(ttl == 1 && tg != 1);
}

static bool command_ok(struct smmu_model *m, const uint64_t dw[2])
{
	switch (dw[0] & 0xff) {
	case 0x03:
		ste_cfgi(m, (uint32_t)(dw[0] >> 32), 0);
		return true;
	case 0x04: /* CFGI_STE_RANGE: 2^(Range + 1) StreamIDs */
		ste_cfgi(m, (uint32_t)(dw[0] >> 32), (unsigned)(dw[1] & 0x1f) + 1);
		return true;
	case 0x44: /* CMD_RESUME */
		m->resumes++;
		memcpy(m->last_resume, dw, sizeof(m->last_resume));
		stall_answer(m, (uint32_t)(dw[0] >> 32), false, (uint16_t)dw[1]);
		return true;
	case 0x45:
		return stall_term(m, (uint32_t)(dw[0] >> 32));
	case 0x46:
		ste_sync(m);
		return true;
	case 0x05: case 0x10: case 0x11: case 0x20: case 0x30:
		return true;
	case 0x12:
		m->tlbi_va++;
		return tlbi_va_legal(dw);
	}
	return false;
}

/* Consume from CONS to PROD, stopping at a refused command. */
static void cmdq_run(struct smmu_model *m)
{
	unsigned log2 = q_log2(m->cmdq_base);

	if (!(m->cr0 & CR0_CMDQEN) || ((m->gerror ^ m->gerrorn) & GERROR_CMDQ_ERR))
		return; /* disabled, or stopped until the error is acknowledged */
	m->cmdq_cons &= ~(0x7fu << 24);
	while ((m->cmdq_cons & ((2u << log2) - 1u)) != m->cmdq_prod) {
		const uint64_t *dw = q_entry(m->cmdq_base, m->cmdq_cons, 16);

		m->commands++;
		if (!command_ok(m, dw)) {
			m->cmdq_cons |= CONS_ERR_ILL;
			m->gerror ^= GERROR_CMDQ_ERR;
			return;
		}
		m->cmdq_cons = q_inc(m->cmdq_cons, log2);
	}
}

/* ---- events (IHI 0070 7) ---- */

void smmu_model_event(struct smmu_model *m, uint32_t sid, uint64_t addr)
{
	unsigned log2 = q_log2(m->evtq_base);
	uint32_t prod = m->evtq_prod & ~EVTQ_OVFLG;
	uint64_t *e;

	if (q_full(prod, m->evtq_cons & ~EVTQ_OVFLG, log2)) {
		m->evtq_prod ^= EVTQ_OVFLG;
		return;
	}
	e = q_entry(m->evtq_base, prod, 32);
	e[0] = 0x10 | (uint64_t)sid << 32; /* F_TRANSLATION */
	e[1] = 2ull << 40; /* CLASS = input address */
	if (m->stall_events) {
		e[1] |= 1ull << 31 | (m->events_made & 0xffff); /* Stall, STAG */
		stall_add(m, sid, (uint16_t)m->events_made);
	}
	e[2] = addr;
	e[3] = 0;
	m->evtq_prod = (m->evtq_prod & EVTQ_OVFLG) | q_inc(prod, log2);
	m->events_made++;
}

static uint32_t evtq_prod_read(struct smmu_model *m)
{
	if (m->storm && m->storm_left) {
		m->storm_left--;
		smmu_model_event(m, m->storm_sid, 0x1000 * m->events_made);
	}
	return m->evtq_prod;
}

/* ---- register file ---- */

static uint64_t reg_read(void *ctx, uintptr_t off, unsigned size)
{
	struct smmu_model *m = ctx;

	if (off < 0x18 && size == 4)
		return m->idr[off / 4];
	switch (off) {
	case R_CR0: case R_CR0ACK: return m->cr0;
	case R_GBPA: return m->gbpa;
	case R_GERROR: return m->gerror;
	case R_GERRORN: return m->gerrorn;
	case R_CMDQ_PROD: return m->cmdq_prod;
	case R_CMDQ_CONS: return m->cmdq_cons;
	case R_EVTQ_PROD: return evtq_prod_read(m);
	case R_EVTQ_CONS: return m->evtq_cons;
	}
	violation(m, "%u-byte read at %#lx", size, (unsigned long)off);
	return 0;
}

static void cr0_write(struct smmu_model *m, uint32_t val)
{
	if ((m->cr0 & CR0_SMMUEN) && !(val & CR0_SMMUEN) && !(m->gbpa & GBPA_ABORT))
		violation(m, "SMMUEN cleared with GBPA.ABORT clear: DMA bypasses translation "
			  "during the reset");
	/* Disabled, the SMMU reads no STE: the next enable starts the watch anew. */
	if (!(val & CR0_SMMUEN))
		memset(m->stes, 0, sizeof(m->stes));
	m->cr0 = val;
	ste_observe(m);
}

static void reg_write(void *ctx, uintptr_t off, uint64_t val, unsigned size)
{
	struct smmu_model *m = ctx;
	uint32_t v = (uint32_t)val;

	ste_observe(m); /* a barrier precedes every MMIO write (drivers/mmio.c) */
	if (size == 8) {
		switch (off) {
		case R_STRTAB_BASE: m->strtab_base = val; return;
		case R_CMDQ_BASE: m->cmdq_base = val; return;
		case R_EVTQ_BASE: m->evtq_base = val; return;
		}
	} else if (size == 4) {
		switch (off) {
		case R_CR0: cr0_write(m, v); return;
		case R_CR1: m->cr1 = v; return;
		case R_CR2: m->cr2 = v; return;
		case R_GBPA: m->gbpa = v & ~GBPA_UPDATE; return;
		case R_GERRORN: m->gerrorn = v; return;
		case R_STRTAB_CFG: m->strtab_cfg = v; return;
		case R_CMDQ_PROD: m->cmdq_prod = v; cmdq_run(m); return;
		case R_CMDQ_CONS: m->cmdq_cons = v; return;
		case R_EVTQ_PROD: m->evtq_prod = v; return;
		case R_EVTQ_CONS: m->evtq_cons = v; return;
		}
	}
	violation(m, "%u-byte write of %#llx at %#lx", size, (unsigned long long)val,
		  (unsigned long)off);
}

static const struct mmio_model_ops smmu_model_ops = { reg_read, reg_write };

int smmu_model_map(struct smmu_model *m, uintptr_t base)
{
	int ret = mmio_host_map(base, SMMU_MODEL_SIZE, &smmu_model_ops, m);

	return ret ? ret : mmio_host_on_barrier(ste_observe, m);
}
