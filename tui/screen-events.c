/* Grid events (网格事件): the ones assigned to me, the open ones, those
 * due soon, the overdue ones, or all of them, newest first, each with
 * its state, holder and deadline (which its urgency set); open one, or
 * report a new one. Narrow (a phone's 50 columns) it shows the
 * deadline, state and place only. */
#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "event-draw.h"
#include "event-labels.h"
#include "events.h"
#include "keys.h"
#include "list.h"
#include "request.h"
#include "screen-event-new.h"
#include "table.h"
#include "tui.h"
#include "when.h"
#include "../api/queue.h"
#include "../api/events.h"
#include "../api/org.h"
#include "../api/stats.h"
#include "../api/catalog.h"
#include "../api/applications.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

enum filter {
	F_MINE,
	F_OPEN,
	F_SOON,
	F_OVERDUE,
	F_ALL,
	F_COUNT
};

static const char *const filter_names[F_COUNT] = { "mine", "open", "soon",
	"overdue", NULL };

/* Narrower than this, the list keeps its three main columns. */
#define WIDE	70

struct events {
	struct event_page	*page;
	enum filter		 filter;
	struct list		 l;
};

static const struct keyhelp events_keys[] = {
	{ N_("Enter"), N_("Open"), 1 },
	{ N_("N"), N_("Report"), 1 },
	{ N_("Tab"), N_("Mine / open / due / all"), 1 },
	{ N_("Up/Down"), N_("Choose an event"), 0 },
	{ N_("PgDn/PgUp"), N_("Page"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ N_("Esc"), N_("Back, or cancel the request"), 0 },
	{ NULL, NULL, 0 }
};

static void
on_events(struct api_result *r, void *arg)
{
	struct events	*e = arg;

	if (!app_answer(r))
		return;		/* said, or the session ended */
	model_event_page_free(e->page);
	e->page = r->model;
	r->model = NULL;
	list_count(&e->l, (int)e->page->n);
}

static void
start(struct events *e, int page)
{
	struct request	*rq = request_new(e, 0, on_events, e);

	request_call(rq, api_events(app.api, filter_names[e->filter], page,
	    request_reply, rq));
}

/* A grid member starts with what is assigned to them; a supervisor with
 * what is open, to assign it. */
static void
events_init(struct screen *s, void *arg)
{
	struct events	*e = xcalloc(1, sizeof *e);

	(void)arg;
	e->filter = event_may_assign() ? F_OPEN : F_MINE;
	e->l.paged = 1;
	s->data = e;
	start(e, 1);
}

static void
events_free(struct screen *s)
{
	struct events	*e = s->data;

	model_event_page_free(e->page);
	free(e);
}

static void
events_reload(struct screen *s)
{
	struct events	*e = s->data;

	start(e, e->page != NULL ? e->page->pg.page : 1);
}

static void
report(struct events *e)
{
	if (!event_may_report()) {
		app_message(MSG_ERROR, "%s", _("Grid members and supervisors "
		    "report events; a clerk's role cannot."));
		return;
	}
	event_report_open(e);
}

static int
events_key(struct screen *s, int key)
{
	struct events	*e = s->data;
	enum list_done	 d;
	long long	 id;
	int		 np;

	switch (key) {
	case TK_TAB:
		e->filter = (e->filter + 1) % F_COUNT;
		list_count(&e->l, 0);
		start(e, 1);
		return (1);
	case 'n':
	case 'N':
		report(e);
		return (1);
	}
	if (e->page == NULL || e->page->n == 0)
		return (0);
	if (key == TK_ENTER) {
		id = e->page->items[e->l.sel].id;
		app_push(&screen_event, &id);
		return (1);
	}
	if ((d = list_key(&e->l, key)) == LIST_UNUSED)
		return (0);
	if ((np = list_turn(d, e->page->pg.page, e->page->pg.total,
	    e->page->pg.per_page)) > 0)
		start(e, np);
	app_dirty();
	return (1);
}

#define NCOLS 6

/* Who holds it, cut to HOLDER_COLS columns: a unit's long name must
 * not squeeze the place out of the row. */
#define HOLDER_COLS	8
static void
holder_text(const struct event *ev, char *out, size_t len)
{
	const char	*h = *ev->unit != '\0' ? ev->unit : *ev->assignee !=
			    '\0' ? ev->assignee : "-";
	int		 used;
	size_t		 n = text_fit(h, HOLDER_COLS, &used);

	snprintf(out, len, "%.*s", (int)n, h);
}

/* The row of each event, NCOLS values; at, due and who hold the texts
 * made for it. */
static const char **
rows_of(struct events *e, char (*at)[24], char (*due)[24], char (*who)[64])
{
	const char	**v = xcalloc(e->page->n * NCOLS + 1, sizeof *v);
	struct event	 *ev;
	size_t		  i;

	for (i = 0; i < e->page->n; i++) {
		ev = &e->page->items[i];
		when_day_hm(ev->reported_at, at[i], sizeof at[i]);
		at[i][5] = '\0';	/* the day: the event shows the hour */
		event_due_text(ev, due[i], sizeof due[i]);
		v[i * NCOLS] = at[i];
		v[i * NCOLS + 1] = event_category_label(ev->category);
		v[i * NCOLS + 2] = event_status_label(ev->status);
		holder_text(ev, who[i], sizeof who[i]);
		v[i * NCOLS + 3] = who[i];
		v[i * NCOLS + 4] = due[i];
		v[i * NCOLS + 5] = ev->location;
	}
	return (v);
}

/* Narrow: the deadline, the state and the place of each row. */
static const char **
narrow_rows(const char **v, size_t n)
{
	const char	**w = xcalloc(n * 3 + 1, sizeof *w);
	size_t		  i;

	for (i = 0; i < n; i++) {
		w[i * 3] = v[i * NCOLS + 4];
		w[i * 3 + 1] = v[i * NCOLS + 2];
		w[i * 3 + 2] = v[i * NCOLS + 5];
	}
	return (w);
}

static void
draw_list(struct events *e, int y, int last, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("Reported"), 5, 0, 0 }, { _("Category"), 4, 0, 0 },
		{ _("Status"), 4, 0, 0 },
		{ _("Holder"), 4, 0, 0 }, { _("Due"), 5, 0, 0 },
		{ _("Location"), 0, 1, 0 },
	};
	struct table_col	 n[3] = {
		{ _("Due"), 5, 0, 0 }, { _("Status"), 4, 0, 0 },
		{ _("Location"), 0, 1, 0 },
	};
	const char		**v, **w;
	char			(*at)[24], (*due)[24], (*who)[64];
	char			  info[160];

	at = xcalloc(e->page->n + 1, sizeof *at);
	due = xcalloc(e->page->n + 1, sizeof *due);
	who = xcalloc(e->page->n + 1, sizeof *who);
	v = rows_of(e, at, due, who);
	if (cols >= WIDE)
		table_list(y, last, cols, c, NCOLS, v, &e->l, 1);
	else {
		w = narrow_rows(v, e->page->n);
		table_list(y, last, cols, n, 3, w, &e->l, 1);
		free(w);
	}
	free(v);
	free(at);
	free(due);
	free(who);
	snprintf(info, sizeof info, _("Page %d of %d, %lld events; ! overdue, "
	    "* due soon"), e->page->pg.page, list_pages(e->page->pg.total,
	    e->page->pg.per_page), e->page->pg.total);
	draw_text(last, 1, info, cols - 2, STYLE_DIM);
}

