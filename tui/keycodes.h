/*
 * Keys as one int: a Unicode character as itself, a curses key code
 * above the Unicode range. A header of its own, with no code behind it,
 * so that the sequence table and the key reader both use it without
 * depending on each other.
 */
#ifndef TUI_KEYCODES_H
#define TUI_KEYCODES_H

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

#endif
