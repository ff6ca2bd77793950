/* 迁入, 迁出, a death reported, confirmed or rejected, a data-error flag:
 * asked on the profile, one step at a time, then sent. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog-prompt.h"
#include "request.h"
#include "resident-labels.h"
#include "resident-status.h"
#include "tui.h"
#include "when.h"
#include "../api/flags.h"
#include "../api/residents.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

enum { A_REPORT, A_CONFIRM, A_REJECT, A_MOVE_OUT, A_MOVE_IN, A_COUNT };
_Static_assert(A_COUNT <= STATUS_ASK_MAX, "the list of actions");

/* What each action asks for; reason_min -1: no reason asked. */
static const struct step {
	const char	*action;	/* the contract's */
	const char	*label;		/* msgid, in the list of actions */
	const char	*from;		/* the status it is offered in */
	int		 supervisor;	/* only a supervisor's */
	int		 date, place, source;
	int		 reason_min;
} steps[A_COUNT] = {
	{ "report_death", N_("Report a death (报告死亡)"), "active", 0,
	  1, 0, 0, 2 },
	{ "confirm_death", N_("Confirm the death (确认死亡)"),
	  "death_reported", 1, 0, 0, 1, -1 },
	{ "reject_death", N_("Reject the death report (撤销)"),
	  "death_reported", 1, 0, 0, 0, 2 },
	{ "move_out", N_("Move out (迁出)"), "active", 0, 1, 1, 0, 0 },
	{ "move_in", N_("Move in (迁入)"), "moved_out", 0, 1, 1, 0, 0 },
};

/* What a supervisor confirms a death by, offered first. */
static const char *const sources[] = {
	"医院死亡医学证明", "公安户籍注销", "火化证明", "居民死亡殡葬证",
};
#define NSOURCES ((int)(sizeof sources / sizeof *sources))

static void	next(struct status_ask *);

void
status_ask_clear(struct status_ask *sa)
{
	free(sa->name);
	free(sa->date);
	free(sa->place);
	free(sa->source);
	free(sa->reason);
	sa->name = sa->date = sa->place = sa->source = sa->reason = NULL;
}

static void
begin(struct status_ask *sa, const struct resident *r)
{
	status_ask_clear(sa);
	sa->id = r->s.id;
	sa->version = r->version;
	sa->name = xstrdup(r->s.name);
}

static void
on_sent(struct api_result *r, void *arg)
{
	struct status_ask	*sa = arg;
	struct resident		*now = r->model;

	if (app_signed_out(r))
		return;
	if (r->status == API_OK) {
		app_message(MSG_INFO, _("Saved: %s: %s."), now->s.name,
		    resident_status_label(now->s.status));
		app_changed(RES_RESIDENT, sa->id);
	} else if (r->http_status == 412) {
		app_message(MSG_ERROR, "%s", _("Someone else changed this "
		    "record meanwhile: it is shown as it is now. Try again."));
		app_changed(RES_RESIDENT, sa->id);
	} else if (r->nerrors > 0)
		app_message(MSG_ERROR, _("Not saved: %s"),
		    r->errors[0].message);
	else
		app_message(MSG_ERROR, _("Not saved: %s"), r->message);
}

static void
send_action(struct status_ask *sa)
{
	const struct step	*st = &steps[sa->action];
	struct request		*rq = request_new(sa->owner, sa->slot,
				    on_sent, sa);
	cJSON			*b = cJSON_CreateObject();
	char			*what;

	cJSON_AddStringToObject(b, "action", st->action);
	if (sa->date != NULL)
		cJSON_AddStringToObject(b, "date", sa->date);
	if (sa->place != NULL)
		cJSON_AddStringToObject(b, "place", sa->place);
	if (sa->source != NULL)
		cJSON_AddStringToObject(b, "source", sa->source);
	if (sa->reason != NULL && *sa->reason != '\0')
		cJSON_AddStringToObject(b, "reason", sa->reason);
	what = cJSON_PrintUnformatted(b);
	request_call(rq, api_resident_transition(app.api, sa->id, sa->version,
	    b, request_key(rq, what), request_reply, rq));
	free(what);
	app_message(MSG_INFO, "%s", _("Sending..."));
}

static int
date_char(uint32_t cp)
{
	return ((cp >= '0' && cp <= '9') || cp == '-');
}

/* YYYY-MM-DD by its shape; the server checks the rest. */
static int
date_shaped(const char *s)
{
	int	i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !isdigit((unsigned char)s[i]))
			return (0);
	}
	return (s[10] == '\0');
}

static void
date_given(const char *text, void *arg)
{
	struct status_ask	*sa = arg;

	if (!date_shaped(text)) {
		app_message(MSG_ERROR, "%s", _("A date is written "
		    "YYYY-MM-DD, e.g. 2026-11-27."));
		return;
	}
	sa->date = xstrdup(text);
	next(sa);
}

static void
place_given(const char *text, void *arg)
{
	struct status_ask	*sa = arg;

	sa->place = xstrdup(text);
	next(sa);
}

