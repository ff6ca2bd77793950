/*
 * How lines and boxes are drawn ([display] borders in config.ini):
 * Unicode box characters in a UTF-8 locale (PuTTY and luit ignore the
 * VT100 line-drawing switch there), the terminal's line-drawing set
 * (ACS) in GB18030 and GBK, ASCII + - | where neither works.
 */
#ifndef TUI_BORDERS_H
#define TUI_BORDERS_H

enum borders {
	BORDERS_AUTO,
	BORDERS_UNICODE,
	BORDERS_ACS,
	BORDERS_ASCII
};

/* "auto", "unicode", "acs" or "ascii"; -1 for anything else. */
int		borders_parse(const char *, enum borders *);
/* What is drawn for a wish: utf8 says the locale's charset, box_width
 * the columns the width policy gives U+2500. Never AUTO. */
enum borders	borders_choose(enum borders want, int utf8, int box_width);
/* Before initscr(): chooses for this locale and width policy and tells
 * curses (NCURSES_NO_UTF8_ACS). */
void		borders_prepare(enum borders want);
/* After initscr(): ASCII lines where they were chosen. */
void		borders_apply(void);

#endif
