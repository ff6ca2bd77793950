/* A household and its visits, newest first: whom it has, and for each
 * visit whom the grid member met, what he found and the events those
 * findings raised, where they stand now. N records a new visit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "event-labels.h"
#include "fieldwork.h"
#include "fieldwork-labels.h"
#include "keycodes.h"
#include "list.h"
#include "request.h"
#include "table.h"
#include "tui.h"
#include "when.h"
#include "../api/households.h"
#include "../api/visits.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

enum { SLOT_HOUSEHOLD, SLOT_VISITS };

struct householdscr {
	long long		 id;
	struct household	*h;
	struct visit_page	*page;
	long long		 open;		/* the visit shown in full */
	struct list		 l;
};

static const struct keyhelp household_keys[] = {
	{ N_("N"), N_("New visit"), 1 },
	{ N_("Enter"), N_("Open"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Up/Down"), N_("Choose a visit"), 0 },
	{ N_("PgDn/PgUp"), N_("Page"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ NULL, NULL, 0 }
};

static void
on_household(struct api_result *r, void *arg)
{
	struct householdscr	*h = arg;

	if (!app_answer(r))
		return;
	model_household_free(h->h);
	h->h = r->model;
	r->model = NULL;
}

static void
on_visits(struct api_result *r, void *arg)
{
	struct householdscr	*h = arg;

	if (!app_answer(r))
		return;
	model_visit_page_free(h->page);
	h->page = r->model;
	r->model = NULL;
	list_count(&h->l, (int)h->page->n);
}

static void
load_visits(struct householdscr *h, int page)
{
	struct request	*rq = request_new(h, SLOT_VISITS, on_visits, h);

	request_call(rq, api_visits_of(app.api, h->id, page, request_reply,
	    rq));
}

static void
load(struct householdscr *h)
{
	struct request	*rq = request_new(h, SLOT_HOUSEHOLD, on_household,
			    h);

	request_call(rq, api_household_get(app.api, h->id, request_reply,
	    rq));
	load_visits(h, h->page != NULL ? h->page->pg.page : 1);
}

static void
household_init(struct screen *s, void *arg)
{
	struct householdscr	*h = xcalloc(1, sizeof *h);

	h->id = *(const long long *)arg;
	h->l.paged = 1;
	s->data = h;
	load(h);
}

static void
household_free(struct screen *s)
{
	struct householdscr	*h = s->data;

	model_household_free(h->h);
	model_visit_page_free(h->page);
	list_free(&h->l);
	free(h);
}

static void
household_reload(struct screen *s)
{
	load(s->data);
}

static int
household_shows(struct screen *s, enum resource r, long long id)
{
	struct householdscr	*h = s->data;

	return ((r == RES_VISIT && (id == 0 || id == h->id)) ||
	    r == RES_EVENT);
}

static struct visit *
opened(struct householdscr *h)
{
	size_t	i;

	for (i = 0; h->open != 0 && h->page != NULL && i < h->page->n; i++) {
		if (h->page->items[i].id == h->open)
			return (&h->page->items[i]);
	}
	return (NULL);
}

static int
household_key(struct screen *s, int key)
{
	struct householdscr	*h = s->data;
	enum list_done		 d;
	int			 i, np;

	switch (key) {
	case 'n':
	case 'N':
		if (!fieldwork_may_record())
			app_hint(MSG_ERROR, "%s", _("Grid members and "
			    "supervisors record visits; a clerk's role reads "
			    "them."));
		else
			app_push(&screen_visit_new, &h->id);
		return (1);
	case TK_ENTER:
		if (h->page != NULL && (i = list_selected(&h->l)) >= 0 &&
		    (size_t)i < h->page->n)
			h->open = h->page->items[i].id;
		app_dirty();
		return (1);
	case TK_ESC:
		if (opened(h) == NULL)
			return (0);
		h->open = 0;
		app_dirty();
		return (1);
	}
	if (h->page == NULL || (d = list_key(&h->l, key)) == LIST_UNUSED)
		return (0);
	if ((np = list_turn(d, h->page->pg.page, h->page->pg.total,
	    h->page->pg.per_page)) > 0)
		load_visits(h, np);
	app_dirty();
	return (1);
}

/* The household: its address, head, members and grid. */
static int
draw_head(struct householdscr *h, int y, int cols)
{
	char	line[256];

	if (h->h == NULL) {
		draw_text(y++, 1, request_busy(h, SLOT_HOUSEHOLD) ?
		    _("Loading...") : _("Not loaded. F5 tries again."),
		    cols - 2, STYLE_DIM);
		draw_hline(y++, 0, cols);
		return (y);
	}
	draw_text(y++, 1, h->h->address, cols - 2, STYLE_TITLE);
	snprintf(line, sizeof line, _("Head %s, %zu members, %s"),
	    *h->h->head != '\0' ? h->h->head : "-", h->h->nmembers,
	    *h->h->grid != '\0' ? h->h->grid : _("no grid"));
	draw_text(y++, 1, line, cols - 2, STYLE_NORMAL);
	draw_hline(y++, 0, cols);
	return (y);
}

#define NCOLS 3

static void
draw_list(struct householdscr *h, int y, int last, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("Visited"), 11, 0, 0 }, { _("Visited by"), 4, 0, 0 },
		{ _("Found"), 0, 1, 0 },
	};
	const char		**v;
	char			(*at)[24], (*found)[160];
	struct visit		 *vi;
	size_t			  i, k, n = h->page->n;
	int			  w;

	v = xcalloc(n * NCOLS + 1, sizeof *v);
	at = xcalloc(n + 1, sizeof *at);
	found = xcalloc(n + 1, sizeof *found);
	for (i = 0; i < n; i++) {
		vi = &h->page->items[i];
		when_day_hm(vi->visited_at, at[i], sizeof at[i]);
		for (k = 0, w = 0; k < vi->nfindings && w >= 0 &&
		    (size_t)w < sizeof found[i]; k++)
			w += snprintf(found[i] + w, sizeof found[i] - (size_t)w,
			    "%s%s", k > 0 ? ", " : "",
			    finding_type_label(vi->findings[k].type));
		v[i * NCOLS] = at[i];
		v[i * NCOLS + 1] = vi->staff;
		v[i * NCOLS + 2] = found[i];
	}
	table_list(y, last, cols, c, NCOLS, v, &h->l, 1);
	free(v);
	free(at);
	free(found);
}

/* Whom the visit met, by name, and who else. */
static void
met_line(const struct visit *vi, char *out, size_t len)
{
	size_t	i, k;
	int	n;

	n = snprintf(out, len, "%s", _("Met: "));
	k = n > 0 ? (size_t)n : 0;
	for (i = 0; i < vi->nmet && k < len; i++) {
		n = snprintf(out + k, len - k, "%s%s", i > 0 ? ", " : "",
		    vi->met[i]);
		k += n > 0 ? (size_t)n : 0;
	}
	if (*vi->met_note != '\0' && k < len)
		snprintf(out + k, len - k, "%s%s", vi->nmet > 0 ? "; " : "",
		    vi->met_note);
}

/* One finding: its type, note, what follows, and the event. */
static int
draw_finding(const struct visit_finding *f, int y, int maxy, int cols)
{
	char	line[256];
	int	y0 = y;

	if (f->event_id > 0)
		snprintf(line, sizeof line, _("%s (event %lld: %s)"),
		    finding_type_label(f->type), f->event_id,
		    event_status_label(f->event_status));
	else
		snprintf(line, sizeof line, "%s", finding_type_label(f->type));
	draw_text(y++, 2, line, cols - 4, STYLE_LABEL);
	if (*f->note != '\0' && y < maxy)
		y += draw_wrap(y, 4, f->note, cols - 6, maxy - y,
		    STYLE_NORMAL);
	if (*f->followup != '\0' && y < maxy) {
		snprintf(line, sizeof line, _("Follow-up: %s"), f->followup);
		y += draw_wrap(y, 4, line, cols - 6, maxy - y, STYLE_DIM);
	}
	return (y - y0);
}

static void
draw_visit(const struct visit *vi, int y, int maxy, int cols)
{
	char	at[24], line[512];
	size_t	i;

	when_day_hm(vi->visited_at, at, sizeof at);
	snprintf(line, sizeof line, _("Visit of %s by %s"), at, vi->staff);
	draw_text(y++, 1, line, cols - 2, STYLE_TITLE);
	met_line(vi, line, sizeof line);
	y += draw_wrap(y, 2, line, cols - 4, 2, STYLE_NORMAL);
	for (i = 0; i < vi->nfindings && y < maxy; i++)
		y += draw_finding(&vi->findings[i], y, maxy, cols);
}

static void
household_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct householdscr	*h = s->data;
	struct visit		*vi;
	int			 y;

	*cy = *cx = -1;
	y = draw_head(h, top, cols);
	if (h->page == NULL) {
		draw_text(y + 1, 2, request_busy(h, SLOT_VISITS) ?
		    _("Loading...") : _("Not loaded. F5 tries again."),
		    cols - 4, STYLE_DIM);
		return;
	}
	if ((vi = opened(h)) != NULL)
		draw_visit(vi, y, top + rows, cols);
	else if (h->page->n == 0)
		draw_wrap(y + 1, 2, _("Never visited. N records a visit."),
		    cols - 4, 2, STYLE_DIM);
	else
		draw_list(h, y, top + rows, cols);
}

const struct screen_ops screen_household = {
	.name = "household",
	.title = N_("Household visits"),
	.init = household_init,
	.free = household_free,
	.key = household_key,
	.draw = household_draw,
	.shows = household_shows,
	.reload = household_reload,
	.keys = household_keys,
};
