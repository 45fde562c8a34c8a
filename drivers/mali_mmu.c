/* SPDX-License-Identifier: MIT */
/*
 * Arm Mali GPU MMU back end of the GPU MMU interface (drivers/gpu_as.h).
 *
 * Register facts are from Linux drivers/gpu/drm/panfrost/panfrost_regs.h,
 * drivers/gpu/drm/panthor/panthor_regs.h and drivers/gpu/drm/tyr/regs.rs; the
 * sequences follow what panfrost_mmu.c / panthor_mmu.c and Arm's kbase
 * (mali_kbase_mmu_hw_direct.c) do, re-derived here, not copied. What differs
 * per generation is tabled in docs/mali.md.
 * Every 64-bit register is written as LO then HI 32-bit halves, as both Linux
 * drivers do: the Mali register file is 32 bits wide.
 */
#include <errno.h>
#include <stdio.h>

#include "../mmu/bits.h"
#include "mali_mmu.h"
#include "mmio.h"
#include "timer.h"

/* GPU control block (panthor_regs.h / panfrost_regs.h; Tyr regs.rs gpu_control) */
#define GPU_ID             0x000
#define GPU_ID_ARCH_MAJOR  GENMASK(31, 28) /* 10 and later: CSF (panthor); 6+: AS_TRANSCFG */
#define GPU_ID_PRODUCT     GENMASK(31, 16)
#define GPU_ID_VER_MAJOR   GENMASK(15, 12)
#define GPU_ID_VER_MINOR   GENMASK(11, 4)
#define GPU_ID_VER_STATUS  GENMASK(3, 0)
#define GPU_MMU_FEATURES   0x014
#define MMU_FEATURES_VA_BITS GENMASK(7, 0)
#define MMU_FEATURES_PA_BITS GENMASK(15, 8)
#define GPU_AS_PRESENT     0x018
#define GPU_INT_RAWSTAT    0x020
#define GPU_INT_CLEAR      0x024
#define GPU_CMD            0x030
#define GPU_IRQ_CLEAN_CACHES_COMPLETED BIT(17)
/* GPU_COMMAND FLUSH_CACHES (Tyr GPU_COMMAND_FLUSH: command [7:0] = 4, L2 [11:8],
 * LSC [15:12], other caches [19:16]; panthor_regs.h GPU_FLUSH_CACHES()) */
#define GPU_CMD_CODE       GENMASK(7, 0)
#define GPU_CMD_FLUSH_L2   GENMASK(11, 8)
#define GPU_CMD_FLUSH_LSC  GENMASK(15, 12)
#define GPU_CMD_FLUSH_OTHER GENMASK(19, 16)
#define GPU_CMD_CODE_FLUSH_CACHES 4u
#define CACHE_CLEAN        BIT(0)
#define CACHE_INV          BIT(1)

/*
 * MMU block interrupts. Bit n [15:0] is AS n's page fault on every GPU. Bit
 * n + 16 [31:16] is AS n's bus fault on job-manager GPUs (panfrost_mmu.c
 * panfrost_mmu_irq_handler_thread()), but "command completed" on CSF GPUs
 * (panthor_mmu.c panthor_mmu_fault_mask(): "Bits 16 to 31 mean REQ_COMPLETE";
 * Tyr regs.rs IRQ_RAWSTAT 31:16 command_completed; kbase CSF clears bit n
 * only), where it is set after every AS command and is no fault at all.
 */
#define MMU_INT_RAWSTAT    0x2000
#define MMU_INT_CLEAR      0x2004
#define MMU_INT_MASK       0x2008
#define MMU_IRQ_PAGE_FAULT(n) BIT(n)
#define MMU_IRQ_BUS_FAULT(n)  BIT((n) + 16) /* job manager only */

