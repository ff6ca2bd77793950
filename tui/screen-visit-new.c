/*
 * Recording a visit (走访记录): whom the grid member met (M ticks the
 * household's members, O says who else or that nobody was in), and
 * what he found (A adds a finding: its type, a note, what is to
 * follow). A finding that needs handling may raise a grid event (E):
 * F9 reports those events first, through the events' own route, then
 * records the visit with their ids, so the visit shows where each
 * stands. An event reported stays reported if the visit then fails:
 * F9 again sends only what is left, with the same keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog-prompt.h"
#include "draw.h"
#include "event-labels.h"
#include "events.h"
#include "fieldwork.h"
#include "fieldwork-labels.h"
#include "keycodes.h"
#include "list.h"
#include "request.h"
#include "table.h"
#include "tui.h"
#include "../api/events.h"
#include "../api/households.h"
#include "../api/visits.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define FINDINGS_MAX	10
#define NOTE_MAX	500
#define MET_NOTE_MAX	100

enum { SLOT_HOUSEHOLD, SLOT_EVENT, SLOT_VISIT };

struct draft {
	int		 type;		/* finding_types[] */
	char		*note;
	char		*followup;
	int		 raise;		/* an event is to be reported */
	int		 category;	/* event_categories[] */
	int		 urgency;	/* event_urgencies[] */
	long long	 event_id;	/* reported: its id */
};

struct visitnew {
	long long		 id;
	struct household	*h;
	unsigned char		*met;		/* a tick per member */
	char			**names;	/* the members, for the ticks */
	char			*met_note;
	struct draft		 f[FINDINGS_MAX];
	int			 nf;
	int			 sending;	/* the finding whose event goes */
	struct list		 l;
};

static const struct keyhelp visit_keys[] = {
	{ N_("M"), N_("Met"), 1 },
	{ N_("A"), N_("Finding"), 1 },
	{ N_("E"), N_("Event"), 1 },
	{ N_("F9"), N_("Record"), 1 },
	{ N_("O"), N_("Who else, or nobody in"), 0 },
	{ N_("Del"), N_("Remove the finding"), 0 },
	{ N_("S"), N_("Record the visit (as F9)"), 0 },
	{ N_("Esc"), N_("Back (asks first)"), 0 },
	{ NULL, NULL, 0 }
};

static void
draft_clear(struct draft *d)
{
	free(d->note);
	free(d->followup);
	memset(d, 0, sizeof *d);
}

static void
on_household(struct api_result *r, void *arg)
{
	struct visitnew	*v = arg;
	size_t		 i;

	if (!app_answer(r))
		return;
	model_household_free(v->h);
	v->h = r->model;
	r->model = NULL;
	free(v->met);
	free(v->names);
	v->met = xcalloc(v->h->nmembers + 1, 1);
	v->names = xcalloc(v->h->nmembers + 1, sizeof *v->names);
	for (i = 0; i < v->h->nmembers; i++)
		v->names[i] = v->h->members[i].name;
}

static void
visitnew_init(struct screen *s, void *arg)
{
	struct visitnew	*v = xcalloc(1, sizeof *v);
	struct request	*rq;

	v->id = *(const long long *)arg;
	s->data = v;
	rq = request_new(v, SLOT_HOUSEHOLD, on_household, v);
	request_call(rq, api_household_get(app.api, v->id, request_reply,
	    rq));
}

static void
visitnew_free(struct screen *s)
{
	struct visitnew	*v = s->data;
	int		 i;

	for (i = 0; i < v->nf; i++)
		draft_clear(&v->f[i]);
	model_household_free(v->h);
	free(v->met);
	free(v->names);
	free(v->met_note);
	list_free(&v->l);
	free(v);
}

/* What a dialog answers about, kept while it asks: the dialogs answer
 * only while this screen is there (dialog-list.c, dialog-prompt.h). */
struct asked {
	struct visitnew	*v;
	int		 k;		/* the finding */
	int		 type;
	char		*note;
};

static struct asked	asked;

static void
met_done(int index, void *arg)
{
	(void)index;
	(void)arg;
	app_dirty();
}

static void
ask_met(struct visitnew *v)
{
	struct list_ask	a;

	if (v->h == NULL || v->h->nmembers == 0) {
		app_hint(MSG_ERROR, "%s", _("The household has no members on "
		    "record: O says whom you met."));
		return;
	}
	memset(&a, 0, sizeof a);
	a.title = _("Whom did you meet? Space ticks, Enter");
	a.items = (const char *const *)v->names;
	a.n = (int)v->h->nmembers;
	a.ticks = v->met;
	a.done = met_done;
	a.arg = v;
	list_ask_with(&a);
}

