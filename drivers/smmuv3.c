/* SPDX-License-Identifier: MIT */
/*
 * Arm SMMUv3 stage 1 driver (polled). Register map and bring-up order: Arm IHI
 * 0070 (SMMU architecture v3) chapter 6 and 6.3 "register details"; the reset
 * order (queues before SMMUEN, invalidate before enabling translation) follows
 * IHI 0070 3.21 and is the order Linux arm_smmu_device_reset() uses.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../mmu/bits.h"
#include "mmio.h"
#include "smmuv3.h"
#include "timer.h"

/* Register offsets: IHI 0070 6.2 (page 0, and page 1 at +0x10000). */
#define SMMU_IDR0            0x00
#define SMMU_CR0             0x20
#define SMMU_CR0ACK          0x24
#define SMMU_CR1             0x28
#define SMMU_CR2             0x2c
#define SMMU_GBPA            0x44
#define SMMU_GERROR          0x60
#define SMMU_GERRORN         0x64
#define SMMU_STRTAB_BASE     0x80
#define SMMU_STRTAB_BASE_CFG 0x88
#define SMMU_CMDQ_BASE       0x90
#define SMMU_CMDQ_PROD       0x98
#define SMMU_CMDQ_CONS       0x9c
#define SMMU_EVENTQ_BASE     0xa0
#define SMMU_EVENTQ_PROD     0x100a8 /* page 1 */
#define SMMU_EVENTQ_CONS     0x100ac /* page 1 */

/* CR0 / CR0ACK (IHI 0070 6.3.9) */
#define CR0_SMMUEN BIT(0)
#define CR0_EVTQEN BIT(2)
#define CR0_CMDQEN BIT(3)
/* CR1 (6.3.11): cacheability 1 = write-back, shareability 3 = inner */
#define CR1_QUEUE_IC GENMASK(1, 0)
#define CR1_QUEUE_OC GENMASK(3, 2)
#define CR1_QUEUE_SH GENMASK(5, 4)
#define CR1_TABLE_IC GENMASK(7, 6)
#define CR1_TABLE_OC GENMASK(9, 8)
#define CR1_TABLE_SH GENMASK(11, 10)
/* CR2 (6.3.12): RECINVSID records C_BAD_STREAMID; PTM: ignore broadcast TLBI */
#define CR2_RECINVSID BIT(1)
#define CR2_PTM       BIT(2)
/* GBPA (6.3.14) */
#define GBPA_ABORT  BIT(20)
#define GBPA_UPDATE BIT(31)
/* STRTAB_BASE / _CFG (6.3.23, 6.3.24) */
#define STRTAB_BASE_RA      BIT(62)
#define STRTAB_ADDR_MASK    GENMASK(51, 6)
#define STRTAB_CFG_LOG2SIZE GENMASK(5, 0)
#define STRTAB_CFG_SPLIT    GENMASK(10, 6)
#define STRTAB_CFG_FMT_2LVL BIT(16)
/* CMDQ_BASE / EVENTQ_BASE (6.3.25, 6.3.28): RA / WA, ADDR [51:5], LOG2SIZE [4:0] */
#define Q_BASE_ALLOC_HINT   BIT(62)
#define Q_ADDR_MASK         GENMASK(51, 5)
#define Q_LOG2SIZE          GENMASK(4, 0)
/* CMDQ_CONS.ERR (6.3.27, error codes 4.8) */
#define CMDQ_CONS_ERR       GENMASK(30, 24)
/* EVENTQ_PROD.OVFLG / EVENTQ_CONS.OVACKFLG (6.3.29, 6.3.30) */
#define EVTQ_OVFLG          BIT(31)
/* GERROR / GERRORN (6.3.15): the error bits [8:0] */
#define GERROR_ALL          GENMASK(8, 0)

/* Sizes chosen by this driver (the architecture allows more). */
#define SMMU_LINEAR_MAX_LOG2 8   /* 256 STEs = 16 KiB */
#define SMMU_SPLIT           8   /* L2 tables of 256 STEs = 16 KiB, as Linux uses */
#define SMMU_L1_MAX_LOG2     9   /* 512 L1 descriptors = one 4 KiB page */
#define SMMU_CMDQ_MAX_LOG2   8   /* 256 x 16 B = 4 KiB */
#define SMMU_EVTQ_MAX_LOG2   7   /* 128 x 32 B = 4 KiB */
#define STE_BYTES            (SMMU_STE_DWORDS * 8u)

