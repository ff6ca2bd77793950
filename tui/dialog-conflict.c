/* Two saves of one record crossed: for each field, the clerk's value and
 * the one now on record, and a choice the clerk makes with Space. */
#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "keys.h"
#include "list.h"
#include "tui.h"
#include "resident-edit.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

static const struct keyhelp conflict_keys[] = {
	{ N_("Space"), N_("Keep mine / keep theirs"), 1 },
	{ N_("Enter"), N_("Save these choices"), 1 },
	{ N_("Esc"), N_("Back to the form"), 1 },
	{ N_("Up/Down"), N_("Choose a field"), 0 },
	{ NULL, NULL, 0 }
};

struct cdlg {
	struct conflict	*c;
	struct list	 l;
};

static void
conflict_init(struct screen *s, void *arg)
{
	struct cdlg	*d = xcalloc(1, sizeof *d);

	d->c = arg;
	list_count(&d->l, (int)d->c->nrows);
	s->data = d;
}

static void
conflict_free(struct screen *s)
{
	free(s->data);
}

static int
conflict_key(struct screen *s, int key)
{
	struct cdlg	*d = s->data;
	struct conflict	*c = d->c;
	int		 alive;

	switch (key) {
	case ' ':
		if (c->nrows > 0)
			c->rows[d->l.sel].keep_theirs ^= 1;
		break;
	case TK_ENTER:
		alive = app_opener_alive(s);
		app_pop();
		if (alive)
			c->apply(c->arg);
		return (1);
	case TK_ESC:
		app_pop();
		return (1);
	default:
		list_key(&d->l, key);
	}
	app_dirty();
	return (1);	/* a dialog: nothing reaches the form */
}

/* One value line: a mark when it is the one kept. */
static void
value_line(int y, int x, int w, const char *who, const char *value,
    int kept, int selected)
{
	char	head[64];
	int	n;

	snprintf(head, sizeof head, "%s %s: ", kept ? "(*)" : "( )", who);
	n = draw_text(y, x, head, w, kept && selected ? STYLE_SELECTED :
	    STYLE_LABEL);
	draw_text(y, x + n, value, w - n, kept ? STYLE_NORMAL : STYLE_DIM);
}

static void
conflict_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct cdlg	*d = s->data;
	struct conflict	*c = d->c;
	int		 w = cols - 4, h, x = 2, y, i, first, fit;

	h = rows - 2;
	if (h > (int)c->nrows * 3 + 4)
		h = (int)c->nrows * 3 + 4;
	if (h < 5)
		h = rows < 5 ? rows : 5;
	y = top + (rows - h) / 2;
	if (w < 10)
		w = cols, x = 0;
	draw_box(y, x, h, w);
	draw_text(y + 1, x + 2, _("Saved by someone else meanwhile: keep "
	    "which?"), w - 4, STYLE_TITLE);
	fit = (h - 3) / 3;
	list_show(&d->l, fit);
	first = d->l.top;
	for (i = first; i < (int)c->nrows && i < first + fit; i++) {
		struct conflict_row	*r = &c->rows[i];
		int			 yy = y + 2 + (i - first) * 3;

		if (yy + 2 >= y + h)
			break;
		draw_text(yy, x + 2, r->label, w - 4, i == d->l.sel ?
		    STYLE_SELECTED : STYLE_LABEL);
		value_line(yy + 1, x + 4, w - 6, _("mine"), r->yours,
		    !r->keep_theirs, i == d->l.sel);
		value_line(yy + 2, x + 4, w - 6, _("on record"), r->theirs,
		    r->keep_theirs, i == d->l.sel);
	}
	*cy = *cx = -1;
}

const struct screen_ops dialog_conflict = {
	.name = "conflict",
	.title = N_("Saved by someone else meanwhile"),
	.overlay = 1,
	.init = conflict_init,
	.free = conflict_free,
	.key = conflict_key,
	.draw = conflict_draw,
	.keys = conflict_keys,
};
