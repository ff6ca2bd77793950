/* Reading and normalizing keys from ncursesw. */
#include <errno.h>
#include <string.h>
#include <wchar.h>

#include "keys.h"
#include "keyseq.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../forms/lineedit.h"

/* A character's bytes as they come: over a slow link the rest of one
 * may arrive a turn later. get_wch() drops a character cut short and
 * then reads the rest of the stream out of step, so bytes are decoded
 * here, the state kept between turns. */
static mbstate_t	mb_state;

/* One key, normalized; -1 when none is waiting, 0 for a byte or key
 * that does nothing (yet), or a byte of no character. */
static int
read_one(void)
{
	wchar_t	wc;
	char	b;
	size_t	r;
	int	c;

	c = getch();
	if (c == ERR)
		return (-1);
	if (c > 0xff)
		return (0);	/* KEY_RESIZE: the signal has told already */
	b = (char)c;
	r = mbrtowc(&wc, &b, 1, &mb_state);
	if (r == (size_t)-2)
		return (0);
	if (r == (size_t)-1) {
		/* what came before was broken: this byte may begin the
		 * next character, else it is dropped */
		memset(&mb_state, 0, sizeof mb_state);
		r = mbrtowc(&wc, &b, 1, &mb_state);
		if (r == (size_t)-1)
			memset(&mb_state, 0, sizeof mb_state);
		if (r == (size_t)-1 || r == (size_t)-2)
			return (0);
	}
	switch (wc) {
	case '\n':
	case '\r':
		return (TK_ENTER);
	case 0x7f:
	case 0x08:
		return (TK_BACKSPACE);
	default:
		return ((int)wc);
	}
}

/* The next key of a sequence, which may come a moment later over a slow
 * link: waits up to the escape delay. */
static int
read_wait(void)
{
	int	k;

	timeout(ESCDELAY);
	k = read_one();
	nodelay(stdscr, TRUE);
	return (k);
}

/* Bracketed paste: between ESC [ 200 ~ and ESC [ 201 ~ every key is text
 * (marked TK_PASTED, so no binding fires), capped at PASTE_MAX. */
static int	pasting;
static int	pasted;
static int	paste_cut;

/* The rest of a control sequence after ESC [ (or ESC O), read whole. A
 * known one is its key; an unknown one is swallowed (KS_NONE), never
 * typed into a field. KS_UNKNOWN when nothing followed: it was Esc and
 * a typed [ after all. *after is a key read that was not part of it. */
static int
sequence(int intro, int *after)
{
	char	seq[40];
	size_t	n = 2;
	int	k, done = 0;

	seq[0] = '\033';
	seq[1] = (char)intro;
	*after = -1;
	while (done == 0 && (k = read_wait()) != -1) {
		if (k <= 0 || k > 0x7e) {
			*after = k;	/* not a sequence's byte */
			return (KS_NONE);
		}
		seq[n++] = (char)k;
		done = keyseq_complete(seq, n);
	}
	if (n == 2)
		return (KS_UNKNOWN);
	if (done <= 0)
		return (KS_NONE);
	k = keyseq_find(seq, n);
	return (k == KS_UNKNOWN ? KS_NONE : k);
}

static void
paste_key(void (*fn)(int), int k)
{
	if (k == TK_ENTER || k == '\t')
		k = ' ';	/* a pasted line break only separates words */
	if (TK_IS_CODE(k) || k < 0x20)
		return;
	if (pasted >= PASTE_MAX) {
		paste_cut = 1;
		return;
	}
	pasted++;
	fn(k | TK_PASTED);
}

static void
paste_edge(int which)
{
	pasting = which == 1;
	if (pasting) {
		pasted = paste_cut = 0;
		return;
	}
	if (paste_cut)
		app_message(MSG_ERROR, _("The paste was cut to %d "
		    "characters."), PASTE_MAX);
}

/* One key that is not an escape: text inside a paste, else a key. */
static void
deliver(void (*fn)(int), int k)
{
	if (pasting)
		paste_key(fn, k);
	else
		fn(k);
}

/* ESC and what follows it at once: a sequence, Esc and a digit (an
 * F-key where a terminal eats them), or Esc alone, then the next key. */
static void
escape(void (*fn)(int))
{
	int	next, k, after;

	/* the rest of a sequence may come a moment later over a slow link */
	while ((next = read_wait()) == TK_ESC && !pasting)
		fn(TK_ESC);	/* Esc, then another escape at once */
	if (next == '[' || next == 'O') {
		k = sequence(next, &after);
		if (k == KS_PASTE_START || k == KS_PASTE_END)
			paste_edge(k == KS_PASTE_START ? 1 : 2);
		else if (k == KS_UNKNOWN && !pasting) {
			fn(TK_ESC);
			fn(next);
		} else if (k != KS_NONE && !pasting)
			fn(k);
		if (after > 0)
			deliver(fn, after);
		return;
	}
	if (pasting)
		return;		/* a stray escape inside a paste */
	if (next >= '0' && next <= '9')
		fn(TK_F(next == '0' ? 10 : next - '0'));
	else {
		fn(TK_ESC);
		if (next > 0)
			deliver(fn, next);
	}
}

int
keys_drain(void (*fn)(int))
{
	int	k, n = 0;

	while ((k = read_one()) != -1) {
		n++;		/* a byte read: the terminal is there */
		if (k == 0)
			continue;
		if (k == TK_ESC)
			escape(fn);
		else
			deliver(fn, k);
	}
	return (n);
}

int
keys_edit(struct lineedit *le, int key)
{
	if (key & TK_PASTED) {
		lineedit_insert(le, (uint32_t)(key & ~TK_PASTED));
		return (1);
	}
	switch (key) {
	case TK_LEFT:
		lineedit_op(le, LE_LEFT);
		return (1);
	case TK_RIGHT:
		lineedit_op(le, LE_RIGHT);
		return (1);
	case TK_HOME:
	case TK_CTRL('a'):
		lineedit_op(le, LE_HOME);
		return (1);
	case TK_END:
	case TK_CTRL('e'):
		lineedit_op(le, LE_END);
		return (1);
	case TK_BACKSPACE:
		lineedit_op(le, LE_BACKSPACE);
		return (1);
	case TK_DELETE:
	case TK_CTRL('d'):
		lineedit_op(le, LE_DELETE);
		return (1);
	case TK_CTRL('u'):
		lineedit_op(le, LE_KILL_START);
		return (1);
	case TK_CTRL('k'):
		lineedit_op(le, LE_KILL_END);
		return (1);
	case TK_CTRL('w'):
		lineedit_op(le, LE_KILL_WORD);
		return (1);
	case TK_INSERT:
		lineedit_op(le, LE_TOGGLE_OVERWRITE);
		return (1);
	}
	if (!TK_IS_CODE(key) && key >= 0x20 && key != 0x7f) {
		lineedit_insert(le, (uint32_t)key);
		return (1);
	}
	return (0);
}

int
keys_alnum(uint32_t cp)
{
	return ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 'a' && cp <= 'z'));
}
