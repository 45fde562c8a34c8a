/* SPDX-License-Identifier: MIT */
/* The Mali MMU register model; its assumptions are listed in mali_model.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/host/mali_model.h"
#include "tests/host/mmio_host.h"

/* Register offsets: Linux panthor_regs.h / panfrost_regs.h */
#define R_GPU_ID        0x000
#define R_MMU_FEATURES  0x014
#define R_AS_PRESENT    0x018
#define R_GPU_RAWSTAT   0x020
#define R_GPU_CLEAR     0x024
#define R_GPU_MASK      0x028
#define R_GPU_STAT      0x02c
#define R_GPU_CMD       0x030
#define R_MMU_RAWSTAT   0x2000
#define R_MMU_CLEAR     0x2004
#define R_MMU_MASK      0x2008
#define R_MMU_STAT      0x200c
#define R_AS0           0x2400
#define AS_STRIDE       0x40
#define A_TRANSTAB      0x00
#define A_MEMATTR       0x08
#define A_LOCKADDR      0x10
#define A_COMMAND       0x18
#define A_FAULTSTATUS   0x1c
#define A_FAULTADDRESS  0x20
#define A_STATUS        0x28
#define A_TRANSCFG      0x30

#define CMD_UPDATE 1
#define CMD_LOCK 2
#define CMD_UNLOCK 3
#define CMD_FLUSH_PT 4
#define CMD_FLUSH_MEM 5

#define IRQ_CLEAN_CACHES (1u << 17)
#define FLUSH_LATENCY_READS 2

/* Exception codes (panfrost_drm.h), level or stage added */
#define EXC_TRANSLATION 0xc0
#define EXC_PERMISSION  0xc8
#define EXC_TABLE_BUS   0xd0
#define EXC_ACCESS_FLAG 0xd8
#define EXC_ADDR_SIZE_IN  0xe0
#define EXC_ADDR_SIZE_OUT 0xe4

#define DESC_ADDR_MASK   0x0000fffffffff000ull
#define DESC_XN          (1ull << 54)
#define DESC_AF          (1ull << 10)
#define LPAE_RD          (1ull << 6)
#define LPAE_WR          (1ull << 7)
#define A64_AP_UNPRIV    (1ull << 6)
#define A64_AP_RDONLY    (1ull << 7)
#define TRANSCFG_DISABLE_AF_FAULT (1ull << 34)

static void violation(struct mali_model *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->last_violation, sizeof(m->last_violation), fmt, ap);
	va_end(ap);
	m->violations++;
}

/*
 * GPU_ID arch major [31:28]. The T60x reports product 0x6956, which panfrost
 * rewrites to 0x0600 before anything is decoded (panfrost_gpu.c
 * panfrost_gpu_init_features(): "The T60x has an oddball ID value"): it is a
 * Midgard part, arch 0, with no AS_TRANSCFG.
 */
static unsigned model_arch_major(uint32_t gpu_id)
{
	return (gpu_id >> 16) == 0x6956 ? 0 : gpu_id >> 28;
}

/*
 * Which GPUs walk AArch64 tables (TRANSCFG ADRMODE_AARCH64_4K): every CSF GPU
 * (panthor uses nothing else), and the job-manager products that panfrost
 * marks HW_FEATURE_AARCH64_MMU (panfrost_features.h: G76 0x7001, G31 0x7003,
 * G57 0x9001; product field masked with 0xf00f as panfrost_model_cmp()).
 */
static bool model_has_aarch64_mmu(uint32_t gpu_id)
{
	unsigned key = (gpu_id >> 16) & 0xf00f;

	if (model_arch_major(gpu_id) >= 10)
		return true;
	return key == 0x7001 || key == 0x7003 || key == 0x9001;
}

void mali_model_init(struct mali_model *m, const struct mali_model_cfg *cfg)
{
	memset(m, 0, sizeof(*m));
	m->cfg = *cfg;
	m->csf = model_arch_major(cfg->gpu_id) >= 10;
	m->has_transcfg = model_arch_major(cfg->gpu_id) >= 6;
	m->aarch64 = model_has_aarch64_mmu(cfg->gpu_id);
	for (unsigned i = 0; i < MALI_MODEL_AS; i++)
		m->as[i].transcfg = m->as[i].a_transcfg = 1; /* ADRMODE_UNMAPPED at reset */
}

