/* Reading and normalizing keys from ncursesw. */
#include <errno.h>

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

/* After ESC [ : reads "200~" or "201~"; on anything else the keys read
 * so far are given back through fn as typed. */
static int
bracket(void (*fn)(int))
{
	int	got[4], i, n;

	for (n = 0; n < 4; n++) {
		if ((got[n] = read_one()) <= 0)
			break;
	}
	if (n == 4 && got[0] == '2' && got[1] == '0' && got[3] == '~' &&
	    (got[2] == '0' || got[2] == '1'))
		return (got[2] == '0' ? 1 : 2);
	fn(TK_ESC);
	fn('[');
	for (i = 0; i < n; i++)
		fn(got[i]);
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

int
keys_drain(void (*fn)(int))
{
	int	k, next, n = 0, b;

	while ((k = read_one()) != -1) {
		if (k == 0)
			continue;
		n++;
		if (k != TK_ESC) {
			if (pasting)
				paste_key(fn, k);
			else
				fn(k);
			continue;
		}
		next = read_one();
		if (next == '[') {
			if ((b = bracket(fn)) != 0)
				paste_edge(b);
			continue;
		}
		if (pasting)
			continue;	/* a stray escape inside a paste */
		if (next >= '0' && next <= '9')
			fn(TK_F(next == '0' ? 10 : next - '0'));
		else {
			fn(TK_ESC);
			if (next > 0)
				fn(next);
		}
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
