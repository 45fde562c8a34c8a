/* SPDX-License-Identifier: MIT */
/*
 * A board's Mali self-tests (tests/target/test_mali.c, included here as is)
 * run on the host, linked with the board's own board.c and gpu_power.c,
 * against the Mali register model at the board's GPU base and a model of
 * the board's GPU power domain: the RK3399 PMU and CRU gates, or the RK3588
 * PMU1. Built once per board (tests/host/mali.mk). What the power models
 * enforce, and where each rule comes from, is listed in mali_model.h.
 * Table memory sits at host address TABLE_VA, so PA = VA stays below 2^40
 * as the board's identity-mapped tables do.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "tests/host/mali_model.h"
#include "tests/host/mmio_host.h"
#include "tests/target/test_mali.c"

#define TABLE_VA   0x40000000ul
#define POOL_BYTES (1u << 20)
#define RK3399_PMU 0xff310000u
#define RK3399_CRU 0xff760000u
#define RK3588_PMU 0xfd8d8000u
#define RK3288_PMU 0xff730000u
#define RK3288_CRU 0xff760000u
#define PMU_DELAY  3

static struct mali_model model;
static struct pool host_pool;
static uint8_t pool_meta[POOL_BYTES / POOL_PAGE_SIZE];
static char st_msg[256];

/* ---- what the target harness and boot code provide ---- */

/* No device tree on the host: the board file's facts (boot/facts.c). */
const struct board_facts *board_facts(void)
{
	static struct board_facts fx;
	static const struct facts_image img = { 0x02000000, 0x03600000 };

	if (!fx.nbanks)
		facts_build(&fx, &board, NULL, 0, 0, NULL, &img);
	return &fx;
}

struct pool *image_pool(void)
{
	return &host_pool;
}

void cache_clean_range(const void *va, size_t size)
{
	mali_model_clean(&model, va, size);
}

static enum st_result st_record(enum st_result r, const char *fmt, va_list ap)
{
	vsnprintf(st_msg, sizeof(st_msg), fmt, ap);
	printf("# %s\n", st_msg);
	return r;
}

enum st_result st_fail(const char *fmt, ...)
{
	va_list ap;
	enum st_result r;

	va_start(ap, fmt);
	r = st_record(ST_FAIL, fmt, ap);
	va_end(ap);
	return r;
}

enum st_result st_skip(const char *fmt, ...)
{
	va_list ap;
	enum st_result r;

	va_start(ap, fmt);
	r = st_record(ST_SKIP, fmt, ap);
	va_end(ap);
	return r;
}

void st_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	st_record(ST_PASS, fmt, ap);
	va_end(ap);
}

/* ---- power-domain models ---- */

struct pmu_model {
	uint32_t pwrdn_con, pwrdn_st, idle_req, idle_st;  /* RK3399 */
	uint32_t gate13, gate30;                          /* RK3399 CRU CLKGATE_CON13/30 */
	uint32_t repair_st, req, ack_idle;                /* RK3588 */
	uint32_t gate5, gate18;                           /* RK3288 CRU CLKGATE_CON5/18 */
	unsigned lag;
	bool dead;
	unsigned long violations;
	const char *last_violation;
};

static struct pmu_model pmu;

static void pmu_violation(const char *what)
{
	pmu.violations++;
	pmu.last_violation = what;
}

/* A delayed PMU: status follows control PMU_DELAY reads after a write. */
static void pmu_settle(struct pmu_model *p)
{
	if (p->dead || !p->lag || --p->lag)
		return;
	p->pwrdn_st = p->pwrdn_con;
	p->idle_st = p->idle_req;
	p->ack_idle = p->req;
}

static bool rk3399_aclk_gpu_on(const struct pmu_model *p)
{
	return !(p->gate13 & 1u) && !(p->gate30 & (1u << 8));
}

static uint64_t rk3399_pmu_read(void *ctx, uintptr_t off, unsigned size)
{
	struct pmu_model *p = ctx;

	(void)size;
	pmu_settle(p);
	switch (off) {
	case 0x14: return p->pwrdn_con;
	case 0x18: return p->pwrdn_st;
	case 0x60: return p->idle_req;
	case 0x64: case 0x68: return p->idle_st;
	}
	return 0;
}