void mali_model_fini(struct mali_model *m)
{
	for (unsigned i = 0; i < m->nmem; i++)
		free(m->mem[i].dram);
	m->nmem = 0;
}

int mali_model_add_mem(struct mali_model *m, uint64_t pa, void *cpu, size_t size, bool poison)
{
	struct mali_model_mem *r;

	if (m->nmem == MALI_MODEL_MEMS)
		return -ENOSPC;
	r = &m->mem[m->nmem];
	r->dram = malloc(size);
	if (!r->dram)
		return -ENOMEM;
	if (poison)
		memset(r->dram, 0xff, size);
	else
		memcpy(r->dram, cpu, size);
	r->pa = pa;
	r->cpu = cpu;
	r->size = size;
	m->nmem++;
	return 0;
}

void mali_model_clean(struct mali_model *m, const void *va, size_t size)
{
	uintptr_t start = (uintptr_t)va & ~(uintptr_t)63, end = (uintptr_t)va + size;

	for (unsigned i = 0; i < m->nmem; i++) {
		struct mali_model_mem *r = &m->mem[i];
		uintptr_t lo = (uintptr_t)r->cpu, hi = lo + r->size;

		for (uintptr_t line = start; line < end; line += 64) {
			if (line < lo || line >= hi)
				continue;
			memcpy(r->dram + (line - lo), (void *)line, 64);
		}
	}
}

/* ---- memory as the walker sees it ---- */

static const struct mali_model_mem *mem_at(const struct mali_model *m, uint64_t pa)
{
	for (unsigned i = 0; i < m->nmem; i++)
		if (pa >= m->mem[i].pa && pa + 8 <= m->mem[i].pa + m->mem[i].size)
			return &m->mem[i];
	return NULL;
}

static void line_fill(struct mali_model *m, const struct mali_model_mem *r, uint64_t line,
		      uint8_t *out, bool cache)
{
	const uint8_t *src = m->cfg.coherent ? r->cpu : r->dram;

	memcpy(out, src + (line - r->pa), 64);
	if (!cache || m->cfg.coherent)
		return;
	m->l2[m->l2_next].valid = true;
	m->l2[m->l2_next].pa = line;
	memcpy(m->l2[m->l2_next].data, out, 64);
	m->l2_next = (m->l2_next + 1) % MALI_MODEL_L2_LINES;
}

/* One descriptor read; false when no memory answers (bus fault). */
static bool read_desc(struct mali_model *m, uint64_t pa, uint64_t *desc, bool cache)
{
	const struct mali_model_mem *r = mem_at(m, pa);
	uint64_t line = pa & ~63ull;
	uint8_t data[64];

	if (!r)
		return false;
	if (cache && !m->cfg.coherent) {
		for (unsigned i = 0; i < MALI_MODEL_L2_LINES; i++) {
			if (m->l2[i].valid && m->l2[i].pa == line) {
				memcpy(desc, m->l2[i].data + (pa - line), 8);
				return true;
			}
		}
	}
	line_fill(m, r, line, data, cache);
	memcpy(desc, data + (pa - line), 8);
	return true;
}

static void l2_invalidate(struct mali_model *m)
{
	for (unsigned i = 0; i < MALI_MODEL_L2_LINES; i++)
		m->l2[i].valid = false;
}

/* ---- table walks ---- */

enum walk_mode { MODE_UNMAPPED, MODE_IDENTITY, MODE_LPAE, MODE_AARCH64_4K, MODE_BAD };

static enum walk_mode as_mode(const struct mali_model *m, const struct mali_model_as *as)
{
	unsigned cfg = as->a_transcfg & 0xf;

	if (m->csf || (m->has_transcfg && cfg != 0)) {
		if (cfg == 1)
			return MODE_UNMAPPED;
		if (cfg == 2)
			return MODE_IDENTITY;
		return cfg == 6 ? MODE_AARCH64_4K : MODE_BAD;
	}
	switch (as->a_transtab & 3) {
	case 3: return MODE_LPAE;
	case 2: return MODE_IDENTITY;
	default: return MODE_UNMAPPED;
	}
}

struct walk {
	uint64_t pa, desc;
	unsigned level;
	uint64_t size;
	uint32_t code;  /* 0 when translated */
};

static bool leaf_type_ok(enum walk_mode mode, unsigned level, uint64_t type)
{
	if (mode == MODE_LPAE)
		return type == 1 && level >= 1;
	return level == 3 ? type == 3 : (type == 1 && level >= 1);
}

