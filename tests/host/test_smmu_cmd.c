/* SPDX-License-Identifier: MIT */
/*
 * SMMUv3 formats without hardware: TLBI range encoding (exact cover, fewest
 * commands), the per-granule form, queue wrap arithmetic, CD/STE encoding,
 * event decoding and the ID registers QEMU 7.2 reports.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/smmuv3_fmt.h"
#include "tests/host/check_host.h"

#define MAX_PAGES 4096

/* Fewest commands covering n granules, by search: each command covers
 * m << s granules, 1 <= m <= 32, s <= 31, placed back to back. */
static unsigned fewest[MAX_PAGES + 1];

static void compute_fewest(void)
{
	fewest[0] = 0;
	for (unsigned n = 1; n <= MAX_PAGES; n++) {
		unsigned best = ~0u;

		for (unsigned s = 0; s < 13; s++)
			for (unsigned m = 1; m <= 32 && (m << s) <= n; m++)
				if (fewest[n - (m << s)] + 1 < best)
					best = fewest[n - (m << s)] + 1;
		fewest[n] = best;
	}
}

/*
 * Is this TLBI_NH_VA a command a real SMMU accepts? Written from IHI 0070
 * 4.4.2 (TLBI_NH_VA: NUM dw0[16:12], SCALE dw0[24:20], TTL dw1[9:8], TG
 * dw1[11:10]) and Linux commit eb6c97647be2 ("iommu/arm-smmu-v3: Avoid
 * constructing invalid range commands"): a range command (TG != 0) with TTL,
 * NUM and SCALE all 0 is invalid (CERROR_ILL). Assumptions of this checker: the
 * per-address form (TG = 0) has NUM, SCALE and TTL zero (Linux sets none of
 * them there), and a TTL naming level 1 with the 16K or 64K granule (no
 * level-1 leaves without 52-bit addressing) is refused.
 */
static bool tlbi_legal(const struct smmu_cmd *c)
{
	unsigned num = (c->dw[0] >> 12) & 0x1f, scale = (c->dw[0] >> 20) & 0x1f;
	unsigned ttl = (c->dw[1] >> 8) & 3, tg = (c->dw[1] >> 10) & 3;

	if ((c->dw[0] & 0xff) != SMMU_CMD_TLBI_NH_VA)
		return false;
	if (tg == 0)
		return num == 0 && scale == 0 && ttl == 0;
	if (num == 0 && scale == 0 && ttl == 0)
		return false;
	return !(ttl == 1 && tg != 1);
}

/* Decode cmds: each legal, for asid and leaf, tiling [start, end) in order.
 * Returns where the cover ends (end, or beyond it for a documented superset). */
static uint64_t check_cover(const struct smmu_cmd *c, size_t n, uint64_t start,
			    unsigned tg_shift, bool leaf, unsigned ttl)
{
	uint64_t at = start;

	for (size_t i = 0; i < n; i++) {
		struct smmu_tlbi_range r;

		if (!tlbi_legal(&c[i]))
			fail_msg("command %zu of %zu (%#llx %#llx) is one real SMMUs refuse", i, n,
				 (unsigned long long)c[i].dw[0], (unsigned long long)c[i].dw[1]);
		smmu_tlbi_va_decode(&c[i], &r);
		assert_int_equal(r.asid, 7);
		assert_int_equal(r.leaf, leaf);
		assert_int_equal(r.tg, (tg_shift - 10) / 2);
		assert_int_equal(r.ttl, ttl);
		assert_int_equal(r.addr, at);
		assert_true(r.size > 0);
		at += r.size;
	}
	return at;
}

/* What a plan must cover: [start, end), or one granule more when TTL is unknown
 * and the count is 1 mod 32 (the superset Linux's __arm_smmu_tlb_inv_range()
 * takes: num_pages++). */
static uint64_t expected_end(const struct smmu_tlbi_req *r)
{
	uint64_t pages = (r->end - r->start) >> r->tg_shift;

	return r->end + (!r->ttl && pages % 32 == 1 ? 1ull << r->tg_shift : 0);
}

/*
 * Every page count up to 4096, every granule, leaf with TTL known or not and
 * non-leaf: each command is legal, they cover the range (or its documented
 * superset) exactly, with the fewest commands (compared with the search above).
 */
