/* Reading and normalizing keys from ncursesw. */
#include <errno.h>
#include <string.h>

#include "keys.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../forms/lineedit.h"

/* One key from get_wch(), normalized; -1 when none is waiting. */
static int
read_one(void)
{
	wint_t	wc;
	int	rc;

	rc = get_wch(&wc);
	if (rc == ERR)
		return (-1);
	if (rc == KEY_CODE_YES) {
		switch (wc) {
		case KEY_ENTER:
			return (TK_ENTER);
		case KEY_RESIZE:
			return (0);
		default:
			return (TK_CODE((int)wc));
		}
	}
	switch (wc) {
	case '\n':
		return (TK_ENTER);
	case 0x7f:
	case 0x08:
		return (TK_BACKSPACE);
	default:
		return ((int)wc);
	}
}

/* Bracketed paste: between ESC [ 200 ~ and ESC [ 201 ~ every key is text
 * (marked TK_PASTED, so no binding fires), capped at PASTE_MAX. */
static int	pasting;
static int	pasted;
static int	paste_cut;

#define PASTE_START	(-2)
#define PASTE_END	(-3)

/* The xterm and VT220 sequences a terminal sends whatever its terminfo
 * entry says (TERM=vt100 knows no F7, yet PuTTY and tmux send one). */
static const struct {
	const char	*seq;		/* after ESC [ */
	int		 key;
} sequences[] = {
	{ "A", TK_UP }, { "B", TK_DOWN }, { "C", TK_RIGHT }, { "D", TK_LEFT },
	{ "H", TK_HOME }, { "F", TK_END }, { "Z", TK_BTAB },
	{ "1~", TK_HOME }, { "7~", TK_HOME }, { "4~", TK_END },
	{ "8~", TK_END }, { "2~", TK_INSERT }, { "3~", TK_DELETE },
	{ "5~", TK_PGUP }, { "6~", TK_PGDN },
	{ "11~", TK_F(1) }, { "12~", TK_F(2) }, { "13~", TK_F(3) },
	{ "14~", TK_F(4) }, { "15~", TK_F(5) }, { "17~", TK_F(6) },
	{ "18~", TK_F(7) }, { "19~", TK_F(8) }, { "20~", TK_F(9) },
	{ "21~", TK_F(10) }, { "23~", TK_F(11) }, { "24~", TK_F(12) },
	{ "200~", PASTE_START }, { "201~", PASTE_END },
};

/* The rest of a control sequence after ESC [ (or ESC O): parameters,
 * then a final byte, read whole. A known one is its key; an unknown
 * one is swallowed (0), never typed into a field. -1 when nothing
 * followed: it was Esc and a typed [ after all. */
static int
sequence(int ss3)
{
	char	seq[16];
	size_t	i;
	int	n = 0, k;

	while ((k = read_one()) > 0) {
		if (n < (int)sizeof seq - 1)
			seq[n++] = (char)k;
		if (k < 0x20 || k > 0x3f || ss3)
			break;		/* the final byte, or not a sequence */
	}
	seq[n] = '\0';
	if (n == 0)
		return (-1);
	if (ss3 && n == 1 && k >= 'P' && k <= 'S')
		return (TK_F(k - 'P' + 1));
	for (i = 0; i < sizeof sequences / sizeof *sequences; i++) {
		if (strcmp(sequences[i].seq, seq) == 0)
			return (sequences[i].key);
	}
	return (0);
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

/* ESC and what follows it at once: a sequence, Esc and a digit (an
 * F-key where a terminal eats them), or Esc alone, then the next key. */
static void
escape(void (*fn)(int))
{
	int	next, k;

	while ((next = read_one()) == TK_ESC && !pasting)
		fn(TK_ESC);	/* Esc, then another escape at once */
	if (next == '[' || next == 'O') {
		if ((k = sequence(next == 'O')) == PASTE_START ||
		    k == PASTE_END)
			paste_edge(k == PASTE_START ? 1 : 2);
		else if (k > 0 && !pasting)
			fn(k);
		else if (k == -1 && !pasting) {
			fn(TK_ESC);
			fn(next);
		}
		return;
	}
	if (pasting)
		return;		/* a stray escape inside a paste */
	if (next >= '0' && next <= '9')
		fn(TK_F(next == '0' ? 10 : next - '0'));
	else {
		fn(TK_ESC);
		if (next > 0)
			fn(next);
	}
}

int
keys_drain(void (*fn)(int))
{
	int	k, n = 0;

	while ((k = read_one()) != -1) {
		if (k == 0)
			continue;
		n++;
		if (k == TK_ESC)
			escape(fn);
		else if (pasting)
			paste_key(fn, k);
		else
			fn(k);
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