static void
met_note_done(const char *text, void *arg)
{
	struct visitnew	*v = arg;

	free(v->met_note);
	v->met_note = xstrdup(text);
}

static void
ask_met_note(struct visitnew *v)
{
	prompt_ask(&(struct prompt){ .title = _("Who else, or that nobody "
	    "was in (无人在家)"), .initial = v->met_note,
	    .max_chars = MET_NOTE_MAX, .done = met_note_done, .arg = v });
}

static void
urgency_done(int index, void *arg)
{
	struct asked	*a = arg;
	struct draft	*d = &a->v->f[a->k];

	d->urgency = index;
	d->raise = 1;
	app_hint(MSG_INFO, _("The event is reported with the visit (%s, "
	    "%s)."), event_category_label(event_categories[d->category]),
	    event_urgency_label(event_urgencies[index]));
}

static void
category_done(int index, void *arg)
{
	struct asked	*a = arg;
	const char	*labels[EVENT_NURGENCIES];
	int		 i;

	a->v->f[a->k].category = index;
	for (i = 0; i < EVENT_NURGENCIES; i++)
		labels[i] = event_urgency_label(event_urgencies[i]);
	list_ask(_("How urgent?"), labels, EVENT_NURGENCIES, 1, urgency_done,
	    a);
}

/* Raising an event for finding k: its category, then its urgency. */
static void
ask_event(struct visitnew *v, int k)
{
	const char	*labels[EVENT_NCATEGORIES], *cat;
	int		 i, sel = 0;

	if (v->f[k].event_id > 0) {
		app_hint(MSG_ERROR, _("Event %lld is reported for this finding "
		    "already."), v->f[k].event_id);
		return;
	}
	if (v->h == NULL || v->h->grid_id <= 0) {
		app_hint(MSG_ERROR, "%s", _("The household is in no grid: an "
		    "event cannot be reported for it."));
		return;
	}
	cat = finding_event_category(finding_types[v->f[k].type]);
	for (i = 0; i < EVENT_NCATEGORIES; i++) {
		labels[i] = event_category_label(event_categories[i]);
		if (strcmp(event_categories[i], cat) == 0)
			sel = i;
	}
	asked.v = v;
	asked.k = k;
	list_ask(_("Raise a grid event: its category"), labels,
	    EVENT_NCATEGORIES, sel, category_done, &asked);
}

static void
raise_yes(void *arg)
{
	struct asked	*a = arg;

	ask_event(a->v, a->k);
}

/* The finding is complete: it joins the list; one that needs handling
 * is offered an event. */
static void
followup_done(const char *text, void *arg)
{
	struct asked	*a = arg;
	struct visitnew	*v = a->v;
	struct draft	*d = &v->f[v->nf];

	d->type = a->type;
	d->note = a->note;
	a->note = NULL;
	d->followup = xstrdup(text);
	d->urgency = 1;
	a->k = v->nf++;
	list_count(&v->l, v->nf);
	list_select(&v->l, a->k);
	if (strcmp(finding_types[d->type], "normal") != 0 &&
	    v->h != NULL && v->h->grid_id > 0)
		confirm_ask(_("Raise a grid event for this finding?"),
		    raise_yes, a);
}

static void
note_done(const char *text, void *arg)
{
	struct asked	*a = arg;

	free(a->note);
	a->note = xstrdup(text);
	prompt_ask(&(struct prompt){ .title = _("What is to follow (may be "
	    "left empty)"), .max_chars = NOTE_MAX, .done = followup_done,
	    .arg = a });
}

static void
type_done(int index, void *arg)
{
	struct asked	*a = arg;
	int		 normal = strcmp(finding_types[index], "normal") == 0;

	a->type = index;
	prompt_ask(&(struct prompt){ .title = normal ? _("A note (may be "
	    "left empty)") : _("What did you find? (required)"),
	    .max_chars = NOTE_MAX, .min_chars = normal ? 0 : 1,
	    .too_short = _("Say what you found."), .done = note_done,
	    .arg = a });
}

static void
ask_finding(struct visitnew *v)
{
	const char	*labels[FINDING_NTYPES];
	int		 i;

	if (v->nf >= FINDINGS_MAX) {
		app_hint(MSG_ERROR, _("A visit holds %d findings at most."),
		    FINDINGS_MAX);
		return;
	}
	for (i = 0; i < FINDING_NTYPES; i++)
		labels[i] = finding_type_label(finding_types[i]);
	free(asked.note);
	asked = (struct asked){ v, 0, 0, NULL };
	list_ask(_("What kind of finding?"), labels, FINDING_NTYPES, 0,
	    type_done, &asked);
}

