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
#include "tui.h"
#include "when.h"
#include "../api/work.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
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
	struct api_call		*call;
	enum eop		 op;
	struct event		*ev;
	struct staff_page	*staff;
	long long		 assignee;	/* chosen, for the note prompt */
	char			 key[33];	/* kept for a retry */
	enum eop		 key_op;
	long long		 key_version;
	int			 scroll;
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
	s->data = e;
	load(e);
}

static void
cancel(struct eventscr *e)
{
	if (e->call == NULL)
		return;
	api_cancel(app.api, e->call);
	e->call = NULL;
	e->op = E_NONE;
	app_busy(-1);
}

static void
event_free(struct screen *s)
{
	struct eventscr	*e = s->data;

	cancel(e);
	model_event_free(e->ev);
	model_staff_page_free(e->staff);
	free(e);
}

static void
start(struct eventscr *e, enum eop op, struct api_call *c)
{
	e->call = c;
	e->op = op;
	app_busy(1);
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
		app_message(MSG_ERROR, _("The event is %s now: that step does "
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

	e->call = NULL;
	e->op = E_NONE;
	app_busy(-1);
	if (op != E_LOAD && r->status != API_ERR_NETWORK &&
	    r->status != API_ERR_SERVER)
		e->key[0] = '\0';	/* settled: the next try is new */
	if (r->status == API_ERR_AUTH) {
		app_session_ended(r->message);
		return;
	}
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
	if (op == E_LOAD)
		return;
	app_message(MSG_INFO, _("Event %lld is %s now."), e->ev->id,
	    event_status_label(e->ev->status));
	events_changed();
}

static void
load(struct eventscr *e)
{
	cancel(e);
	start(e, E_LOAD, api_event_get(app.api, e->id, on_event, e));
}

/* The same change of the same version keeps its key after a failure
 * that may have reached the server. */
static const char *
key_for(struct eventscr *e, enum eop op)
{
	if (e->key[0] == '\0' || e->key_op != op ||
	    e->key_version != e->ev->version) {
		api_new_key(e->key);
		e->key_op = op;
		e->key_version = e->ev->version;
	}
	return (e->key);
}

static int
ready(struct eventscr *e)
{
	if (e->call != NULL) {
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
	start(e, op, api_event_update(app.api, e->ev->id, e->ev->version,
	    status, note, key_for(e, op), on_event, e));
}

static void
resolve_with(const char *text, void *arg)
{
	struct eventscr	*e = arg;

	if (*text == '\0') {
		app_message(MSG_ERROR, "%s", _("Say what was done: a resolved "
		    "event needs a note."));
		return;
	}
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

	if (strcmp(e->ev->status, "reported") == 0 && *text == '\0') {
		app_message(MSG_ERROR, "%s", _("Say why: closing a report "
		    "that was never worked on needs a note."));
		return;
	}
	if (ready(e))
		update(e, E_CLOSE, "closed", text);
}

static void
ask(struct eventscr *e, const char *title, void (*done)(const char *,
    void *))
{
	struct prompt	p;

	memset(&p, 0, sizeof p);
	p.title = title;
	p.max_chars = 1000;
	p.done = done;
	p.arg = e;
	app_push(&dialog_prompt, &p);
}

static void
assign_with(const char *text, void *arg)
{
	struct eventscr	*e = arg;

	if (!ready(e))
		return;
	start(e, E_ASSIGN, api_event_assign(app.api, e->ev->id,
	    e->ev->version, e->assignee, text, key_for(e, E_ASSIGN), on_event,
	    e));
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
	ask(e, _("A note for the assignee (Enter for none)"), assign_with);
}

static void
choose_staff(struct eventscr *e)
{
	struct list_choice	 c;
	const char		**v;
	size_t			  i;
	int			  n = 0;

	v = xcalloc(e->staff->n + 1, sizeof *v);
	for (i = 0; i < e->staff->n; i++) {
		if (assignable(&e->staff->items[i]))
			v[n++] = xasprintf("%s  %s", e->staff->items[i].name,
			    e->staff->items[i].username);
	}
	memset(&c, 0, sizeof c);
	c.title = _("Assign the event to");
	c.items = v;
	c.n = n;
	c.done = staff_chosen;
	c.arg = e;
	app_push(&dialog_list, &c);
	while (n > 0)
		free((char *)v[--n]);
	free(v);
}

static void
on_staff(struct api_result *r, void *arg)
{
	struct eventscr	*e = arg;

	e->call = NULL;
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
	if (e->staff != NULL)
		choose_staff(e);
	else
		start(e, E_STAFF, api_staff(app.api, on_staff, e));
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
		ask(e, _("What was done? (required)"), resolve_with);
		return (1);
	case 'o':
	case 'O':
		ask(e, _("A note on the event"), note_with);
		return (1);
	case 'c':
	case 'C':
		ask(e, _("Why close it? (a note; required for a report never "
		    "worked on)"), close_with);
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

	switch (key) {
	case TK_ESC:
		if (e->call != NULL && e->ev != NULL) {
			cancel(e);
			app_message(MSG_INFO, "%s", _("Cancelled."));
		} else
			app_pop();
		return (1);
	case TK_F(5):
		load(e);
		return (1);
	case TK_UP:
		if (e->scroll > 0)
			e->scroll--;
		app_dirty();
		return (1);
	case TK_DOWN:
		if (e->ev != NULL && e->scroll + 1 < (int)e->ev->nupdates)
			e->scroll++;
		app_dirty();
		return (1);
	}
	if (TK_IS_CODE(key) || !ready(e))
		return (0);
	return (action_key(e, key));
}

/* "Label: value"; returns the next x. */
static int
field(int y, int x, const char *label, const char *value, int maxx)
{
	x += draw_text(y, x, label, maxx - x, STYLE_LABEL);
	x += draw_text(y, x, ": ", maxx - x, STYLE_LABEL);
	x += draw_text(y, x, value, maxx - x, STYLE_NORMAL);
	return (x + 3);
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
	x = field(y, 1, _("Status"), event_status_label(ev->status),
	    cols - 1);
	field(y++, x, _("Assignee"), *ev->assignee != '\0' ? ev->assignee :
	    "-", cols - 1);
	when_day_hm(ev->reported_at, at, sizeof at);
	snprintf(line, sizeof line, "%s, %s", ev->reporter, at);
	x = field(y, 1, _("Reported by"), line, cols - 1);
	snprintf(line, sizeof line, "%s %s", ev->community, ev->grid);
	field(y++, x, _("Grid"), line, cols - 1);
	field(y++, 1, _("Location"), ev->location, cols - 1);
	if (*ev->resident != '\0')
		field(y++, 1, _("Resident"), ev->resident, cols - 1);
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
	for (i = e->scroll; i < (int)e->ev->nupdates && y < last; i++, y++) {
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
		draw_text(top + 1, 2, e->call != NULL ? _("Loading...") :
		    _("Not loaded. F5 tries again."), cols - 4, STYLE_DIM);
		return;
	}
	y = draw_facts(e->ev, top + 1, top + rows, cols);
	if (y + 2 < top + rows)
		draw_history(e, y + 1, top + rows, cols);
}

const struct screen_ops screen_event = {
	.name = "event",
	.init = event_init,
	.free = event_free,
	.key = event_key,
	.draw = event_draw,
	.keys = event_keys,
};
