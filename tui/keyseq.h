/*
 * The escape sequences keys send, whatever TERM says: every PuTTY
 * function-key mode (ESC[n~, Linux, Xterm R6, VT400, VT100+, SCO),
 * xterm, rxvt, the Linux console, screen and tmux, and the keypad in
 * application mode. No curses here: tested without a terminal.
 */
#ifndef TUI_KEYSEQ_H
#define TUI_KEYSEQ_H

#include <stddef.h>

#define KS_UNKNOWN	(-1)	/* not a sequence of the table */
#define KS_NONE		0	/* a key that does nothing (keypad 5, NumLock off) */
#define KS_PASTE_START	(-2)	/* ESC [ 200 ~ */
#define KS_PASTE_END	(-3)	/* ESC [ 201 ~ */

struct keyseq {
	const char	*seq;		/* the whole sequence, ESC first */
	int		 key;		/* a TK_ key, a character or KS_NONE */
};

/* The table and its length; the paste markers are not in it. */
const struct keyseq	*keyseq_table(size_t *n);
/* What the whole sequence s (len bytes, ESC first) is: a key, KS_NONE,
 * a paste marker or KS_UNKNOWN. */
int	keyseq_find(const char *s, size_t len);
/* Whether s (len bytes, ESC first) is a whole control sequence yet:
 * its length when it is, 0 when more bytes belong to it, -1 when it
 * cannot be one (then only ESC is taken as a key). */
int	keyseq_complete(const char *s, size_t len);

#endif
