/* Grid events' codes as the clerk reads them. */
#include <string.h>

#include "event-labels.h"
#include "events.h"
#include "labels.h"
#include "tui.h"
#include "../locale/i18n.h"

const char *const event_categories[EVENT_NCATEGORIES] = {
	"environment", "facilities", "safety", "fire", "public_order",
	"dispute", "special_care", "housing", "other"
};

const char *const event_urgencies[EVENT_NURGENCIES] = {
	"low", "normal", "high", "urgent"
};

static const struct code_label categories[] = {
	{ "environment", N_("Environment") },
	{ "facilities", N_("Facilities") },
	{ "safety", N_("Safety hazard") },
	{ "fire", N_("Fire safety") },
	{ "public_order", N_("Public order") },
	{ "dispute", N_("Dispute") },
	{ "special_care", N_("Special care") },
	{ "housing", N_("Housing") },
	{ "other", N_("Other") },
	{ NULL, NULL }
};

static const struct code_label urgencies[] = {
	{ "low", N_("low") },
	{ "normal", N_("normal") },
	{ "high", N_("high") },
	{ "urgent", N_("urgent") },
	{ NULL, NULL }
};

static const struct code_label statuses[] = {
	{ "reported", N_("reported") },
	{ "returned", N_("returned") },
	{ "assigned", N_("assigned") },
	{ "escalated", N_("escalated") },
	{ "in_progress", N_("in progress") },
	{ "resolved", N_("resolved") },
	{ "checked", N_("checked") },
	{ "closed", N_("closed") },
	{ NULL, NULL }
};

/* A timeline step's action. */
static const struct code_label steps[] = {
	{ "report", N_("reported it") },
	{ "assign", N_("assigned it") },
	{ "note", N_("noted") },
	{ "sign", N_("signed for it") },
	{ "feedback", N_("gave feedback") },
	{ "self_resolve", N_("handled it himself") },
	{ "resubmit", N_("reported it again") },
	{ "return", N_("sent it back") },
	{ "escalate", N_("sent it up to") },
	{ "check", N_("checked it") },
	{ "close", N_("closed it") },
	{ "extend", N_("asked an extension to") },
	{ "approve_extension", N_("approved the extension to") },
	{ "refuse_extension", N_("refused the extension to") },
	{ "supervise", N_("supervised") },
	{ NULL, NULL }
};

const char *
event_category_label(const char *code)
{
	return (label_lookup(categories, code));
}

const char *
event_urgency_label(const char *code)
{
	return (label_lookup(urgencies, code));
}

const char *
event_status_label(const char *code)
{
	return (label_lookup(statuses, code));
}

const char *
event_step_label(const char *code)
{
	return (label_lookup(steps, code));
}

static int
role_is(const char *a, const char *b)
{
	const char	*r = app.session != NULL ? app.session->role : "";

	return (strcmp(r, a) == 0 || (b != NULL && strcmp(r, b) == 0));
}

int
event_may_report(void)
{
	return (role_is("grid", NULL) || event_may_assign());
}

int
event_may_assign(void)
{
	return (role_is("supervisor", "admin"));
}
