/* SPDX-License-Identifier: MIT */
/*
 * Arm SMMUv3 in-memory formats, with no register access: ID register
 * decoding, commands, stream table entries, context descriptors, event
 * records and queue index arithmetic. Split from drivers/smmuv3.c so that the
 * host tests (tests/host/test_smmu_cmd.c) check the encodings and the
 * arithmetic without hardware.
 *
 * Source for every field: Arm IHI 0070 (SMMU architecture v3), chapters 3
 * (queues), 4 (commands), 5 (STE, CD), 6 (registers) and 7 (events). Linux
 * drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.h and QEMU hw/arm/smmuv3-internal.h
 * were read to confirm the field positions.
 */
#ifndef GPUMMU_DRIVERS_SMMUV3_FMT_H
#define GPUMMU_DRIVERS_SMMUV3_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../mmu/bits.h"

/* ---- ID registers (IHI 0070 6.3.1 .. 6.3.6) ---- */
struct smmu_ids {
	uint32_t idr[6];
	bool s1p, s2p;          /* IDR0.S1P / S2P: stage 1 / stage 2 supported */
	unsigned ttf;           /* IDR0.TTF: 1 AArch32, 2 AArch64, 3 both */
	bool cohacc;            /* IDR0.COHACC: table/queue walks are coherent */
	bool asid16;            /* IDR0.ASID16 */
	bool hyp;               /* IDR0.HYP: EL2 TLBI commands exist */
	bool st_2lvl;           /* IDR0.ST_LEVEL == 1: 2-level stream tables */
	unsigned sid_bits;      /* IDR1.SIDSIZE */
	unsigned ssid_bits;     /* IDR1.SSIDSIZE */
	unsigned cmdq_log2;     /* IDR1.CMDQS */
	unsigned evtq_log2;     /* IDR1.EVENTQS */
	unsigned stall_model;   /* IDR0.STALL_MODEL: SMMU_STALL_* */
	bool ril;               /* IDR3.RIL (bit 10): range invalidation */
	unsigned oas_bits;      /* IDR5.OAS decoded */
	bool gran4k, gran16k, gran64k; /* IDR5.GRAN4K / GRAN16K / GRAN64K */
};

/* IDR0.STALL_MODEL (IHI 0070 6.3.1; Linux IDR0_STALL_MODEL_*): a faulting
 * transaction may stall or terminate / only terminates / always stalls. */
#define SMMU_STALL_OPTIONAL 0u
#define SMMU_STALL_NONE     1u
#define SMMU_STALL_FORCED   2u

void smmu_ids_decode(const uint32_t idr[6], struct smmu_ids *out);
/* "stage1 aarch64 asid16 ..." into buf (always NUL-terminated). */
void smmu_ids_describe(const struct smmu_ids *id, char *buf, size_t size);

/* ---- commands (IHI 0070 4.1 .. 4.7): 16 bytes, opcode in dword 0 [7:0] ---- */
#define SMMU_CMD_OPCODE        GENMASK(7, 0)
#define SMMU_CMD_CFGI_STE      0x03u
#define SMMU_CMD_CFGI_ALL      0x04u
#define SMMU_CMD_CFGI_CD       0x05u
#define SMMU_CMD_TLBI_NH_ALL   0x10u
#define SMMU_CMD_TLBI_NH_ASID  0x11u
#define SMMU_CMD_TLBI_NH_VA    0x12u
#define SMMU_CMD_TLBI_EL2_ALL  0x20u
#define SMMU_CMD_TLBI_NSNH_ALL 0x30u
#define SMMU_CMD_RESUME        0x44u
#define SMMU_CMD_STALL_TERM    0x45u /* IHI 0070 4.7.2; QEMU smmuv3-internal.h */
#define SMMU_CMD_SYNC          0x46u

struct smmu_cmd {
	uint64_t dw[2];
};

/* TLBI_NH_VA fields (IHI 0070 4.4.2 and 4.4.1.1 "range invalidation"). */
#define SMMU_TLBI_NUM          GENMASK(16, 12) /* dw0: range = (NUM + 1) << SCALE granules */
#define SMMU_TLBI_SCALE        GENMASK(24, 20) /* dw0 */
#define SMMU_TLBI_ASID         GENMASK(63, 48) /* dw0 */
#define SMMU_TLBI_LEAF         BIT(0)          /* dw1: only leaf entries (walk caches kept) */
#define SMMU_TLBI_TTL          GENMASK(9, 8)   /* dw1: level of the leaves, 0 unknown */
#define SMMU_TLBI_TG           GENMASK(11, 10) /* dw1: 0 no range, 1 4K, 2 16K, 3 64K */
#define SMMU_TLBI_ADDR_MASK    GENMASK(63, 12) /* dw1 */
#define SMMU_TLBI_RANGE_MAX    32u /* NUM + 1 <= 32 */
#define SMMU_TLBI_SCALE_MAX    31u

