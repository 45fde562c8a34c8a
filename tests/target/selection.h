/* SPDX-License-Identifier: MIT */
/*
 * Which self-tests a command line selects. Portable (no hardware), so the
 * host tests check it too (tests/host/test_selection.c).
 *
 * The command line is the semihosting one: its first word is the program
 * name (QEMU puts the -kernel file there), the rest are test names separated
 * by spaces. A word is an exact name, or a prefix ending in '*'; a word with
 * '=' is an option for the image (selection_option), not a name. No words:
 * every test except the manual ones. A glob never selects a manual test; a
 * manual test runs only when named exactly.
 *
 * The device tree's /chosen bootargs (U-Boot's `setenv bootargs`) select
 * the same way, without a program name; their key=value words are image
 * options too, or a loader's kernel parameters (console=ttyS2,1500000):
 * never test names. Both count such words in `ignored`.
 */
#ifndef GPUMMU_TESTS_TARGET_SELECTION_H
#define GPUMMU_TESTS_TARGET_SELECTION_H

#include <stdbool.h>
#include <stddef.h>

#define SELECTION_MAX_WORDS 32
#define SELECTION_MAX_CHARS 512

struct selection {
	char buf[SELECTION_MAX_CHARS];
	const char *word[SELECTION_MAX_WORDS];
	bool used[SELECTION_MAX_WORDS]; /* the word selected at least one test */
	size_t nwords;
	size_t ignored;                 /* key=value words: options, not names */
};

/* Parse cmdline (NULL or "" selects the default set). 0, or -E2BIG / -ENAMETOOLONG. */
int selection_parse(struct selection *s, const char *cmdline);
/* The same for bootargs (no program name). */
int selection_parse_bootargs(struct selection *s, const char *bootargs);
/* Do a and b hold the same words in the same order? */
bool selection_same(const struct selection *a, const struct selection *b);

/* Does the selection run a test with this name and manual flag? Marks the word used. */
bool selection_match(struct selection *s, const char *name, bool manual);

/* Is option (a key=value word) on cmdline, after the program name? */
bool selection_option(const char *cmdline, const char *option);

/* Does name match word (exact, or prefix when word ends in '*')? */
bool selection_word_matches(const char *word, const char *name);

#endif
