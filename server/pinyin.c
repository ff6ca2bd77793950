/* Pinyin initials through GB 2312's pinyin order. */
#include <ctype.h>
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pinyin.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

struct entry {
	uint32_t	cp;
	char		initial;
};

/* Where each initial's characters start in GB 2312 level 1. */
static const struct {
	unsigned	code;
	char		initial;
} starts[] = {
	{ 0xb0a1, 'a' }, { 0xb0c5, 'b' }, { 0xb2c1, 'c' }, { 0xb4ee, 'd' },
	{ 0xb6ea, 'e' }, { 0xb7a2, 'f' }, { 0xb8c1, 'g' }, { 0xb9fe, 'h' },
	{ 0xbbf7, 'j' }, { 0xbfa6, 'k' }, { 0xc0ac, 'l' }, { 0xc2e8, 'm' },
	{ 0xc4c3, 'n' }, { 0xc5b6, 'o' }, { 0xc5be, 'p' }, { 0xc6da, 'q' },
	{ 0xc8bb, 'r' }, { 0xc8f6, 's' }, { 0xcbfa, 't' }, { 0xcdda, 'w' },
	{ 0xcef4, 'x' }, { 0xd1b9, 'y' }, { 0xd4d1, 'z' }, { 0xd7fa, 0 }
};

/* Characters read otherwise in the words this server deals in. */
static const struct {
	const char	*ch;
	char		 initial;
} overrides[] = {
	{ "行", 'h' },		/* 银行 */
	{ "单", 's' },		/* the surname */
	{ "曾", 'z' },
	{ "解", 'x' },
	{ "仇", 'q' },
	{ "朴", 'p' },
	{ "查", 'z' },
	{ "区", 'q' },
	{ "藏", 'z' },		/* 藏族 */
};

#define NOVERRIDES (sizeof overrides / sizeof *overrides)

static uint32_t		 override_cp[NOVERRIDES];
static struct entry	*table;
static size_t		 ntable;
static pthread_once_t	 once = PTHREAD_ONCE_INIT;

/* Orders the table by code point, for bsearch. */
static int
entry_cmp(const void *a, const void *b)
{
	const struct entry	*x = a, *y = b;

	return (x->cp < y->cp ? -1 : x->cp > y->cp);
}

/* The initial of a GB 2312 code, 0 outside level 1. */
static char
initial_of(unsigned code)
{
	size_t	i;

	for (i = 0; starts[i + 1].initial != 0; i++) {
		if (code < starts[i + 1].code)
			return (code >= starts[i].code ? starts[i].initial : 0);
	}
	return (code < starts[i + 1].code ? starts[i].initial : 0);
}

/* Decodes every level 1 character once, into a sorted table. */
static void
build(void)
{
	iconv_t		 cd = iconv_open("UTF-8", "GB2312");
	char		 in[2], out[8], *ip, *op;
	size_t		 il, ol, i;
	unsigned	 hi, lo;
	uint32_t	 cp;

	table = xcalloc(94 * 40 + 32, sizeof *table);
	if (cd == (iconv_t)-1)
		return;
	for (hi = 0xb0; hi <= 0xd7; hi++) {
		for (lo = 0xa1; lo <= 0xfe; lo++) {
			in[0] = (char)hi;
			in[1] = (char)lo;
			ip = in;
			op = out;
			il = 2;
			ol = sizeof out;
			if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
			    utf8_decode(out, sizeof out - ol, &cp) == 0 ||
			    initial_of(hi << 8 | lo) == 0)
				continue;
			table[ntable].cp = cp;
			table[ntable++].initial = initial_of(hi << 8 | lo);
		}
	}
	iconv_close(cd);
	for (i = 0; i < NOVERRIDES; i++)
		utf8_decode(overrides[i].ch, strlen(overrides[i].ch),
		    &override_cp[i]);
	qsort(table, ntable, sizeof *table, entry_cmp);
}

/* The initial for code point cp, or 0. */
static char
lookup(uint32_t cp)
{
	struct entry	 key = { cp, 0 }, *e;
	size_t		 i;

	for (i = 0; i < NOVERRIDES; i++) {
		if (override_cp[i] == cp)
			return (overrides[i].initial);
	}
	e = bsearch(&key, table, ntable, sizeof *table, entry_cmp);
	return (e != NULL ? e->initial : 0);
}

void
pinyin_initials(const char *s, char *out, size_t len)
{
	size_t		n, o = 0, left = strlen(s);
	uint32_t	cp;
	char		c;

	pthread_once(&once, build);
	while (left > 0 && (n = utf8_decode(s, left, &cp)) > 0) {
		s += n;
		left -= n;
		if (cp < 128)
			c = isalnum((int)cp) ? (char)tolower((int)cp) : 0;
		else
			c = lookup(cp);
		if (c != 0 && o + 1 < len)
			out[o++] = c;
	}
	if (len > 0)
		out[o] = '\0';
}
