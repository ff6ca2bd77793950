/*
 * UTF-8 text on a terminal: display width and truncation (decoding and
 * sanitizing are util/utf8.h, which every user of this header gets).
 * Every string inside the program is UTF-8; widths are terminal columns.
 */
#ifndef LOCALE_TEXT_H
#define LOCALE_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "../util/utf8.h"

#define TEXT_REPLACEMENT UTF8_REPLACEMENT
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

#endif