void smmu_cmd_cfgi_ste(struct smmu_cmd *c, uint32_t sid, bool leaf);
void smmu_cmd_cfgi_cd(struct smmu_cmd *c, uint32_t sid, bool leaf);
void smmu_cmd_cfgi_all(struct smmu_cmd *c);
void smmu_cmd_tlbi_nh_asid(struct smmu_cmd *c, uint16_t asid);
void smmu_cmd_tlbi_all(struct smmu_cmd *c, uint8_t opcode);
void smmu_cmd_sync(struct smmu_cmd *c);
/* CMD_RESUME with Action = abort: the stalled transaction stag of sid ends
 * with an abort to the master (IHI 0070 4, CMD_RESUME; Linux CMDQ_RESUME_0_RESP_ABORT). */
void smmu_cmd_resume_abort(struct smmu_cmd *c, uint32_t sid, uint16_t stag);
/* CMD_STALL_TERM: every transaction of sid still stalled ends with an abort
 * (IHI 0070 4.7.2). Only once sid's STE aborts and that is synced, and only
 * where IDR0.STALL_MODEL allows stalls (else CERROR_ILL). */
void smmu_cmd_stall_term(struct smmu_cmd *c, uint32_t sid);

/* One range (or one address) to invalidate by VA within an ASID. */
struct smmu_tlbi_req {
	uint64_t start, end;    /* [start, end), aligned to the stride */
	uint16_t asid;
	unsigned tg_shift;      /* log2 of the table's translation granule */
	unsigned stride_shift;  /* log2 of the smallest leaf (per-address form) */
	bool leaf;              /* only leaf entries changed */
	bool ril;               /* the SMMU has range invalidation */
	/* Range form only: the level of every leaf invalidated (1..3; level 1
	 * with the 4K granule only), or 0 when they may be of several levels. */
	unsigned ttl;
};

/*
 * Encode the TLBI_NH_VA commands covering the request, into out[0..max).
 * Returns how many are needed (possibly > max: the caller then invalidates the
 * whole ASID instead), or 0 for an empty or misaligned request.
 * With RIL each command covers (NUM + 1) << SCALE granules; the commands are
 * the 5-bit windows of the page count taken from its lowest set bit, the
 * fewest possible (tests/host/test_smmu_cmd.c checks this against a search).
 * A range command with NUM = SCALE = TTL = 0 is illegal (Linux commit
 * eb6c97647be2 "iommu/arm-smmu-v3: Avoid constructing invalid range
 * commands"): with TTL unknown and a page count of 1 mod 32 the cover is
 * extended by one granule past end, as Linux does (a documented superset:
 * invalidating more is always safe). Without RIL one command per stride.
 */
size_t smmu_tlbi_va_cmds(const struct smmu_tlbi_req *r, struct smmu_cmd *out, size_t max);

/* Decoded view of a TLBI_NH_VA command (for tests and the trace). */
struct smmu_tlbi_range {
	uint64_t addr, size;    /* size in bytes; for the per-address form the stride is unknown: 0 */
	unsigned tg, ttl;
	uint16_t asid;
	bool leaf;
};
void smmu_tlbi_va_decode(const struct smmu_cmd *c, struct smmu_tlbi_range *out);

/* ---- stream table entry (IHI 0070 5.2): 64 bytes ---- */
#define SMMU_STE_DWORDS        8
#define SMMU_STE_V             BIT(0)
#define SMMU_STE_CFG           GENMASK(3, 1)   /* dw0 */
#define SMMU_STE_CFG_ABORT     0x0ull
#define SMMU_STE_CFG_BYPASS    0x4ull
#define SMMU_STE_CFG_S1        0x5ull
#define SMMU_STE_S1CTXPTR_MASK GENMASK(51, 6)  /* dw0 */
/* L1 stream table descriptor (IHI 0070 5.1): SPAN [4:0], L2Ptr [51:6]. */
#define SMMU_L1STD_SPAN_MASK   GENMASK(4, 0)
#define SMMU_L1STD_L2PTR_MASK  GENMASK(51, 6)