static const char *
filter_title(enum filter f)
{
	switch (f) {
	case F_MINE:
		return (_("Grid events assigned to me"));
	case F_OPEN:
		return (_("Open grid events"));
	case F_SOON:
		return (_("Grid events due soon"));
	case F_OVERDUE:
		return (_("Overdue grid events"));
	default:
		return (_("All grid events"));
	}
}

static void
events_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct events	*e = s->data;

	*cy = *cx = -1;
	draw_text(top, 1, filter_title(e->filter), cols - 2, STYLE_TITLE);
	draw_hline(top + 1, 0, cols);
	if (e->page == NULL) {
		draw_text(top + 3, 2, request_busy(e, 0) ? _("Loading...") :
		    _("Not loaded. F5 tries again."), cols - 4, STYLE_DIM);
		return;
	}
	if (e->page->n == 0) {
		draw_text(top + 3, 2, e->filter == F_MINE ? _("Nothing is "
		    "assigned to you. Tab shows the open events.") :
		    _("No events."), cols - 4, STYLE_DIM);
		return;
	}
	draw_list(e, top + 2, top + rows - 1, cols);
}

const struct screen_ops screen_events = {
	.name = "events",
	.title = N_("Grid events"),
	.init = events_init,
	.free = events_free,
	.key = events_key,
	.draw = events_draw,
	.shows_all = RES_MASK(RES_EVENT),
	.reload = events_reload,
	.keys = events_keys,
};