static void
remove_finding(struct visitnew *v)
{
	int	k = list_selected(&v->l);

	if (k < 0 || k >= v->nf)
		return;
	if (v->f[k].event_id > 0) {
		app_hint(MSG_ERROR, _("Event %lld is reported for this finding: "
		    "the finding stays with it."), v->f[k].event_id);
		return;
	}
	draft_clear(&v->f[k]);
	memmove(&v->f[k], &v->f[k + 1], (size_t)(v->nf - k - 1) *
	    sizeof *v->f);
	memset(&v->f[--v->nf], 0, sizeof *v->f);
	list_count(&v->l, v->nf);
	app_dirty();
}

static void	send_next(struct visitnew *);

static void
on_reported(struct api_result *r, void *arg)
{
	struct visitnew	*v = arg;
	long long	 id;

	if (!app_answer(r))
		return;
	id = ((struct event *)r->model)->id;
	v->f[v->sending].event_id = id;
	app_changed(RES_EVENT, id);
	send_next(v);
}

static void
on_recorded(struct api_result *r, void *arg)
{
	struct visitnew	*v = arg;
	int		 i, events = 0;

	if (!app_answer(r))
		return;
	for (i = 0; i < v->nf; i++)
		events += v->f[i].event_id > 0;
	app_message(MSG_INFO, _("Visit recorded. Findings: %d; events "
	    "reported: %d."), v->nf, events);
	app_changed(RES_VISIT, v->id);
	app_pop();			/* v is gone */
}

/* The visit's body, for its key: the same visit again keeps it. */
static char *
visit_what(const struct visitnew *v)
{
	char	*s = xasprintf("visit %lld", v->id), *t;
	size_t	 i;
	int	 k;

	for (i = 0; v->h != NULL && i < v->h->nmembers; i++) {
		if (!v->met[i])
			continue;
		t = xasprintf("%s m%lld", s, v->h->members[i].id);
		free(s);
		s = t;
	}
	for (k = 0; k < v->nf; k++) {
		t = xasprintf("%s|%d %lld %s|%s", s, v->f[k].type,
		    v->f[k].event_id, v->f[k].note, v->f[k].followup);
		free(s);
		s = t;
	}
	t = xasprintf("%s|%s", s, v->met_note != NULL ? v->met_note : "");
	free(s);
	return (t);
}

static void
record(struct visitnew *v)
{
	struct new_finding	 nf[FINDINGS_MAX];
	struct request		*rq = request_new(v, SLOT_VISIT, on_recorded,
				    v);
	long long		*met = xcalloc(v->h->nmembers + 1,
				    sizeof *met);
	size_t			 i, n = 0;
	char			*what = visit_what(v);
	int			 k;

	for (i = 0; i < v->h->nmembers; i++) {
		if (v->met[i])
			met[n++] = v->h->members[i].id;
	}
	for (k = 0; k < v->nf; k++)
		nf[k] = (struct new_finding){ finding_types[v->f[k].type],
		    v->f[k].note, v->f[k].followup, v->f[k].event_id };
	request_call(rq, api_visit_record(app.api, v->id, met, n,
	    v->met_note, nf, (size_t)v->nf, request_key(rq, what),
	    request_reply, rq));
	free(what);
	free(met);
}

/* The next event to report, else the visit. */
static void
send_next(struct visitnew *v)
{
	struct request	*rq;
	struct draft	*d;
	char		*what;
	int		 k;

	for (k = 0; k < v->nf; k++) {
		d = &v->f[k];
		if (!d->raise || d->event_id > 0)
			continue;
		v->sending = k;
		what = xasprintf("event %lld %d %s", v->id, k, d->note);
		rq = request_new(v, SLOT_EVENT, on_reported, v);
		request_call(rq, api_event_report(app.api,
		    event_categories[d->category], v->h->address, d->note,
		    event_urgencies[d->urgency], v->h->grid_id, 0,
		    request_key(rq, what), request_reply, rq));
		free(what);
		return;
	}
	record(v);
}

static int
anyone_met(const struct visitnew *v)
{
	size_t	i;

	if (v->met_note != NULL && *v->met_note != '\0')
		return (1);
	for (i = 0; v->h != NULL && i < v->h->nmembers; i++) {
		if (v->met[i])
			return (1);
	}
	return (0);
}

static void
send_visit(struct visitnew *v)
{
	if (v->h == NULL || request_refuse(v, SLOT_ANY))
		return;
	if (!anyone_met(v)) {
		app_hint(MSG_ERROR, "%s", _("Whom did you meet? M ticks the "
		    "members, O says who else or that nobody was in."));
		return;
	}
	if (v->nf == 0) {
		app_hint(MSG_ERROR, "%s", _("A visit has at least one finding: "
		    "A adds one (Normal when all is well)."));
		return;
	}
	send_next(v);
}

