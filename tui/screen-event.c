/* One grid event: what, where, who reported it and who holds it, its
 * deadline, and its timeline; the steps the event's state and the
 * user's part in it allow now (the server lists them), in the key bar
 * and behind Enter, each asking what it needs (a reason, a rating, a
 * unit, a date) before it is sent. Every change carries the version
 * the user saw (If-Match), so two people never overwrite each other. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog-prompt.h"
#include "draw.h"
#include "event-actions.h"
#include "event-draw.h"
#include "event-labels.h"
#include "events.h"
#include "keys.h"
#include "list.h"
#include "request.h"
#include "tui.h"
#include "../api/events.h"
#include "../api/org.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

enum eop {
	E_NONE,
	E_LOAD,
	E_STAFF,
	E_UNITS,
	E_STEP
};

#define BAR_MAX	20

struct eventscr {
	long long		 id;
	enum eop		 op;
	struct event		*ev;
	struct staff_page	*staff;
	struct event_unit_page	*units;
	struct list		 history;
	/* the step being asked: what is left to ask, and the answers */
	const struct event_act	*act;
	int			 asks;
	int			 rating;
	long long		 unit;
	long long		 assignee;
	char			 until[11];
	char			 before[16];	/* the status it left */
	struct keyhelp		 bar[BAR_MAX + 2];
};

static const struct keyhelp event_keys[] = {
	{ N_("Enter"), N_("The steps open now"), 0 },
	{ N_("W"), N_("Sign"), 0 },
	{ N_("V"), N_("Feedback"), 0 },
	{ N_("S"), N_("Handle myself"), 0 },
	{ N_("R"), N_("Report again"), 0 },
	{ N_("B"), N_("Return"), 0 },
	{ N_("U"), N_("Escalate"), 0 },
	{ N_("K"), N_("Check"), 0 },
	{ N_("C"), N_("Close"), 0 },
	{ N_("X"), N_("Extension"), 0 },
	{ N_("P"), N_("Approve"), 0 },
	{ N_("N"), N_("Refuse"), 0 },
	{ N_("D"), N_("Supervise"), 0 },
	{ N_("A"), N_("Assign"), 0 },
	{ N_("O"), N_("Note"), 0 },
	{ N_("Up/Down"), N_("Scroll the timeline"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ N_("Esc"), N_("Back, or cancel the request"), 0 },
	{ NULL, NULL, 0 }
};

static void	load(struct eventscr *);
static void	next_ask(struct eventscr *);

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
	model_event_unit_page_free(e->units);
	free(e);
}

/* One request at a time; a change keeps its key while a retry of the
 * same step on the same version may meet it at the server. */
static struct request *
start(struct eventscr *e, enum eop op, api_cb cb)
{
	e->op = op;
	return (request_new(e, 0, cb, e));
}

static const char *
key_for(struct request *rq, struct eventscr *e)
{
	char	what[64];

	snprintf(what, sizeof what, "%s %lld", e->act->name, e->ev->version);
	return (request_key(rq, what));
}

