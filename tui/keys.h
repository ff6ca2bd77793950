/*
 * Keys as one int: a Unicode character as itself, a curses key code
 * above the Unicode range. F-keys also come from Esc followed by a digit
 * (Esc 1 .. Esc 0 = F1 .. F10), for terminals that eat F-keys.
 */
#ifndef TUI_KEYS_H
#define TUI_KEYS_H

#include <curses.h>

#define TK_CODE(k)	(0x200000 | (k))
#define TK_PASTED	0x400000	/* a character that came in a paste */
#define PASTE_MAX	2000		/* characters kept of one paste */
#define TK_IS_CODE(k)	(((k) & 0x200000) != 0)
#define TK_F(n)		TK_CODE(KEY_F(n))
#define TK_CTRL(c)	((c) & 0x1f)
#define TK_ENTER	'\r'
#define TK_TAB		'\t'
#define TK_ESC		0x1b
#define TK_BACKSPACE	TK_CODE(KEY_BACKSPACE)
#define TK_DELETE	TK_CODE(KEY_DC)
#define TK_UP		TK_CODE(KEY_UP)
#define TK_DOWN		TK_CODE(KEY_DOWN)
#define TK_LEFT		TK_CODE(KEY_LEFT)
#define TK_RIGHT	TK_CODE(KEY_RIGHT)
#define TK_HOME		TK_CODE(KEY_HOME)
#define TK_END		TK_CODE(KEY_END)
#define TK_PGUP		TK_CODE(KEY_PPAGE)
#define TK_PGDN		TK_CODE(KEY_NPAGE)
#define TK_BTAB		TK_CODE(KEY_BTAB)
#define TK_INSERT	TK_CODE(KEY_IC)

/* Reads every key that is waiting, calling fn for each; returns how many
 * were read. */
int	keys_drain(void (*fn)(int key));
/* Tells curses every sequence of keyseq.c, whatever TERM's terminfo
 * says, so that it waits for a sequence split by a slow link as it does
 * for its own; after initscr(). */
void	keys_teach_curses(void);
/* Applies a line-editor key; 1 if it was one. */
struct lineedit;
int	keys_edit(struct lineedit *, int key);
/* A lineedit filter: ASCII letters and digits (a counter's code). */
int	keys_alnum(uint32_t);

#endif
