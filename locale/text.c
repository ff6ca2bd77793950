/* UTF-8, display width and sanitizing. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

struct range {
	uint32_t	lo, hi;
};

static enum text_ambiguous text_ambiguous = TEXT_AMBIGUOUS_AUTO;

/*
 * East Asian Ambiguous characters that occur in Chinese text and our data:
 * these are the ones a GBK terminal and a UTF-8 terminal disagree on.
 */
static const struct range ambiguous[] = {
	{ 0x00A1, 0x00A1 }, { 0x00A4, 0x00A4 }, { 0x00A7, 0x00A8 },
	{ 0x00AA, 0x00AA }, { 0x00AD, 0x00AE }, { 0x00B0, 0x00B4 },
	{ 0x00B6, 0x00BA }, { 0x00BC, 0x00BF }, { 0x00C6, 0x00C6 },
	{ 0x00D0, 0x00D0 }, { 0x00D7, 0x00D8 }, { 0x00DE, 0x00E1 },
	{ 0x00E6, 0x00E6 }, { 0x00E8, 0x00EA }, { 0x00EC, 0x00ED },
	{ 0x00F0, 0x00F0 }, { 0x00F2, 0x00F3 }, { 0x00F7, 0x00FA },
	{ 0x00FC, 0x00FC }, { 0x00FE, 0x00FE }, { 0x0101, 0x0101 },
	{ 0x0113, 0x0113 }, { 0x011B, 0x011B }, { 0x012B, 0x012B },
	{ 0x014D, 0x014D }, { 0x016B, 0x016B }, { 0x01CE, 0x01DC },
	{ 0x02C7, 0x02C7 }, { 0x02C9, 0x02CB }, { 0x02D9, 0x02D9 },
	{ 0x0391, 0x03A9 }, { 0x03B1, 0x03C9 }, { 0x0401, 0x0401 },
	{ 0x0410, 0x044F }, { 0x0451, 0x0451 }, { 0x2010, 0x2010 },
	{ 0x2013, 0x2016 }, { 0x2018, 0x2019 }, { 0x201C, 0x201D },
	{ 0x2020, 0x2022 }, { 0x2024, 0x2027 }, { 0x2030, 0x2030 },
	{ 0x2032, 0x2033 }, { 0x2035, 0x2035 }, { 0x203B, 0x203B },
	{ 0x203E, 0x203E }, { 0x2103, 0x2103 }, { 0x2105, 0x2105 },
	{ 0x2109, 0x2109 }, { 0x2116, 0x2116 }, { 0x2121, 0x2122 },
	{ 0x2160, 0x216B }, { 0x2170, 0x2179 }, { 0x2190, 0x2199 },
	{ 0x21D2, 0x21D2 }, { 0x21D4, 0x21D4 }, { 0x2200, 0x2200 },
	{ 0x2202, 0x2203 }, { 0x2207, 0x2208 }, { 0x220B, 0x220B },
	{ 0x220F, 0x220F }, { 0x2211, 0x2211 }, { 0x2215, 0x2215 },
	{ 0x221A, 0x221A }, { 0x221D, 0x2220 }, { 0x2223, 0x2223 },
	{ 0x2225, 0x2225 }, { 0x2227, 0x222C }, { 0x222E, 0x222E },
	{ 0x2234, 0x2237 }, { 0x223C, 0x223D }, { 0x2248, 0x2248 },
	{ 0x224C, 0x224C }, { 0x2252, 0x2252 }, { 0x2260, 0x2261 },
	{ 0x2264, 0x2267 }, { 0x226A, 0x226B }, { 0x226E, 0x226F },
	{ 0x2282, 0x2283 }, { 0x2286, 0x2287 }, { 0x2295, 0x2295 },
	{ 0x2299, 0x2299 }, { 0x22A5, 0x22A5 }, { 0x22BF, 0x22BF },
	{ 0x2312, 0x2312 }, { 0x2460, 0x24E9 }, { 0x24EB, 0x254B },
	{ 0x2550, 0x2573 }, { 0x2580, 0x258F }, { 0x2592, 0x2595 },
	{ 0x25A0, 0x25A1 }, { 0x25A3, 0x25A9 }, { 0x25B2, 0x25B3 },
	{ 0x25B6, 0x25B7 }, { 0x25BC, 0x25BD }, { 0x25C0, 0x25C1 },
	{ 0x25C6, 0x25C8 }, { 0x25CB, 0x25CB }, { 0x25CE, 0x25D1 },
	{ 0x25E2, 0x25E5 }, { 0x25EF, 0x25EF }, { 0x2605, 0x2606 },
	{ 0x2609, 0x2609 }, { 0x260E, 0x260F }, { 0x261C, 0x261C },
	{ 0x261E, 0x261E }, { 0x2640, 0x2640 }, { 0x2642, 0x2642 },
	{ 0x2660, 0x2661 }, { 0x2663, 0x2665 }, { 0x2667, 0x266A },
	{ 0x266C, 0x266D }, { 0x266F, 0x266F }, { 0x273D, 0x273D },
	{ 0x2776, 0x277F }, { 0xE000, 0xF8FF }, { 0xFFFD, 0xFFFD },
};

/*
 * Widths that hold whatever the locale's table says: the ideograph
 * blocks are two columns on every terminal, assigned or not, while a
 * locale's table knows only the characters of its charset and of its
 * Unicode version.
 */
