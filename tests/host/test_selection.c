/* SPDX-License-Identifier: MIT */
/* The self-test selection of the target harness (tests/target/selection.c). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tests/target/selection.h"

static void test_no_words_selects_all_but_manual(void **state)
{
	struct selection s;

	(void)state;
	assert_int_equal(selection_parse(&s, "build/qemu-virt/gpummu.elf"), 0);
	assert_int_equal(s.nwords, 0);
	assert_true(selection_match(&s, "boot-el1", false));
	assert_false(selection_match(&s, "harness-fail", true));
	assert_int_equal(selection_parse(&s, NULL), 0);
	assert_true(selection_match(&s, "anything", false));
	assert_int_equal(selection_parse(&s, ""), 0);
	assert_true(selection_match(&s, "anything", false));
}

static void test_program_name_is_skipped(void **state)
{
	struct selection s;

	(void)state;
	assert_int_equal(selection_parse(&s, "  image.elf\tboot-el1  timer-poll \n"), 0);
	assert_int_equal(s.nwords, 2);
	assert_string_equal(s.word[0], "boot-el1");
	assert_string_equal(s.word[1], "timer-poll");
	assert_false(selection_match(&s, "image.elf", false));
}

static void test_options_are_not_names(void **state)
{
	const char *line = "x smmu-walk=noncoherent boot-el1";
	struct selection s;

	(void)state;
	assert_int_equal(selection_parse(&s, line), 0);
	assert_int_equal(s.nwords, 1);
	assert_string_equal(s.word[0], "boot-el1");
	assert_true(selection_option(line, "smmu-walk=noncoherent"));
	assert_false(selection_option(line, "smmu-walk=non"));
	assert_false(selection_option("smmu-walk=noncoherent", "smmu-walk=noncoherent"));
	assert_false(selection_option(NULL, "a=b"));
}

static void test_exact_names(void **state)
{
	struct selection s;

	(void)state;
	assert_int_equal(selection_parse(&s, "x boot-el1 harness-fail"), 0);
	assert_true(selection_match(&s, "boot-el1", false));
	assert_false(selection_match(&s, "boot-el", false));
	assert_false(selection_match(&s, "boot-el10", false));
	assert_true(selection_match(&s, "harness-fail", true));
	assert_true(s.used[0] && s.used[1]);
}

static void test_glob_prefix(void **state)
{
	struct selection s;

	(void)state;
	assert_int_equal(selection_parse(&s, "x smmu-* nothing-*"), 0);
	assert_true(selection_match(&s, "smmu-dma", false));
	assert_true(selection_match(&s, "smmu-", false));
	assert_false(selection_match(&s, "smm", false));
	assert_false(selection_match(&s, "pool-smmu-dma", false));
	/* A glob never pulls in a manual test. */
	assert_false(selection_match(&s, "smmu-stale-flush", true));
	assert_true(s.used[0]);
	assert_false(s.used[1]);
	assert_true(selection_word_matches("*", "anything"));
}

static void test_unused_word_stays_unused(void **state)
{
	struct selection s;

	(void)state;
	assert_int_equal(selection_parse(&s, "x typo"), 0);
	assert_false(selection_match(&s, "boot-el1", false));
	assert_false(s.used[0]);
}

static void test_limits(void **state)
{
	struct selection s;
	char line[SELECTION_MAX_CHARS + 8];

	(void)state;
	memset(line, 'a', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	assert_int_equal(selection_parse(&s, line), -ENAMETOOLONG);

	char many[SELECTION_MAX_CHARS] = "prog";
	for (int i = 0; i < SELECTION_MAX_WORDS + 1; i++)
		strcat(many, " t");
	assert_int_equal(selection_parse(&s, many), -E2BIG);
}

/* U-Boot's bootargs: no program name; a loader's kernel parameters skipped. */
static void test_bootargs(void **state)
{
	struct selection s, t;

	(void)state;
	assert_int_equal(selection_parse_bootargs(&s, "console=ttyS2,1500000 boot-el1 smmu-*"), 0);
	assert_int_equal(s.nwords, 2);
	assert_int_equal(s.ignored, 1);
	assert_string_equal(s.word[0], "boot-el1");
	assert_true(selection_match(&s, "smmu-pages-4k", false));
	assert_int_equal(selection_parse(&t, "build/qemu-virt/gpummu.elf boot-el1 smmu-*"), 0);
	assert_true(selection_same(&s, &t));
	assert_int_equal(selection_parse(&t, "x boot-el1"), 0);
	assert_false(selection_same(&s, &t));
	assert_int_equal(selection_parse_bootargs(&s, "root=/dev/mmcblk0p2 rw"), 0);
	assert_int_equal(s.nwords, 1); /* "rw" is a word: a name matching no test, a failure */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_words_selects_all_but_manual),
		cmocka_unit_test(test_program_name_is_skipped),
		cmocka_unit_test(test_options_are_not_names),
		cmocka_unit_test(test_exact_names),
		cmocka_unit_test(test_glob_prefix),
		cmocka_unit_test(test_unused_word_stays_unused),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_bootargs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
