/* The grid event's state table (docs/api.md 12): which action starts
 * from which status, where it leads and who may take it. */
#include <stddef.h>
#include <string.h>

#include "event-flow.h"

/* Who may take a step, as bits. */
#define W_BOSS		0x1	/* a supervisor or admin of the centre */
#define W_REPORTER	0x2
#define W_ASSIGNEE	0x4
#define W_CHECKER	0x8	/* the reporter, unless he handled it himself */

/* One row: action from status to status (NULL: stays), by whom. */
struct step {
	enum event_action	 action;
	const char		*from;
	const char		*to;
	int			 who;
};

static const struct step steps[] = {
	{ EA_SIGN, "assigned", "in_progress", W_ASSIGNEE | W_BOSS },
	{ EA_SIGN, "escalated", "in_progress", W_BOSS },
	{ EA_FEEDBACK, "in_progress", "resolved", W_ASSIGNEE | W_BOSS },
	{ EA_SELF_RESOLVE, "reported", "resolved", W_REPORTER },
	{ EA_SELF_RESOLVE, "returned", "resolved", W_REPORTER },
	{ EA_RESUBMIT, "returned", "reported", W_REPORTER },
	{ EA_RETURN, "reported", "returned", W_BOSS },
	{ EA_RETURN, "assigned", "reported", W_ASSIGNEE | W_BOSS },
	{ EA_RETURN, "escalated", "reported", W_BOSS },
	{ EA_RETURN, "resolved", "in_progress", W_CHECKER | W_BOSS },
	{ EA_ESCALATE, "reported", "escalated", W_BOSS },
	{ EA_ESCALATE, "assigned", "escalated", W_BOSS },
	{ EA_ESCALATE, "escalated", "escalated", W_BOSS },
	{ EA_ESCALATE, "in_progress", "escalated", W_BOSS },
	{ EA_CHECK, "resolved", "checked", W_CHECKER | W_BOSS },
	{ EA_CLOSE, "checked", "closed", W_BOSS },
	{ EA_CLOSE, "reported", "closed", W_BOSS },
	{ EA_EXTEND, "assigned", NULL, W_ASSIGNEE | W_BOSS },
	{ EA_EXTEND, "escalated", NULL, W_BOSS },
	{ EA_EXTEND, "in_progress", NULL, W_ASSIGNEE | W_BOSS },
};

static const char *const names[EA_COUNT] = {
	[EA_SIGN] = "sign",
	[EA_FEEDBACK] = "feedback",
	[EA_SELF_RESOLVE] = "self_resolve",
	[EA_RESUBMIT] = "resubmit",
	[EA_RETURN] = "return",
	[EA_ESCALATE] = "escalate",
	[EA_CHECK] = "check",
	[EA_CLOSE] = "close",
	[EA_EXTEND] = "extend",
	[EA_APPROVE_EXTENSION] = "approve_extension",
	[EA_REFUSE_EXTENSION] = "refuse_extension",
	[EA_SUPERVISE] = "supervise",
};

const char *
event_flow_name(enum event_action a)
{
	return ((unsigned)a < EA_COUNT ? names[a] : NULL);
}

int
event_flow_lookup(const char *name)
{
	int	i;

	for (i = 0; i < EA_COUNT; i++) {
		if (strcmp(names[i], name) == 0)
			return (i);
	}
	return (-1);
}

int
event_flow_open(const char *status)
{
	return (strcmp(status, "reported") == 0 || strcmp(status,
	    "returned") == 0 || strcmp(status, "assigned") == 0 ||
	    strcmp(status, "escalated") == 0 || strcmp(status,
	    "in_progress") == 0);
}

/* The row for the action from the event's status, or NULL. */
static const struct step *
find(enum event_action a, const char *status)
{
	size_t	i;

	for (i = 0; i < sizeof steps / sizeof *steps; i++) {
		if (steps[i].action == a && strcmp(steps[i].from, status) == 0)
			return (&steps[i]);
	}
	return (NULL);
}

const char *
event_flow_target(enum event_action a, const struct event_party *p)
{
	const struct step	*s;

	switch (a) {
	case EA_APPROVE_EXTENSION:
	case EA_REFUSE_EXTENSION:
		return (p->pending && event_flow_open(p->status) ? p->status :
		    NULL);
	case EA_SUPERVISE:
		return (strcmp(p->status, "closed") != 0 ? p->status : NULL);
	case EA_EXTEND:
		if (p->pending)
			return (NULL);
		break;
	case EA_RETURN:
		/* a 自办自结 not accepted goes back to its reporter */
		if (strcmp(p->status, "resolved") == 0 && p->self_resolved)
			return ("returned");
		break;
	default:
		break;
	}
	if ((s = find(a, p->status)) == NULL)
		return (NULL);
	return (s->to != NULL ? s->to : p->status);
}

/* The caller's relation to the event, as W_ bits. */
static int
who(const struct event_party *p)
{
	int	w = 0;

	if (p->boss)
		w |= W_BOSS;
	if (p->reporter)
		w |= W_REPORTER;
	if (p->reporter && !p->self_resolved)
		w |= W_CHECKER;
	if (p->assignee && !p->unit_held)
		w |= W_ASSIGNEE;
	return (w);
}

int
event_flow_may(enum event_action a, const struct event_party *p)
{
	const struct step	*s;

	if (a == EA_APPROVE_EXTENSION || a == EA_REFUSE_EXTENSION ||
	    a == EA_SUPERVISE)
		return (p->boss);
	if ((s = find(a, p->status)) == NULL)
		return (0);
	return ((s->who & who(p)) != 0);
}

int
event_flow_party(const struct event_party *p)
{
	return (p->boss || p->reporter || p->assignee);
}

void
event_flow_actions(const struct event_party *p, cJSON *list)
{
	int	a;

	for (a = 0; a < EA_COUNT; a++) {
		if (event_flow_target(a, p) != NULL && event_flow_may(a, p))
			cJSON_AddItemToArray(list, cJSON_CreateString(
			    names[a]));
	}
}