static void rk3399_pmu_write(void *ctx, uintptr_t off, uint64_t val, unsigned size)
{
	struct pmu_model *p = ctx;

	(void)size;
	if ((off == 0x14 || off == 0x60) && !rk3399_aclk_gpu_on(p)) {
		pmu_violation("RK3399 PD_GPU transition with ACLK_GPU gated");
		return; /* the transition does not complete */
	}
	if (off == 0x14)
		p->pwrdn_con = (uint32_t)val;
	else if (off == 0x60)
		p->idle_req = (uint32_t)val;
	p->lag = PMU_DELAY;
}

/* CRU gate registers: bits [31:16] enable the writes of bits [15:0]. */
static void hiword_write(uint32_t *reg, uint64_t val)
{
	uint32_t en = (uint32_t)(val >> 16);

	*reg = (*reg & ~en) | ((uint32_t)val & en);
}

static uint64_t rk3399_cru_read(void *ctx, uintptr_t off, unsigned size)
{
	struct pmu_model *p = ctx;

	(void)size;
	return off == 0x334 ? p->gate13 : off == 0x378 ? p->gate30 : 0;
}

static void rk3399_cru_write(void *ctx, uintptr_t off, uint64_t val, unsigned size)
{
	struct pmu_model *p = ctx;

	(void)size;
	if (off == 0x334)
		hiword_write(&p->gate13, val);
	else if (off == 0x378)
		hiword_write(&p->gate30, val);
	else
		pmu_violation("RK3399 CRU register other than CLKGATE_CON13/30 written");
}

/* RK3588 PMU1: PD_GPU repair status 0x290 bit 1 (1 = on), BUS_IDLE_REQ 0x10c,
 * ACK 0x118, IDLE 0x120 bit 0, PWR_CON 0x14c bit 0; REQ and PWR_CON take a
 * write-enable mask in [31:16]. */
static uint64_t rk3588_pmu_read(void *ctx, uintptr_t off, unsigned size)
{
	struct pmu_model *p = ctx;

	(void)size;
	pmu_settle(p);
	switch (off) {
	case 0x290: return p->repair_st;
	case 0x10c: return p->req;
	case 0x118: case 0x120: return p->ack_idle;
	}
	return 0;
}

static void rk3588_pmu_write(void *ctx, uintptr_t off, uint64_t val, unsigned size)
{
	struct pmu_model *p = ctx;

	(void)size;
	if (off == 0x10c) {
		if (!(p->repair_st & 2u))
			pmu_violation("RK3588 PD_GPU idle request changed while the domain is off");
		hiword_write(&p->req, val);
		p->lag = PMU_DELAY;
		return;
	}
	pmu_violation(off == 0x14c ? "RK3588 PD_GPU power switched blind (vdd_gpu_s0 unknown)"
				   : "RK3588 PMU register other than BUS_IDLE_REQ written");
}

/* RK3288 PMU (pm-domains.c rk3288_pmu, RK3288_PD_GPU): PWRDN_CON 0x08 and
 * PWRDN_ST 0x0c bit 9, IDLE_REQ 0x10 bit 2, IDLE_ST 0x14 with the idle
 * status at bit 2 and its ack at bit 18, both following IDLE_REQ. A
 * transition with sclk_gpu or ACLK_GPU gated (CRU CLKGATE_CON5 bit 7,
 * CLKGATE_CON18 bit 0, clk-rk3288.c) does not complete, as on the RK3399. */
static bool rk3288_aclk_gpu_on(const struct pmu_model *p)
{
	return !(p->gate5 & (1u << 7)) && !(p->gate18 & 1u);
}

static uint64_t rk3288_pmu_read(void *ctx, uintptr_t off, unsigned size)
{
	struct pmu_model *p = ctx;

	(void)size;
	pmu_settle(p);
	switch (off) {
	case 0x08: return p->pwrdn_con;
	case 0x0c: return p->pwrdn_st;
	case 0x10: return p->idle_req;
	case 0x14: return (p->idle_st & 4u) | (p->idle_st & 4u) << 16;
	}
	return 0;
}

