/* Today (今日): my figures for the day with bar charts by hour and by
 * service, the pending and overdue applications, the day's list as CSV
 * for a spreadsheet, and the end-of-day slip (日结). A supervisor reads
 * the centre's figures from the server; a clerk's are counted from the
 * applications of their counter. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "keys.h"
#include "request.h"
#include "today-draw.h"
#include "today-export.h"
#include "today-visits.h"
#include "today.h"
#include "tui.h"
#include "when.h"
#include "../api/queue.h"
#include "../api/events.h"
#include "../api/org.h"
#include "../api/stats.h"
#include "../api/catalog.h"
#include "../api/applications.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define MAX_PAGES	50	/* 5,000 applications a day at most */

enum {
	STEP_NONE,
	STEP_STATS,
	STEP_SAT,
	STEP_DAY,
	STEP_OPEN
};

static const struct keyhelp today_keys[] = {
	{ N_("Tab"), N_("Next chart"), 1 },
	{ N_("Up/Down"), N_("Scroll the visits by grid"), 0 },
	{ N_("E"), N_("Export CSV"), 1 },
	{ N_("G"), N_("UTF-8 / GB18030"), 1 },
	{ N_("P"), N_("Print"), 1 },
	{ N_("M"), N_("Counter / centre"), 1 },
	{ N_("F5"), N_("Reload"), 0 },
	{ N_("Esc"), N_("Back, or cancel the request"), 0 },
	{ NULL, NULL, 0 }
};

static void	step(struct today *, int which, int page);

static const char *
counter_filter(const struct today *t)
{
	return (t->mine ? app.session->counter : NULL);
}

static void
clear_day(struct today *t)
{
	struct app_rows	*d = xcalloc(1, sizeof *d);

	*d = t->day;
	model_app_rows_free(d);
	memset(&t->day, 0, sizeof t->day);
}

static void
forget(struct today *t)
{
	model_daily_stats_free(t->stats);
	t->stats = NULL;
	model_satisfaction_free(t->sat);
	t->sat = NULL;
	clear_day(t);
	model_app_rows_free(t->open);
	t->open = NULL;
	today_figures_free(&t->fig);
}

/* Moves a page's rows into the day's list. */
static void
merge(struct today *t, struct app_rows *p)
{
	t->day.items = xreallocarray(t->day.items, t->day.n + p->n + 1,
	    sizeof *t->day.items);
	memcpy(t->day.items + t->day.n, p->items, p->n * sizeof *p->items);
	t->day.n += p->n;
	t->day.pg = p->pg;
	free(p->items);
	free(p);
}

static void
on_step(struct api_result *r, void *arg)
{
	struct today	*t = arg;
	int		 which = t->loading;
	struct app_rows	*p;

	t->loading = STEP_NONE;
	if (!app_answer(r)) {
		if (r->status != API_ERR_AUTH)
			today_count(t);		/* what came so far */
		return;
	}
	if (which == STEP_STATS) {
		t->stats = r->model;
		r->model = NULL;
		step(t, STEP_SAT, 1);
	} else if (which == STEP_SAT) {
		t->sat = r->model;
		r->model = NULL;
		step(t, STEP_DAY, 1);
	} else if (which == STEP_DAY) {
		p = r->model;
		r->model = NULL;
		merge(t, p);
		if ((long long)t->day.n < t->day.pg.total &&
		    t->day.pg.page < MAX_PAGES)
			step(t, STEP_DAY, t->day.pg.page + 1);
		else
			step(t, STEP_OPEN, 1);
	} else {
		t->open = r->model;
		r->model = NULL;
		today_count(t);
	}
}