static bool perm_check(enum walk_mode mode, uint64_t desc, enum mali_access acc)
{
	bool rd, wr, x = !(desc & DESC_XN);

	if (mode == MODE_LPAE) {
		rd = desc & LPAE_RD;
		wr = desc & LPAE_WR;
	} else {
		rd = desc & A64_AP_UNPRIV;
		wr = rd && !(desc & A64_AP_RDONLY);
	}
	switch (acc) {
	case MALI_ACC_READ: return rd;
	case MALI_ACC_WRITE: return wr;
	case MALI_ACC_EXEC: return rd && x;
	default: return rd && wr;
	}
}

static unsigned start_level(unsigned ias)
{
	return ias > 39 ? 0 : ias > 30 ? 1 : ias > 21 ? 2 : 3;
}

static void walk_tables(struct mali_model *m, const struct mali_model_as *as,
			enum walk_mode mode, uint64_t va, bool cache, struct walk *w)
{
	unsigned ias = mode == MODE_LPAE ? 48 : 55 - ((as->a_transcfg >> 6) & 0x1f);
	unsigned pa_bits = (m->cfg.mmu_features >> 8) & 0xff;
	uint64_t table = as->a_transtab & DESC_ADDR_MASK;
	unsigned first = mode == MODE_LPAE ? 0 : start_level(ias), level = first;

	if (ias < 64 && (va >> ias)) {
		w->code = EXC_ADDR_SIZE_IN + level;
		return;
	}
	for (;; level++) {
		unsigned shift = 12 + 9 * (3 - level);
		uint64_t idx = (va >> shift) & 0x1ff, desc;

		if (level == first && mode != MODE_LPAE)
			idx = (va >> shift) & ((1ull << (ias - shift)) - 1);
		if (!read_desc(m, table + idx * 8, &desc, cache)) {
			w->code = EXC_TABLE_BUS + level;
			return;
		}
		if (level < 3 && (desc & 3) == 3) {
			table = desc & DESC_ADDR_MASK;
			continue;
		}
		if (!leaf_type_ok(mode, level, desc & 3)) {
			w->code = EXC_TRANSLATION + level;
			return;
		}
		w->size = 1ull << shift;
		w->pa = (desc & DESC_ADDR_MASK & ~(w->size - 1)) | (va & (w->size - 1));
		w->desc = desc;
		w->level = level;
		if (pa_bits < 64 && (w->pa >> pa_bits))
			w->code = EXC_ADDR_SIZE_OUT + level;
		return;
	}
}

/* mode: as_mode(m, as). */
static void walk(struct mali_model *m, const struct mali_model_as *as, enum walk_mode mode,
		 uint64_t va, enum mali_access acc, bool cache, struct walk *w)
{
	memset(w, 0, sizeof(*w));
	if (mode == MODE_IDENTITY) {
		w->pa = va;
		return;
	}
	if (mode != MODE_LPAE && mode != MODE_AARCH64_4K) {
		w->code = EXC_TRANSLATION;
		return;
	}
	walk_tables(m, as, mode, va, cache, w);
	if (w->code)
		return;
	if (mode == MODE_AARCH64_4K && !(w->desc & DESC_AF) &&
	    !(as->a_transcfg & TRANSCFG_DISABLE_AF_FAULT)) {
		w->code = EXC_ACCESS_FLAG + w->level;
		return;
	}
	if (!perm_check(mode, w->desc, acc))
		w->code = EXC_PERMISSION + w->level;
}

int mali_model_walk(struct mali_model *m, unsigned n, uint64_t va, enum mali_access acc,
		    uint64_t *pa, uint32_t *code)
{
	struct walk w;

	walk(m, &m->as[n], as_mode(m, &m->as[n]), va, acc, false, &w);
	*code = w.code;
	*pa = w.pa;
	return w.code ? -EFAULT : 0;
}

void mali_model_raise(struct mali_model *m, unsigned n, uint32_t code, enum mali_access acc,
		      uint32_t source, uint64_t addr)
{
	struct mali_model_as *as = &m->as[n];

	as->faultstatus = (code & 0xff) | ((uint32_t)acc << 8) | (source << 16);
	as->faultaddr = addr;
	as->faulted = true;
	/* Every modelled fault sets the AS's page-fault bit; bit n + 16 (bus
	 * fault) is left to real bus errors the model does not make. */
	m->mmu_rawstat |= 1u << n;
}