/* Address space n (panthor_regs.h MMU_AS(n) = 0x2400 + (n << 6)) */
#define AS_BASE(n)         (0x2400u + ((n) << 6))
#define AS_TRANSTAB        0x00
#define AS_MEMATTR         0x08
#define AS_LOCKADDR        0x10
#define AS_COMMAND         0x18
#define AS_FAULTSTATUS     0x1c
#define AS_FAULTADDRESS    0x20
#define AS_STATUS          0x28
#define AS_STATUS_AS_ACTIVE BIT(0)
#define AS_TRANSCFG        0x30

#define AS_COMMAND_UPDATE    1
#define AS_COMMAND_LOCK      2
#define AS_COMMAND_UNLOCK    3
#define AS_COMMAND_FLUSH_PT  4
#define AS_COMMAND_FLUSH_MEM 5

/* AS_LOCKADDR: log2(size) - 1 in [5:0] (Tyr LOCKADDR size [5:0], base [63:12]);
 * 32 KiB minimum (AS_LOCK_REGION_MIN_SIZE) */
#define AS_LOCK_WIDTH        GENMASK(5, 0)
#define AS_LOCK_MIN_SHIFT    15

/* AS_TRANSCFG (panthor_regs.h); LEGACY = 0 selects the TRANSTAB-mode LPAE format
 * (Arm kbase mali_kbase_gpu_regmap.h AS_TRANSCFG_ADRMODE_LEGACY). */
#define AS_TRANSCFG_ADRMODE            GENMASK(3, 0)
#define AS_TRANSCFG_ADRMODE_LEGACY     0u
#define AS_TRANSCFG_ADRMODE_UNMAPPED   1u
#define AS_TRANSCFG_ADRMODE_AARCH64_4K 6u
#define AS_TRANSCFG_INA_BITS           GENMASK(10, 6)
#define AS_TRANSCFG_PTW_MEMATTR        GENMASK(25, 24)
#define AS_TRANSCFG_PTW_MEMATTR_WB     2u
#define AS_TRANSCFG_PTW_SH             GENMASK(29, 28)
#define AS_TRANSCFG_PTW_SH_OS          2u
#define AS_TRANSCFG_PTW_RA             BIT(30)

/* MEMATTR, AArch64 mode, one byte per AttrIndx (panthor_regs.h AS_MEMATTR_AARCH64_*;
 * Tyr MMU_MEMATTR_STAGE1: alloc_w [0], alloc_r [1], alloc_sel [3:2], coherency
 * [5:4], memory_type [7:6]) */
#define MEMATTR_ALLOC_W            BIT(0)
#define MEMATTR_ALLOC_R            BIT(1)
#define MEMATTR_ALLOC_SEL          GENMASK(3, 2)
#define MEMATTR_ALLOC_SEL_EXPLICIT 3u
#define MEMATTR_COHERENCY          GENMASK(5, 4)
#define MEMATTR_SH_MIDGARD_INNER   0u
#define MEMATTR_SH_CPU_INNER       1u
#define MEMATTR_TYPE               GENMASK(7, 6)
#define MEMATTR_TYPE_NC            1u
#define MEMATTR_TYPE_WB            2u
/* MAIR_ELx attribute byte (Arm DDI 0487 D19.2 MAIR_EL1): outer [7:4], inner [3:0]; for
 * Normal memory 0b01RW / 0b11RW are write-back (R, W allocate hints), 0b0100 is
 * non-cacheable; outer 0b0000 is Device memory. */
#define MAIR_OUTER                 GENMASK(7, 4)
#define MAIR_INNER                 GENMASK(3, 0)
#define MAIR_ALLOC_W               BIT(0)
#define MAIR_ALLOC_R               BIT(1)
/* MEMATTR, legacy LPAE mode (Linux io-pgtable-arm.c ARM_MALI_LPAE_MEMATTR_*) */
#define MEMATTR_LPAE_IMP_DEF       0x88u
#define MEMATTR_LPAE_WRITE_ALLOC   0x8du

/* AS_FAULTSTATUS: exception type [7:0], access type [9:8], source id [31:16] */
#define FAULT_EXCEPTION      GENMASK(7, 0)
#define FAULT_ACCESS         GENMASK(9, 8)
#define FAULT_ACCESS_WRITE   3u
#define FAULT_SOURCE         GENMASK(31, 16)