static void rk3288_pmu_write(void *ctx, uintptr_t off, uint64_t val, unsigned size)
{
	struct pmu_model *p = ctx;

	(void)size;
	if (off != 0x08 && off != 0x10) {
		pmu_violation("RK3288 PMU register other than PWRDN_CON/IDLE_REQ written");
		return;
	}
	if (!rk3288_aclk_gpu_on(p)) {
		pmu_violation("RK3288 PD_GPU transition with ACLK_GPU gated");
		return;
	}
	if (off == 0x08)
		p->pwrdn_con = (uint32_t)val;
	else
		p->idle_req = (uint32_t)val;
	p->lag = PMU_DELAY;
}

static uint64_t rk3288_cru_read(void *ctx, uintptr_t off, unsigned size)
{
	struct pmu_model *p = ctx;

	(void)size;
	return off == 0x174 ? p->gate5 : off == 0x1a8 ? p->gate18 : 0;
}

static void rk3288_cru_write(void *ctx, uintptr_t off, uint64_t val, unsigned size)
{
	struct pmu_model *p = ctx;

	(void)size;
	if (off == 0x174)
		hiword_write(&p->gate5, val);
	else if (off == 0x1a8)
		hiword_write(&p->gate18, val);
	else
		pmu_violation("RK3288 CRU register other than CLKGATE_CON5/18 written");
}

static const struct mmio_model_ops rk3288_pmu_ops = { rk3288_pmu_read, rk3288_pmu_write };
static const struct mmio_model_ops rk3288_cru_ops = { rk3288_cru_read, rk3288_cru_write };
static const struct mmio_model_ops rk3399_pmu_ops = { rk3399_pmu_read, rk3399_pmu_write };
static const struct mmio_model_ops rk3399_cru_ops = { rk3399_cru_read, rk3399_cru_write };
static const struct mmio_model_ops rk3588_pmu_ops = { rk3588_pmu_read, rk3588_pmu_write };

static bool is_rk3588(void)
{
	return strcmp(board.name, "rk3588") == 0;
}

static bool is_rk3288(void)
{
	return strcmp(board.name, "rk3288") == 0;
}

/* The GPU domain as a boot loader may leave it: off on the RK3399 and the
 * RK3288 (with ACLK_GPU gated, as the CRU resets it), on but NoC-idle on the
 * RK3588. */
static void power_models_map(void)
{
	pmu = (struct pmu_model){ .pwrdn_con = 1u << 15, .pwrdn_st = 1u << 15, .idle_req = 1,
				  .idle_st = 1, .gate13 = 1, .gate30 = 1u << 8,
				  .repair_st = 2, .req = 1, .ack_idle = 1 };
	if (is_rk3288()) {
		pmu.pwrdn_con = pmu.pwrdn_st = 1u << 9;
		pmu.idle_req = pmu.idle_st = 1u << 2;
		pmu.gate5 = 1u << 7;
		pmu.gate18 = 1;
		assert_int_equal(mmio_host_map(RK3288_PMU, 0x100, &rk3288_pmu_ops, &pmu), 0);
		assert_int_equal(mmio_host_map(RK3288_CRU, 0x1000, &rk3288_cru_ops, &pmu), 0);
		return;
	}
	if (is_rk3588()) {
		assert_int_equal(mmio_host_map(RK3588_PMU, 0x400, &rk3588_pmu_ops, &pmu), 0);
		return;
	}
	assert_int_equal(mmio_host_map(RK3399_PMU, 0x100, &rk3399_pmu_ops, &pmu), 0);
	assert_int_equal(mmio_host_map(RK3399_CRU, 0x1000, &rk3399_cru_ops, &pmu), 0);
}

