/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <string.h>

#include "tests/target/selection.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* key=value: an option for the image (image_option), not a test name. */
static bool is_option(const char *word)
{
	return strchr(word, '=') != NULL;
}

static bool is_glob(const char *word)
{
	size_t n = strlen(word);

	return n > 0 && word[n - 1] == '*';
}

static int parse(struct selection *s, const char *line, bool bootargs)
{
	memset(s, 0, sizeof(*s));
	if (!line)
		return 0;
	if (strlen(line) >= sizeof(s->buf))
		return -ENAMETOOLONG;
	strcpy(s->buf, line);

	bool program_name = !bootargs;

	for (char *p = s->buf; *p;) {
		while (is_space(*p))
			*p++ = '\0';
		if (!*p)
			break;
		char *word = p;

		while (*p && !is_space(*p))
			p++;
		if (*p)
			*p++ = '\0';
		if (program_name) {
			program_name = false;
			continue;
		}
		if (is_option(word)) {
			s->ignored++;
			continue;
		}
		if (s->nwords == SELECTION_MAX_WORDS)
			return -E2BIG;
		s->word[s->nwords++] = word;
	}
	return 0;
}

int selection_parse(struct selection *s, const char *cmdline)
{
	return parse(s, cmdline, false);
}

int selection_parse_bootargs(struct selection *s, const char *bootargs)
{
	return parse(s, bootargs, true);
}

bool selection_same(const struct selection *a, const struct selection *b)
{
	if (a->nwords != b->nwords)
		return false;
	for (size_t i = 0; i < a->nwords; i++)
		if (strcmp(a->word[i], b->word[i]))
			return false;
	return true;
}

bool selection_word_matches(const char *word, const char *name)
{
	if (!is_glob(word))
		return strcmp(word, name) == 0;
	return strncmp(word, name, strlen(word) - 1) == 0;
}

bool selection_match(struct selection *s, const char *name, bool manual)
{
	if (s->nwords == 0)
		return !manual;

	bool hit = false;

	for (size_t i = 0; i < s->nwords; i++) {
		if (manual && is_glob(s->word[i]))
			continue;
		if (selection_word_matches(s->word[i], name)) {
			s->used[i] = true;
			hit = true;
		}
	}
	return hit;
}

bool selection_option(const char *cmdline, const char *option)
{
	struct selection s;
	size_t n = strlen(option);

	if (!cmdline || strlen(cmdline) >= sizeof(s.buf))
		return false;
	/* Every word after the program name, compared whole. */
	for (const char *p = cmdline; (p = strstr(p, option)) != NULL; p += n) {
		bool starts = p > cmdline && is_space(p[-1]);
		bool ends = p[n] == '\0' || is_space(p[n]);

		if (starts && ends)
			return true;
	}
	return false;
}