static uintptr_t as_reg(const struct mali_gpu *gpu, unsigned n, unsigned off)
{
	return gpu->base + AS_BASE(n) + off;
}

static void write_lo_hi(uintptr_t addr, uint64_t val)
{
	mmio_write32(addr, (uint32_t)val);
	mmio_write32(addr + 4, (uint32_t)(val >> 32));
}

static uint64_t read_lo_hi(uintptr_t addr)
{
	uint64_t lo = mmio_read32(addr);

	return lo | ((uint64_t)mmio_read32(addr + 4) << 32);
}

static struct mali_gpu *as_gpu(const struct gpu_as *as)
{
	return as->dev;
}

int mali_probe(struct mali_gpu *gpu, uintptr_t base, bool coherent)
{
	uint32_t raw_id = mmio_read32(base + GPU_ID);

	gpu->base = base;
	gpu->coherent = coherent;
	/* Decode the T60x's oddball id as the Midgard it is, before the arch
	 * nibble is read (panfrost_gpu_init_features()). */
	gpu->gpu_id = mali_gpu_id_normalise(raw_id);
	gpu->mmu_features = mmio_read32(base + GPU_MMU_FEATURES);
	gpu->as_present = mmio_read32(base + GPU_AS_PRESENT);
	gpu->va_bits = FIELD_GET(MMU_FEATURES_VA_BITS, gpu->mmu_features);
	gpu->pa_bits = FIELD_GET(MMU_FEATURES_PA_BITS, gpu->mmu_features);

	/* A GPU without power or clock reads all zeros or all ones. */
	if (gpu->gpu_id == 0 || gpu->gpu_id == 0xffffffffu || gpu->as_present == 0 ||
	    gpu->va_bits < 32 || gpu->va_bits > 48 || gpu->pa_bits < 32 || gpu->pa_bits > 48) {
		printf("mali: no sane GPU at %#lx (GPU_ID %#x MMU_FEATURES %#x AS_PRESENT %#x): "
		       "is the GPU powered and clocked?\n", (unsigned long)base, raw_id,
		       gpu->mmu_features, gpu->as_present);
		return -ENODEV;
	}
	gpu->gen = FIELD_GET(GPU_ID_ARCH_MAJOR, gpu->gpu_id) >= 10 ? MALI_GEN_CSF : MALI_GEN_JM;
	gpu->has_transcfg = FIELD_GET(GPU_ID_ARCH_MAJOR, gpu->gpu_id) >= 6;
	gpu->aarch64_mmu = mali_has_aarch64_mmu(gpu->gpu_id);
	gpu->name = mali_product_name(gpu->gpu_id);
	printf("mali: %s at %#lx: GPU_ID %#010x (product %#06x r%up%u status %u), %s\n",
	       gpu->name, (unsigned long)base, raw_id,
	       (unsigned)FIELD_GET(GPU_ID_PRODUCT, gpu->gpu_id),
	       (unsigned)FIELD_GET(GPU_ID_VER_MAJOR, gpu->gpu_id),
	       (unsigned)FIELD_GET(GPU_ID_VER_MINOR, gpu->gpu_id),
	       (unsigned)FIELD_GET(GPU_ID_VER_STATUS, gpu->gpu_id),
	       gpu->gen == MALI_GEN_CSF ? "CSF" : "job manager");
	printf("mali: MMU %u VA bits, %u PA bits, AS_PRESENT %#x, %scoherent\n", gpu->va_bits,
	       gpu->pa_bits, gpu->as_present, coherent ? "" : "not ");
	return 0;
}

int mali_as_init(struct mali_gpu *gpu, struct gpu_as *as, unsigned n)
{
	if (n >= MALI_MAX_AS || !(gpu->as_present & BIT(n))) {
		printf("mali: AS %u not present (AS_PRESENT %#x)\n", n, gpu->as_present);
		return -ENODEV;
	}
	gpu_as_init(as, &mali_as_ops, gpu, n, 0);
	return 0;
}

