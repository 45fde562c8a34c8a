/* SPDX-License-Identifier: MIT */
/*
 * A register-level model of an Arm SMMUv3 behind the host MMIO layer
 * (tests/host/mmio_host.h), for what QEMU cannot show: an event queue whose
 * producer never stops, commands that real SMMUs refuse but QEMU runs, and
 * the order of a reset. It walks no tables and moves no data; the DMA proofs
 * stay with QEMU's edu device (docs/smmu.md).
 *
 * What the model assumes (each rule with its source, or labelled):
 *  - Registers at the offsets of IHI 0070 6.2 (page 0; EVENTQ_PROD/CONS on
 *    page 1 at +0x10000); ID registers as QEMU 7.2 reports them
 *    (tests/host/test_smmu_cmd.c test_ids_qemu). CR0ACK follows CR0 at once,
 *    GBPA.Update clears at once (IHI 0070 6.3.9, 6.3.14).
 *  - The command queue runs when CMDQ_PROD is written while CR0.CMDQEN is
 *    set (as QEMU does; IHI 0070 6.3.9).
 *    Opcodes outside the set this driver uses, and a TLBI_NH_VA real SMMUs
 *    refuse, stop the queue at CMDQ_CONS with CONS.ERR = CERROR_ILL and
 *    GERROR.CMDQ_ERR toggled (IHI 0070 7.1); it resumes when GERRORN
 *    acknowledges and PROD is written again. Refused TLBI_NH_VA: a range
 *    command (TG != 0) with NUM = SCALE = TTL = 0 (Linux commit eb6c97647be2
 *    "iommu/arm-smmu-v3: Avoid constructing invalid range commands"); a TTL
 *    of level 1 with the 16K or 64K granule, and NUM/SCALE/TTL set in the
 *    per-address form (assumptions of this model, as of the host test's
 *    checker).
 *  - Clearing CR0.SMMUEN while GBPA.ABORT is clear is counted as a
 *    violation: traffic would bypass translation while the SMMU is reset
 *    (Linux arm_smmu_device_reset() sets GBPA to abort first when it finds
 *    the SMMU enabled). That is Linux's policy, not an architected error.
 *  - STE updates. While CR0.SMMUEN is set the model looks at every STE the
 *    stream table reaches (linear, or each L2 table an L1 descriptor points
 *    to) at every mmio_dma_barrier() and every register write (drivers/mmio.c
 *    puts a barrier before each), and takes the stores made since its last
 *    look as visible to the SMMU in any order: the SMMU reads an STE with no
 *    more than 64-bit single-copy atomicity per dword (Linux 6.12
 *    arm_smmu_write_entry(): "HW is only required to have a 64 bit atomicity
 *    with stores from the CPU"), and may fetch and cache it at any time until
 *    a CMD_CFGI_STE completed by a CMD_SYNC drops the cached copy (IHI 0070
 *    3.21.3, 4.3.2). A dword 0 with V = 1 and Config bypass or translate
 *    (Config[2] set) makes the SMMU read dwords 1..7; abort reads no other
 *    field (Linux arm_smmu_get_ste_used()). Two violations follow:
 *    dwords 1..7 changing while such a dword 0 may still be held (it was seen
 *    since the last CFGI_STE + CMD_SYNC of that StreamID), and a dword 0
 *    that reads them made valid while dwords 1..7 have changed since the
 *    last CFGI_STE + CMD_SYNC: a barrier alone is not enough, as the SMMU
 *    may read the dwords of one fetch in any order and cache an entry
 *    whatever it says (Linux syncs after every step that changed the entry,
 *    arm_smmu_write_entry() through entry_set(); before 6.9
 *    arm_smmu_write_ctx_desc(): "the SMMU might read dwords of this CD in
 *    any order. Ensure that it observes valid values before reading V=1",
 *    a CFGI + CMD_SYNC before dword 0). A CFGI_STE consumed before a change
 *    of the entry does not cover that change. Assumption of this model,
 *    stricter than Linux's used-bit analysis: any change of dwords 1..7
 *    counts, not only of the fields the Config uses; an STE written in the
 *    same look as its L1 descriptor is taken as found.
 *  - A stage-1 STE made current by CFGI_STE + CMD_SYNC has its CD fetched:
 *    CD.S must be 1 when IDR0.STALL_MODEL is 0b10 (stall forced) and 0 when
 *    it is 0b01 (no stall), else C_BAD_CD (IHI 0070 5.4 CD.S, 6.3.1; QEMU
 *    7.2 decode_cd() refuses S = 1 with its STALL_MODEL 0b01; Linux sets
 *    CTXDESC_CD_0_S with ARM_SMMU_FEAT_STALL_FORCE). Counted as a violation.
 *    With stall_events, events carry Stall = 1 and a STAG, and the model
 *    holds the transaction until a CMD_RESUME names its StreamID and STAG or
 *    a CMD_STALL_TERM its StreamID ("Arm expects software to respond to every
 *    recorded event record indicating a stall using a CMD_RESUME or a
 *    CMD_STALL_TERM", IHI 0070 4.7.1); `stalled` counts the unanswered ones.
 *    CMD_STALL_TERM (opcode 0x45, StreamID in [63:32]: IHI 0070 4.7.2; QEMU
 *    hw/arm/smmuv3-internal.h SMMU_CMD_STALL_TERM) is refused with
 *    CERROR_ILL when IDR0.STALL_MODEL is 0b01, and counted as a violation
 *    unless the StreamID's STE already aborts (V = 1, Config = 0b000) and
 *    that STE was made current by CFGI_STE + CMD_SYNC (4.7.2: otherwise
 *    UNPREDICTABLE whether the stalls are terminated).
 *  - Events are written at EVENTQ_PROD, 32 bytes each, the index and wrap
 *    bit advanced as IHI 0070 3.5; a full queue drops the event and toggles
 *    EVENTQ_PROD.OVFLG (IHI 0070 7.4). In a storm, every read of
 *    EVENTQ_PROD first produces another event, so the producer stays ahead
 *    of any consumer; `storm_left` caps it only so that an unbounded drain
 *    fails a test instead of hanging it.
 */
