/* SPDX-License-Identifier: MIT */
/*
 * Arm SMMUv3, stage 1 only, behind the common GPU MMU interface of
 * drivers/gpu_as.h: one gpu_as = one StreamID with one context descriptor
 * (ASID + the page table). Polled: no interrupts, every wait bounded.
 * drivers/smmuv3.c is the device (reset, stream table, queues, events,
 * GERROR); drivers/smmuv3_as.c the gpu_as back end; drivers/smmuv3_fmt.c the
 * in-memory formats.
 *
 * Memory: the stream table, the queues and the CDs come from a struct pool the
 * caller passes (the image pool on the target), in naturally aligned 4/16 KiB
 * blocks, which is the alignment the SMMU needs (a queue or table aligned to
 * its size). smmu_fini disables the SMMU before giving everything back, so a
 * test that does init ... fini leaves the pool exactly as it found it, and the
 * driver itself holds no global state: the caller owns the struct smmu.
 */
#ifndef GPUMMU_DRIVERS_SMMUV3_H
#define GPUMMU_DRIVERS_SMMUV3_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../mmu/pool.h"
#include "gpu_as.h"
#include "smmuv3_fmt.h"

/* CMD_SYNC completion, CR0/CR0ACK and GBPA updates. Linux allows 1 s
 * (ARM_SMMU_POLL_TIMEOUT_US); QEMU completes them during the register write. */
#define SMMU_TIMEOUT_US 1000000u

enum smmu_strtab_fmt {
	SMMU_STRTAB_AUTO,   /* 2-level when the StreamID space is large and supported */
	SMMU_STRTAB_LINEAR,
	SMMU_STRTAB_2LVL,
};

struct smmu_cfg {
	uintptr_t base;
	struct pool *pool;
	enum smmu_strtab_fmt strtab;
	bool no_ril;        /* ignore IDR3.RIL: per-granule TLBI (to test that path) */
	/* Ignore IDR0.COHACC: stream table, queue, CD and table walks
	 * non-cacheable, tables cleaned by the CPU (to test that path with the
	 * data cache on; pool must then be CPU-mapped non-cacheable). */
	bool non_coherent;
	bool quiet;         /* do not print the ID registers */
};

struct smmu_queue {
	uint64_t *mem;      /* entries of 2 (cmd) or 4 (event) dwords */
	unsigned log2;      /* entries = 1 << log2 */
	unsigned dwords;    /* per entry */
	uint32_t prod, cons; /* software copies (index + wrap bit; OVACKFLG for events) */
};

struct smmu {
	uintptr_t base;
	struct pool *pool;
	struct smmu_ids id;
	bool ril;
	bool coherent;          /* IDR0.COHACC and not cfg.non_coherent */
	bool two_level;
	unsigned sid_bits;      /* StreamIDs the stream table covers */
	unsigned split;         /* 2-level: StreamID bits resolved by an L2 table */
	uint64_t *strtab;       /* linear STEs or L1 descriptors */
	size_t strtab_bytes;
	struct smmu_queue cmdq, evtq;
	unsigned long overflows; /* event queue overflows seen since init */
	unsigned long storms;    /* event reads given up after a queue's worth */
	uint32_t gerror_seen;   /* GERROR bits acknowledged so far (ORed) */
};

/* Reset and enable the SMMU: stream table with every StreamID aborting, queues,
 * config/TLB invalidation. 0, -ENODEV (not a usable SMMUv3), -ENOMEM, -ETIMEDOUT. */
int smmu_init(struct smmu *s, const struct smmu_cfg *cfg);
/* Disable the SMMU (GBPA abort) and return every page to the pool. */
void smmu_fini(struct smmu *s);

/* Bind as to (sid, asid) of s; attach with gpu_as_attach(as, pt). */
void smmu_as_init(struct smmu *s, struct gpu_as *as, uint32_t sid, uint16_t asid);
/* pt_cfg for a table this SMMU can walk (ARM64_S1, IAS <= 48, OAS = SMMU OAS). */
int smmu_pt_cfg(const struct smmu *s, struct gpu_as *as, size_t granule, unsigned ias,
		struct pt_cfg *cfg);

/* Issue commands then a CMD_SYNC and wait for it. 0, -EIO (command error,
 * recovered), -ETIMEDOUT. */
int smmu_submit(struct smmu *s, const struct smmu_cmd *cmds, size_t n);

/* Oldest unread event: 0 and *e, or -ENOENT. Notices and reports overflow. */
int smmu_event_pop(struct smmu *s, struct smmu_event *e);
/* Discard the pending events, at most one queue's worth (smmu_evtq_entries);
 * returns how many. Events still coming after that are reported as a storm. */
unsigned smmu_events_drain(struct smmu *s, bool print);
/* The event queue's size: the bound of every loop reading events. */
unsigned smmu_evtq_entries(const struct smmu *s);
/* An event is waiting (EVENTQ_PROD ahead of our CONS). */
bool smmu_events_pending(struct smmu *s);
/* Report that `read` events were read and more keep coming (counts s->storms). */
void smmu_event_storm(struct smmu *s, unsigned read);
/* Newly active GERROR bits (printed and acknowledged), 0 when none. */
uint32_t smmu_gerror_check(struct smmu *s);

/* ---- for the gpu_as back end (drivers/smmuv3_as.c) ---- */

/* The CPU maps RAM identity (boot/cpu_map.c): the address the CPU uses for a
 * table or queue is the physical address the SMMU is given. */
static inline uint64_t smmu_pa_of(const void *p) { return (uint64_t)(uintptr_t)p; }
static inline void *smmu_va_of(uint64_t pa) { return (void *)(uintptr_t)pa; }

/* A zeroed, size-aligned pool block of at least bytes (4/16/64 KiB), or NULL
 * with a message. */
void *smmu_alloc(struct smmu *s, size_t bytes);
/* Give back what smmu_alloc(s, bytes) returned (same bytes). */
void smmu_free(struct smmu *s, void *p, size_t bytes);
#define SMMU_CD_BYTES (SMMU_CD_DWORDS * 8u)
/* Copy dwords one 64-bit store each (never merged or split: the SMMU reads them). */
void smmu_copy_dwords(uint64_t *dst, const uint64_t *src, unsigned n);
/* The STE of sid, or NULL outside the table; in a 2-level table its L2 table
 * is allocated (filled with abort STEs) when alloc, else NULL when absent. */
uint64_t *smmu_ste(struct smmu *s, uint32_t sid, bool alloc);
bool smmu_ste_is_s1(const uint64_t *ste);
/* Replace sid's STE at dst, live or not, so that the SMMU never uses a mix of
 * old and new dwords; ends with the SMMU holding the new entry (CFGI_STE +
 * CMD_SYNC issued as needed). 0, or -EIO / -ETIMEDOUT from a sync (then dwords
 * 1..7 are unchanged if the old entry still used them). */
int smmu_ste_write(struct smmu *s, uint32_t sid, uint64_t *dst,
		   const uint64_t ste[SMMU_STE_DWORDS]);

/* GERROR bits (IHI 0070 6.3.15) */
#define SMMU_GERROR_CMDQ_ERR     BIT(0)
#define SMMU_GERROR_EVTQ_ABT_ERR BIT(2)
#define SMMU_GERROR_SFM_ERR      BIT(8)

extern const struct gpu_as_ops smmu_as_ops;

#endif