static void test_range_fewest(void **state)
{
	static const unsigned tgs[] = { 12, 14, 16 };
	static const struct { bool leaf; unsigned ttl; } kinds[] = {
		{ false, 0 }, { true, 0 }, { true, 3 }, { true, 2 },
	};
	struct smmu_cmd c[16];

	(void)state;
	compute_fewest();
	for (unsigned t = 0; t < 3; t++) {
		for (uint64_t pages = 1; pages <= MAX_PAGES; pages++) {
			for (unsigned k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
				uint64_t start = (0x12345ull + pages * 3) << tgs[t];
				struct smmu_tlbi_req r = { start, start + (pages << tgs[t]), 7, tgs[t],
							   tgs[t], kinds[k].leaf, true, kinds[k].ttl };
				uint64_t end = expected_end(&r);
				size_t n = smmu_tlbi_va_cmds(&r, c, 16);

				assert_true(n <= 16);
				assert_int_equal(check_cover(c, n, r.start, tgs[t], r.leaf, r.ttl), end);
				assert_int_equal(n, fewest[(end - start) >> tgs[t]]);
			}
		}
	}
}

/* Does planning r make a CHECK fire? (check_host.h's catch, without locals
 * changed after setjmp.) */
static bool plan_checks(const struct smmu_tlbi_req *r)
{
	static struct smmu_cmd c[4];
	jmp_buf jb;

	if (setjmp(jb)) {
		check_catch = NULL;
		return true;
	}
	check_catch = &jb;
	smmu_tlbi_va_cmds(r, c, 4);
	check_catch = NULL;
	return false;
}

/* A TTL that names no leaf level is a caller's bug: level 1 with 16K / 64K. */
static void test_ttl_checked(void **state)
{
	struct smmu_tlbi_req r = { 0x40000000, 0x80000000, 7, 14, 14, true, true, 1 };

	(void)state;
	assert_true(plan_checks(&r));
	r.tg_shift = r.stride_shift = 12;
	assert_false(plan_checks(&r));
}

/* Whole address spaces: SCALE tops out at 31, NUM + 1 at 32. */
static void test_range_huge(void **state)
{
	struct smmu_cmd c[16];
	struct smmu_tlbi_req r = { 0, 1ull << 48, 7, 12, 12, false, true, 0 };
	size_t n = smmu_tlbi_va_cmds(&r, c, 16);

	(void)state;
	assert_int_equal(n, 1); /* 2^36 pages = 32 << 31 */
	assert_int_equal(check_cover(c, n, 0, 12, false, 0), 1ull << 48);
	r.start = 1ull << 12;
	n = smmu_tlbi_va_cmds(&r, c, 16);
	assert_true(n >= 2 && n <= 16);
	assert_int_equal(check_cover(c, n, r.start, 12, false, 0), r.end);
}

static void test_per_stride(void **state)
{
	struct smmu_cmd c[8];
	struct smmu_tlbi_req r = { 0x200000, 0x200000 + 5 * 0x200000ull, 7, 12, 21, true, false, 2 };
	size_t n;

	(void)state;
	memset(c, 0xa5, sizeof(c));
	n = smmu_tlbi_va_cmds(&r, c, 4);
	assert_int_equal(n, 5);              /* needed */
	assert_int_equal(c[4].dw[0], 0xa5a5a5a5a5a5a5a5ull); /* not written past max */
	for (unsigned i = 0; i < 4; i++) {
		struct smmu_tlbi_range d;

		smmu_tlbi_va_decode(&c[i], &d);
		assert_int_equal(d.addr, 0x200000 + i * 0x200000ull);
		assert_int_equal(d.tg, 0);
		assert_int_equal(d.size, 0);
		assert_true(d.leaf);
		assert_int_equal(FIELD_GET(SMMU_TLBI_NUM, c[i].dw[0]), 0);
	}
}

static void test_refused(void **state)
{
	struct smmu_cmd c[4];
	struct smmu_tlbi_req empty = { 0x1000, 0x1000, 7, 12, 12, true, true, 0 };
	struct smmu_tlbi_req odd = { 0x1800, 0x3000, 7, 12, 12, true, true, 0 };
	struct smmu_tlbi_req badtg = { 0x2000, 0x4000, 7, 13, 13, true, true, 0 };

	(void)state;
	assert_int_equal(smmu_tlbi_va_cmds(&empty, c, 4), 0);
	assert_int_equal(smmu_tlbi_va_cmds(&odd, c, 4), 0);
	assert_int_equal(smmu_tlbi_va_cmds(&badtg, c, 4), 0);
	odd.ril = false;
	assert_int_equal(smmu_tlbi_va_cmds(&odd, c, 4), 0);
}

