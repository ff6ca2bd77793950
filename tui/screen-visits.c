/* Visits (走访): the households of my grids to visit next — never
 * visited first, then those not visited for longest, none visited in
 * the last 30 days — or the visits made lately; Enter opens the
 * household, its visits, and records a new one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "fieldwork.h"
#include "fieldwork-labels.h"
#include "keycodes.h"
#include "list.h"
#include "request.h"
#include "table.h"
#include "tui.h"
#include "when.h"
#include "../api/visits.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define DUE_DAYS	30	/* a household not visited longer is due */

struct visits {
	struct unvisited_page	*due;
	struct visit_page	*recent;
	int			 show_recent;
	struct list		 l;
};

static const struct keyhelp visits_keys[] = {
	{ N_("Enter"), N_("Open"), 1 },
	{ N_("Tab"), N_("Other list"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Up/Down"), N_("Choose a household"), 0 },
	{ N_("PgDn/PgUp"), N_("Page"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ NULL, NULL, 0 }
};

static void
on_due(struct api_result *r, void *arg)
{
	struct visits	*v = arg;

	if (!app_answer(r))
		return;
	model_unvisited_page_free(v->due);
	v->due = r->model;
	r->model = NULL;
	if (!v->show_recent)
		list_count(&v->l, (int)v->due->n);
}

static void
on_recent(struct api_result *r, void *arg)
{
	struct visits	*v = arg;

	if (!app_answer(r))
		return;
	model_visit_page_free(v->recent);
	v->recent = r->model;
	r->model = NULL;
	if (v->show_recent)
		list_count(&v->l, (int)v->recent->n);
}

static void
start(struct visits *v, int page)
{
	struct request	*rq;

	if (v->show_recent) {
		rq = request_new(v, 0, on_recent, v);
		request_call(rq, api_visits_of(app.api, 0, page,
		    request_reply, rq));
	} else {
		rq = request_new(v, 0, on_due, v);
		request_call(rq, api_visits_unvisited(app.api, DUE_DAYS, page,
		    request_reply, rq));
	}
}

static void
visits_init(struct screen *s, void *arg)
{
	struct visits	*v = xcalloc(1, sizeof *v);

	(void)arg;
	v->l.paged = 1;
	s->data = v;
	start(v, 1);
}

static void
visits_free(struct screen *s)
{
	struct visits	*v = s->data;

	model_unvisited_page_free(v->due);
	model_visit_page_free(v->recent);
	list_free(&v->l);
	free(v);
}

static const struct page_info *
paging(struct visits *v)
{
	if (v->show_recent)
		return (v->recent != NULL ? &v->recent->pg : NULL);
	return (v->due != NULL ? &v->due->pg : NULL);
}

static void
visits_reload(struct screen *s)
{
	struct visits		*v = s->data;
	const struct page_info	*pg = paging(v);

	start(v, pg != NULL ? pg->page : 1);
}

/* The household of the row chosen, or 0. */
static long long
chosen(struct visits *v)
{
	int	i = list_selected(&v->l);

	if (i < 0)
		return (0);
	if (v->show_recent)
		return (v->recent != NULL && (size_t)i < v->recent->n ?
		    v->recent->items[i].household_id : 0);
	return (v->due != NULL && (size_t)i < v->due->n ?
	    v->due->items[i].id : 0);
}

static int
visits_key(struct screen *s, int key)
{
	struct visits		*v = s->data;
	const struct page_info	*pg;
	enum list_done		 d;
	long long		 id;
	int			 np;

	if (key == TK_TAB) {
		v->show_recent = !v->show_recent;
		list_count(&v->l, 0);
		start(v, 1);
		return (1);
	}
	if (key == TK_ENTER) {
		if ((id = chosen(v)) > 0)
			app_push(&screen_household, &id);
		return (1);
	}
	if ((pg = paging(v)) == NULL ||
	    (d = list_key(&v->l, key)) == LIST_UNUSED)
		return (0);
	if ((np = list_turn(d, pg->page, pg->total, pg->per_page)) > 0)
		start(v, np);
	app_dirty();
	return (1);
}

#define DCOLS 3

static void
draw_due(struct visits *v, int y, int last, int cols)
{
	struct table_col	 c[DCOLS] = {
		{ _("Last visit"), 5, 0, 0 }, { _("Head"), 4, 0, 0 },
		{ NULL, 0, 1, 0 },
	};
	struct unvisited	*u;
	const char		**val, **addr;
	char			(*at)[24], info[128], *head;
	size_t			  i, n = v->due->n, common;

	val = xcalloc(n * DCOLS + 1, sizeof *val);
	addr = xcalloc(n + 1, sizeof *addr);
	at = xcalloc(n + 1, sizeof *at);
	for (i = 0; i < n; i++)
		addr[i] = v->due->items[i].address;
	common = address_common(addr, n);
	for (i = 0; i < n; i++) {
		u = &v->due->items[i];
		if (*u->last_visit_at == '\0')
			snprintf(at[i], sizeof at[i], "%s", _("never"));
		else {
			when_day_hm(u->last_visit_at, at[i], sizeof at[i]);
			at[i][5] = '\0';	/* the day: "10-02" */
		}
		val[i * DCOLS] = at[i];
		val[i * DCOLS + 1] = *u->head != '\0' ? u->head : "-";
		val[i * DCOLS + 2] = u->address + common;
	}
	c[2].title = head = address_heading(addr[0], common);
	table_list(y, last, cols, c, DCOLS, val, &v->l, 1);
	free(head);
	free(val);
	free(addr);
	free(at);
	snprintf(info, sizeof info, _("%lld households not visited in %d "
	    "days"), v->due->pg.total, DUE_DAYS);
	draw_text(last, 1, info, cols - 2, STYLE_DIM);
}

/* A visit's findings as a line: their types, the events raised. */
static void
findings_line(const struct visit *vi, char *out, size_t len)
{
	size_t	i, k = 0;
	int	n;

	out[0] = '\0';
	for (i = 0; i < vi->nfindings && k + 1 < len; i++) {
		n = snprintf(out + k, len - k, "%s%s%s", i > 0 ? ", " : "",
		    finding_type_label(vi->findings[i].type),
		    vi->findings[i].event_id > 0 ? "!" : "");
		if (n < 0 || (size_t)n >= len - k)
			break;
		k += (size_t)n;
	}
}

#define RCOLS 3

static void
draw_recent(struct visits *v, int y, int last, int cols)
{
	struct table_col	 c[RCOLS] = {
		{ _("Visited"), 11, 0, 0 }, { _("Found"), 6, 0, 0 },
		{ NULL, 0, 1, 0 },
	};
	const char		**val, **addr;
	char			(*at)[24], (*found)[160], info[128], *head;
	size_t			  i, n = v->recent->n, common;

	val = xcalloc(n * RCOLS + 1, sizeof *val);
	addr = xcalloc(n + 1, sizeof *addr);
	at = xcalloc(n + 1, sizeof *at);
	found = xcalloc(n + 1, sizeof *found);
	for (i = 0; i < n; i++)
		addr[i] = v->recent->items[i].address;
	common = address_common(addr, n);
	for (i = 0; i < n; i++) {
		when_day_hm(v->recent->items[i].visited_at, at[i],
		    sizeof at[i]);
		findings_line(&v->recent->items[i], found[i], sizeof found[i]);
		val[i * RCOLS] = at[i];
		val[i * RCOLS + 1] = found[i];
		val[i * RCOLS + 2] = addr[i] + common;
	}
	c[2].title = head = address_heading(addr[0], common);
	table_list(y, last, cols, c, RCOLS, val, &v->l, 1);
	free(head);
	free(val);
	free(addr);
	free(at);
	free(found);
	snprintf(info, sizeof info, _("Page %d of %d, %lld visits"),
	    v->recent->pg.page, list_pages(v->recent->pg.total,
	    v->recent->pg.per_page), v->recent->pg.total);
	draw_text(last, 1, info, cols - 2, STYLE_DIM);
}

static void
visits_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct visits	*v = s->data;
	size_t		 n;

	*cy = *cx = -1;
	draw_text(top, 1, v->show_recent ? _("Visits made lately") :
	    _("Households to visit"), cols - 2, STYLE_TITLE);
	draw_hline(top + 1, 0, cols);
	if (paging(v) == NULL) {
		draw_text(top + 3, 2, request_busy(v, 0) ? _("Loading...") :
		    _("Not loaded. F5 tries again."), cols - 4, STYLE_DIM);
		return;
	}
	n = v->show_recent ? v->recent->n : v->due->n;
	if (n == 0) {
		draw_wrap(top + 3, 2, v->show_recent ? _("No visits yet.") :
		    _("Every household was visited in the last 30 days. Tab "
		    "shows the visits."), cols - 4, 3, STYLE_DIM);
		return;
	}
	if (v->show_recent)
		draw_recent(v, top + 2, top + rows - 1, cols);
	else
		draw_due(v, top + 2, top + rows - 1, cols);
}

const struct screen_ops screen_visits = {
	.name = "visits",
	.title = N_("Visits"),
	.init = visits_init,
	.free = visits_free,
	.key = visits_key,
	.draw = visits_draw,
	.shows_all = RES_MASK(RES_VISIT),
	.reload = visits_reload,
	.keys = visits_keys,
};
