/* The list view's state: selection, scrolling and the typed filter. */
#include <stdlib.h>

#include "keys.h"
#include "list.h"
#include "../util/xmalloc.h"

/* Keeps sel on a row and top where sel shows, without blank rows
 * after the last one when there are enough to fill the view. */
static void
clamp(struct list *l)
{
	if (l->view)
		l->sel = l->top;	/* the first line shown is "selected" */
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->rows < 1)
		l->rows = 1;
	if (l->top > l->sel)
		l->top = l->sel;
	if (l->sel >= l->top + l->rows)
		l->top = l->sel - l->rows + 1;
	if (l->top > l->n - l->rows)
		l->top = l->n - l->rows;
	if (l->top < 0)
		l->top = 0;
}

void
list_count(struct list *l, int n)
{
	l->n = n < 0 ? 0 : n;
	clamp(l);
}

void
list_filter(struct list *l, int total, size_t max_chars,
    int (*match)(const char *, int, void *), void *arg)
{
	if (!l->filtering) {
		lineedit_init(&l->text, max_chars);
		l->n = l->sel = 0;	/* no rows of before to keep */
	}
	l->filtering = 1;
	l->total = total;
	l->match = match;
	l->arg = arg;
	list_refilter(l);
}

/* The selected item stays selected when it still passes. */
void
list_refilter(struct list *l)
{
	char	*t;
	int	 i, keep = list_selected(l);

	if (!l->filtering)
		return;
	t = lineedit_text(&l->text);
	l->shown = xreallocarray(l->shown, (size_t)l->total + 1,
	    sizeof *l->shown);
	l->n = l->sel = 0;
	for (i = 0; i < l->total; i++) {
		if (!l->match(t, i, l->arg))
			continue;
		if (i == keep)
			l->sel = l->n;
		l->shown[l->n++] = i;
	}
	free(t);
	clamp(l);
}

void
list_free(struct list *l)
{
	if (l->filtering)
		lineedit_free(&l->text);
	free(l->shown);
	l->shown = NULL;
	l->filtering = 0;
}

/* PgUp and PgDn move the view and the selection by what shows. */
static enum list_done
page(struct list *l, int d)
{
	if (l->paged)
		return (d > 0 ? LIST_PAGE_NEXT : LIST_PAGE_PREV);
	l->sel += d * l->rows;
	l->top += d * l->rows;
	clamp(l);
	return (LIST_MOVED);
}

/* A key for the filter's text: characters, Backspace, Ctrl-U. */
static enum list_done
filter_key(struct list *l, int key)
{
	if (key == TK_BACKSPACE)
		lineedit_op(&l->text, LE_BACKSPACE);
	else if (key == TK_CTRL('u'))
		lineedit_op(&l->text, LE_KILL_START);
	else if (!TK_IS_CODE(key) && (key & ~TK_PASTED) >= 0x20) {
		if (lineedit_insert(&l->text, (uint32_t)(key & ~TK_PASTED)) !=
		    0)
			return (LIST_MOVED);	/* refused: nothing changes */
	} else
		return (LIST_UNUSED);
	list_refilter(l);
	return (LIST_FILTERED);
}

/* A text view: every key moves the first line shown. */
static enum list_done
view_key(struct list *l, int key)
{
	switch (key) {
	case TK_UP:
		l->top--;
		break;
	case TK_DOWN:
		l->top++;
		break;
	case TK_PGUP:
	case TK_CTRL('b'):
		l->top -= l->rows;
		break;
	case TK_PGDN:
	case TK_CTRL('f'):
		l->top += l->rows;
		break;
	case TK_HOME:
		l->top = 0;
		break;
	case TK_END:
		l->top = l->n;
		break;
	default:
		return (LIST_UNUSED);
	}
	clamp(l);
	return (LIST_MOVED);
}

enum list_done
list_key(struct list *l, int key)
{
	if (l->view)
		return (view_key(l, key));
	switch (key) {
	case TK_UP:
		if (l->sel == 0)
			return (LIST_ABOVE);
		l->sel--;
		break;
	case TK_DOWN:
		if (l->sel + 1 < l->n)
			l->sel++;
		break;
	case TK_PGUP:
	case TK_CTRL('b'):	/* for terminals without PgUp (vt100) */
		return (page(l, -1));
	case TK_PGDN:
	case TK_CTRL('f'):
		return (page(l, 1));
	case TK_HOME:
		l->sel = 0;
		break;
	case TK_END:
		l->sel = l->n - 1;
		break;
	default:
		return (l->filtering ? filter_key(l, key) : LIST_UNUSED);
	}
	clamp(l);
	return (LIST_MOVED);
}

void
list_show(struct list *l, int rows)
{
	l->rows = rows;
	clamp(l);
}

int
list_item(const struct list *l, int row)
{
	if (row < 0 || row >= l->n)
		return (-1);
	return (l->filtering ? l->shown[row] : row);
}

int
list_selected(const struct list *l)
{
	return (list_item(l, l->sel));
}

void
list_select(struct list *l, int item)
{
	int	row;

	for (row = 0; row < l->n; row++) {
		if (list_item(l, row) == item) {
			l->sel = row;
			clamp(l);
			return;
		}
	}
}

int
list_pages(long long total, int per_page)
{
	int	n = per_page > 0 ? (int)((total + per_page - 1) / per_page) : 1;

	return (n > 0 ? n : 1);
}

int
list_turn(enum list_done d, int page, long long total, int per_page)
{
	int	to = page + (d == LIST_PAGE_NEXT ? 1 : -1);

	if (d != LIST_PAGE_NEXT && d != LIST_PAGE_PREV)
		return (0);
	return (to >= 1 && to <= list_pages(total, per_page) ? to : 0);
}