/* A producer and a consumer walking a 2^3 queue for many laps, against counters. */
static void test_queue_wrap(void **state)
{
	const unsigned log2 = 3, size = 1u << log2;
	uint32_t prod = 0, cons = 0;
	unsigned long produced = 0, consumed = 0, seed = 1;

	(void)state;
	assert_true(smmu_q_empty(prod, cons, log2));
	for (unsigned step = 0; step < 10000; step++) {
		seed = seed * 1103515245 + 12345;
		if ((seed >> 16) & 1) {
			if (smmu_q_full(prod, cons, log2))
				continue;
			prod = smmu_q_inc(prod, log2);
			produced++;
		} else {
			if (smmu_q_empty(prod, cons, log2))
				continue;
			cons = smmu_q_inc(cons, log2);
			consumed++;
		}
		assert_int_equal(smmu_q_used(prod, cons, log2), produced - consumed);
		assert_int_equal(smmu_q_space(prod, cons, log2), size - (produced - consumed));
		assert_int_equal(smmu_q_full(prod, cons, log2), produced - consumed == size);
		assert_int_equal(smmu_q_empty(prod, cons, log2), produced == consumed);
		assert_int_equal(smmu_q_idx(prod, log2), produced % size);
		assert_int_equal(smmu_q_wrap(prod, log2) != 0, (produced / size) & 1);
	}
	assert_true(produced > 4 * size); /* many wraps happened */
}

static void test_cd(void **state)
{
	uint64_t cd[SMMU_CD_DWORDS];
	/* TCR: T0SZ 16, IRGN0 1, ORGN0 1, SH0 3, TG0 2 (16K), IPS 4 (44 bits) */
	uint64_t tcr = 16 | 1u << 8 | 1u << 10 | 3u << 12 | 2u << 14 | 4ull << 32;

	(void)state;
	assert_int_equal(smmu_cd_s1(cd, 0x1234, 0x40123000, tcr, 0x44ff, false), 0);
	assert_int_equal(cd[0] & 0x3f, 16);          /* T0SZ */
	assert_int_equal((cd[0] >> 6) & 3, 2);       /* TG0 16K */
	assert_int_equal((cd[0] >> 8) & 0x3f, 0x35); /* IR0 1, OR0 1, SH0 3 */
	assert_int_equal((cd[0] >> 14) & 1, 0);      /* EPD0: TTB0 walks */
	assert_int_equal((cd[0] >> 15) & 1, 0);      /* ENDI: little endian */
	assert_int_equal((cd[0] >> 30) & 3, 3);      /* EPD1, V */
	assert_int_equal((cd[0] >> 32) & 7, 4);      /* IPS */
	assert_int_equal((cd[0] >> 41) & 1, 1);      /* AA64 */
	assert_int_equal((cd[0] >> 42) & 3, 0);      /* HD, HA clear */
	assert_int_equal((cd[0] >> 45) & 3, 3);      /* R, A */
	assert_int_equal(cd[0] >> 48, 0x1234);
	assert_int_equal(cd[1], 0x40123000);
	assert_int_equal(cd[3], 0x44ff);
	assert_int_equal((cd[0] >> 44) & 1, 0);      /* S: faults terminate */
	assert_int_equal(smmu_cd_s1(cd, 0x1234, 0x40123000, tcr, 0x44ff, true), 0);
	assert_int_equal((cd[0] >> 44) & 1, 1);      /* S: faults stall (forced) */
	assert_int_equal((cd[0] >> 45) & 3, 3);      /* R, A kept */
	assert_int_equal(smmu_cd_s1(cd, 1, 0, (tcr & ~0x3full) | 12, 0, false), -EINVAL);
	assert_int_equal(smmu_cd_s1(cd, 1, 0, (tcr & ~0x3full) | 40, 0, false), -EINVAL);
	assert_int_equal(smmu_cd_s1(cd, 1, 0, tcr | 3u << 14, 0, false), -EINVAL);
}

static void test_ste(void **state)
{
	uint64_t ste[SMMU_STE_DWORDS];

	(void)state;
	smmu_ste_s1(ste, 0x40abc040, true);
	assert_int_equal(ste[0] & 1, 1);
	assert_int_equal((ste[0] >> 1) & 7, 5);                  /* stage 1 translate */
	assert_int_equal(ste[0] & SMMU_STE_S1CTXPTR_MASK, 0x40abc040);
	assert_int_equal(ste[0] >> 59, 0);                       /* S1CDMax */
	assert_int_equal((ste[1] >> 27) & 1, 0);                 /* S1STALLD */
	assert_true(smmu_ste_reads_rest(ste[0]));
	assert_false(smmu_ste_reads_rest(ste[0] & ~1ull));      /* V = 0 */
	assert_true(smmu_ste_reads_rest(1 | 4u << 1));           /* bypass: SHCFG in dword 1 */
	smmu_ste_abort(ste);
	assert_int_equal(ste[0], 1);
	assert_false(smmu_ste_reads_rest(ste[0]));
	for (unsigned i = 1; i < SMMU_STE_DWORDS; i++)
		assert_int_equal(ste[i], 0);
}

