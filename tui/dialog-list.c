/* Choosing one line of a short list (a category, a colleague, a
 * printer); typing filters it. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "draw.h"
#include "keys.h"
#include "tui.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

struct list_state {
	char		*title;
	char		**items;
	int		 n;
	void		(*done)(int, void *);
	void		*arg;
	struct lineedit	 filter;
	int		*shown;		/* indexes passing the filter */
	int		 nshown;
	int		 sel;		/* in shown */
	int		 top;
};

static const struct keyhelp list_keys[] = {
	{ N_("Enter"), N_("Choose"), 1 },
	{ N_("Esc"), N_("Cancel"), 1 },
	{ N_("Up/Down"), N_("Move"), 0 },
	{ N_("a-z"), N_("Type to narrow the list"), 0 },
	{ NULL, NULL, 0 }
};

static void
refilter(struct list_state *ls)
{
	char	*f = lineedit_text(&ls->filter);
	int	 i, keep = ls->nshown > 0 ? ls->shown[ls->sel] : -1;

	ls->nshown = ls->sel = 0;
	for (i = 0; i < ls->n; i++) {
		if (*f != '\0' && strcasestr(ls->items[i], f) == NULL)
			continue;
		if (i == keep)
			ls->sel = ls->nshown;
		ls->shown[ls->nshown++] = i;
	}
	free(f);
}

static void
list_init(struct screen *s, void *arg)
{
	struct list_choice	*c = arg;
	struct list_state	*ls = xcalloc(1, sizeof *ls);
	int			 i;

	ls->title = xstrdup(c->title);
	ls->n = c->n;
	ls->items = xcalloc((size_t)c->n + 1, sizeof *ls->items);
	for (i = 0; i < c->n; i++)
		ls->items[i] = xstrdup(c->items[i]);
	ls->shown = xcalloc((size_t)c->n + 1, sizeof *ls->shown);
	ls->done = c->done;
	ls->arg = c->arg;
	lineedit_init(&ls->filter, 20);
	refilter(ls);
	if (c->sel > 0 && c->sel < ls->nshown)
		ls->sel = c->sel;
	s->data = ls;
}

static void
list_free(struct screen *s)
{
	struct list_state	*ls = s->data;
	int			 i;

	for (i = 0; i < ls->n; i++)
		free(ls->items[i]);
	free(ls->items);
	free(ls->shown);
	free(ls->title);
	lineedit_free(&ls->filter);
	free(ls);
}

/* The dialog goes first, so that done may open another. */
static void
chosen(struct list_state *ls)
{
	void	(*done)(int, void *) = ls->done;
	void	*arg = ls->arg;
	int	 index = ls->shown[ls->sel];

	app_pop();
	done(index, arg);
}

static int
list_key(struct screen *s, int key)
{
	struct list_state	*ls = s->data;

	switch (key) {
	case TK_UP:
		if (ls->sel > 0)
			ls->sel--;
		break;
	case TK_DOWN:
		if (ls->sel + 1 < ls->nshown)
			ls->sel++;
		break;
	case TK_ENTER:
		if (ls->nshown > 0)
			chosen(ls);
		return (1);
	case TK_ESC:
		app_pop();
		return (1);
	default:
		if (!keys_edit(&ls->filter, key))
			return (TK_IS_CODE(key) ? 0 : 1);
		refilter(ls);
	}
	app_dirty();
	return (1);
}

static void
list_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct list_state	*ls = s->data;
	int			 w = cols - 8, h, x, y, i, list;

	if (w > 60)
		w = 60;
	h = ls->nshown + 4 < rows - 2 ? ls->nshown + 4 : rows - 2;
	if (h < 6)
		h = 6;
	x = (cols - w) / 2;
	y = top + 1;
	draw_box(y, x, h, w);
	draw_text(y, x + 2, ls->title, w - 4, STYLE_TITLE);
	*cx = lineedit_draw(stdscr, &ls->filter, y + 1, x + 2, w - 4,
	    draw_attr(STYLE_FIELD));
	*cy = y + 1;
	list = h - 3;
	if (ls->sel < ls->top)
		ls->top = ls->sel;
	if (ls->sel >= ls->top + list)
		ls->top = ls->sel - list + 1;
	for (i = ls->top; i < ls->nshown && i < ls->top + list; i++)
		draw_cell(y + 2 + i - ls->top, x + 2, ls->items[ls->shown[i]],
		    w - 4, i == ls->sel ? STYLE_SELECTED : STYLE_NORMAL);
	if (ls->nshown == 0)
		draw_text(y + 2, x + 2, _("Nothing matches."), w - 4,
		    STYLE_DIM);
}

const struct screen_ops dialog_list = {
	.name = "list",
	.overlay = 1,
	.init = list_init,
	.free = list_free,
	.key = list_key,
	.draw = list_draw,
	.keys = list_keys,
};