/* The domain is up as the GPU needs it: powered, clocked, NoC not idle. */
static void assert_domain_up(void)
{
	if (pmu.violations)
		fail_msg("%lu power-model violations, last: %s", pmu.violations,
			 pmu.last_violation);
	if (is_rk3588()) {
		assert_int_equal(pmu.ack_idle & 1u, 0);
		return;
	}
	if (is_rk3288()) {
		assert_true(rk3288_aclk_gpu_on(&pmu));
		assert_int_equal(pmu.pwrdn_st & (1u << 9), 0);
		assert_int_equal(pmu.idle_st & (1u << 2), 0);
		return;
	}
	assert_true(rk3399_aclk_gpu_on(&pmu));
	assert_int_equal(pmu.pwrdn_st & (1u << 15), 0);
	assert_int_equal(pmu.idle_st & 1u, 0);
}

/* ---- fixture ---- */

static uint32_t board_gpu_id(void)
{
	if (is_rk3288())
		return 0x07500000u; /* T760 r0p0 (panfrost: product 0x750) */
	return is_rk3588() ? 0xa8670000u /* G610 */ : 0x08602000u; /* T860 r2p0 */
}

static int setup(void **state)
{
	struct mali_model_cfg mc = { board_gpu_id(), 0x2830, 0xff, board.gpu_coherent, 3 };
	void *mem = mmap((void *)TABLE_VA, POOL_BYTES, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	(void)state;
	assert_ptr_equal(mem, (void *)TABLE_VA);
	assert_int_equal(pool_init(&host_pool, mem, POOL_BYTES, pool_meta), 0);
	mali_model_init(&model, &mc);
	assert_int_equal(mali_model_map(&model, board.gpu_base), 0);
	assert_int_equal(mali_model_add_mem(&model, TABLE_VA, mem, POOL_BYTES, true), 0);
	power_models_map();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	mali_model_fini(&model);
	mmio_host_unmap_all();
	munmap((void *)TABLE_VA, POOL_BYTES);
	return 0;
}

static void no_violations(void)
{
	if (model.violations)
		fail_msg("%lu model violations, last: %s", model.violations, model.last_violation);
}

static void test_probe(void **state)
{
	(void)state;
	assert_int_equal(test_mali_probe(), ST_PASS);
	assert_domain_up();
	no_violations();
}

static void test_map_flush(void **state)
{
	(void)state;
	assert_int_equal(test_mali_map_flush(), ST_PASS);
	/* Attach, map, unmap and detach each locked a region of AS 1. */
	assert_true(model.as[MALI_TEST_AS].cmds[2] >= 4);
	assert_true(model.as[MALI_TEST_AS].cmds[1] >= 2); /* UPDATE: attach, detach */
	if (board_gpu_id() >> 28 >= 10)
		assert_true(model.cache_flushes >= 4);
	no_violations();
}

/* A GPU that does not come up fails with the reason, never hangs. */
static void test_dead_gpu(void **state)
{
	(void)state;
	pmu.dead = true;
	pmu.repair_st = 0; /* RK3588: the domain is off */
	model.cfg.gpu_id = 0;
	assert_int_equal(test_mali_probe(), ST_FAIL);
	assert_non_null(strstr(st_msg, is_rk3588() ? "power-up: -19" : "power-up: -110"));
	assert_int_equal(pmu.violations, 0); /* nothing switched blind */
}

/* RK3588: the domain on but its NoC port never leaves idle: the shared PMU
 * wait (drivers/rockchip_pd.c) times out, nothing hangs. */
static void test_idle_stuck(void **state)
{
	(void)state;
	if (!is_rk3588())
		skip();
	pmu.dead = true; /* repair status on, BUS_IDLE_ACK / _ST stay set */
	assert_int_equal(test_mali_probe(), ST_FAIL);
	assert_non_null(strstr(st_msg, "power-up: -110"));
	assert_int_equal(pmu.violations, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_probe, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_flush, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dead_gpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idle_stuck, setup, teardown),
	};

	printf("# board %s, GPU at %#lx\n", board.name, (unsigned long)board.gpu_base);
	return cmocka_run_group_tests_name(board.name, tests, NULL, NULL);
}