static uint32_t rd32(const struct smmu *s, unsigned off) { return mmio_read32(s->base + off); }
static void wr32(const struct smmu *s, unsigned off, uint32_t v) { mmio_write32(s->base + off, v); }
/*
 * 64-bit registers: the driver writes three, STRTAB_BASE, CMDQ_BASE and
 * EVENTQ_BASE, each only while the SMMU ignores it (program_tables() runs
 * with CR0.SMMUEN, CMDQEN and EVTQEN clear). The architecture lets software
 * access a 64-bit SMMU register as two 32-bit halves (IHI 0070 6.2, register
 * access: 32-bit accesses to either half of a 64-bit register are
 * supported), so on a 32-bit CPU mmio_write64 is two word writes (low half
 * first, drivers/mmio.c) and, with the queue or table disabled, no torn value
 * is ever used. Everything else the driver touches is a 32-bit register.
 */
static void wr64(const struct smmu *s, unsigned off, uint64_t v) { mmio_write64(s->base + off, v); }


static size_t pool_block(size_t bytes)
{
	if (bytes <= 4096)
		return 4096;
	return bytes <= 16384 ? 16384 : 65536;
}

void smmu_copy_dwords(uint64_t *dst, const uint64_t *src, unsigned n)
{
	volatile uint64_t *d = dst;

	for (unsigned i = 0; i < n; i++)
		d[i] = src[i];
}

/* ---- register handshakes ---- */
static int wait_reg(const struct smmu *s, unsigned off, uint32_t mask, uint32_t want,
		    const char *what)
{
	int ret = mmio_poll32(s->base + off, mask, want, SMMU_TIMEOUT_US);

	if (ret)
		printf("smmu: %s did not complete in %u us (reg %#x = %#x)\n", what,
		       SMMU_TIMEOUT_US, off, rd32(s, off));
	return ret;
}

/* CR0 changes take effect when CR0ACK shows them (IHI 0070 6.3.9). */
static int write_cr0(const struct smmu *s, uint32_t v)
{
	wr32(s, SMMU_CR0, v);
	return wait_reg(s, SMMU_CR0ACK, ~0u, v, "CR0 update");
}

/* ---- GERROR (IHI 0070 6.3.15): active errors are GERROR ^ GERRORN ---- */
static const char *const gerror_names[] = {
	"CMDQ_ERR", "?", "EVTQ_ABT_ERR (event queue write aborted or full)", "PRIQ_ABT_ERR",
	"MSI_CMDQ_ABT_ERR", "MSI_EVTQ_ABT_ERR", "MSI_PRIQ_ABT_ERR", "MSI_GERROR_ABT_ERR",
	"SFM_ERR (service failure mode)",
};

static uint32_t gerror_active(const struct smmu *s)
{
	return (rd32(s, SMMU_GERROR) ^ rd32(s, SMMU_GERRORN)) & (uint32_t)GERROR_ALL;
}

/* Report and acknowledge the active errors in mask (ack: GERRORN takes GERROR's value). */
static uint32_t gerror_ack(struct smmu *s, uint32_t mask)
{
	uint32_t g = rd32(s, SMMU_GERROR), gn = rd32(s, SMMU_GERRORN);
	uint32_t active = (g ^ gn) & mask & (uint32_t)GERROR_ALL;

	if (!active)
		return 0;
	for (unsigned b = 0; b < 9; b++)
		if (active & BIT(b))
			printf("smmu: GERROR %s\n", gerror_names[b]);
	wr32(s, SMMU_GERRORN, gn ^ active);
	s->gerror_seen |= active;
	if (active & SMMU_GERROR_EVTQ_ABT_ERR)
		s->overflows++;
	return active;
}