static void
leave(void *arg)
{
	(void)arg;
	app_pop();
}

static int
visitnew_key(struct screen *s, int key)
{
	struct visitnew	*v = s->data;
	int		 k;

	if (request_busy(v, SLOT_EVENT) || request_busy(v, SLOT_VISIT)) {
		if (key == TK_ESC)
			return (0);	/* the kit's: cancel */
		return (request_refuse(v, SLOT_ANY));
	}
	switch (key) {
	case 'm': case 'M':
		ask_met(v);
		return (1);
	case 'o': case 'O':
		ask_met_note(v);
		return (1);
	case 'a': case 'A':
		ask_finding(v);
		return (1);
	case 'e': case 'E':
		if ((k = list_selected(&v->l)) >= 0 && k < v->nf)
			ask_event(v, k);
		return (1);
	case TK_DELETE:
		remove_finding(v);
		return (1);
	case TK_F(9): case TK_CTRL('s'): case 's': case 'S':
		send_visit(v);
		return (1);
	case TK_ESC:
		if (v->nf == 0 && !anyone_met(v))
			return (0);
		confirm_ask(_("Leave without recording this visit?"), leave,
		    v);
		return (1);
	}
	if (list_key(&v->l, key) == LIST_UNUSED)
		return (0);
	app_dirty();
	return (1);
}

static void
met_text(const struct visitnew *v, char *out, size_t len)
{
	size_t	i, k = 0;
	int	n;

	out[0] = '\0';
	for (i = 0; i < v->h->nmembers && k < len; i++) {
		if (!v->met[i])
			continue;
		n = snprintf(out + k, len - k, "%s%s", k > 0 ? ", " : "",
		    v->h->members[i].name);
		k += n > 0 ? (size_t)n : 0;
	}
	if (k == 0)
		snprintf(out, len, "-");
}

#define NCOLS 3

static void
draw_findings(struct visitnew *v, int y, int last, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("Finding"), 4, 0, 0 }, { _("Event"), 4, 0, 0 },
		{ _("Note"), 0, 1, 0 },
	};
	const char		**val;
	char			(*ev)[64];
	struct draft		 *d;
	int			  k;

	val = xcalloc((size_t)v->nf * NCOLS + 1, sizeof *val);
	ev = xcalloc((size_t)v->nf + 1, sizeof *ev);
	for (k = 0; k < v->nf; k++) {
		d = &v->f[k];
		if (d->event_id > 0)
			snprintf(ev[k], sizeof ev[k], _("No. %lld"),
			    d->event_id);
		else
			snprintf(ev[k], sizeof ev[k], "%s", d->raise ?
			    event_category_label(event_categories[
			    d->category]) : "-");
		val[k * NCOLS] = finding_type_label(finding_types[d->type]);
		val[k * NCOLS + 1] = ev[k];
		val[k * NCOLS + 2] = *d->note != '\0' ? d->note : "-";
	}
	table_list(y, last, cols, c, NCOLS, val, &v->l, 1);
	free(val);
	free(ev);
}

static void
visitnew_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct visitnew	*v = s->data;
	char		 line[512];
	int		 y = top;

	*cy = *cx = -1;
	draw_text(y++, 1, _("Record a visit"), cols - 2, STYLE_TITLE);
	if (v->h == NULL) {
		draw_text(y + 1, 2, request_busy(v, SLOT_HOUSEHOLD) ?
		    _("Loading...") : _("Not loaded. Esc, then try again."),
		    cols - 4, STYLE_DIM);
		return;
	}
	draw_text(y++, 1, v->h->address, cols - 2, STYLE_NORMAL);
	draw_hline(y++, 0, cols);
	met_text(v, line, sizeof line);
	draw_field(y++, 1, _("Met (M)"), line, cols - 1);
	draw_field(y++, 1, _("Others (O)"), v->met_note != NULL &&
	    *v->met_note != '\0' ? v->met_note : "-", cols - 1);
	y++;
	if (v->nf == 0) {
		draw_wrap(y, 2, _("No findings yet: A adds one (Normal when "
		    "all is well)."), cols - 4, 2, STYLE_DIM);
		return;
	}
	draw_findings(v, y, top + rows - 1, cols);
	draw_text(top + rows - 1, 1, request_busy(v, SLOT_ANY) ?
	    _("Sending...") : _("F9 records the visit."), cols - 2,
	    STYLE_DIM);
}

const struct screen_ops screen_visit_new = {
	.name = "visit-new",
	.title = N_("Record a visit"),
	.init = visitnew_init,
	.free = visitnew_free,
	.key = visitnew_key,
	.draw = visitnew_draw,
	.keys = visit_keys,
};
