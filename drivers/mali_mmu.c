/* SPDX-License-Identifier: MIT */
/*
 * Arm Mali GPU MMU back end of the GPU MMU interface (drivers/gpu_as.h).
 *
 * Register facts are from Linux drivers/gpu/drm/panfrost/panfrost_regs.h and
 * drivers/gpu/drm/panthor/panthor_regs.h; the sequences follow what
 * panfrost_mmu.c / panthor_mmu.c do, re-derived here, not copied.
 * Every 64-bit register is written as LO then HI 32-bit halves, as both Linux
 * drivers do: the Mali register file is 32 bits wide.
 */
#include <errno.h>
#include <stdio.h>

#include "mali_mmu.h"
#include "mmio.h"
#include "timer.h"

/* GPU control block (panthor_regs.h / panfrost_regs.h) */
#define GPU_ID             0x000
#define GPU_MMU_FEATURES   0x014 /* VA bits [7:0], PA bits [15:8] */
#define GPU_AS_PRESENT     0x018
#define GPU_INT_RAWSTAT    0x020
#define GPU_INT_CLEAR      0x024
#define GPU_CMD            0x030
#define GPU_IRQ_CLEAN_CACHES_COMPLETED (1u << 17)
/* GPU_CMD_DEF(type 4 = FLUSH_CACHES, payload): L2 [3:0], LSC [7:4], other [11:8] */
#define GPU_CMD_FLUSH_CACHES(l2, lsc, oth) (4u | (((l2) | ((lsc) << 4) | ((oth) << 8)) << 8))
#define CACHE_CLEAN        (1u << 0)
#define CACHE_INV          (1u << 1)

/* MMU block: IRQ bit n = page fault on AS n, bit n + 16 = bus fault on AS n */
#define MMU_INT_RAWSTAT    0x2000
#define MMU_INT_CLEAR      0x2004
#define MMU_INT_MASK       0x2008
#define MMU_IRQ_AS(n)      ((1u << (n)) | (1u << ((n) + 16)))

/* Address space n (panthor_regs.h MMU_AS(n) = 0x2400 + (n << 6)) */
#define AS_BASE(n)         (0x2400u + ((n) << 6))
#define AS_TRANSTAB        0x00
#define AS_MEMATTR         0x08
#define AS_LOCKADDR        0x10
#define AS_COMMAND         0x18
#define AS_FAULTSTATUS     0x1c
#define AS_FAULTADDRESS    0x20
#define AS_STATUS          0x28
#define AS_STATUS_AS_ACTIVE (1u << 0)
#define AS_TRANSCFG        0x30

#define AS_COMMAND_UPDATE    1
#define AS_COMMAND_LOCK      2
#define AS_COMMAND_UNLOCK    3
#define AS_COMMAND_FLUSH_PT  4

/* AS_LOCKADDR: log2(size) - 1 in [5:0]; 32 KiB minimum (AS_LOCK_REGION_MIN_SIZE) */
#define AS_LOCK_WIDTH_MASK   0x3fu
#define AS_LOCK_MIN_SHIFT    15

/* AS_TRANSCFG (panthor_regs.h); LEGACY = 0 selects the TRANSTAB-mode LPAE format
 * (Arm kbase mali_kbase_gpu_regmap.h AS_TRANSCFG_ADRMODE_LEGACY). */
#define AS_TRANSCFG_ADRMODE_LEGACY     0ull
#define AS_TRANSCFG_ADRMODE_UNMAPPED   1ull
#define AS_TRANSCFG_ADRMODE_AARCH64_4K 6ull
#define AS_TRANSCFG_INA_BITS(x)        ((uint64_t)(x) << 6)
#define AS_TRANSCFG_PTW_MEMATTR_WB     (2ull << 24)
#define AS_TRANSCFG_PTW_SH_OS          (2ull << 28)
#define AS_TRANSCFG_PTW_RA             (1ull << 30)

/* MEMATTR, AArch64 mode, one byte per AttrIndx (panthor_regs.h AS_MEMATTR_AARCH64_*) */
#define MEMATTR_ALLOC_EXPL(w, r)   ((3u << 2) | ((w) ? 1u : 0u) | ((r) ? 2u : 0u))
#define MEMATTR_SH_MIDGARD_INNER   (0u << 4)
#define MEMATTR_SH_CPU_INNER       (1u << 4)
#define MEMATTR_INNER_OUTER_NC     (1u << 6)
#define MEMATTR_INNER_OUTER_WB     (2u << 6)
/* MEMATTR, legacy LPAE mode (Linux io-pgtable-arm.c ARM_MALI_LPAE_MEMATTR_*) */
#define MEMATTR_LPAE_IMP_DEF       0x88u
#define MEMATTR_LPAE_WRITE_ALLOC   0x8du