uint32_t smmu_gerror_check(struct smmu *s)
{
	/* CMDQ_ERR is recovered by smmu_submit, which must fix the queue first. */
	return gerror_ack(s, (uint32_t)~SMMU_GERROR_CMDQ_ERR);
}

/* ---- command queue (IHI 0070 3.5, 4) ---- */
static uint32_t q_ptr_mask(const struct smmu_queue *q) { return smmu_q_ptr_mask(q->log2); }

static bool cmdq_drained(void *ctx)
{
	struct smmu *s = ctx;
	uint32_t cons = rd32(s, SMMU_CMDQ_CONS);

	s->cmdq.cons = cons & q_ptr_mask(&s->cmdq);
	if (gerror_active(s) & SMMU_GERROR_CMDQ_ERR)
		return true;
	return s->cmdq.cons == s->cmdq.prod;
}

static void cmdq_put(struct smmu *s, const struct smmu_cmd *c)
{
	struct smmu_queue *q = &s->cmdq;

	smmu_copy_dwords(&q->mem[smmu_q_idx(q->prod, q->log2) * 2], c->dw, 2);
	q->prod = smmu_q_inc(q->prod, q->log2);
}

/*
 * A command the SMMU refused stops the queue at CMDQ_CONS with CONS.ERR set.
 * Replace it by a CMD_SYNC (harmless), acknowledge GERROR.CMDQ_ERR so that the
 * SMMU resumes from CONS (IHI 0070 7.1), and kick it with PROD again.
 */
static int cmdq_recover(struct smmu *s)
{
	static const char *const errs[] = { "none", "CERROR_ILL (illegal command)",
					    "CERROR_ABT (abort reading the command)",
					    "CERROR_ATC_INV_SYNC" };
	uint32_t cons = rd32(s, SMMU_CMDQ_CONS);
	uint32_t err = FIELD_GET(CMDQ_CONS_ERR, cons);
	uint64_t *bad = &s->cmdq.mem[smmu_q_idx(cons, s->cmdq.log2) * 2];
	struct smmu_cmd sync;

	printf("smmu: command %#llx %#llx refused: %s\n", (unsigned long long)bad[0],
	       (unsigned long long)bad[1], err < 4 ? errs[err] : "unknown error");
	smmu_cmd_sync(&sync);
	smmu_copy_dwords(bad, sync.dw, 2);
	gerror_ack(s, SMMU_GERROR_CMDQ_ERR);
	wr32(s, SMMU_CMDQ_PROD, s->cmdq.prod);
	return -EIO;
}

/* Queue n commands plus a CMD_SYNC (n < queue size) and wait until consumed. */
static int submit_batch(struct smmu *s, const struct smmu_cmd *cmds, size_t n)
{
	struct smmu_cmd sync;
	int ret;

	/* Normally empty here (every batch is waited for); after a timeout it
	 * may not be, and entries the SMMU has not read must not be overwritten. */
	s->cmdq.cons = rd32(s, SMMU_CMDQ_CONS) & q_ptr_mask(&s->cmdq);
	if (smmu_q_space(s->cmdq.prod, s->cmdq.cons, s->cmdq.log2) < n + 1) {
		printf("smmu: command queue still holds %u unread commands\n",
		       smmu_q_used(s->cmdq.prod, s->cmdq.cons, s->cmdq.log2));
		return -EBUSY;
	}
	for (size_t i = 0; i < n; i++)
		cmdq_put(s, &cmds[i]);
	smmu_cmd_sync(&sync);
	cmdq_put(s, &sync);
	/* mmio_write32 orders the entries before PROD (barrier first). */
	wr32(s, SMMU_CMDQ_PROD, s->cmdq.prod);
	ret = timer_poll(cmdq_drained, s, SMMU_TIMEOUT_US);
	if (ret) {
		printf("smmu: CMD_SYNC not consumed in %u us (PROD %#x CONS %#x)\n",
		       SMMU_TIMEOUT_US, s->cmdq.prod, rd32(s, SMMU_CMDQ_CONS));
		return ret;
	}
	if (!(gerror_active(s) & SMMU_GERROR_CMDQ_ERR))
		return 0;
	ret = cmdq_recover(s);
	if (timer_poll(cmdq_drained, s, SMMU_TIMEOUT_US))
		printf("smmu: command queue still stuck after recovery\n");
	return ret;
}

