/* Reading and normalizing keys from ncursesw. */
#include <errno.h>

#include "keys.h"
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

int
keys_drain(void (*fn)(int))
{
	int	k, next, n = 0;

	while ((k = read_one()) != -1) {
		if (k == 0)
			continue;
		n++;
		if (k == TK_ESC) {
			next = read_one();
			if (next >= '1' && next <= '9') {
				fn(TK_F(next - '0'));
				continue;
			}
			if (next == '0') {
				fn(TK_F(10));
				continue;
			}
			fn(TK_ESC);
			if (next > 0)
				fn(next);
			continue;
		}
		fn(k);
	}
	return (n);
}

int
keys_edit(struct lineedit *le, int key)
{
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
