/* A resident's history: every change of the record, newest first, with
 * who made it, when, what changed from what to what, and why. */
#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "keys.h"
#include "list.h"
#include "request.h"
#include "resident-labels.h"
#include "screen-history.h"
#include "table.h"
#include "tui.h"
#include "when.h"
#include "../api/history.h"
#include "../locale/i18n.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

struct hist {
	long long		 id;
	char			*name;
	struct history_page	*page;
	struct list		 l;
};

static const struct keyhelp history_keys[] = {
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Up/Down"), N_("Choose: its reason below"), 1 },
	{ N_("PgDn/PgUp"), N_("Page"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ NULL, NULL, 0 }
};

static void
on_history(struct api_result *r, void *arg)
{
	struct hist	*h = arg;

	if (!app_answer(r))
		return;
	model_history_free(h->page);
	h->page = r->model;
	r->model = NULL;
	list_count(&h->l, (int)h->page->n);
}

static void
start(struct hist *h, int page)
{
	struct request	*rq = request_new(h, 0, on_history, h);

	request_call(rq, api_resident_history(app.api, h->id, page,
	    request_reply, rq));
}

static void
history_init(struct screen *s, void *arg)
{
	struct history_open	*o = arg;
	struct hist		*h = xcalloc(1, sizeof *h);

	h->id = o->resident_id;
	h->name = xstrdup(o->name);
	h->l.paged = 1;
	s->data = h;
	start(h, 1);
}

static void
history_free(struct screen *s)
{
	struct hist	*h = s->data;

	model_history_free(h->page);
	free(h->name);
	free(h);
}

static void
history_reload(struct screen *s)
{
	struct hist	*h = s->data;

	start(h, h->page != NULL ? h->page->pg.page : 1);
}

static int
history_shows(struct screen *s, enum resource what, long long id)
{
	struct hist	*h = s->data;

	return (what == RES_RESIDENT && (id == 0 || id == h->id));
}

static int
history_key(struct screen *s, int key)
{
	struct hist	*h = s->data;
	enum list_done	 d;
	int		 np;

	if (h->page == NULL || h->page->n == 0)
		return (0);
	if ((d = list_key(&h->l, key)) == LIST_UNUSED)
		return (0);
	if ((np = list_turn(d, h->page->pg.page, h->page->pg.total,
	    h->page->pg.per_page)) > 0)
		start(h, np);
	app_dirty();
	return (1);
}

/* "old -> new" of an entry, in words where they are codes. */
static char *
change_text(const struct history_entry *e)
{
	return (xasprintf("%s -> %s", history_value_label(e->field,
	    e->old_value, e->old_null), history_value_label(e->field,
	    e->new_value, e->new_null)));
}

#define NCOLS 4
#define WHO_COLS 64	/* narrower: who is said below only */

static void
draw_list(struct hist *h, int y, int end, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("When"), 11, 0, 0 }, { _("What"), 4, 0, 0 },
		{ _("Change"), 0, 1, 0 }, { _("Who"), 4, 0, 0 },
	};
	const char		**v;
	char			(*at)[24], **ch;
	size_t			  i, n = h->page->n;
	int			  nc = cols < WHO_COLS ? NCOLS - 1 : NCOLS;

	v = xcalloc(n * NCOLS + 1, sizeof *v);
	at = xcalloc(n + 1, sizeof *at);
	ch = xcalloc(n + 1, sizeof *ch);
	for (i = 0; i < n; i++) {
		struct history_entry	*e = &h->page->items[i];

		when_day_hm(e->at, at[i], sizeof at[i]);
		ch[i] = change_text(e);
		v[i * nc] = at[i];
		v[i * nc + 1] = history_field_label(e->field);
		v[i * nc + 2] = ch[i];
		if (nc == NCOLS)
			v[i * nc + 3] = *e->staff != '\0' ? e->staff :
			    _("operator");
	}
	table_list(y, end, cols, c, nc, v, &h->l, 1);
	for (i = 0; i < n; i++)
		free(ch[i]);
	free(ch);
	free(at);
	free(v);
}

/* The chosen change in full: who, when, what, the values, why. */
static void
draw_detail(struct hist *h, int y, int last, int cols)
{
	struct history_entry	*e;
	struct buf		 b;
	char			 at[24], *ch;
	int			 item = list_selected(&h->l);

	if (item < 0)
		return;
	e = &h->page->items[item];
	draw_hline(y++, 0, cols);
	when_day_hm(e->at, at, sizeof at);
	ch = change_text(e);
	buf_init(&b);
	buf_printf(&b, "%s %s, %s: %s: %s", at, *e->staff != '\0' ?
	    e->staff : _("operator"), history_action_label(e->action),
	    history_field_label(e->field), ch);
	y += draw_wrap(y, 1, b.data, cols - 2, 2, STYLE_NORMAL);
	buf_free(&b);
	free(ch);
	if (y <= last)
		draw_field(y, 1, _("Why"), *e->reason != '\0' ? e->reason :
		    "-", cols - 1);
}

static void
history_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct hist	*h = s->data;
	char		 title[256], info[128];
	int		 last = top + rows - 1;

	*cy = *cx = -1;
	snprintf(title, sizeof title, _("History of %s"), h->name);
	draw_text(top, 1, title, cols - 2, STYLE_TITLE);
	if (h->page == NULL) {
		draw_text(top + 2, 2, request_busy(h, 0) ? _("Loading...") :
		    _("Not loaded. F5 tries again."), cols - 4, STYLE_DIM);
		return;
	}
	snprintf(info, sizeof info, _("Page %d of %d, %lld changes"),
	    h->page->pg.page, list_pages(h->page->pg.total,
	    h->page->pg.per_page), h->page->pg.total);
	draw_text_right(top, cols - 1, info, cols / 2, STYLE_DIM);
	if (h->page->n == 0) {
		draw_text(top + 2, 2, _("No change has been recorded."),
		    cols - 4, STYLE_DIM);
		return;
	}
	draw_list(h, top + 1, last - 3, cols);
	draw_detail(h, last - 3, last, cols);
}

const struct screen_ops screen_history = {
	.name = "history",
	.title = N_("A resident's history"),
	.init = history_init,
	.free = history_free,
	.key = history_key,
	.draw = history_draw,
	.shows = history_shows,
	.reload = history_reload,
	.keys = history_keys,
};