int smmu_submit(struct smmu *s, const struct smmu_cmd *cmds, size_t n)
{
	size_t room = (1u << s->cmdq.log2) - 1u; /* leave one slot for the CMD_SYNC */

	do {
		size_t k = n < room ? n : room;
		int ret = submit_batch(s, cmds, k);

		if (ret)
			return ret;
		cmds += k;
		n -= k;
	} while (n);
	return 0;
}

/* ---- event queue (IHI 0070 3.5, 7) ---- */
static void evtq_check_overflow(struct smmu *s, uint32_t prod_reg)
{
	struct smmu_queue *q = &s->evtq;

	/* OVFLG toggles on an overflow; acknowledged by copying it to OVACKFLG. */
	if ((prod_reg & EVTQ_OVFLG) == (q->cons & EVTQ_OVFLG))
		return;
	printf("smmu: event queue overflowed: events were lost\n");
	s->overflows++;
	q->cons = (q->cons & ~EVTQ_OVFLG) | (prod_reg & EVTQ_OVFLG);
	wr32(s, SMMU_EVENTQ_CONS, q->cons);
}

/*
 * A stalled transaction waits for software (with IDR0.STALL_MODEL forced,
 * every fault does): end it with an abort, as a terminating SMMU would have.
 * Linux answers a stall nobody handles the same way (IOMMU_PAGE_RESP_FAILURE:
 * CMD_RESUME with CMDQ_RESUME_0_RESP_ABORT).
 */
static void resume_abort(struct smmu *s, const struct smmu_event *e)
{
	struct smmu_cmd c;

	smmu_cmd_resume_abort(&c, e->sid, e->stag);
	if (smmu_submit(s, &c, 1))
		printf("smmu: CMD_RESUME of StreamID %#x STAG %#x failed: the master stays "
		       "stalled\n", (unsigned)e->sid, (unsigned)e->stag);
}

int smmu_event_pop(struct smmu *s, struct smmu_event *e)
{
	struct smmu_queue *q = &s->evtq;
	uint32_t prod_reg = rd32(s, SMMU_EVENTQ_PROD);
	uint32_t prod = prod_reg & q_ptr_mask(q);
	uint32_t cons = q->cons & q_ptr_mask(q);
	volatile const uint64_t *ent;
	uint64_t raw[4];

	/* QEMU reports a full queue as GERROR.EVTQ_ABT_ERR rather than OVFLG. */
	smmu_gerror_check(s);
	evtq_check_overflow(s, prod_reg);
	if (smmu_q_empty(prod, cons, q->log2))
		return -ENOENT;
	ent = &q->mem[smmu_q_idx(cons, q->log2) * 4];
	for (unsigned i = 0; i < 4; i++)
		raw[i] = ent[i];
	q->cons = (q->cons & EVTQ_OVFLG) | smmu_q_inc(cons, q->log2);
	/* The entry's reads complete before CONS hands the slot back to the
	 * SMMU: a full barrier, not the store-only one before every MMIO write
	 * (Linux queue_sync_cons_out(): __iomb(), dmb osh; dsb sy here covers it). */
	mmio_dma_barrier();
	wr32(s, SMMU_EVENTQ_CONS, q->cons);
	smmu_event_decode(raw, e);
	if (e->stall)
		resume_abort(s, e);
	return 0;
}

unsigned smmu_evtq_entries(const struct smmu *s)
{
	return 1u << s->evtq.log2;
}

void smmu_event_storm(struct smmu *s, unsigned read)
{
	printf("smmu: event storm: %u events read and the queue is still not empty; "
	       "a master keeps faulting\n", read);
	s->storms++;
}

bool smmu_events_pending(struct smmu *s)
{
	uint32_t prod = rd32(s, SMMU_EVENTQ_PROD) & q_ptr_mask(&s->evtq);

	return !smmu_q_empty(prod, s->evtq.cons & q_ptr_mask(&s->evtq), s->evtq.log2);
}

