/* One grid event: what, where, who reported it and who works on it,
 * its history; start work, resolve with a note, add a note, close, and
 * (a supervisor) assign it. Every change carries the version the clerk
 * saw (If-Match), so two people never overwrite each other. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog-prompt.h"
#include "draw.h"
#include "events.h"
#include "form-ui.h"
#include "keys.h"
#include "list.h"
#include "request.h"
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

enum eop {
	E_NONE,
	E_LOAD,
	E_STAFF,
	E_START,
	E_RESOLVE,
	E_NOTE,
	E_CLOSE,
	E_ASSIGN
};

struct eventscr {
	long long		 id;
	enum eop		 op;
	struct event		*ev;
	struct staff_page	*staff;
	long long		 assignee;	/* chosen, for the note prompt */
	struct list		 history;
};

static const struct keyhelp event_keys[] = {
	{ N_("W"), N_("Start work"), 1 },
	{ N_("V"), N_("Resolved"), 1 },
	{ N_("O"), N_("Note"), 1 },
	{ N_("A"), N_("Assign"), 1 },
	{ N_("C"), N_("Close"), 1 },
	{ N_("Up/Down"), N_("Scroll the history"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ N_("Esc"), N_("Back, or cancel the request"), 0 },
	{ NULL, NULL, 0 }
};

static void	load(struct eventscr *);

static void
event_init(struct screen *s, void *arg)
{
	struct eventscr	*e = xcalloc(1, sizeof *e);

	e->id = *(long long *)arg;
	e->history.view = 1;
	s->data = e;
	load(e);
}

static void
event_free(struct screen *s)
{
	struct eventscr	*e = s->data;

	model_event_free(e->ev);
	model_staff_page_free(e->staff);
	free(e);
}

static void	on_event(struct api_result *, void *);

/* One request at a time; a change keeps its key while a retry of the
 * same step on the same version may meet it at the server. */
static struct request *
start(struct eventscr *e, enum eop op, api_cb cb)
{
	e->op = op;
	return (request_new(e, 0, cb, e));
}

static const char *
key_for(struct request *rq, struct eventscr *e, enum eop op)
{
	char	what[64];

	snprintf(what, sizeof what, "%d %lld", op, e->ev->version);
	return (request_key(rq, what));
}

/* The sentence for a refusal, by what was tried. */
static void
refused(struct eventscr *e, enum eop op, const struct api_result *r)
{
	if (strcmp(r->problem, "forbidden") == 0)
		app_message(MSG_ERROR, "%s", op == E_ASSIGN ? _("Only a "
		    "supervisor can assign events.") : _("Only the assignee or "
		    "a supervisor can change this event."));
	else if (strcmp(r->problem, "invalid-transition") == 0)
		app_hint(MSG_ERROR, _("The event is %s now: that step does "
		    "not follow. F5 shows it as it is."),
		    event_status_label(e->ev->status));
	else if (strcmp(r->problem, "precondition-failed") == 0) {
		app_message(MSG_ERROR, "%s", _("Someone changed this event "
		    "meanwhile: it is shown again as it is now. Check it, then "
		    "try again."));
		load(e);
	} else
		app_message(MSG_ERROR, "%s", r->message);
}

static void
on_event(struct api_result *r, void *arg)
{
	struct eventscr	*e = arg;
	enum eop	 op = e->op;

	e->op = E_NONE;
	if (app_signed_out(r))
		return;
	if (r->status == API_ERR_REFUSED && e->ev != NULL) {
		refused(e, op, r);
		return;
	}
	if (r->status != API_OK) {
		app_message(MSG_ERROR, "%s", r->message);
		return;
	}
	model_event_free(e->ev);
	e->ev = r->model;
	r->model = NULL;
	list_count(&e->history, (int)e->ev->nupdates);
	if (op == E_LOAD)
		return;
	app_message(MSG_INFO, _("Event %lld is %s now."), e->ev->id,
	    event_status_label(e->ev->status));
	app_changed(RES_EVENT, e->ev->id);
}

static void
load(struct eventscr *e)
{
	struct request	*rq = start(e, E_LOAD, on_event);

	request_call(rq, api_event_get(app.api, e->id, request_reply, rq));
}

static int
event_shows(struct screen *s, enum resource what, long long id)
{
	struct eventscr	*e = s->data;

	return (what == RES_EVENT && (id == 0 || id == e->id));
}

static void
event_reload(struct screen *s)
{
	load(s->data);
}

static int
ready(struct eventscr *e)
{
	if (request_busy(e, 0)) {
		app_message(MSG_ERROR, "%s", _("Wait for the answer, or press "
		    "Esc to cancel it."));
		return (0);
	}
	return (e->ev != NULL);
}

static void
update(struct eventscr *e, enum eop op, const char *status,
    const char *note)
{
	struct request	*rq = start(e, op, on_event);

	request_call(rq, api_event_update(app.api, e->ev->id,
	    e->ev->version, status, note, key_for(rq, e, op), request_reply,
	    rq));
}

static void
resolve_with(const char *text, void *arg)
{
	struct eventscr	*e = arg;

	if (ready(e))
		update(e, E_RESOLVE, "resolved", text);
}

static void
note_with(const char *text, void *arg)
{
	struct eventscr	*e = arg;

	if (*text != '\0' && ready(e))
		update(e, E_NOTE, NULL, text);
}

static void
close_with(const char *text, void *arg)
{
	struct eventscr	*e = arg;

	if (ready(e))
		update(e, E_CLOSE, "closed", text);
}

/* A note, required (min 1) with too_short said when it is missing. */
static void
ask(struct eventscr *e, const char *title, size_t min, const char *too_short,
    void (*done)(const char *, void *))
{
	prompt_ask(&(struct prompt){ .title = title, .max_chars = 1000,
	    .min_chars = min, .too_short = too_short, .done = done,
	    .arg = e });
}

static void
assign_with(const char *text, void *arg)
{
	struct eventscr	*e = arg;
	struct request	*rq;

	if (!ready(e))
		return;
	rq = start(e, E_ASSIGN, on_event);
	request_call(rq, api_event_assign(app.api, e->ev->id,
	    e->ev->version, e->assignee, text, key_for(rq, e, E_ASSIGN),
	    request_reply, rq));
}

/* Colleagues who may be given an event: not the administrators. */
static int
assignable(const struct staff *st)
{
	return (strcmp(st->role, "admin") != 0);
}

static void
staff_chosen(int index, void *arg)
{
	struct eventscr	*e = arg;
	size_t		 i;
	int		 n = 0;

	for (i = 0; i < e->staff->n; i++) {
		if (assignable(&e->staff->items[i]) && n++ == index)
			break;
	}
	if (i == e->staff->n)
		return;
	e->assignee = e->staff->items[i].id;
	ask(e, _("A note for the assignee (Enter for none)"), 0, NULL,
	    assign_with);
}

static void
choose_staff(struct eventscr *e)
{
	const char	**v;
	size_t		  i;
	int		  n = 0;

	v = xcalloc(e->staff->n + 1, sizeof *v);
	for (i = 0; i < e->staff->n; i++) {
		if (assignable(&e->staff->items[i]))
			v[n++] = xasprintf("%s  %s", e->staff->items[i].name,
			    e->staff->items[i].username);
	}
	list_ask(_("Assign the event to"), v, n, 0, staff_chosen, e);
	while (n > 0)
		free((char *)v[--n]);
	free(v);
}

static void
on_staff(struct api_result *r, void *arg)
{
	struct eventscr	*e = arg;

	e->op = E_NONE;
	if (!app_answer(r))
		return;		/* said, or the session ended */
	e->staff = r->model;
	r->model = NULL;
	choose_staff(e);
}

static void
assign(struct eventscr *e)
{
	if (!event_may_assign()) {
		app_message(MSG_ERROR, "%s", _("Only a supervisor can assign "
		    "events."));
		return;
	}
	struct request	*rq;

	if (e->staff != NULL)
		choose_staff(e);
	else {
		rq = start(e, E_STAFF, on_staff);
		request_call(rq, api_staff(app.api, request_reply, rq));
	}
}

static int
action_key(struct eventscr *e, int key)
{
	switch (key) {
	case 'w':
	case 'W':
		update(e, E_START, "in_progress", NULL);
		return (1);
	case 'v':
	case 'V':
		ask(e, _("What was done? (required)"), 1, _("Say what was "
		    "done: a resolved event needs a note."), resolve_with);
		return (1);
	case 'o':
	case 'O':
		ask(e, _("A note on the event"), 1, NULL, note_with);
		return (1);
	case 'c':
	case 'C':
		ask(e, _("Why close it? (a note; required for a report never "
		    "worked on)"), strcmp(e->ev->status, "reported") == 0,
		    _("Say why: closing a report that was never worked on "
		    "needs a note."), close_with);
		return (1);
	case 'a':
	case 'A':
		assign(e);
		return (1);
	}
	return (0);
}

static int
event_key(struct screen *s, int key)
{
	struct eventscr	*e = s->data;

	if (list_key(&e->history, key) != LIST_UNUSED) {
		app_dirty();
		return (1);
	}
	if (TK_IS_CODE(key) || !ready(e))
		return (0);
	return (action_key(e, key));
}

/* The description's lines, as many as leave the history a few rows. */
#define DESCRIPTION_ROWS 4
static int
draw_facts(const struct event *ev, int y, int last, int cols)
{
	char	line[256], at[32];
	int	x, rows;

	snprintf(line, sizeof line, _("Event %lld: %s, %s"), ev->id,
	    event_category_label(ev->category), event_urgency_label(
	    ev->urgency));
	draw_text(y++, 1, line, cols - 2, STYLE_TITLE);
	x = draw_field(y, 1, _("Status"), event_status_label(ev->status),
	    cols - 1);
	draw_field(y++, x, _("Assignee"), *ev->assignee != '\0' ? ev->assignee :
	    "-", cols - 1);
	when_day_hm(ev->reported_at, at, sizeof at);
	snprintf(line, sizeof line, "%s, %s", ev->reporter, at);
	x = draw_field(y, 1, _("Reported by"), line, cols - 1);
	snprintf(line, sizeof line, "%s %s", ev->community, ev->grid);
	draw_field(y++, x, _("Grid"), line, cols - 1);
	draw_field(y++, 1, _("Location"), ev->location, cols - 1);
	if (*ev->resident != '\0')
		draw_field(y++, 1, _("Resident"), ev->resident, cols - 1);
	x = 1 + draw_text(y, 1, _("Description"), cols - 2, STYLE_LABEL);
	x += draw_text(y, x, ": ", cols - 1 - x, STYLE_LABEL);
	rows = last - y - 3 < DESCRIPTION_ROWS ? last - y - 3 :
	    DESCRIPTION_ROWS;
	y += draw_lines(y, x, ev->description, cols - 1 - x, rows,
	    STYLE_NORMAL);
	return (y);
}

static void
draw_history(struct eventscr *e, int y, int last, int cols)
{
	const struct event_update	*u;
	char				 at[32], line[512];
	int				 i, x;

	x = draw_text(y, 1, _("History"), cols - 2, STYLE_TITLE);
	draw_hline(y++, x + 2, cols - x - 3);
	list_show(&e->history, last - y);
	for (i = e->history.top; i < (int)e->ev->nupdates && y < last; i++,
	    y++) {
		u = &e->ev->updates[i];
		when_day_hm(u->at, at, sizeof at);
		snprintf(line, sizeof line, "%s  %s  %s%s%s%s%s", at, u->staff,
		    *u->status != '\0' ? event_status_label(u->status) : "",
		    *u->assignee != '\0' ? " -> " : "", u->assignee,
		    *u->note != '\0' ? ": " : "", u->note);
		draw_text(y, 2, line, cols - 3, STYLE_NORMAL);
	}
}

static void
event_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct eventscr	*e = s->data;
	int		 y;

	*cy = *cx = -1;
	if (e->ev == NULL) {
		draw_text(top + 1, 2, request_busy(e, 0) ? _("Loading...") :
		    _("Not loaded. F5 tries again."), cols - 4, STYLE_DIM);
		return;
	}
	y = draw_facts(e->ev, top + 1, top + rows, cols);
	if (y + 2 < top + rows)
		draw_history(e, y + 1, top + rows, cols);
}

const struct screen_ops screen_event = {
	.name = "event",
	.title = N_("Grid event"),
	.init = event_init,
	.free = event_free,
	.key = event_key,
	.draw = event_draw,
	.shows = event_shows,
	.reload = event_reload,
	.keys = event_keys,
};