enum pt_format mali_default_format(const struct mali_gpu *gpu)
{
	/* panfrost drives every job-manager GPU with MALI_LPAE; panthor uses AArch64 4K. */
	return gpu->gen == MALI_GEN_CSF ? PT_FMT_ARM64_S1 : PT_FMT_MALI_LPAE;
}

void mali_pt_cfg(const struct mali_gpu *gpu, struct gpu_as *as, enum pt_format fmt,
		 struct pt_cfg *cfg)
{
	unsigned oas_max = fmt == PT_FMT_MALI_LPAE ? 40 : 48;

	gpu_as_pt_cfg(as, cfg);
	cfg->fmt = fmt;
	cfg->granule = 4096;
	/* io-pgtable's ARM_MALI_LPAE insists on a full 48-bit, 4-level table. */
	cfg->ias = fmt == PT_FMT_MALI_LPAE ? 48 : gpu->va_bits;
	cfg->oas = gpu->pa_bits < oas_max ? gpu->pa_bits : oas_max;
	cfg->coherent = gpu->coherent;
	cfg->flush_on_map = true;
}

/* ---- lock regions ---- */

static unsigned fls64(uint64_t x)
{
	return x ? 64u - (unsigned)__builtin_clzll(x) : 0;
}

uint64_t mali_lock_region(uint64_t start, uint64_t end)
{
	/*
	 * The smallest naturally aligned power of two holding [start, end) is
	 * the one above the highest bit in which start and end - 1 differ;
	 * LOCKADDR holds log2(size) - 1 (panthor_mmu.c lock_region()).
	 */
	unsigned bits = fls64(start ^ (end - 1));
	unsigned width;

	if (bits < AS_LOCK_MIN_SHIFT)
		bits = AS_LOCK_MIN_SHIFT;
	width = bits - 1;
	return (start & ~(BIT(width) - 1)) | FIELD_PREP(AS_LOCK_WIDTH, width);
}

void mali_lock_decode(uint64_t lockaddr, uint64_t *base, uint64_t *size)
{
	unsigned width = FIELD_GET(AS_LOCK_WIDTH, lockaddr);

	if (width >= 63) {
		*base = 0;
		*size = 0; /* the whole 64-bit space */
		return;
	}
	*size = BIT(width + 1);
	*base = lockaddr & ~(*size - 1);
}

/* ---- waits and commands ---- */

/* The AS accepts a command only once AS_ACTIVE has cleared (panthor wait_ready()). */
static int as_wait_ready(const struct mali_gpu *gpu, unsigned n)
{
	int ret = mmio_poll32(as_reg(gpu, n, AS_STATUS), AS_STATUS_AS_ACTIVE, 0,
			      MALI_AS_TIMEOUT_US);

	if (ret)
		printf("mali: AS %u: AS_ACTIVE stuck for %u us; the GPU needs a reset\n", n,
		       MALI_AS_TIMEOUT_US);
	return ret;
}

static int as_command(struct gpu_as *as, uint32_t cmd)
{
	struct mali_gpu *gpu = as_gpu(as);
	int ret = as_wait_ready(gpu, as->id);

	if (ret)
		return ret;
	mmio_write32(as_reg(gpu, as->id, AS_COMMAND), cmd);
	if (cmd != AS_COMMAND_UPDATE)
		as->hw_cmds++;
	return 0;
}

/* A command, then its completion (AS_ACTIVE clear again). */
static int as_command_sync(struct gpu_as *as, uint32_t cmd)
{
	int ret = as_command(as, cmd);

	return ret ? ret : as_wait_ready(as_gpu(as), as->id);
}

/*
 * What a flush must write back and invalidate, named after the job-manager AS
 * commands (Tyr regs.rs MmuCommand: FLUSH_PT "clean and invalidate the L2
 * cache, then unlock", FLUSH_MEM "clean and invalidate all caches, then
 * unlock"). Page-table changes need the L2 the walker reads through; enabling
 * or disabling an AS must also write back what the shader cores' load/store
 * caches hold (panfrost and panthor enable/disable with FLUSH_MEM over the
 * whole VA; range flushes are FLUSH_PT).
 */