static void test_event(void **state)
{
	/* As QEMU writes F_TRANSLATION for a DMA write by StreamID 0x10. */
	const uint64_t raw[4] = { 0x10ull << 32 | 0x10, 0, 0xb0000100, 0 };
	const uint64_t rd[4] = { 0x10ull << 32 | 0x13, 1ull << 35 | 2ull << 40, 0x4000, 0 };
	struct smmu_event e;
	char line[160];

	(void)state;
	smmu_event_decode(raw, &e);
	assert_int_equal(e.type, SMMU_EVT_F_TRANSLATION);
	assert_string_equal(e.name, "F_TRANSLATION");
	assert_int_equal(e.sid, 0x10);
	assert_int_equal(e.addr, 0xb0000100);
	assert_false(e.rnw);
	smmu_event_describe(&e, line, sizeof(line));
	assert_non_null(strstr(line, "iova=0xb0000100 write"));
	smmu_event_decode(rd, &e);
	assert_string_equal(e.name, "F_PERMISSION");
	assert_true(e.rnw);
	assert_int_equal(e.cls, 2);
	const uint64_t unknown[4] = { 0x7f, 0, 0, 0 };
	smmu_event_decode(unknown, &e);
	assert_string_equal(e.name, "unknown");
	assert_false(e.has_addr);
}

static void test_ids_qemu(void **state)
{
	const uint32_t idr[6] = { 0x0d40101a, 16u | 19u << 16 | 19u << 21, 0, 0x1404, 0, 0x74 };
	struct smmu_ids id;

	(void)state;
	smmu_ids_decode(idr, &id);
	assert_true(id.s1p);
	assert_false(id.s2p);
	assert_int_equal(id.ttf, 2);
	assert_true(id.cohacc);
	assert_true(id.asid16);
	assert_true(id.st_2lvl);
	assert_int_equal(id.sid_bits, 16);
	assert_int_equal(id.ssid_bits, 0);
	assert_int_equal(id.cmdq_log2, 19);
	assert_int_equal(id.evtq_log2, 19);
	assert_true(id.ril);
	assert_int_equal(id.oas_bits, 44);
	assert_true(id.gran4k && id.gran16k && id.gran64k);
	assert_int_equal(id.stall_model, SMMU_STALL_NONE);   /* QEMU: STALL_MODEL 0b01 */
	const uint32_t forced[6] = { (idr[0] & ~(3u << 24)) | 2u << 24, idr[1], 0, idr[3], 0, idr[5] };
	smmu_ids_decode(forced, &id);
	assert_int_equal(id.stall_model, SMMU_STALL_FORCED);
	char line[200];
	smmu_ids_describe(&id, line, sizeof(line));
	assert_non_null(strstr(line, " stall-forced"));
}

static void test_resume(void **state)
{
	struct smmu_cmd c;
	const uint64_t stalled[4] = { 0x10ull << 32 | 0x10, 1ull << 31 | 0xbeef, 0x4000, 0 };
	struct smmu_event e;

	(void)state;
	smmu_event_decode(stalled, &e);
	assert_true(e.stall);
	assert_int_equal(e.stag, 0xbeef);
	smmu_cmd_resume_abort(&c, e.sid, e.stag);
	assert_int_equal(c.dw[0] & 0xff, 0x44);
	assert_int_equal(c.dw[0] >> 32, 0x10);
	assert_int_equal((c.dw[0] >> 12) & 3, 2);  /* Action: abort */
	assert_int_equal(c.dw[1], 0xbeef);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range_fewest), cmocka_unit_test(test_ttl_checked),
		cmocka_unit_test(test_range_huge),
		cmocka_unit_test(test_per_stride),   cmocka_unit_test(test_refused),
		cmocka_unit_test(test_queue_wrap),   cmocka_unit_test(test_cd),
		cmocka_unit_test(test_ste),          cmocka_unit_test(test_event),
		cmocka_unit_test(test_ids_qemu),     cmocka_unit_test(test_resume),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
