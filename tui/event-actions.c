/* The steps of a grid event, as the screen offers them. */
#include <string.h>

#include "event-actions.h"
#include "event-labels.h"
#include "tui.h"
#include "../api/events.h"
#include "../locale/i18n.h"

const struct event_act event_acts[] = {
	{ "sign", 'w', N_("W"), N_("Sign"), EASK_NONE, NULL, NULL },
	{ "feedback", 'v', N_("V"), N_("Feedback"), EASK_NOTE,
	    N_("What was done? (required)"), N_("Say what was done: a "
	    "resolved event needs a note.") },
	{ "self_resolve", 's', N_("S"), N_("Handle myself"), EASK_NOTE,
	    N_("What did you do about it? (required)"), N_("Say what you "
	    "did: an event handled by its reporter needs a note.") },
	{ "resubmit", 'r', N_("R"), N_("Report again"), EASK_NOTE_OPT,
	    N_("What was added? (Enter for none)"), NULL },
	{ "return", 'b', N_("B"), N_("Return"), EASK_NOTE,
	    N_("Why send it back? (required)"), N_("Say why: an event sent "
	    "back needs a reason.") },
	{ "escalate", 'u', N_("U"), N_("Escalate"), EASK_UNIT | EASK_NOTE,
	    N_("Why send it up? (required)"), N_("Say why: an escalated "
	    "event needs a reason.") },
	{ "check", 'k', N_("K"), N_("Check"), EASK_RATING | EASK_NOTE_OPT,
	    N_("A note on the check (Enter for none)"), NULL },
	{ "close", 'c', N_("C"), N_("Close"), EASK_NOTE_OPT,
	    N_("A note on the close (Enter for none)"), NULL },
	{ "extend", 'x', N_("X"), N_("Extension"), EASK_DATE | EASK_NOTE,
	    N_("Why more time? (required)"), N_("Say why: an extension "
	    "needs a reason.") },
	{ "approve_extension", 'p', N_("P"), N_("Approve"), EASK_NOTE_OPT,
	    N_("A note on the approval (Enter for none)"), NULL },
	{ "refuse_extension", 'n', N_("N"), N_("Refuse"), EASK_NOTE_OPT,
	    N_("Why refuse it? (Enter for none)"), NULL },
	{ "supervise", 'd', N_("D"), N_("Supervise"), EASK_NOTE,
	    N_("What do you ask of it? (required)"), N_("Say what you ask: "
	    "a supervision is a note.") },
	{ "assign", 'a', N_("A"), N_("Assign"), EASK_STAFF, NULL, NULL },
	{ "note", 'o', N_("O"), N_("Note"), EASK_NOTE,
	    N_("A note on the event"), NULL },
	{ NULL, 0, NULL, NULL, 0, NULL, NULL }
};

const struct event_act *
event_act_by_key(int key)
{
	const struct event_act	*a;

	if (key >= 'A' && key <= 'Z')
		key += 'a' - 'A';
	for (a = event_acts; a->name != NULL; a++) {
		if (a->key == key)
			return (a);
	}
	return (NULL);
}

/* 1 if the user holds the event: it offers him its 签收 or 反馈,
 * which only its assignee (or a supervisor) is offered. */
static int
mine(const struct event *ev)
{
	return (ev->assignee_id != 0 && (event_allows(ev, "sign") ||
	    event_allows(ev, "feedback")));
}

int
event_act_allowed(const struct event *ev, const struct event_act *a)
{
	const char	*st = ev->status;

	if (strcmp(a->name, "assign") == 0)
		return (event_may_assign() && (strcmp(st, "reported") == 0 ||
		    strcmp(st, "assigned") == 0 || strcmp(st, "escalated") ==
		    0 || strcmp(st, "in_progress") == 0));
	if (strcmp(a->name, "note") == 0)
		return (strcmp(st, "closed") != 0 && (event_may_assign() ||
		    mine(ev)));
	return (event_allows(ev, a->name));
}

int
event_acts_allowed(const struct event *ev, const struct event_act **out,
    int max)
{
	const struct event_act	*a;
	int			 n = 0;

	for (a = event_acts; a->name != NULL && n < max; a++) {
		if (event_act_allowed(ev, a))
			out[n++] = a;
	}
	return (n);
}

int
event_act_asks(const struct event *ev, const struct event_act *a)
{
	int	ask = a->ask;

	if (strcmp(a->name, "close") == 0 && strcmp(ev->status,
	    "reported") == 0)
		ask = (ask & ~EASK_NOTE_OPT) | EASK_NOTE;
	if (strcmp(a->name, "sign") == 0 && *ev->unit != '\0')
		ask |= EASK_NOTE_OPT;
	return (ask);
}