enum flush_op { FLUSH_PT, FLUSH_MEM };

/* GPU_CMD FLUSH_CACHES: L2, plus the LSC for FLUSH_MEM (panthor
 * mmu_hw_do_flush_on_gpu_ctrl(); kbase: CACHE_CLN_INV_L2 for FLUSH_PT,
 * CACHE_CLN_INV_L2_LSC for FLUSH_MEM), then wait for the completion bit. */
static int gpu_flush_caches(struct gpu_as *as, enum flush_op op)
{
	struct mali_gpu *gpu = as_gpu(as);
	uint32_t both = CACHE_CLEAN | CACHE_INV;
	int ret;

	mmio_write32(gpu->base + GPU_INT_CLEAR, GPU_IRQ_CLEAN_CACHES_COMPLETED);
	mmio_write32(gpu->base + GPU_CMD,
		     (uint32_t)(FIELD_PREP(GPU_CMD_CODE, GPU_CMD_CODE_FLUSH_CACHES) |
				FIELD_PREP(GPU_CMD_FLUSH_L2, both) |
				FIELD_PREP(GPU_CMD_FLUSH_LSC, op == FLUSH_MEM ? both : 0)));
	as->hw_cmds++;
	ret = mmio_poll32(gpu->base + GPU_INT_RAWSTAT, GPU_IRQ_CLEAN_CACHES_COMPLETED,
			  GPU_IRQ_CLEAN_CACHES_COMPLETED, MALI_FLUSH_TIMEOUT_US);
	if (ret) {
		printf("mali: GPU_CMD FLUSH_CACHES did not complete in %u us\n",
		       MALI_FLUSH_TIMEOUT_US);
		return ret;
	}
	mmio_write32(gpu->base + GPU_INT_CLEAR, GPU_IRQ_CLEAN_CACHES_COMPLETED);
	return 0;
}

static int lock(struct gpu_as *as, uint64_t lockaddr)
{
	struct mali_gpu *gpu = as_gpu(as);
	int ret = as_wait_ready(gpu, as->id);

	if (ret)
		return ret;
	write_lo_hi(as_reg(gpu, as->id, AS_LOCKADDR), lockaddr);
	return as_command(as, AS_COMMAND_LOCK);
}

/*
 * CSF, after LOCK: the cache flush goes through GPU_CMD, and UNLOCK then
 * drops the TLB entries of the locked region (the GPU_CMD flush does not
 * unlock, unlike AS FLUSH_PT/FLUSH_MEM: panthor mmu_hw_do_flush_on_gpu_ctrl()).
 *  - The LOCK must have completed before the flush (panthor waits with
 *    wait_ready(); kbase kbase_mmu_hw_do_flush_on_gpu_ctrl() step 1,
 *    mmu_hw_do_lock()); if it never does, the AS is stuck and no UNLOCK
 *    could be taken either.
 *  - UNLOCK is sent even when the cache flush failed, as kbase does
 *    (kbase_mmu_hw_do_unlock_no_addr() after kbase_gpu_cache_flush_and_busy_wait(),
 *    "ret ?: ret2"); panthor returns early and relies on the GPU reset it
 *    schedules. This firmware has no reset path, and a region left locked
 *    stalls every GPU access to it.
 */
static int csf_flush_unlock(struct gpu_as *as, enum flush_op op)
{
	int ret = as_wait_ready(as_gpu(as), as->id);
	int flushed;

	if (ret)
		return ret;
	flushed = gpu_flush_caches(as, op);
	ret = as_command_sync(as, AS_COMMAND_UNLOCK);
	return flushed ? flushed : ret;
}

