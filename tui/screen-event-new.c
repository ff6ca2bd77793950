/* Reporting a grid event (事件上报): category, urgency, grid, location,
 * description, and the resident concerned when a profile is open. The
 * report keeps its Idempotency-Key until the server has it, so a retry
 * after a dropped link never reports it twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "events.h"
#include "keys.h"
#include "request.h"
#include "tui.h"
#include "../api/work.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

enum field {
	FLD_CATEGORY,
	FLD_URGENCY,
	FLD_GRID,
	FLD_LOCATION,
	FLD_DESCRIPTION,
	FLD_RESIDENT,
	FLD_COUNT
};

struct report {
	struct grid_page	*grids;
	int			 category;
	int			 urgency;
	int			 grid;
	struct lineedit		 location;
	struct lineedit		 description;
	long long		 resident_id;	/* 0: none */
	char			*resident_name;
	int			 focus;
};

static const struct keyhelp report_keys[] = {
	{ N_("F9"), N_("Report"), 1 },
	{ N_("Tab"), N_("Next field"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Ctrl-S"), N_("Report"), 0 },
	{ N_("Shift-Tab"), N_("Previous field"), 0 },
	{ N_("Left/Right"), N_("Change a choice"), 0 },
	{ N_("Enter"), N_("List the choices"), 0 },
	{ N_("Del"), N_("Leave the resident out"), 0 },
	{ NULL, NULL, 0 }
};

static void
on_grids(struct api_result *r, void *arg)
{
	struct report	*rp = arg;
	size_t		 i;

	if (!app_answer(r))
		return;		/* said, or the session ended */
	rp->grids = r->model;
	r->model = NULL;
	/* a grid member reports from their own grid, usually */
	for (i = 0; i < rp->grids->n; i++) {
		if (strcmp(rp->grids->items[i].member,
		    app.session->staff_name) == 0) {
			rp->grid = (int)i;
			break;
		}
	}
}

static void
report_init(struct screen *s, void *arg)
{
	struct report		*rp = xcalloc(1, sizeof *rp);
	const struct resident	*res = resident_on_screen();
	struct request		*rq;

	(void)arg;
	rp->urgency = 1;			/* normal */
	rp->category = EVENT_NCATEGORIES - 1;	/* other, until chosen */
	lineedit_init(&rp->location, 100);
	lineedit_init(&rp->description, 1000);
	if (res != NULL) {
		rp->resident_id = res->s.id;
		rp->resident_name = xstrdup(res->s.name);
	}
	rp->focus = FLD_CATEGORY;
	s->data = rp;
	rq = request_new(rp, 0, on_grids, rp);
	request_call(rq, api_grids(app.api, request_reply, rq));
}

static void
report_free(struct screen *s)
{
	struct report	*rp = s->data;

	model_grid_page_free(rp->grids);
	lineedit_free(&rp->location);
	lineedit_free(&rp->description);
	free(rp->resident_name);
	free(rp);
}

static int
typed(struct report *rp)
{
	return (rp->location.len > 0 || rp->description.len > 0);
}

static void
leave(void *arg)
{
	(void)arg;
	app_pop();
}

/* Esc never throws away what was typed without asking. */
static void
back(struct report *rp)
{
	if (rp->grids != NULL && request_cancel(rp, 0))
		app_message(MSG_INFO, "%s", _("Cancelled."));
	else if (!typed(rp))
		app_pop();
	else
		confirm_ask(_("Leave without reporting? What you typed is "
		    "lost."), leave, rp);
}

static void
on_reported(struct api_result *r, void *arg)
{
	struct event	*ev;
	long long	 id;

	(void)arg;
	if (r->status == API_ERR_AUTH) {
		app_session_ended(r->message);
		return;
	}
	if (r->status != API_OK) {
		app_message(MSG_ERROR, "%s", r->message);
		return;
	}
	ev = r->model;
	id = ev->id;
	app_message(MSG_INFO, _("Event %lld reported; a supervisor assigns "
	    "it."), id);
	app_changed(RES_EVENT, id);
	app_pop();		/* frees rp */
	app_push(&screen_event, &id);
}

/* The form-level check, field by field, before anything is sent. */
static int
check(struct report *rp)
{
	if (rp->grids == NULL || rp->grids->n == 0) {
		app_message(MSG_ERROR, "%s", _("No grid to report in: the "
		    "grids did not load. Press Esc and open the form again."));
		rp->focus = FLD_GRID;
		return (-1);
	}
	if (rp->location.len == 0) {
		app_message(MSG_ERROR, "%s", _("Where is it? Fill in the "
		    "location."));
		rp->focus = FLD_LOCATION;
		return (-1);
	}
	if (rp->description.len == 0) {
		app_message(MSG_ERROR, "%s", _("What happened? Fill in the "
		    "description."));
		rp->focus = FLD_DESCRIPTION;
		return (-1);
	}
	return (0);
}

static void
submit(struct report *rp)
{
	struct request	*rq;
	char		*loc, *desc, *what;

	if (request_busy(rp, 0) || check(rp) != 0)
		return;
	loc = lineedit_text(&rp->location);
	desc = lineedit_text(&rp->description);
	/* the same report again after a lost answer keeps its key */
	what = xasprintf("%d %d %d %lld %s %s", rp->category, rp->urgency,
	    rp->grid, rp->resident_id, loc, desc);
	rq = request_new(rp, 0, on_reported, rp);
	request_call(rq, api_event_report(app.api,
	    event_categories[rp->category], loc, desc,
	    event_urgencies[rp->urgency], rp->grids->items[rp->grid].id,
	    rp->resident_id, request_key(rq, what), request_reply, rq));
	free(what);
	free(loc);
	free(desc);
}

static void
category_chosen(int index, void *arg)
{
	struct report	*rp = arg;

	rp->category = index;
	rp->focus = FLD_URGENCY;
}

static void
grid_chosen(int index, void *arg)
{
	struct report	*rp = arg;

	rp->grid = index;
	rp->focus = FLD_LOCATION;
}

static void
list_categories(struct report *rp)
{
	const char	*v[EVENT_NCATEGORIES];
	int		 i;

	for (i = 0; i < EVENT_NCATEGORIES; i++)
		v[i] = event_category_label(event_categories[i]);
	list_ask(_("Category of the event"), v, EVENT_NCATEGORIES,
	    rp->category, category_chosen, rp);
}

static void
list_grids(struct report *rp)
{
	const char	**v;
	size_t		  i;

	if (rp->grids == NULL)
		return;
	v = xcalloc(rp->grids->n + 1, sizeof *v);
	for (i = 0; i < rp->grids->n; i++)
		v[i] = xasprintf("%s  %s", rp->grids->items[i].name,
		    rp->grids->items[i].member);
	list_ask(_("Grid"), v, (int)rp->grids->n, rp->grid, grid_chosen, rp);
	for (i = 0; i < rp->grids->n; i++)
		free((char *)v[i]);
	free(v);
}

static int
cycle(int v, int n, int d)
{
	return ((v + d + n) % n);
}

/* Left and Right step through a choice; Enter lists them. */
static int
choice_key(struct report *rp, int key)
{
	int	d = key == TK_LEFT ? -1 : 1;
	int	ng = rp->grids != NULL ? (int)rp->grids->n : 0;

	if (key != TK_LEFT && key != TK_RIGHT && key != TK_ENTER &&
	    key != ' ')
		return (0);
	if (key == TK_ENTER || key == ' ') {
		if (rp->focus == FLD_CATEGORY)
			list_categories(rp);
		else if (rp->focus == FLD_GRID)
			list_grids(rp);
		else
			rp->urgency = cycle(rp->urgency, EVENT_NURGENCIES, 1);
		return (1);
	}
	if (rp->focus == FLD_CATEGORY)
		rp->category = cycle(rp->category, EVENT_NCATEGORIES, d);
	else if (rp->focus == FLD_URGENCY)
		rp->urgency = cycle(rp->urgency, EVENT_NURGENCIES, d);
	else if (ng > 0)
		rp->grid = cycle(rp->grid, ng, d);
	return (1);
}

static int
field_key(struct report *rp, int key)
{
	switch (rp->focus) {
	case FLD_CATEGORY:
	case FLD_URGENCY:
	case FLD_GRID:
		return (choice_key(rp, key));
	case FLD_LOCATION:
		if (key == TK_ENTER) {
			rp->focus++;
			return (1);
		}
		return (keys_edit(&rp->location, key));
	case FLD_DESCRIPTION:
		return (keys_edit(&rp->description, key));
	default:
		if (key == TK_DELETE || key == TK_BACKSPACE) {
			rp->resident_id = 0;
			return (1);
		}
		return (0);
	}
}

static int
fields(struct report *rp)
{
	return (rp->resident_id > 0 ? FLD_COUNT : FLD_RESIDENT);
}

static int
report_key(struct screen *s, int key)
{
	struct report	*rp = s->data;

	switch (key) {
	case TK_ESC:
		back(rp);
		return (1);
	case TK_F(9):
	case TK_CTRL('s'):
		submit(rp);
		return (1);
	case TK_TAB:
	case TK_DOWN:
		rp->focus = (rp->focus + 1) % fields(rp);
		break;
	case TK_BTAB:
	case TK_UP:
		rp->focus = (rp->focus + fields(rp) - 1) % fields(rp);
		break;
	default:
		if (request_busy(rp, 0) && rp->grids != NULL)
			return (1);	/* the report is on its way */
		if (!field_key(rp, key))
			return (0);
	}
	if (rp->focus >= fields(rp))
		rp->focus = 0;
	app_dirty();
	return (1);
}

/* One "label  value" line; the focused value is marked. */
static int
line(int y, int lw, const char *label, const char *value, int focus,
    int cols)
{
	draw_text(y, 2, label, lw, STYLE_LABEL);
	draw_cell(y, 3 + lw, value, cols - lw - 5, focus ? STYLE_SELECTED :
	    STYLE_NORMAL);
	return (y + 1);
}

static int
label_width(void)
{
	const char	*labels[] = { _("Category"), _("Urgency"), _("Grid"),
	    _("Location"), _("Description"), _("Resident") };
	size_t		 i;
	int		 w = 0;

	for (i = 0; i < sizeof labels / sizeof *labels; i++) {
		if (text_width(labels[i]) > w)
			w = text_width(labels[i]);
	}
	return (w);
}

static int
edit_line(struct report *rp, struct lineedit *le, int y, int lw,
    const char *label, int which, int cols, int *cy, int *cx)
{
	int	c;

	draw_text(y, 2, label, lw, STYLE_LABEL);
	c = lineedit_draw(stdscr, le, y, 3 + lw, cols - lw - 5,
	    draw_attr(STYLE_FIELD));
	if (rp->focus == which) {
		*cy = y;
		*cx = c;
	}
	return (y + 1);
}

static void
report_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct report	*rp = s->data;
	const char	*grid = rp->grids == NULL ? _("Loading...") :
			    rp->grids->n == 0 ? "-" :
			    rp->grids->items[rp->grid].name;
	int		 lw = label_width(), y = top + 3;

	(void)rows;
	*cy = *cx = -1;
	draw_text(top, 1, _("Report a grid event"), cols - 2, STYLE_TITLE);
	draw_hline(top + 1, 0, cols);
	y = line(y, lw, _("Category"), event_category_label(
	    event_categories[rp->category]), rp->focus == FLD_CATEGORY, cols);
	y = line(y, lw, _("Urgency"), event_urgency_label(
	    event_urgencies[rp->urgency]), rp->focus == FLD_URGENCY, cols);
	y = line(y, lw, _("Grid"), grid, rp->focus == FLD_GRID, cols);
	y = edit_line(rp, &rp->location, y, lw, _("Location"), FLD_LOCATION,
	    cols, cy, cx);
	y = edit_line(rp, &rp->description, y, lw, _("Description"),
	    FLD_DESCRIPTION, cols, cy, cx);
	if (rp->resident_id > 0)
		y = line(y, lw, _("Resident"), rp->resident_name,
		    rp->focus == FLD_RESIDENT, cols);
	draw_text(y + 1, 2, _("Left/Right or Enter change a choice; F9 or "
	    "Ctrl-S reports."), cols - 4, STYLE_DIM);
}

const struct screen_ops screen_event_new = {
	.name = "event-new",
	.title = N_("Report a grid event"),
	.init = report_init,
	.free = report_free,
	.key = report_key,
	.draw = report_draw,
	.keys = report_keys,
};