static const struct {
	uint32_t	lo, hi;
	int		width;
} overrides[] = {
	{ 0x3400, 0x4DBF, 2 },		/* CJK extension A */
	{ 0x4E00, 0x9FFF, 2 },		/* CJK unified ideographs */
	{ 0xF900, 0xFAFF, 2 },		/* CJK compatibility ideographs */
	{ 0x20000, 0x2FFFD, 2 },	/* CJK extensions B to F */
	{ 0x30000, 0x3FFFD, 2 },	/* CJK extensions G and H */
};

static int
in_table(const struct range *t, size_t n, uint32_t cp)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (cp < t[mid].lo)
			hi = mid;
		else if (cp > t[mid].hi)
			lo = mid + 1;
		else
			return (1);
	}
	return (0);
}

void
text_set_ambiguous(enum text_ambiguous policy)
{
	text_ambiguous = policy;
}

int
text_is_ambiguous(uint32_t cp)
{
	return (in_table(ambiguous, sizeof ambiguous / sizeof *ambiguous, cp));
}

/* Columns by the current locale's table, without calling wcwidth(),
 * which the client replaces with text_wcwidth() (tui/wcwidth.c). */
static int
locale_width(uint32_t cp)
{
	wchar_t	wc = (wchar_t)cp;

	return (wcswidth(&wc, 1));
}

static int
overridden(uint32_t cp)
{
	size_t	i;

	for (i = 0; i < sizeof overrides / sizeof *overrides; i++) {
		if (cp >= overrides[i].lo && cp <= overrides[i].hi)
			return (overrides[i].width);
	}
	return (-1);
}

/* The one width function: curses measures with it too. */
int
text_wcwidth(uint32_t cp)
{
	int	w;

	if (cp >= 0x20 && cp < 0x7f)
		return (1);	/* printable ASCII, in every locale we run in */
	if (cp >= 0x20 && (w = overridden(cp)) >= 0)
		return (w);
	if (text_ambiguous != TEXT_AMBIGUOUS_AUTO && text_is_ambiguous(cp))
		return (text_ambiguous == TEXT_AMBIGUOUS_WIDE ? 2 : 1);
	return (locale_width(cp));
}

/* Asked of the C library in the current locale: the terminal's charset
 * is the locale's. */
int
text_displayable(uint32_t cp)
{
	char		b[MB_LEN_MAX];
	mbstate_t	st;

	if (text_wcwidth(cp) < 0)
		return (0);
	memset(&st, 0, sizeof st);
	return (wcrtomb(b, (wchar_t)cp, &st) != (size_t)-1);
}

/* Every drawing path turns a code point into what curses gets here, so
 * that no terminal ever receives bytes its charset cannot show. */
uint32_t
text_terminal_cp(uint32_t cp)
{
	/* most of every screen: shown as is by every charset we run in,
	 * without asking the C library per character */
	if (cp >= 0x20 && cp < 0x7f)
		return (cp);
	if (cp == '\t')
		return (' ');
	if (cp == '\n')
		return (TEXT_LINE_MARK);
	if (utf8_is_unsafe(cp))
		cp = TEXT_REPLACEMENT;
	return (text_displayable(cp) ? cp : TEXT_UNSHOWABLE);
}

/* The width of what is drawn for cp, which text_terminal_cp() says. */
int
text_cpwidth(uint32_t cp)
{
	int	w = text_wcwidth(text_terminal_cp(cp));

	return (w < 0 ? 1 : w);
}

/* The setting's spelling is the same in the config and on the command
 * line. */
int
text_parse_ambiguous(const char *s, enum text_ambiguous *policy)
{
	if (strcmp(s, "auto") == 0)
		*policy = TEXT_AMBIGUOUS_AUTO;
	else if (strcmp(s, "1") == 0)
		*policy = TEXT_AMBIGUOUS_NARROW;
	else if (strcmp(s, "2") == 0)
		*policy = TEXT_AMBIGUOUS_WIDE;
	else
		return (-1);
	return (0);
}

int
text_width(const char *s)
{
	size_t		len = strlen(s), n;
	uint32_t	cp;
	int		w = 0;

	while ((n = utf8_decode(s, len, &cp)) != 0) {
		w += text_cpwidth(cp);
		s += n;
		len -= n;
	}
	return (w);
}

size_t
text_fit(const char *s, int cols, int *used)
{
	size_t		len = strlen(s), n, off = 0;
	uint32_t	cp;
	int		w = 0, cw;

	while ((n = utf8_decode(s + off, len - off, &cp)) != 0) {
		cw = text_cpwidth(cp);
		if (w + cw > cols)
			break;
		w += cw;
		off += n;
	}
	if (used != NULL)
		*used = w;
	return (off);
}

/* A character of a number as the counter writes them: digits, and what
 * joins or masks them in ID, phone, application numbers and dates. */
static int
number_char(char c)
{
	return ((c >= '0' && c <= '9') || c == '*' || c == '-' || c == 'X');
}

size_t
text_fit_whole(const char *s, int cols, int *used)
{
	size_t	off = text_fit(s, cols, used), start, i;
	int	digits = 0;

	if (off == 0 || !number_char(s[off]) || !number_char(s[off - 1]))
		return (off);
	for (start = off; start > 0 && number_char(s[start - 1]); start--)
		;
	for (i = start; number_char(s[i]); i++)
		digits |= s[i] >= '0' && s[i] <= '9';
	if (!digits)
		return (off);
	/* cut before the number, never inside it: all or nothing */
	if (used != NULL) {
		char	*head = xstrndup(s, start);

		*used = text_width(head);
		free(head);
	}
	return (start);
}

char *
text_truncate(const char *s, int cols)
{
	return (xstrndup(s, text_fit(s, cols < 0 ? 0 : cols, NULL)));
}
