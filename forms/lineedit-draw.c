/* Rendering the line editor with ncursesw wide-character calls. */
#include <wchar.h>

#include "lineedit-draw.h"
#include "../locale/text.h"

int
lineedit_draw(WINDOW *w, struct lineedit *le, int y, int x, int width,
    attr_t attr)
{
	cchar_t		cc;
	wchar_t		wc[2];
	size_t		i;
	int		col = 0, cw, cursor;

	cursor = lineedit_view(le, width);
	wmove(w, y, x);
	for (i = le->scroll; i < le->len; i++) {
		cw = le->secret ? 1 : text_cpwidth(le->cp[i]);
		if (col + cw > width)
			break;
		/* a newline of a multiline value shows as one bar */
		wc[0] = le->secret ? L'*' : le->cp[i] == '\n' ? L'|' :
		    (wchar_t)text_terminal_cp(le->cp[i]);
		wc[1] = L'\0';
		/* typed text plain, the field's free room in its style: an
		 * echo then costs the character's bytes and no attributes */
		setcchar(&cc, wc, A_NORMAL, 0, NULL);
		wadd_wch(w, &cc);
		col += cw;
	}
	wattr_set(w, attr & ~A_COLOR, PAIR_NUMBER(attr), NULL);
	for (; col < width; col++)
		waddch(w, ' ');
	wattr_set(w, A_NORMAL, 0, NULL);
	return (x + cursor);
}