unsigned smmu_events_drain(struct smmu *s, bool print)
{
	struct smmu_event e;
	unsigned n = 0;
	char line[160];

	/* At most one queue's worth: a producer that keeps up with us (a master
	 * faulting without end) must not keep the caller here. */
	while (n < smmu_evtq_entries(s) && smmu_event_pop(s, &e) == 0) {
		if (print) {
			smmu_event_describe(&e, line, sizeof(line));
			printf("smmu: event %s\n", line);
		}
		n++;
	}
	if (n == smmu_evtq_entries(s) && smmu_events_pending(s))
		smmu_event_storm(s, n);
	return n;
}

/* ---- stream table (IHI 0070 3.3, 5.1, 5.2) ---- */
void *smmu_alloc(struct smmu *s, size_t bytes)
{
	void *p = pool_alloc(s->pool, pool_block(bytes));

	if (!p)
		printf("smmu: page pool exhausted (%zu bytes wanted)\n", bytes);
	return p;
}

void smmu_free(struct smmu *s, void *p, size_t bytes)
{
	pool_free(s->pool, p, pool_block(bytes));
}

static void fill_abort(uint64_t *stes, size_t n)
{
	uint64_t ste[SMMU_STE_DWORDS];

	smmu_ste_abort(ste);
	for (size_t i = 0; i < n; i++)
		smmu_copy_dwords(&stes[i * SMMU_STE_DWORDS], ste, SMMU_STE_DWORDS);
}

static bool want_2lvl(const struct smmu *s, enum smmu_strtab_fmt f)
{
	if (f == SMMU_STRTAB_LINEAR || !s->id.st_2lvl)
		return false;
	return f == SMMU_STRTAB_2LVL || s->id.sid_bits > SMMU_LINEAR_MAX_LOG2;
}

static int strtab_alloc(struct smmu *s, enum smmu_strtab_fmt f)
{
	unsigned max_log2 = SMMU_LINEAR_MAX_LOG2;

	s->two_level = want_2lvl(s, f);
	if (s->two_level) {
		s->split = SMMU_SPLIT;
		max_log2 = SMMU_SPLIT + SMMU_L1_MAX_LOG2;
	}
	s->sid_bits = s->id.sid_bits < max_log2 ? s->id.sid_bits : max_log2;
	if (s->two_level && s->sid_bits <= s->split)
		s->sid_bits = s->split + 1;
	s->strtab_bytes = s->two_level ? (8u << (s->sid_bits - s->split))
				       : ((size_t)STE_BYTES << s->sid_bits);
	s->strtab = smmu_alloc(s, s->strtab_bytes);
	if (!s->strtab)
		return -ENOMEM;
	/* Linear: every StreamID aborts until attached. 2-level: L1 descriptors
	 * stay zero (SPAN 0, invalid) until a StreamID of their span attaches. */
	if (!s->two_level)
		fill_abort(s->strtab, (size_t)1 << s->sid_bits);
	return 0;
}

uint64_t *smmu_ste(struct smmu *s, uint32_t sid, bool alloc)
{
	uint64_t *l1, *l2;
	size_t l2_stes = (size_t)1 << s->split;

	if (sid >> s->sid_bits)
		return NULL;
	if (!s->two_level)
		return &s->strtab[(size_t)sid * SMMU_STE_DWORDS];
	l1 = &s->strtab[sid >> s->split];
	if (!(*l1 & SMMU_L1STD_SPAN_MASK)) {
		if (!alloc)
			return NULL;
		l2 = smmu_alloc(s, l2_stes * STE_BYTES);
		if (!l2)
			return NULL;
		fill_abort(l2, l2_stes);
		mmio_dma_barrier(); /* the L2 table is complete before L1 points to it */
		/* SPAN = SPLIT + 1: the L2 table holds 2^(SPAN - 1) STEs (IHI 0070 5.1). */
		*(volatile uint64_t *)l1 = smmu_pa_of(l2) | (s->split + 1u);
	}
	l2 = smmu_va_of(*l1 & SMMU_L1STD_L2PTR_MASK);
	return &l2[(size_t)(sid & (l2_stes - 1)) * SMMU_STE_DWORDS];
}