static void
step(struct today *t, int which, int page)
{
	struct request	*rq = request_new(t, 0, on_step, t);
	struct api_call	*c;

	if (which == STEP_STATS)
		c = api_stats_daily(app.api, counter_filter(t), request_reply,
		    rq);
	else if (which == STEP_SAT)
		c = api_stats_satisfaction(app.api, request_reply, rq);
	else if (which == STEP_DAY)
		c = api_applications_of_day(app.api, t->date,
		    counter_filter(t), page, request_reply, rq);
	else if (today_is_supervisor())
		c = api_stats_overdue(app.api, counter_filter(t),
		    request_reply, rq);
	else
		c = api_applications_open(app.api, counter_filter(t),
		    request_reply, rq);
	request_call(rq, c);
	t->loading = which;
}

static void
reload(struct today *t)
{
	request_cancel(t, 0);
	forget(t);
	when_today(t->date);
	step(t, today_is_supervisor() ? STEP_STATS : STEP_DAY, 1);
}

/* A clerk sees their counter; a supervisor the whole centre, or their
 * own counter with M. */
static void
today_init(struct screen *s, void *arg)
{
	struct today	*t = xcalloc(1, sizeof *t);

	(void)arg;
	t->mine = !today_is_supervisor() && app.session->counter[0] != '\0';
	t->gb18030 = settings.export_gb18030;
	s->data = t;
	reload(t);
}

static void
today_free(struct screen *s)
{
	struct today	*t = s->data;

	forget(t);
	free(t);
}

static void
toggle_mine(struct today *t)
{
	if (app.session->counter[0] == '\0') {
		app_message(MSG_ERROR, "%s", _("You logged in without a counter "
		    "number: there are only the centre's figures."));
		return;
	}
	t->mine = !t->mine;
	reload(t);
}

static int
today_key(struct screen *s, int key)
{
	struct today	*t = s->data;

	switch (key) {
	case TK_ESC:
		/* as everywhere: a wait the clerk cannot see yet (the
		 * figures' later parts) is not what Esc is for */
		if (app_busy_shown() && request_cancel(t, 0)) {
			t->loading = STEP_NONE;
			today_count(t);
			app_message(MSG_INFO, "%s", _("Cancelled."));
		} else
			app_pop();
		return (1);
	case TK_TAB:
		do
			t->panel = (t->panel + 1) % PANEL_COUNT;
		while (!today_panel_shown(t, t->panel));
		break;
	case TK_UP:
	case TK_DOWN:
	case TK_PGUP:
	case TK_PGDN:
		if (t->panel != PANEL_VISITS)
			return (0);
		today_visits_scroll(t, key == TK_UP ? -1 : key == TK_DOWN ?
		    1 : key == TK_PGUP ? -10 : 10);
		break;
	case TK_F(5):
		reload(t);
		return (1);
	case 'm':
	case 'M':
		toggle_mine(t);
		return (1);
	case 'g':
	case 'G':
		t->gb18030 = !t->gb18030;
		app_message(MSG_INFO, "%s", t->gb18030 ? _("CSV files are "
		    "written in GB18030 (for older Excel and WPS).") :
		    _("CSV files are written in UTF-8 with a BOM."));
		break;
	case 'e':
	case 'E':
	case 'p':
	case 'P':
		if (t->loading != STEP_NONE) {
			app_message(MSG_ERROR, "%s", _("Wait until the day's "
			    "figures are loaded, or press Esc."));
			return (1);
		}
		if (key == 'e' || key == 'E')
			today_export(t);
		else
			today_print(t);
		return (1);
	default:
		return (0);
	}
	app_dirty();
	return (1);
}

static void
today_reload(struct screen *s)
{
	reload(s->data);
}

static void
draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	*cy = *cx = -1;
	today_draw(s->data, top, rows, cols);
}

const struct screen_ops screen_today = {
	.name = "today",
	.title = N_("Today's figures"),
	.init = today_init,
	.free = today_free,
	.key = today_key,
	.draw = draw,
	.shows_all = RES_MASK(RES_FOLLOWUP),
	.reload = today_reload,
	.keys = today_keys,
};
