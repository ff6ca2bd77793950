/* Drawing a line editor into a curses window: the one place below tui/
 * that knows about curses. */
#ifndef FORMS_LINEEDIT_DRAW_H
#define FORMS_LINEEDIT_DRAW_H

#include <curses.h>

#include "lineedit.h"

/* Draws the visible part at (y, x), width columns: the text plain, the
 * rest of the field in attr; returns the cursor's screen column. Never
 * draws half a wide character at either edge. */
int	lineedit_draw(WINDOW *, struct lineedit *, int y, int x, int width,
	    attr_t attr);

#endif