/* AS_FAULTSTATUS: exception type [7:0], access type [9:8], source id [31:16] */
#define FAULT_EXCEPTION(s)   ((s) & 0xffu)
#define FAULT_ACCESS(s)      (((s) >> 8) & 0x3u)
#define FAULT_ACCESS_WRITE   3u
#define FAULT_SOURCE(s)      ((s) >> 16)

/* GPU_ID arch major [31:28]: 10 and later are CSF (panthor), 6+ have TRANSCFG */
#define GPU_ARCH_MAJOR(id)   ((id) >> 28)

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
	gpu->base = base;
	gpu->coherent = coherent;
	gpu->gpu_id = mmio_read32(base + GPU_ID);
	gpu->mmu_features = mmio_read32(base + GPU_MMU_FEATURES);
	gpu->as_present = mmio_read32(base + GPU_AS_PRESENT);
	gpu->va_bits = gpu->mmu_features & 0xff;
	gpu->pa_bits = (gpu->mmu_features >> 8) & 0xff;

	/* A GPU without power or clock reads all zeros or all ones. */
	if (gpu->gpu_id == 0 || gpu->gpu_id == 0xffffffffu || gpu->as_present == 0 ||
	    gpu->va_bits < 32 || gpu->va_bits > 48 || gpu->pa_bits < 32 || gpu->pa_bits > 48) {
		printf("mali: no sane GPU at %#lx (GPU_ID %#x MMU_FEATURES %#x AS_PRESENT %#x): "
		       "is the GPU powered and clocked?\n", (unsigned long)base, gpu->gpu_id,
		       gpu->mmu_features, gpu->as_present);
		return -ENODEV;
	}
	gpu->gen = GPU_ARCH_MAJOR(gpu->gpu_id) >= 10 ? MALI_GEN_CSF : MALI_GEN_JM;
	gpu->has_transcfg = GPU_ARCH_MAJOR(gpu->gpu_id) >= 6;
	gpu->name = mali_product_name(gpu->gpu_id);
	printf("mali: %s at %#lx: GPU_ID %#010x (product %#06x r%up%u status %u), %s\n",
	       gpu->name, (unsigned long)base, gpu->gpu_id, gpu->gpu_id >> 16,
	       (gpu->gpu_id >> 12) & 0xf, (gpu->gpu_id >> 4) & 0xff, gpu->gpu_id & 0xf,
	       gpu->gen == MALI_GEN_CSF ? "CSF" : "job manager");
	printf("mali: MMU %u VA bits, %u PA bits, AS_PRESENT %#x, %scoherent\n", gpu->va_bits,
	       gpu->pa_bits, gpu->as_present, coherent ? "" : "not ");
	return 0;
}