bool smmu_ste_is_s1(const uint64_t *ste)
{
	return (ste[0] & SMMU_STE_V) &&
	       FIELD_GET(SMMU_STE_CFG, ste[0]) == SMMU_STE_CFG_S1;
}

/* CFGI_STE (Leaf = 0: also the L1 descriptor, a new L2 table may have been
 * linked) + CMD_SYNC: no copy of sid's STE older than memory stays cached
 * (IHI 0070 4.3.2). */
static int ste_sync(struct smmu *s, uint32_t sid)
{
	struct smmu_cmd c;

	smmu_cmd_cfgi_ste(&c, sid, false);
	return smmu_submit(s, &c, 1);
}

static bool ste_rest_differs(const uint64_t *dst, const uint64_t ste[SMMU_STE_DWORDS])
{
	const volatile uint64_t *d = dst;

	for (unsigned i = 1; i < SMMU_STE_DWORDS; i++)
		if (d[i] != ste[i])
			return true;
	return false;
}

/*
 * Replace an STE the SMMU may be using. It reads an STE a dword at a time in
 * any order (64-bit single-copy atomicity only) and may cache it until a
 * CFGI_STE completes; dword 0 (V, Config) decides whether dwords 1..7 are
 * read at all (IHI 0070 3.21.3, 5.2). The order is Linux 6.12
 * arm_smmu_write_entry()'s, which syncs after every step that changed the
 * entry (entry_set()):
 *  1. an entry in use whose dwords 1..7 must change first gets Config =
 *     abort in dword 0 alone, made visible, and its cached copy dropped
 *     (barrier, CFGI_STE + CMD_SYNC): from then on nothing reads 1..7;
 *  2. dwords 1..7 are written, a barrier, and CFGI_STE + CMD_SYNC if they
 *     changed: a barrier alone does not keep the SMMU from pairing the new
 *     dword 0 with old dwords it read (in any order) or cached before (the
 *     cache may hold an entry whatever it says; Linux before 6.9
 *     arm_smmu_write_ctx_desc(): "Ensure that it observes valid values
 *     before reading V=1");
 *  3. dword 0 last, one 64-bit store, and CFGI_STE + CMD_SYNC again unless
 *     dword 0 was already the new one (a detach ends at 2: abort reads no
 *     other dword). A new entry (abort before) is thus written 1..7 first
 *     and dword 0 last.
 * A failed sync stops the sequence, so dwords 1..7 never change while the
 * SMMU may still use them. 0, or smmu_submit's error.
 */
int smmu_ste_write(struct smmu *s, uint32_t sid, uint64_t *dst,
		   const uint64_t ste[SMMU_STE_DWORDS])
{
	volatile uint64_t *d0 = dst;
	uint64_t abort_ste[SMMU_STE_DWORDS];
	int ret;

	if (smmu_ste_reads_rest(*d0) && ste_rest_differs(dst, ste)) {
		smmu_ste_abort(abort_ste);
		*d0 = abort_ste[0];
		mmio_dma_barrier();
		ret = ste_sync(s, sid);
		if (ret)
			return ret;
	}
	if (ste_rest_differs(dst, ste)) {
		smmu_copy_dwords(dst + 1, ste + 1, SMMU_STE_DWORDS - 1);
		mmio_dma_barrier();
		ret = ste_sync(s, sid);
		if (ret)
			return ret;
	}
	if (*d0 == ste[0])
		return 0;
	*d0 = ste[0];
	mmio_dma_barrier();
	return ste_sync(s, sid);
}

/* ---- init / fini ---- */
static void read_ids(struct smmu *s)
{
	uint32_t idr[6];

	for (unsigned i = 0; i < 6; i++)
		idr[i] = rd32(s, SMMU_IDR0 + 4 * i);
	smmu_ids_decode(idr, &s->id);
}

static int check_ids(const struct smmu *s)
{
	if (!s->id.s1p || !(s->id.ttf & 2)) {
		printf("smmu: no stage 1 with AArch64 tables at %#lx (IDR0 %#x)\n",
		       (unsigned long)s->base, s->id.idr[0]);
		return -ENODEV;
	}
	if (s->id.cmdq_log2 == 0 || s->id.evtq_log2 == 0) {
		printf("smmu: IDR1 %#x has no queues\n", s->id.idr[1]);
		return -ENODEV;
	}
	return 0;
}