/* The sentence for a refusal of the step being sent. */
static void
refused(struct eventscr *e, const struct api_result *r)
{
	if (strcmp(r->problem, "forbidden") == 0)
		app_message(MSG_ERROR, "%s", strcmp(e->act->name, "assign") ==
		    0 ? _("Only a supervisor can assign events.") : _("That "
		    "step on this event is not yours to take."));
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

/* What the user is told once a step went through. */
static void
done_said(struct eventscr *e)
{
	if (strcmp(e->before, e->ev->status) != 0)
		app_message(MSG_INFO, _("Event %lld is %s now."), e->ev->id,
		    event_status_label(e->ev->status));
	else
		app_message(MSG_INFO, _("Event %lld: %s, done."), e->ev->id,
		    _(e->act->label));
}

static void
on_event(struct api_result *r, void *arg)
{
	struct eventscr	*e = arg;
	enum eop	 op = e->op;

	e->op = E_NONE;
	if (app_signed_out(r))
		return;
	if (r->status == API_ERR_REFUSED && e->ev != NULL && op == E_STEP) {
		refused(e, r);
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
	done_said(e);
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
	return (!request_refuse(e, 0) && e->ev != NULL);
}

/* Sends the step with everything asked. */
static void
send_step(struct eventscr *e, const char *note)
{
	struct request	*rq;

	if (!ready(e))
		return;
	snprintf(e->before, sizeof e->before, "%s", e->ev->status);
	rq = start(e, E_STEP, on_event);
	if (strcmp(e->act->name, "note") == 0)
		request_call(rq, api_event_update(app.api, e->ev->id,
		    e->ev->version, NULL, note, key_for(rq, e), request_reply,
		    rq));
	else if (strcmp(e->act->name, "assign") == 0)
		request_call(rq, api_event_assign(app.api, e->ev->id,
		    e->ev->version, e->assignee, note, key_for(rq, e),
		    request_reply, rq));
	else
		request_call(rq, api_event_act(app.api, e->ev->id,
		    e->ev->version, e->act->name, note, e->rating, e->unit,
		    e->until, key_for(rq, e), request_reply, rq));
}

static void
note_given(const char *text, void *arg)
{
	send_step(arg, text);
}

/* The note's question: a close of an unworked report says why it is
 * required, a unit's 签收 asks who signed. */
static void
ask_note(struct eventscr *e, int required)
{
	const char	*title = _(e->act->prompt != NULL ? e->act->prompt :
			    N_("A note (Enter for none)"));
	const char	*too_short = e->act->too_short != NULL ?
			    _(e->act->too_short) : NULL;

	if (strcmp(e->act->name, "close") == 0 && required) {
		title = _("Why close it unworked? (required)");
		too_short = _("Say why: closing a report that was never worked "
		    "on needs a note.");
	} else if (strcmp(e->act->name, "sign") == 0)
		title = _("Who at the unit signed for it? (Enter for none)");
	else if (strcmp(e->act->name, "assign") == 0)
		title = _("A note for the assignee (Enter for none)");
	prompt_ask(&(struct prompt){ .title = title, .max_chars = 1000,
	    .min_chars = required, .too_short = too_short,
	    .done = note_given, .arg = e });
}

static void
rating_chosen(int index, void *arg)
{
	struct eventscr	*e = arg;

	e->rating = 5 - index;
	next_ask(e);
}

static void
ask_rating(struct eventscr *e)
{
	const char	*v[5];

	v[0] = _("5 very good");
	v[1] = _("4 good");
	v[2] = _("3 fair");
	v[3] = _("2 poor");
	v[4] = _("1 very poor");
	list_ask(_("How well was it handled?"), v, 5, 0, rating_chosen, e);
}

/* 1 if s is a YYYY-MM-DD date. */
static int
is_date(const char *s)
{
	int	y, m, d;
	char	end;

	return (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d,
	    &end) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
}

static void	ask_date(struct eventscr *);

static void
date_given(const char *text, void *arg)
{
	struct eventscr	*e = arg;

	if (!is_date(text) || (*e->ev->due_date != '\0' && strcmp(text,
	    e->ev->due_date) <= 0)) {
		app_message(MSG_ERROR, _("Give a date after the deadline %s, "
		    "as YYYY-MM-DD."), *e->ev->due_date != '\0' ?
		    e->ev->due_date : "-");
		ask_date(e);
		return;
	}
	snprintf(e->until, sizeof e->until, "%s", text);
	next_ask(e);
}

static int
date_char(uint32_t c)
{
	return ((c >= '0' && c <= '9') || c == '-');
}

static void
ask_date(struct eventscr *e)
{
	prompt_ask(&(struct prompt){ .title = _("The new deadline "
	    "(YYYY-MM-DD)"), .max_chars = 10, .min_chars = 10,
	    .too_short = _("A date is ten characters: YYYY-MM-DD."),
	    .filter = date_char, .done = date_given, .arg = e });
}

static void
unit_chosen(int index, void *arg)
{
	struct eventscr	*e = arg;

	if (index < 0 || (size_t)index >= e->units->n)
		return;
	e->unit = e->units->items[index].id;
	next_ask(e);
}

static void
choose_unit(struct eventscr *e)
{
	const char	**v;
	size_t		  i;

	v = xcalloc(e->units->n + 1, sizeof *v);
	for (i = 0; i < e->units->n; i++)
		v[i] = e->units->items[i].name;
	list_ask(_("Send it up to"), v, (int)e->units->n, 0, unit_chosen, e);
	free(v);
}

static void
on_units(struct api_result *r, void *arg)
{
	struct eventscr	*e = arg;

	e->op = E_NONE;
	if (!app_answer(r))
		return;		/* said, or the session ended */
	e->units = r->model;
	r->model = NULL;
	choose_unit(e);
}

static void
ask_unit(struct eventscr *e)
{
	struct request	*rq;

	if (e->units != NULL) {
		choose_unit(e);
		return;
	}
	rq = start(e, E_UNITS, on_units);
	request_call(rq, api_event_units(app.api, request_reply, rq));
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
	e->asks |= EASK_NOTE_OPT;
	next_ask(e);
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
ask_staff(struct eventscr *e)
{
	struct request	*rq;

	if (e->staff != NULL)
		choose_staff(e);
	else {
		rq = start(e, E_STAFF, on_staff);
		request_call(rq, api_staff(app.api, request_reply, rq));
	}
}

/* Asks the next thing the step needs, or sends it. */
static void
next_ask(struct eventscr *e)
{
	static const struct {
		int	  bit;
		void	(*ask)(struct eventscr *);
	} order[] = {
		{ EASK_STAFF, ask_staff },
		{ EASK_UNIT, ask_unit },
		{ EASK_RATING, ask_rating },
		{ EASK_DATE, ask_date },
	};
	size_t	i;

	for (i = 0; i < sizeof order / sizeof *order; i++) {
		if (e->asks & order[i].bit) {
			e->asks &= ~order[i].bit;
			order[i].ask(e);
			return;
		}
	}
	if (e->asks & (EASK_NOTE | EASK_NOTE_OPT)) {
		ask_note(e, (e->asks & EASK_NOTE) != 0);
		e->asks = 0;
		return;
	}
	send_step(e, NULL);
}

/* Starts a step: refused with a sentence when it is not open now. */
static void
begin(struct eventscr *e, const struct event_act *a)
{
	if (!event_act_allowed(e->ev, a)) {
		if (strcmp(a->name, "assign") == 0 && !event_may_assign())
			app_message(MSG_ERROR, "%s", _("Only a supervisor can "
			    "assign events."));
		else
			app_message(MSG_ERROR, _("%s is not open to you on this "
			    "event now: Enter lists what is."), _(a->label));
		return;
	}
	e->act = a;
	e->asks = event_act_asks(e->ev, a);
	e->rating = 0;
	e->unit = 0;
	e->assignee = 0;
	e->until[0] = '\0';
	next_ask(e);
}

static void
step_chosen(int index, void *arg)
{
	struct eventscr		*e = arg;
	const struct event_act	*open[BAR_MAX];

	if (index >= 0 && index < event_acts_allowed(e->ev, open, BAR_MAX))
		begin(e, open[index]);
}

/* Enter: every step open now, to choose from. */
static void
choose_step(struct eventscr *e)
{
	const struct event_act	*open[BAR_MAX];
	const char		*v[BAR_MAX];
	int			 i, n;

	if ((n = event_acts_allowed(e->ev, open, BAR_MAX)) == 0) {
		app_message(MSG_INFO, "%s", _("No step on this event is yours "
		    "to take now."));
		return;
	}
	for (i = 0; i < n; i++)
		v[i] = _(open[i]->label);
	list_ask(_("Take a step"), v, n, 0, step_chosen, e);
}

static int
event_key(struct screen *s, int key)
{
	struct eventscr		*e = s->data;
	const struct event_act	*a;

	if (list_key(&e->history, key) != LIST_UNUSED) {
		app_dirty();
		return (1);
	}
	if (key == TK_ENTER) {
		if (ready(e))
			choose_step(e);
		return (1);
	}
	if (TK_IS_CODE(key) || (a = event_act_by_key(key)) == NULL)
		return (0);
	if (ready(e))
		begin(e, a);
	return (1);
}

/* The key bar: Enter, then the keys of the steps open now. */
static const struct keyhelp *
event_bar(struct screen *s)
{
	struct eventscr		*e = s->data;
	const struct event_act	*open[BAR_MAX];
	int			 i, n;

	if (e->ev == NULL)
		return (NULL);
	n = event_acts_allowed(e->ev, open, BAR_MAX);
	e->bar[0] = (struct keyhelp){ N_("Enter"), N_("Steps"), 1 };
	for (i = 0; i < n; i++)
		e->bar[i + 1] = (struct keyhelp){ open[i]->keyname,
		    open[i]->label, 1 };
	e->bar[n + 1] = (struct keyhelp){ NULL, NULL, 0 };
	return (e->bar);
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
	y = event_draw_facts(e->ev, top, top + rows, cols);
	if (y + 1 < top + rows)
		event_draw_timeline(e->ev, &e->history, y, top + rows, cols);
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
	.bar = event_bar,
};