int mali_as_init(struct mali_gpu *gpu, struct gpu_as *as, unsigned n)
{
	if (n >= MALI_MAX_AS || !(gpu->as_present & (1u << n))) {
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
	return (start & ~((1ull << width) - 1)) | width;
}

void mali_lock_decode(uint64_t lockaddr, uint64_t *base, uint64_t *size)
{
	unsigned width = lockaddr & AS_LOCK_WIDTH_MASK;

	if (width >= 63) {
		*base = 0;
		*size = 0; /* the whole 64-bit space */
		return;
	}
	*size = 1ull << (width + 1);
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

/* L2 + load/store caches clean and invalidate, then wait for the completion bit. */
static int gpu_flush_caches(struct gpu_as *as)
{
	struct mali_gpu *gpu = as_gpu(as);
	uint32_t both = CACHE_CLEAN | CACHE_INV;
	int ret;

	mmio_write32(gpu->base + GPU_INT_CLEAR, GPU_IRQ_CLEAN_CACHES_COMPLETED);
	mmio_write32(gpu->base + GPU_CMD, GPU_CMD_FLUSH_CACHES(both, both, 0));
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
 * CSF: the cache flush goes through GPU_CMD; UNLOCK then drops the TLB
 * entries of the locked region. UNLOCK is sent even when the cache flush
 * failed, so that a locked region never stalls the GPU
 * (panthor mmu_hw_do_operation_locked()).
 */
static int csf_flush_unlock(struct gpu_as *as)
{
	int flushed = gpu_flush_caches(as);
	int ret = as_command_sync(as, AS_COMMAND_UNLOCK);

	return flushed ? flushed : ret;
}

int mali_as_flush_lockaddr(struct gpu_as *as, uint64_t lockaddr)
{
	struct mali_gpu *gpu = as_gpu(as);
	int ret = lock(as, lockaddr);

	if (ret)
		return ret;
	if (gpu->gen == MALI_GEN_CSF)
		return csf_flush_unlock(as);
	/* Job manager: FLUSH_PT writes back and invalidates the L2 (which the
	 * walker reads tables through), drops the TLB entries of the locked
	 * region, and unlocks it. */
	return as_command_sync(as, AS_COMMAND_FLUSH_PT);
}

static uint64_t whole_va(const struct mali_gpu *gpu)
{
	return mali_lock_region(0, 1ull << gpu->va_bits);
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

static uint8_t mair_byte_to_memattr(uint8_t attr, bool coherent)
{
	uint8_t outer = attr >> 4, inner = attr & 0xf;

	/* Write-back only when inner and outer are both write-back; Device and
	 * anything else becomes non-cacheable. Non-coherent GPUs must use Mali's
	 * internal shareability for WB memory (panthor_mmu.c mair_to_memattr()). */
	if (!(outer & 3) || !(outer & 4) || !(inner & 4))
		return MEMATTR_INNER_OUTER_NC | MEMATTR_SH_MIDGARD_INNER | MEMATTR_ALLOC_EXPL(0, 0);
	return MEMATTR_INNER_OUTER_WB | MEMATTR_ALLOC_EXPL(inner & 1, inner & 2) |
	       (coherent ? MEMATTR_SH_CPU_INNER : MEMATTR_SH_MIDGARD_INNER);
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
		memattr |= (uint64_t)mair_byte_to_memattr(PT_MAIR_VALUE >> (8 * i), coherent)
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
	cfg = AS_TRANSCFG_ADRMODE_AARCH64_4K | AS_TRANSCFG_INA_BITS(55 - pt->cfg.ias) |
	      AS_TRANSCFG_PTW_MEMATTR_WB | AS_TRANSCFG_PTW_RA;
	if (gpu->coherent)
		cfg |= AS_TRANSCFG_PTW_SH_OS;
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
	if (pt->cfg.fmt == PT_FMT_ARM64_S1 && !gpu->has_transcfg) {
		printf("mali: %s has no AS_TRANSCFG: AArch64 tables need Bifrost or later\n",
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

/* Flush the whole VA, then TRANSTAB, MEMATTR, TRANSCFG, UPDATE (panthor_mmu_as_enable()). */
static int as_program(struct gpu_as *as, uint64_t transtab, uint64_t memattr, uint64_t transcfg)
{
	struct mali_gpu *gpu = as_gpu(as);
	int ret = mali_flush_all(as);

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

	return names[FAULT_ACCESS(faultstatus)];
}

static void mali_decode_fault(uint32_t faultstatus, uint64_t faultaddr, struct gpu_fault *f)
{
	f->addr = faultaddr;
	f->source = FAULT_SOURCE(faultstatus);
	f->code = FAULT_EXCEPTION(faultstatus);
	f->raw = faultstatus;
	f->write = FAULT_ACCESS(faultstatus) == FAULT_ACCESS_WRITE;
	f->type = mali_exception_name(f->code);
	f->access = mali_access_name(faultstatus);
}

/* MMU_INT_RAWSTAT: bit n page fault on AS n, bit n+16 bus fault on AS n. */
static uint32_t mali_mmu_irq_status(const struct mali_gpu *gpu)
{
	return mmio_read32(gpu->base + MMU_INT_RAWSTAT);
}

static int mali_read_fault(struct gpu_as *as, struct gpu_fault *f)
{
	struct mali_gpu *gpu = as_gpu(as);
	uint32_t status;

	if (!(mali_mmu_irq_status(gpu) & MMU_IRQ_AS(as->id)))
		return -ENOENT;
	status = mmio_read32(as_reg(gpu, as->id, AS_FAULTSTATUS));
	mali_decode_fault(status, read_lo_hi(as_reg(gpu, as->id, AS_FAULTADDRESS)), f);
	return 0;
}

int mali_as_recover(struct gpu_as *as)
{
	struct mali_gpu *gpu = as_gpu(as);

	/* A faulted AS stays stopped until its interrupt is cleared and it is
	 * re-enabled (panthor_vm_active(): clear, unmask, then as_enable). */
	mmio_write32(gpu->base + MMU_INT_CLEAR, MMU_IRQ_AS(as->id));
	mmio_write32(gpu->base + MMU_INT_MASK,
		     mmio_read32(gpu->base + MMU_INT_MASK) | MMU_IRQ_AS(as->id));
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