static int as_flush(struct gpu_as *as, uint64_t lockaddr, enum flush_op op)
{
	struct mali_gpu *gpu = as_gpu(as);
	int ret = lock(as, lockaddr);

	if (ret)
		return ret;
	if (gpu->gen == MALI_GEN_CSF)
		return csf_flush_unlock(as, op);
	/* Job manager: FLUSH_PT / FLUSH_MEM write back and invalidate the
	 * caches, drop the TLB entries of the locked region, and unlock it. */
	return as_command_sync(as, op == FLUSH_MEM ? AS_COMMAND_FLUSH_MEM : AS_COMMAND_FLUSH_PT);
}

int mali_as_flush_lockaddr(struct gpu_as *as, uint64_t lockaddr)
{
	return as_flush(as, lockaddr, FLUSH_PT);
}

static uint64_t whole_va(const struct mali_gpu *gpu)
{
	return mali_lock_region(0, BIT(gpu->va_bits));
}

static int mali_flush_range(struct gpu_as *as, const struct pt_gather *g)
{
	if (g->start == g->end)
		return 0;
	return mali_as_flush_lockaddr(as, mali_lock_region(g->start, g->end));
}

static int mali_flush_all(struct gpu_as *as)
{
	return mali_as_flush_lockaddr(as, whole_va(as_gpu(as)));
}

/* ---- attributes ---- */

/*
 * A MAIR cacheability nibble of Normal memory that is write-back (DDI 0487
 * MAIR_ELx): 0b01RW with RW != 0b00 (transient) or 0b11RW (non-transient, RW
 * 0b00 included). panthor's test (bit 2 set, bits [1:0] not both clear) also
 * calls 0b1100 non-cacheable and does not look at the inner nibble's low bits;
 * this one follows the architecture (docs/mali.md). The bytes this project
 * programs (0xff, 0x44, Device) map the same either way.
 */
static bool mair_is_wb(unsigned nibble)
{
	return (nibble & 0xc) == 0xc || ((nibble & 0xc) == 0x4 && (nibble & 3));
}

uint8_t mali_mair_to_memattr(uint8_t attr, bool coherent)
{
	unsigned outer = FIELD_GET(MAIR_OUTER, attr), inner = FIELD_GET(MAIR_INNER, attr);
	uint64_t explicit = FIELD_PREP(MEMATTR_ALLOC_SEL, MEMATTR_ALLOC_SEL_EXPLICIT);

	/* Write-back only when inner and outer are both write-back; Device and
	 * anything else becomes non-cacheable. Non-coherent GPUs must use Mali's
	 * internal shareability for WB memory (panthor_mmu.c mair_to_memattr()). */
	if (!mair_is_wb(outer) || !mair_is_wb(inner))
		return (uint8_t)(FIELD_PREP(MEMATTR_TYPE, MEMATTR_TYPE_NC) |
				 FIELD_PREP(MEMATTR_COHERENCY, MEMATTR_SH_MIDGARD_INNER) | explicit);
	return (uint8_t)(FIELD_PREP(MEMATTR_TYPE, MEMATTR_TYPE_WB) | explicit |
			 (inner & MAIR_ALLOC_W ? MEMATTR_ALLOC_W : 0) |
			 (inner & MAIR_ALLOC_R ? MEMATTR_ALLOC_R : 0) |
			 FIELD_PREP(MEMATTR_COHERENCY, coherent ? MEMATTR_SH_CPU_INNER
								: MEMATTR_SH_MIDGARD_INNER));
}

uint64_t mali_memattr(enum pt_format fmt, bool coherent)
{
	uint64_t memattr = 0;

	if (fmt == PT_FMT_MALI_LPAE) {
		/* Legacy mode has its own byte encoding; the index is still AttrIndx. */
		memattr |= (uint64_t)MEMATTR_LPAE_WRITE_ALLOC << (8 * PT_ATTRIDX_CACHED);
		memattr |= (uint64_t)MEMATTR_LPAE_IMP_DEF << (8 * PT_ATTRIDX_NONCACHED);
		memattr |= (uint64_t)MEMATTR_LPAE_IMP_DEF << (8 * PT_ATTRIDX_DEVICE);
		return memattr;
	}
	for (unsigned i = 0; i < 8; i++)
		memattr |= (uint64_t)mali_mair_to_memattr(PT_MAIR_VALUE >> (8 * i), coherent)
			   << (8 * i);
	return memattr;
}