static void
source_given(const char *text, void *arg)
{
	struct status_ask	*sa = arg;

	sa->source = xstrdup(text);
	next(sa);
}

static void
reason_given(const char *text, void *arg)
{
	struct status_ask	*sa = arg;

	sa->reason = xstrdup(text);
	next(sa);
}

static void
source_chosen(int index, void *arg)
{
	struct status_ask	*sa = arg;

	if (index >= 0 && index < NSOURCES) {
		source_given(sources[index], sa);
		return;
	}
	prompt_ask(&(struct prompt){ .title = _("Confirmed by what?"),
	    .max_chars = 100, .min_chars = 2, .done = source_given,
	    .arg = sa });
}

static void
ask_date(struct status_ask *sa)
{
	char	today[11];

	when_today(today);
	prompt_ask(&(struct prompt){ .title = sa->action == A_REPORT ?
	    _("Date of death (YYYY-MM-DD)") : sa->action == A_MOVE_OUT ?
	    _("Moved out on (YYYY-MM-DD)") : _("Moved in on (YYYY-MM-DD)"),
	    .initial = today, .max_chars = 10, .min_chars = 10,
	    .too_short = _("A date is written YYYY-MM-DD, e.g. 2026-11-27."),
	    .filter = date_char, .done = date_given, .arg = sa });
}

static void
ask_source(struct status_ask *sa)
{
	const char	*items[NSOURCES + 1];
	int		 i;

	for (i = 0; i < NSOURCES; i++)
		items[i] = sources[i];
	items[i] = _("Something else: type it");
	list_ask(_("The death is confirmed by"), items, NSOURCES + 1, 0,
	    source_chosen, sa);
}

static void
ask_reason(struct status_ask *sa, int min)
{
	prompt_ask(&(struct prompt){ .title = sa->action == A_REPORT ?
	    _("How was it learned? (kept)") : min > 0 ?
	    _("Why? (kept in the history)") :
	    _("Why? (kept; may stay empty)"), .max_chars = 200,
	    .min_chars = (size_t)min, .too_short = _("Give the reason, 2 to "
	    "200 characters: it is kept in the history."),
	    .done = reason_given, .arg = sa });
}

/* Asks for what the action still needs, or sends it. */
static void
next(struct status_ask *sa)
{
	const struct step	*st = &steps[sa->action];

	if (st->date && sa->date == NULL)
		ask_date(sa);
	else if (st->place && sa->place == NULL)
		prompt_ask(&(struct prompt){ .title = sa->action == A_MOVE_OUT ?
		    _("Moved out to where?") : _("Moved in from where?"),
		    .max_chars = 100, .min_chars = 1, .done = place_given,
		    .arg = sa });
	else if (st->source && sa->source == NULL)
		ask_source(sa);
	else if (st->reason_min >= 0 && sa->reason == NULL)
		ask_reason(sa, st->reason_min);
	else
		send_action(sa);
}

static void
action_chosen(int index, void *arg)
{
	struct status_ask	*sa = arg;

	if (index < 0 || index >= A_COUNT)
		return;
	sa->action = sa->offered[index];
	next(sa);
}

void
status_ask_start(struct status_ask *sa, const struct resident *r)
{
	const char	*items[A_COUNT];
	int		 i, n = 0;

	begin(sa, r);
	for (i = 0; i < A_COUNT; i++) {
		if (strcmp(steps[i].from, r->s.status) != 0 ||
		    (steps[i].supervisor && !resident_may_confirm()))
			continue;
		sa->offered[n] = i;
		items[n++] = _(steps[i].label);
	}
	if (n == 0) {
		app_message(MSG_ERROR, strcmp(r->s.status, "death_reported") ==
		    0 ? _("%s's death awaits the supervisor's confirmation.") :
		    _("%s's status cannot be changed here."), r->s.name);
		return;
	}
	list_ask(_("Change the status"), items, n, 0, action_chosen, sa);
}

static void
on_flag(struct api_result *r, void *arg)
{
	struct status_ask	*sa = arg;

	if (!app_answer(r))
		return;
	app_message(MSG_INFO, "%s", _("Flag raised: the supervisor sees it "
	    "on the list of data errors."));
	app_changed(RES_RESIDENT, sa->id);
}

static void
flag_given(const char *text, void *arg)
{
	struct status_ask	*sa = arg;
	struct request		*rq = request_new(sa->owner, sa->slot, on_flag,
				    sa);
	char			*what = xasprintf("flag %lld %s", sa->id, text);

	request_call(rq, api_flag_raise(app.api, sa->id, text,
	    request_key(rq, what), request_reply, rq));
	free(what);
	app_message(MSG_INFO, "%s", _("Sending..."));
}

void
status_ask_flag(struct status_ask *sa, const struct resident *r)
{
	begin(sa, r);
	prompt_ask(&(struct prompt){ .title = _("What is wrong in the "
	    "record?"), .max_chars = 500, .min_chars = 2, .too_short =
	    _("Say what is wrong, 2 to 500 characters."), .done = flag_given,
	    .arg = sa });
}
