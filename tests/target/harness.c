/* SPDX-License-Identifier: MIT */
/*
 * The on-target self-test harness (tests/target/selftest.h). Tests run in
 * link order from the .selftests section; each gets one TAP line. After
 * every test the pool must hold exactly the pages it held before: the page
 * pool is the one resource every test shares, so a leak is a failure.
 *
 * TAP for machines (TAP version 13): the version line first, the plan, one
 * `ok`/`not ok` line per test, and everything else a `#` comment (the
 * console prefixes every line the harness does not mark as TAP,
 * boot/console.c). A selected name that matches no test gets its own
 * `not ok`, so an empty selection is never "1..0, all skipped"; a crash or a
 * broken invariant prints `not ok` for the running test, then `Bail out!`.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "boot/console.h"
#include "boot/esr.h"
#include "boot/fault.h"
#include "boot/image.h"
#include "tests/target/harness.h"
#include "tests/target/report.h"
#include "tests/target/selection.h"
#include "tests/target/selftest.h"

extern const struct selftest __selftests_start[], __selftests_end[];

#define ST_TEXT_MAX 192

/* What the running test said about itself through st_fail/st_skip/st_note. */
struct st_state {
	const char *current;
	unsigned number;           /* its TAP test number */
	char reason[ST_TEXT_MAX];
	char note[ST_TEXT_MAX];
};

static struct st_state st_state;

struct harness_counts {
	unsigned passed, failed, skipped;
};

static enum st_result st_vrecord(enum st_result r, const char *fmt, va_list ap)
{
	vsnprintf(st_state.reason, sizeof(st_state.reason), fmt, ap);
	return r;
}

enum st_result st_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	enum st_result r = st_vrecord(ST_FAIL, fmt, ap);
	va_end(ap);
	return r;
}

enum st_result st_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	enum st_result r = st_vrecord(ST_SKIP, fmt, ap);
	va_end(ap);
	return r;
}

void st_note(const char *fmt, ...)
{
	size_t len = strlen(st_state.note);
	va_list ap;

	if (len && len + 1 < sizeof(st_state.note))
		st_state.note[len++] = ' ';
	va_start(ap, fmt);
	vsnprintf(st_state.note + len, sizeof(st_state.note) - len, fmt, ap);
	va_end(ap);
}

bool st_expect_fault(void (*fn)(void *), void *arg, struct st_fault *f)
{
	struct fault_info fi;
	char abort[96];

	report.faults_expected++;
	memset(f, 0, sizeof(*f));
	if (!fault_try(fn, arg, &fi))
		return false;
	report.faults_seen++;
	*f = (struct st_fault){ fi.esr, fi.far, fi.elr, esr_ec(fi.esr), esr_fsc(fi.esr),
				esr_is_data_abort(fi.esr) && (fi.esr & ESR_WNR) };
	esr_abort_text(fi.esr, abort, sizeof(abort));
	printf("# fault: %s%s%s at %#lx, FAR %#lx (expected)\n", esr_class_name(f->ec),
	       abort[0] ? ", " : "", abort, (unsigned long)f->elr, (unsigned long)f->far);
	return true;
}

const char *harness_current_test(void)
{
	return st_state.current;
}

static size_t pool_pages_held(void)
{
	struct pool_stats s;

	pool_get_stats(image_pool(), &s);
	return s.used_pages + s.reserved_pages;
}

/* A test must give back every page it took, whatever its result. */
static enum st_result check_pool(enum st_result r, size_t before)
{
	size_t after = pool_pages_held();

	if (after == before)
		return r;
	if (after > before) {
		report.pool_leaked += after - before;
		if (r == ST_FAIL)
			st_note("(also leaked %zu pages)", after - before);
		else
			st_fail("leaked %zu pages", after - before);
	} else {
		st_fail("pool holds %zu pages fewer than before the test", before - after);
	}
	return ST_FAIL;
}

/* One TAP line, sent as it is (not as a comment). */
static void tap(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void tap(const char *fmt, ...)
{
	va_list ap;

	console_tap(true);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	console_tap(false);
}

static void print_result(unsigned n, const char *name, enum st_result r)
{
	const char *note = st_state.note, *directive = "", *why = "";

	if (r == ST_SKIP) {
		directive = " # SKIP ";
		why = st_state.reason;
	} else if (r == ST_FAIL) {
		directive = " # ";
		why = st_state.reason[0] ? st_state.reason : "failed";
	}
	tap("%s %u - %s%s%s%s%s%s\n", r == ST_FAIL ? "not ok" : "ok", n, name, note[0] ? " [" : "",
	    note, note[0] ? "]" : "", directive, why);
}

void harness_start(void)
{
	tap("TAP version 13\n");
}

void harness_bail_out(const char *why)
{
	const char *test = st_state.current;

	if (test)
		tap("not ok %u - %s # %s\n", st_state.number, test, why);
	tap("Bail out! %s%s%s\n", why, test ? " in " : "", test ? test : "");
}

static void run_one(const struct selftest *t, unsigned n, struct harness_counts *c)
{
	memset(&st_state, 0, sizeof(st_state));
	st_state.current = t->name;
	st_state.number = n;

	size_t before = pool_pages_held();
	enum st_result r = check_pool(t->fn(), before);

	print_result(n, t->name, r);
	st_state.current = NULL;
	if (r == ST_PASS)
		c->passed++;
	else if (r == ST_SKIP)
		c->skipped++;
	else
		c->failed++;
}

static unsigned count_selected(struct selection *sel)
{
	unsigned n = 0;

	for (const struct selftest *t = __selftests_start; t < __selftests_end; t++)
		n += selection_match(sel, t->name, t->flags & ST_MANUAL);
	return n;
}

static unsigned count_unused(const struct selection *sel)
{
	unsigned n = 0;

	for (size_t i = 0; i < sel->nwords; i++)
		n += !sel->used[i];
	return n;
}

/* A name that selects nothing is a typo, not a pass: a test of its own, failed. */
static unsigned report_unused_words(const struct selection *sel, unsigned n)
{
	unsigned bad = 0;

	for (size_t i = 0; i < sel->nwords; i++) {
		if (sel->used[i])
			continue;
		tap("not ok %u - %s # no self-test matches '%s'\n", ++n, sel->word[i], sel->word[i]);
		bad++;
	}
	return bad;
}

unsigned harness_run(struct selection *sel)
{
	struct harness_counts c = { 0 };
	struct pool_stats ps;
	unsigned n = 0, tests = count_selected(sel);

	tap("1..%u\n", tests + count_unused(sel));
	for (const struct selftest *t = __selftests_start; t < __selftests_end; t++)
		if (selection_match(sel, t->name, t->flags & ST_MANUAL))
			run_one(t, ++n, &c);
	c.failed += report_unused_words(sel, n);

	pool_get_stats(image_pool(), &ps);
	report_print(&ps);
	printf("%u passed, %u failed", c.passed, c.failed);
	if (c.skipped)
		printf(", %u skipped", c.skipped);
	printf("\n");
	return c.failed;
}