/* AS_TRANSCFG for a table (only written when the GPU has the register). */
static uint64_t mali_transcfg(const struct mali_gpu *gpu, const struct pt *pt)
{
	uint64_t cfg;

	if (pt->cfg.fmt == PT_FMT_MALI_LPAE)
		return AS_TRANSCFG_ADRMODE_LEGACY;
	/* INA_BITS holds 55 - input bits (panthor_vm_active()). */
	cfg = FIELD_PREP(AS_TRANSCFG_ADRMODE, AS_TRANSCFG_ADRMODE_AARCH64_4K) |
	      FIELD_PREP(AS_TRANSCFG_INA_BITS, 55 - pt->cfg.ias) |
	      FIELD_PREP(AS_TRANSCFG_PTW_MEMATTR, AS_TRANSCFG_PTW_MEMATTR_WB) | AS_TRANSCFG_PTW_RA;
	if (gpu->coherent)
		cfg |= FIELD_PREP(AS_TRANSCFG_PTW_SH, AS_TRANSCFG_PTW_SH_OS);
	return cfg;
}

/* ---- enable / disable ---- */

static int check_table(const struct mali_gpu *gpu, const struct pt *pt)
{
	if (pt->cfg.granule != 4096) {
		printf("mali: only the 4 KiB granule is supported (table has %zu)\n",
		       pt->cfg.granule);
		return -EINVAL;
	}
	if (pt->cfg.fmt == PT_FMT_ARM64_S1 && !gpu->aarch64_mmu) {
		printf("mali: %s cannot walk AArch64 tables (no HW_FEATURE_AARCH64_MMU, "
		       "panfrost_features.h): use MALI_LPAE\n", gpu->name);
		return -EINVAL;
	}
	/* CSF GPUs have no legacy mode: TRANSCFG offers UNMAPPED, IDENTITY and
	 * the AArch64 modes only (Tyr regs.rs AddressSpaceMode, panthor_regs.h). */
	if (pt->cfg.fmt == PT_FMT_MALI_LPAE && gpu->gen == MALI_GEN_CSF) {
		printf("mali: %s is a CSF GPU: no legacy MALI_LPAE mode, use ARM64_S1\n",
		       gpu->name);
		return -EINVAL;
	}
	if (pt->cfg.fmt != PT_FMT_ARM64_S1 && pt->cfg.fmt != PT_FMT_MALI_LPAE) {
		printf("mali: table format %s cannot be walked by a Mali MMU\n",
		       pt_format_name(pt->cfg.fmt));
		return -EINVAL;
	}
	return 0;
}

/* FLUSH_MEM over the whole VA, then TRANSTAB, MEMATTR, TRANSCFG, UPDATE
 * (panthor_mmu_as_enable() / _disable(), panfrost_mmu_enable() / _disable()). */
static int as_program(struct gpu_as *as, uint64_t transtab, uint64_t memattr, uint64_t transcfg)
{
	struct mali_gpu *gpu = as_gpu(as);
	int ret = as_flush(as, whole_va(gpu), FLUSH_MEM);

	if (ret)
		return ret;
	write_lo_hi(as_reg(gpu, as->id, AS_TRANSTAB), transtab);
	write_lo_hi(as_reg(gpu, as->id, AS_MEMATTR), memattr);
	if (gpu->has_transcfg)
		write_lo_hi(as_reg(gpu, as->id, AS_TRANSCFG), transcfg);
	return as_command_sync(as, AS_COMMAND_UPDATE);
}

/* TRANSTAB 0 is ADRMODE_UNMAPPED for legacy GPUs; TRANSCFG says so for newer ones. */
static int as_disable(struct gpu_as *as)
{
	return as_program(as, 0, 0, AS_TRANSCFG_ADRMODE_UNMAPPED);
}

