/*
 * UTF-8 text: decoding, display width, truncation and sanitizing.
 * Every string inside the program is UTF-8; widths are terminal columns.
 */
#ifndef LOCALE_TEXT_H
#define LOCALE_TEXT_H

#include <stddef.h>
#include <stdint.h>

#define TEXT_REPLACEMENT 0xFFFD
/* What the terminal shows for a character its charset lacks (a rare
 * character, or U+FFFD itself, in a GBK locale). */
#define TEXT_UNSHOWABLE '?'
/* A line break where one line is all there is (a table row, the status
 * line): ASCII, one column in every locale and every ambiguous-width
 * setting, and shown by every charset, as no arrow or pilcrow is. */
#define TEXT_LINE_MARK '|'

enum text_ambiguous {
	TEXT_AMBIGUOUS_AUTO,	/* whatever wcwidth() says in this locale */
	TEXT_AMBIGUOUS_NARROW,
	TEXT_AMBIGUOUS_WIDE
};

/* Decodes one code point from s (at most len bytes). Returns the bytes
 * consumed (1 for an invalid sequence, which yields U+FFFD), 0 at end. */
size_t	utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Writes cp as UTF-8 into out (4 bytes room); returns the length. */
size_t	utf8_encode(uint32_t cp, char *out);
int	utf8_valid(const char *s, size_t len);
/* Number of code points (invalid bytes count as one each). */
size_t	utf8_chars(const char *s);

/*
 * Width: the override table, then the ambiguous-width policy, then the
 * current locale's table. The client's curses measures with the same
 * function, so the policy moves the cursor as the layout expects.
 */
void	text_set_ambiguous(enum text_ambiguous);
/* "auto", "1" or "2" (the config and --ambiguous-width); -1 if none. */
int	text_parse_ambiguous(const char *, enum text_ambiguous *);
int	text_is_ambiguous(uint32_t cp);
/* Like wcwidth(): -1 for what cannot be printed. */
int	text_wcwidth(uint32_t cp);
/* 1 if the terminal's charset (the locale's) can write cp. */
int	text_displayable(uint32_t cp);
/* The code point to hand to curses for cp: a blank for a tab,
 * TEXT_LINE_MARK for a line break, U+FFFD for controls,
 * TEXT_UNSHOWABLE for what the terminal's charset cannot write. */
uint32_t text_terminal_cp(uint32_t cp);
/* Columns of one code point as drawn: 0 (combining), 1 or 2. */
int	text_cpwidth(uint32_t cp);
/* Columns of a UTF-8 string. */
int	text_width(const char *s);
/* Returns the byte length of the longest prefix of s that fits in cols
 * columns, never splitting a character; *used gets its width. */
size_t	text_fit(const char *s, int cols, int *used);
/* As text_fit, but a number (digits with the - * X that join and mask
 * them: an ID, phone or application number, a date) is never cut: the
 * prefix ends before it. */
size_t	text_fit_whole(const char *s, int cols, int *used);
/* A new string: s cut to at most cols columns. The caller frees it. */
char	*text_truncate(const char *s, int cols);

/* Returns a new string safe to show on a terminal: invalid UTF-8, C0/DEL
 * and C1 controls, and format characters (bidi overrides, zero-width)
 * become U+FFFD; tabs become spaces; newlines are kept only if
 * keep_newlines. The caller frees it. */
char	*text_sanitize(const char *s, int keep_newlines);
int	text_is_unsafe(uint32_t cp);

#endif
