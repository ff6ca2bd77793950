/* Names, keys and the state table of application actions. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "case-labels.h"
#include "cases.h"
#include "../locale/i18n.h"
#include "../util/buf.h"

const struct app_action app_actions[APP_NACTIONS] = {
	{ "accept", 'a', N_("Accept"), INPUT_NONE, "submitted" },
	{ "reject", 'x', N_("Refuse"), INPUT_REASON,
	  "submitted accepted forwarded" },
	{ "request_materials", 'b', N_("Ask for missing materials"),
	  INPUT_MISSING, "accepted" },
	{ "receive_materials", 'r', N_("Missing materials received"),
	  INPUT_NONE, "materials_requested" },
	{ "forward", 'f', N_("Forward to a department"), INPUT_DEPARTMENT,
	  "accepted" },
	{ "complete", 'c', N_("Complete"), INPUT_NONE, "accepted forwarded" },
	{ "collect", 'o', N_("Hand over the result"), INPUT_COLLECTOR,
	  "completed" },
	{ "withdraw", 'w', N_("Withdrawn by the applicant"), INPUT_WITHDRAW,
	  "submitted accepted materials_requested forwarded" },
};

const char *
label_app_status(const char *status)
{
	static const struct {
		const char	*code;
		const char	*label;
	} names[] = {
		{ "submitted", N_("Received") },
		{ "accepted", N_("Accepted") },
		{ "materials_requested", N_("Awaiting materials") },
		{ "forwarded", N_("Forwarded") },
		{ "completed", N_("Completed") },
		{ "collected", N_("Collected") },
		{ "rejected", N_("Refused") },
		{ "withdrawn", N_("Withdrawn") },
	};
	size_t	i;

	for (i = 0; i < sizeof names / sizeof *names; i++) {
		if (strcmp(names[i].code, status) == 0)
			return (_(names[i].label));
	}
	return (status);
}

const char *
label_app_action(const char *action)
{
	const struct app_action	*a = app_action_by_name(action);

	if (a != NULL)
		return (_(a->label));
	if (strcmp(action, "create") == 0)
		return (_("Taken at the counter"));
	if (strcmp(action, "handoff_received") == 0)
		return (_("Hand-off signed for"));
	if (strcmp(action, "receive_deferred") == 0)
		return (_("容缺 material brought in"));
	if (strcmp(action, "correct") == 0)
		return (_("Corrected (更正)"));
	if (strcmp(action, "department_note") == 0)
		return (_("Department's note"));
	return (action);
}

const struct app_action *
app_action_by_key(int key)
{
	size_t	i;

	if (key < 'A' || key > 'z')
		return (NULL);
	for (i = 0; i < APP_NACTIONS; i++) {
		if (app_actions[i].key == tolower(key))
			return (&app_actions[i]);
	}
	return (NULL);
}

const struct app_action *
app_action_by_name(const char *name)
{
	size_t	i;

	for (i = 0; i < APP_NACTIONS; i++) {
		if (strcmp(app_actions[i].name, name) == 0)
			return (&app_actions[i]);
	}
	return (NULL);
}

/* Whole words only: "accepted" is not "accept". */
int
app_action_allowed(const struct app_action *a, const char *status)
{
	const char	*p = a->from;
	size_t		 n = strlen(status);

	while ((p = strstr(p, status)) != NULL) {
		if ((p == a->from || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return (1);
		p += n;
	}
	return (0);
}

char *
app_actions_text(const char *const *names, size_t n)
{
	const struct app_action	*a;
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < n; i++) {
		if ((a = app_action_by_name(names[i])) == NULL)
			continue;
		buf_printf(&b, "%s%c %s", b.len > 0 ? ", " : "",
		    toupper(a->key), _(a->label));
	}
	return (buf_steal(&b));
}

char *
app_actions_for(const char *status)
{
	const char	*names[APP_NACTIONS];
	size_t		 i, n = 0;

	for (i = 0; i < APP_NACTIONS; i++) {
		if (app_action_allowed(&app_actions[i], status))
			names[n++] = app_actions[i].name;
	}
	return (app_actions_text(names, n));
}

int
cases_may_act(void)
{
	return (app.session != NULL && strcmp(app.session->role, "grid") != 0);
}