static int as_enable(struct gpu_as *as, struct pt *pt)
{
	struct mali_gpu *gpu = as_gpu(as);
	struct pt_hw hw;

	/* For MALI_LPAE the core already put the TRANSTAB mode bits into ttb. */
	pt_hw_config(pt, &hw);
	return as_program(as, hw.ttb, mali_memattr(pt->cfg.fmt, gpu->coherent),
			  mali_transcfg(gpu, pt));
}

static int mali_attach(struct gpu_as *as, struct pt *pt)
{
	int ret;

	if (as->pt) {
		printf("mali: AS %u already has a table attached\n", as->id);
		return -EBUSY;
	}
	ret = check_table(as_gpu(as), pt);
	if (ret)
		return ret;
	ret = as_enable(as, pt);
	if (ret)
		return ret;
	as->pt = pt;
	return 0;
}

static int mali_detach(struct gpu_as *as)
{
	int ret;

	if (!as->pt)
		return 0;
	ret = as_disable(as);
	if (ret)
		return ret;
	as->pt = NULL;
	return 0;
}

/* ---- faults ---- */

static const char *mali_access_name(uint32_t faultstatus)
{
	static const char *const names[4] = { "atomic", "execute", "read", "write" };

	return names[FIELD_GET(FAULT_ACCESS, faultstatus)];
}

static void mali_decode_fault(uint32_t faultstatus, uint64_t faultaddr, struct gpu_fault *f)
{
	f->addr = faultaddr;
	f->source = FIELD_GET(FAULT_SOURCE, faultstatus);
	f->code = FIELD_GET(FAULT_EXCEPTION, faultstatus);
	f->raw = faultstatus;
	f->write = FIELD_GET(FAULT_ACCESS, faultstatus) == FAULT_ACCESS_WRITE;
	f->type = mali_exception_name(f->code);
	f->access = mali_access_name(faultstatus);
}

/* The MMU_INT_* bits that mean a fault on AS n, per generation. */
static uint32_t mali_fault_bits(const struct mali_gpu *gpu, unsigned n)
{
	if (gpu->gen == MALI_GEN_CSF)
		return (uint32_t)MMU_IRQ_PAGE_FAULT(n);
	return (uint32_t)(MMU_IRQ_PAGE_FAULT(n) | MMU_IRQ_BUS_FAULT(n));
}

static int mali_read_fault(struct gpu_as *as, struct gpu_fault *f)
{
	struct mali_gpu *gpu = as_gpu(as);
	uint32_t status;

	if (!(mmio_read32(gpu->base + MMU_INT_RAWSTAT) & mali_fault_bits(gpu, as->id)))
		return -ENOENT;
	status = mmio_read32(as_reg(gpu, as->id, AS_FAULTSTATUS));
	mali_decode_fault(status, read_lo_hi(as_reg(gpu, as->id, AS_FAULTADDRESS)), f);
	return 0;
}

int mali_as_recover(struct gpu_as *as)
{
	struct mali_gpu *gpu = as_gpu(as);

	uint32_t bits = mali_fault_bits(gpu, as->id);

	/* A faulted AS stays stopped until its interrupt is cleared and it is
	 * re-enabled (panthor_vm_active(): clear, unmask, then as_enable). Only
	 * the fault bits: CSF's "command completed" bits stay masked (panthor). */
	mmio_write32(gpu->base + MMU_INT_CLEAR, bits);
	mmio_write32(gpu->base + MMU_INT_MASK, mmio_read32(gpu->base + MMU_INT_MASK) | bits);
	if (!as->pt)
		return as_disable(as);
	return as_enable(as, as->pt);
}

const struct gpu_as_ops mali_as_ops = {
	.name = "mali",
	.attach = mali_attach,
	.detach = mali_detach,
	.flush_range = mali_flush_range,
	.flush_all = mali_flush_all,
	.read_fault = mali_read_fault,
};