/* dword 0 makes the SMMU read dwords 1..7: V = 1 and Config bypass or
 * translate (Config[2]); abort and V = 0 read no other field (IHI 0070 5.2;
 * Linux arm_smmu_get_ste_used()). */
bool smmu_ste_reads_rest(uint64_t dw0);
/* V = 1, Config = abort: traffic on the StreamID is terminated without an event. */
void smmu_ste_abort(uint64_t ste[SMMU_STE_DWORDS]);
/* V = 1, stage 1 translation with one CD at cd_pa (S1CDMax = 0, S1STALLD = 0). */
void smmu_ste_s1(uint64_t ste[SMMU_STE_DWORDS], uint64_t cd_pa, bool coherent);

/* ---- context descriptor (IHI 0070 5.4): 64 bytes ---- */
#define SMMU_CD_DWORDS 8
/*
 * The CD for one ASID from TCR_EL1-style TTBR0 fields (as pt_hw_config gives
 * them), the table root and the MAIR. stall sets CD.S: faults stall instead
 * of terminating, which an SMMU whose IDR0.STALL_MODEL is forced requires
 * and one without stalls refuses (C_BAD_CD either way; IHI 0070 5.4).
 * -EINVAL when the TCR cannot be expressed (T0SZ outside 16..39, a reserved
 * granule).
 */
int smmu_cd_s1(uint64_t cd[SMMU_CD_DWORDS], uint16_t asid, uint64_t ttb, uint64_t tcr,
	       uint64_t mair, bool stall);

/* ---- events (IHI 0070 7.3): 32 bytes ---- */
#define SMMU_EVT_F_TRANSLATION 0x10u
#define SMMU_EVT_F_ADDR_SIZE   0x11u
#define SMMU_EVT_F_ACCESS      0x12u
#define SMMU_EVT_F_PERMISSION  0x13u

struct smmu_event {
	uint8_t type;
	const char *name;       /* "F_TRANSLATION", ... or "unknown" */
	const char *what;       /* words: "translation fault (no valid PTE)" */
	uint32_t sid, ssid;
	bool ssv;
	bool has_addr;          /* address fields are meaningful for this type */
	uint64_t addr;          /* input address (dword 2) */
	bool rnw, ind, pnu, stall;
	uint16_t stag;          /* stalled: the tag CMD_RESUME names */
	unsigned cls;           /* CLASS: 0 CD fetch, 1 TT fetch, 2 input */
	uint64_t raw[4];
};

void smmu_event_decode(const uint64_t raw[4], struct smmu_event *out);
/* One line of words for the event, NUL-terminated in buf. */
void smmu_event_describe(const struct smmu_event *e, char *buf, size_t size);

/* ---- queue indices (IHI 0070 3.5): index in [log2-1:0], wrap bit at [log2] ---- */
static inline uint32_t smmu_q_mask(unsigned log2) { return (1u << log2) - 1u; }
static inline uint32_t smmu_q_idx(uint32_t v, unsigned log2) { return v & smmu_q_mask(log2); }
static inline uint32_t smmu_q_wrap(uint32_t v, unsigned log2) { return v & (1u << log2); }
/* The bits of a queue pointer: index and wrap bit. */
static inline uint32_t smmu_q_ptr_mask(unsigned log2) { return (2u << log2) - 1u; }
/* Next position: index + 1, flipping the wrap bit when the index wraps. */
static inline uint32_t smmu_q_inc(uint32_t v, unsigned log2)
{
	return (v + 1u) & smmu_q_ptr_mask(log2);
}
static inline bool smmu_q_empty(uint32_t prod, uint32_t cons, unsigned log2)
{
	return smmu_q_idx(prod, log2) == smmu_q_idx(cons, log2) &&
	       smmu_q_wrap(prod, log2) == smmu_q_wrap(cons, log2);
}
static inline bool smmu_q_full(uint32_t prod, uint32_t cons, unsigned log2)
{
	return smmu_q_idx(prod, log2) == smmu_q_idx(cons, log2) &&
	       smmu_q_wrap(prod, log2) != smmu_q_wrap(cons, log2);
}
/* Entries written by the producer and not yet consumed. */
static inline uint32_t smmu_q_used(uint32_t prod, uint32_t cons, unsigned log2)
{
	return (prod - cons) & smmu_q_ptr_mask(log2);
}
static inline uint32_t smmu_q_space(uint32_t prod, uint32_t cons, unsigned log2)
{
	return (1u << log2) - smmu_q_used(prod, cons, log2);
}

#endif