static struct mali_model_tlb *tlb_find(struct mali_model_as *as, uint64_t va)
{
	for (unsigned i = 0; i < MALI_MODEL_TLB; i++) {
		struct mali_model_tlb *e = &as->tlb[i];

		if (e->valid && va >= e->va && va - e->va < e->size)
			return e;
	}
	return NULL;
}

static bool in_lock(const struct mali_model_as *as, uint64_t va)
{
	if (!as->locked)
		return false;
	return as->lock_size == 0 || (va >= as->lock_base && va - as->lock_base < as->lock_size);
}

int mali_model_access(struct mali_model *m, unsigned n, uint64_t va, enum mali_access acc,
		      uint32_t source, uint64_t *pa)
{
	struct mali_model_as *as = &m->as[n];
	enum walk_mode mode = as_mode(m, as);
	struct mali_model_tlb *e;
	struct walk w;

	if (as->faulted)
		return -EBUSY;
	if (in_lock(as, va))
		return -EAGAIN;
	e = tlb_find(as, va);
	if (e) {
		if (!perm_check(mode, e->desc, acc)) {
			mali_model_raise(m, n, EXC_PERMISSION + e->level, acc, source, va);
			return -EFAULT;
		}
		*pa = e->pa + (va - e->va);
		as->lsc_lines = true;
		return 0;
	}
	walk(m, as, mode, va, acc, true, &w);
	if (w.code) {
		mali_model_raise(m, n, w.code, acc, source, va);
		return -EFAULT;
	}
	if (mode == MODE_LPAE || mode == MODE_AARCH64_4K) {
		as->tlb[as->tlb_next] = (struct mali_model_tlb){
			true, va & ~(w.size - 1), w.size, w.pa & ~(w.size - 1), w.desc, w.level };
		as->tlb_next = (as->tlb_next + 1) % MALI_MODEL_TLB;
	}
	*pa = w.pa;
	as->lsc_lines = true;
	return 0;
}

void mali_model_set_stuck(struct mali_model *m, unsigned n, bool stuck)
{
	m->as[n].stuck = stuck;
}

/* ---- commands ---- */

static void tlb_invalidate(struct mali_model_as *as, uint64_t base, uint64_t size)
{
	for (unsigned i = 0; i < MALI_MODEL_TLB; i++) {
		struct mali_model_tlb *e = &as->tlb[i];

		if (size == 0 || (e->va < base + size && base < e->va + e->size))
			e->valid = false;
	}
}

static void cmd_lock(struct mali_model *m, unsigned n)
{
	struct mali_model_as *as = &m->as[n];
	unsigned width = as->lockaddr & 0x3f;

	if (as->locked)
		violation(m, "AS %u: LOCK while a region is already locked", n);
	if (width < 14)
		violation(m, "AS %u: LOCKADDR width %u is below the 32 KiB minimum", n, width);
	as->locked = true;
	as->lock_size = width >= 63 ? 0 : 1ull << (width + 1);
	as->lock_base = as->lock_size ? as->lockaddr & ~(as->lock_size - 1) : 0;
}

static void cmd_unlock(struct mali_model *m, unsigned n, bool flush_l2)
{
	struct mali_model_as *as = &m->as[n];

	if (!as->locked) {
		violation(m, "AS %u: flush/unlock without a locked region", n);
		return;
	}
	if (flush_l2)
		l2_invalidate(m);
	tlb_invalidate(as, as->lock_base, as->lock_size);
	as->locked = false;
}

/* The address mode an UPDATE latches must exist on this GPU. */
static void check_mode(struct mali_model *m, unsigned n, uint64_t transcfg)
{
	unsigned mode = transcfg & 0xf;

	if (m->csf && mode == 0)
		violation(m, "AS %u: TRANSCFG ADRMODE 0 (legacy LPAE) on a CSF GPU, which has no "
			  "legacy mode", n);
	if (m->has_transcfg && mode == 6 && !m->aarch64)
		violation(m, "AS %u: TRANSCFG ADRMODE_AARCH64_4K on a GPU without "
			  "HW_FEATURE_AARCH64_MMU", n);
}