static void print_ids(const struct smmu *s)
{
	char buf[200];

	smmu_ids_describe(&s->id, buf, sizeof(buf));
	printf("smmu: at %#lx IDR0 %#x IDR1 %#x IDR3 %#x IDR5 %#x\n", (unsigned long)s->base,
	       s->id.idr[0], s->id.idr[1], s->id.idr[3], s->id.idr[5]);
	printf("smmu: %s\n", buf);
}

static size_t queue_bytes(const struct smmu_queue *q)
{
	return ((size_t)q->dwords * 8u) << q->log2;
}

static int queue_alloc(struct smmu *s, struct smmu_queue *q, unsigned hw_log2, unsigned max,
		       unsigned dwords)
{
	q->log2 = hw_log2 < max ? hw_log2 : max;
	q->dwords = dwords;
	q->prod = q->cons = 0;
	q->mem = smmu_alloc(s, queue_bytes(q));
	return q->mem ? 0 : -ENOMEM;
}

static void free_cds_and_l2(struct smmu *s)
{
	size_t nl1 = s->two_level ? (size_t)1 << (s->sid_bits - s->split) : 1;
	size_t per = s->two_level ? (size_t)1 << s->split : (size_t)1 << s->sid_bits;

	for (size_t i = 0; i < nl1; i++) {
		uint64_t *stes = s->strtab;

		if (s->two_level) {
			if (!(s->strtab[i] & SMMU_L1STD_SPAN_MASK))
				continue;
			stes = smmu_va_of(s->strtab[i] & SMMU_L1STD_L2PTR_MASK);
		}
		for (size_t j = 0; j < per; j++) {
			uint64_t *ste = &stes[j * SMMU_STE_DWORDS];

			if (smmu_ste_is_s1(ste))
				smmu_free(s, smmu_va_of(ste[0] & SMMU_STE_S1CTXPTR_MASK),
					  SMMU_CD_BYTES);
		}
		if (s->two_level)
			smmu_free(s, stes, per * STE_BYTES);
	}
}

static void release(struct smmu *s)
{
	if (s->strtab) {
		free_cds_and_l2(s);
		smmu_free(s, s->strtab, s->strtab_bytes);
	}
	if (s->cmdq.mem)
		smmu_free(s, s->cmdq.mem, queue_bytes(&s->cmdq));
	if (s->evtq.mem)
		smmu_free(s, s->evtq.mem, queue_bytes(&s->evtq));
	s->strtab = NULL;
	s->cmdq.mem = s->evtq.mem = NULL;
}

static void program_tables(struct smmu *s)
{
	uint64_t cfg = FIELD_PREP(STRTAB_CFG_LOG2SIZE, s->sid_bits);
	uint32_t attr = s->coherent ? 1u : 0u; /* write-back when walks snoop, else NC */
	uint32_t sh = s->coherent ? 3u : 2u;

	wr32(s, SMMU_CR1, (uint32_t)(FIELD_PREP(CR1_QUEUE_IC, attr) | FIELD_PREP(CR1_QUEUE_OC, attr) |
				     FIELD_PREP(CR1_QUEUE_SH, sh) | FIELD_PREP(CR1_TABLE_IC, attr) |
				     FIELD_PREP(CR1_TABLE_OC, attr) | FIELD_PREP(CR1_TABLE_SH, sh)));
	wr32(s, SMMU_CR2, (uint32_t)(CR2_RECINVSID | CR2_PTM));
	if (s->two_level)
		cfg |= STRTAB_CFG_FMT_2LVL | FIELD_PREP(STRTAB_CFG_SPLIT, s->split);
	wr64(s, SMMU_STRTAB_BASE, STRTAB_BASE_RA | (smmu_pa_of(s->strtab) & STRTAB_ADDR_MASK));
	wr32(s, SMMU_STRTAB_BASE_CFG, (uint32_t)cfg);
	wr64(s, SMMU_CMDQ_BASE, Q_BASE_ALLOC_HINT | (smmu_pa_of(s->cmdq.mem) & Q_ADDR_MASK) |
					FIELD_PREP(Q_LOG2SIZE, s->cmdq.log2));
	wr32(s, SMMU_CMDQ_PROD, 0);
	wr32(s, SMMU_CMDQ_CONS, 0);
	wr64(s, SMMU_EVENTQ_BASE, Q_BASE_ALLOC_HINT | (smmu_pa_of(s->evtq.mem) & Q_ADDR_MASK) |
					 FIELD_PREP(Q_LOG2SIZE, s->evtq.log2));
	wr32(s, SMMU_EVENTQ_PROD, 0);
	wr32(s, SMMU_EVENTQ_CONS, 0);
}