#ifndef GPUMMU_TESTS_HOST_SMMU_MODEL_H
#define GPUMMU_TESTS_HOST_SMMU_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SMMU_MODEL_SIZE 0x20000
/* STEs the model watches: the linear table, or as many L2 tables. */
#define SMMU_MODEL_STE_RUNS 4
#define SMMU_MODEL_RUN_STES 256
/* Stalled transactions the model holds at once (more are not stalled). */
#define SMMU_MODEL_STALLS 16

/* One run of STEs the SMMU may fetch, as the model last saw it. */
struct smmu_model_stes {
	const uint64_t *mem;    /* where the SMMU reads them; NULL: slot unused */
	uint32_t sid0, n;       /* StreamID of the first, how many */
	uint64_t seen[SMMU_MODEL_RUN_STES][8];
	uint8_t flags[SMMU_MODEL_RUN_STES];
};

struct smmu_model {
	uint32_t idr[6];
	uint32_t cr0, cr1, cr2, gbpa, gerror, gerrorn, strtab_cfg;
	uint64_t strtab_base, cmdq_base, evtq_base;
	uint32_t cmdq_prod, cmdq_cons, evtq_prod, evtq_cons;
	/* A storm: every EVENTQ_PROD read produces one more event, up to storm_left. */
	bool storm;
	unsigned long storm_left;
	uint32_t storm_sid;
	unsigned long events_made, commands, tlbi_va;
	bool stall_events;      /* events made with Stall = 1, STAG = events_made */
	unsigned long resumes;  /* CMD_RESUME consumed; the last one: */
	uint64_t last_resume[2];
	/* Stalled transactions no CMD_RESUME or CMD_STALL_TERM has answered. */
	uint32_t stalled_sid[SMMU_MODEL_STALLS];
	uint16_t stalled_stag[SMMU_MODEL_STALLS];
	unsigned stalled;
	unsigned long stall_terms;
	struct smmu_model_stes stes[SMMU_MODEL_STE_RUNS];
	unsigned long ste_changes; /* STEs seen changed (the watch is not vacuous) */
	unsigned long violations;
	char last_violation[160];
};

void smmu_model_init(struct smmu_model *m);
int smmu_model_map(struct smmu_model *m, uintptr_t base);
/* Write one event for StreamID sid (F_TRANSLATION at addr) as the SMMU would. */
void smmu_model_event(struct smmu_model *m, uint32_t sid, uint64_t addr);

#endif
