/* Grid events' codes as the clerk reads them. */
#include <string.h>

#include "event-labels.h"
#include "events.h"
#include "tui.h"
#include "../locale/i18n.h"

const char *const event_categories[EVENT_NCATEGORIES] = {
	"environment", "facilities", "safety", "fire", "public_order",
	"dispute", "special_care", "housing", "other"
};

const char *const event_urgencies[EVENT_NURGENCIES] = {
	"low", "normal", "high", "urgent"
};

struct label {
	const char	*code;
	const char	*msgid;
};

static const struct label categories[] = {
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

static const struct label urgencies[] = {
	{ "low", N_("low") },
	{ "normal", N_("normal") },
	{ "high", N_("high") },
	{ "urgent", N_("urgent") },
	{ NULL, NULL }
};

static const struct label statuses[] = {
	{ "reported", N_("reported") },
	{ "assigned", N_("assigned") },
	{ "in_progress", N_("in progress") },
	{ "resolved", N_("resolved") },
	{ "closed", N_("closed") },
	{ NULL, NULL }
};

static const char *
lookup(const struct label *t, const char *code)
{
	for (; t->code != NULL; t++) {
		if (strcmp(t->code, code) == 0)
			return (_(t->msgid));
	}
	return (code);
}

const char *
event_category_label(const char *code)
{
	return (lookup(categories, code));
}

const char *
event_urgency_label(const char *code)
{
	return (lookup(urgencies, code));
}

const char *
event_status_label(const char *code)
{
	return (lookup(statuses, code));
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