/* Nothing cached may predate our tables: every STE/CD and every TLB entry. */
static int invalidate_all(struct smmu *s)
{
	struct smmu_cmd c[3];
	size_t n = 0;

	smmu_cmd_cfgi_all(&c[n++]);
	if (s->id.hyp)
		smmu_cmd_tlbi_all(&c[n++], SMMU_CMD_TLBI_EL2_ALL);
	smmu_cmd_tlbi_all(&c[n++], SMMU_CMD_TLBI_NSNH_ALL);
	return smmu_submit(s, c, n);
}

/* Incoming traffic aborted, not bypassed, while SMMUEN is 0 (IHI 0070 6.3.14). */
static int gbpa_abort(const struct smmu *s)
{
	wr32(s, SMMU_GBPA, GBPA_UPDATE | GBPA_ABORT);
	return wait_reg(s, SMMU_GBPA, GBPA_UPDATE, 0, "GBPA update");
}

static int enable(struct smmu *s)
{
	int ret = 0;

	/* An SMMU left enabled (by a boot loader, or an earlier run) is reset
	 * with traffic aborted first: clearing SMMUEN with GBPA at its bypass
	 * default would let DMA through untranslated meanwhile (Linux
	 * arm_smmu_device_reset(): "SMMU currently enabled! Resetting...",
	 * arm_smmu_update_gbpa(smmu, GBPA_ABORT, 0)). */
	if (rd32(s, SMMU_CR0) & CR0_SMMUEN)
		ret = gbpa_abort(s);
	if (!ret)
		ret = write_cr0(s, 0);

	if (ret)
		return ret;
	program_tables(s);
	ret = write_cr0(s, CR0_CMDQEN);
	if (!ret)
		ret = invalidate_all(s);
	if (!ret)
		ret = write_cr0(s, CR0_CMDQEN | CR0_EVTQEN);
	if (ret)
		return ret;
	gerror_ack(s, ~0u); /* stale errors from before our reset */
	s->overflows = 0;
	s->gerror_seen = 0;
	return write_cr0(s, CR0_CMDQEN | CR0_EVTQEN | CR0_SMMUEN);
}

int smmu_init(struct smmu *s, const struct smmu_cfg *cfg)
{
	int ret;

	memset(s, 0, sizeof(*s));
	s->base = cfg->base;
	s->pool = cfg->pool;
	read_ids(s);
	ret = check_ids(s);
	if (ret)
		return ret;
	if (!cfg->quiet)
		print_ids(s);
	s->ril = s->id.ril && !cfg->no_ril;
	s->coherent = s->id.cohacc && !cfg->non_coherent;
	ret = strtab_alloc(s, cfg->strtab);
	if (!ret)
		ret = queue_alloc(s, &s->cmdq, s->id.cmdq_log2, SMMU_CMDQ_MAX_LOG2, 2);
	if (!ret)
		ret = queue_alloc(s, &s->evtq, s->id.evtq_log2, SMMU_EVTQ_MAX_LOG2, 4);
	if (!ret)
		ret = enable(s);
	if (ret) {
		write_cr0(s, 0);
		release(s);
	}
	return ret;
}

void smmu_fini(struct smmu *s)
{
	/* Stop every SMMU access to our memory before the pool gets it back:
	 * SMMUEN off with GBPA aborting, so DMA neither bypasses nor walks. */
	gbpa_abort(s);
	write_cr0(s, 0);
	release(s);
}