/* The shader cores' load/store caches written back and emptied. */
static void lsc_clean(struct mali_model *m)
{
	for (unsigned n = 0; n < MALI_MODEL_AS; n++)
		m->as[n].lsc_lines = false;
}

/* The MMU_INT_RAWSTAT bits that report a fault on AS n: page fault bit n,
 * and on job-manager GPUs bus fault bit n + 16 (see command_done()). */
static uint32_t fault_bits(const struct mali_model *m, unsigned n)
{
	return m->csf ? 1u << n : (1u << n) | (1u << (n + 16));
}

static void cmd_update(struct mali_model *m, unsigned n)
{
	struct mali_model_as *as = &m->as[n];

	check_mode(m, n, as->transcfg);
	if (as->lsc_lines && (as->transtab != as->a_transtab || as->transcfg != as->a_transcfg))
		violation(m, "AS %u: UPDATE switches tables while the load/store caches hold "
			  "lines accessed through the old one (no FLUSH_MEM before it)", n);
	if (as->faulted && (m->mmu_rawstat & fault_bits(m, n)))
		violation(m, "AS %u: UPDATE with its fault still pending in MMU_INT_RAWSTAT", n);
	else
		as->faulted = false;
	as->a_transtab = as->transtab;
	as->a_transcfg = as->transcfg;
	tlb_invalidate(as, 0, 0);
}

/*
 * AS_ACTIVE has dropped: the command completed. On CSF GPUs MMU_INT_RAWSTAT
 * bit n + 16 then reads as "command completed" for AS n (panthor_mmu.c
 * panthor_mmu_fault_mask(): "Bits 16 to 31 mean REQ_COMPLETE"; Tyr regs.rs
 * IRQ_RAWSTAT 31:16 command_completed); on job-manager GPUs that bit is the
 * AS's bus fault (panfrost_mmu.c), which the model never raises.
 */
static void command_done(struct mali_model *m, unsigned n)
{
	if (m->csf)
		m->mmu_rawstat |= 1u << (n + 16);
}

static void as_command(struct mali_model *m, unsigned n, uint32_t cmd)
{
	struct mali_model_as *as = &m->as[n];

	if (as->stuck || as->busy) {
		violation(m, "AS %u: command %u written while AS_ACTIVE", n, cmd);
		return;
	}
	if (cmd == 0 || cmd > CMD_FLUSH_MEM) {
		violation(m, "AS %u: unknown command %u", n, cmd);
		return;
	}
	if (model_arch_major(m->cfg.gpu_id) >= 12 && (cmd == CMD_FLUSH_PT || cmd == CMD_FLUSH_MEM)) {
		violation(m, "AS %u: FLUSH_PT/FLUSH_MEM on an arch %u GPU, where they are "
			  "deprecated (use GPU_CMD FLUSH_CACHES + UNLOCK)", n,
			  model_arch_major(m->cfg.gpu_id));
		return;
	}
	as->cmds[cmd]++;
	as->busy = m->cfg.busy_reads;
	if (!as->busy)
		command_done(m, n);
	switch (cmd) {
	case CMD_UPDATE: cmd_update(m, n); break;
	case CMD_LOCK: cmd_lock(m, n); break;
	case CMD_UNLOCK: cmd_unlock(m, n, false); break;
	case CMD_FLUSH_PT: cmd_unlock(m, n, true); break;
	default: /* FLUSH_MEM: all caches, the load/store caches too */
		lsc_clean(m);
		cmd_unlock(m, n, true);
		break;
	}
}

static void gpu_command(struct mali_model *m, uint32_t cmd)
{
	if ((cmd & 0xff) != 4) {
		violation(m, "GPU_CMD %#x is not modelled", cmd);
		return;
	}
	for (unsigned n = 0; n < MALI_MODEL_AS; n++)
		if (m->as[n].locked && (m->as[n].busy || m->as[n].stuck))
			violation(m, "GPU_CMD FLUSH_CACHES while AS %u's LOCK is still in progress "
				  "(AS_ACTIVE)", n);
	m->cache_flushes++;
	m->last_gpu_cmd = cmd;
	if (((cmd >> 12) & 3) == 3) /* LSC clean + invalidate */
		lsc_clean(m);
	if ((cmd >> 8) & 2) /* L2 invalidate */
		l2_invalidate(m);
	m->flush_pending = FLUSH_LATENCY_READS;
}

/* ---- register file ---- */

static uint32_t *half(uint64_t *reg, uintptr_t off)
{
	return (uint32_t *)reg + ((off & 4) ? 1 : 0);
}

static uint64_t as_read(struct mali_model *m, unsigned n, unsigned off)
{
	struct mali_model_as *as = &m->as[n];

	switch (off & ~4u) {
	case A_TRANSTAB: return *half(&as->transtab, off);
	case A_MEMATTR: return *half(&as->memattr, off);
	case A_LOCKADDR: return *half(&as->lockaddr, off);
	case A_TRANSCFG: return *half(&as->transcfg, off);
	case A_FAULTADDRESS: return *half(&as->faultaddr, off);
	}
	if (off == A_FAULTSTATUS)
		return as->faultstatus;
	if (off == A_STATUS) {
		if (as->stuck)
			return 1;
		if (as->busy) {
			if (--as->busy == 0)
				command_done(m, n);
			return 1;
		}
	}
	return 0;
}

static void as_write(struct mali_model *m, unsigned n, unsigned off, uint32_t val)
{
	struct mali_model_as *as = &m->as[n];

	switch (off & ~4u) {
	case A_TRANSTAB: *half(&as->transtab, off) = val; return;
	case A_MEMATTR: *half(&as->memattr, off) = val; return;
	case A_LOCKADDR: *half(&as->lockaddr, off) = val; return;
	case A_TRANSCFG:
		if (!m->has_transcfg)
			violation(m, "AS %u: TRANSCFG written on a GPU without it", n);
		*half(&as->transcfg, off) = val;
		return;
	}
	if (off == A_COMMAND)
		as_command(m, n, val);
	else
		violation(m, "AS %u: write to read-only or unknown offset %#x", n, off);
}

static bool as_reg(const struct mali_model *m, uintptr_t off, unsigned *n, unsigned *aoff)
{
	if (off < R_AS0 || off >= R_AS0 + MALI_MODEL_AS * AS_STRIDE)
		return false;
	*n = (off - R_AS0) / AS_STRIDE;
	*aoff = (off - R_AS0) % AS_STRIDE;
	return m->cfg.as_present & (1u << *n);
}

static uint64_t reg_read(void *ctx, uintptr_t off, unsigned size)
{
	struct mali_model *m = ctx;
	unsigned n, aoff;

	if (size != 4) {
		violation(m, "%u-byte read at %#lx", size, (unsigned long)off);
		return 0;
	}
	if (as_reg(m, off, &n, &aoff))
		return as_read(m, n, aoff);
	switch (off) {
	case R_GPU_ID: return m->cfg.gpu_id;
	case R_MMU_FEATURES: return m->cfg.mmu_features;
	case R_AS_PRESENT: return m->cfg.as_present;
	case R_GPU_RAWSTAT:
		if (m->flush_pending && --m->flush_pending == 0)
			m->gpu_rawstat |= IRQ_CLEAN_CACHES;
		return m->gpu_rawstat;
	case R_MMU_RAWSTAT: return m->mmu_rawstat;
	case R_MMU_MASK: return m->mmu_mask;
	case R_MMU_STAT: return m->mmu_rawstat & m->mmu_mask;
	}
	return 0;
}

static void reg_write(void *ctx, uintptr_t off, uint64_t val, unsigned size)
{
	struct mali_model *m = ctx;
	unsigned n, aoff;

	if (size != 4) {
		violation(m, "%u-byte write at %#lx", size, (unsigned long)off);
		return;
	}
	if (as_reg(m, off, &n, &aoff)) {
		as_write(m, n, aoff, (uint32_t)val);
		return;
	}
	switch (off) {
	case R_GPU_CLEAR: m->gpu_rawstat &= ~(uint32_t)val; return;
	case R_GPU_MASK: return;
	case R_GPU_CMD: gpu_command(m, (uint32_t)val); return;
	case R_MMU_CLEAR: m->mmu_rawstat &= ~(uint32_t)val; return;
	case R_MMU_MASK: m->mmu_mask = (uint32_t)val; return;
	}
	violation(m, "write to read-only or unknown register %#lx", (unsigned long)off);
}

static const struct mmio_model_ops mali_model_ops = { reg_read, reg_write };

int mali_model_map(struct mali_model *m, uintptr_t base)
{
	return mmio_host_map(base, MALI_MODEL_REG_SIZE, &mali_model_ops, m);
}
