/* Visits' and tasks' codes as the grid member reads them, and their
 * addresses on a narrow screen. */
#include <string.h>

#include "fieldwork-labels.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

const char *const finding_types[FINDING_NTYPES] = {
	"normal", "hardship", "hazard", "dispute", "info_change"
};

const char *const task_outcomes[TASK_NOUTCOMES] = {
	"done", "unreachable", "refused"
};

struct label {
	const char	*code;
	const char	*msgid;
	const char	*category;	/* a finding's likely event */
};

static const struct label types[] = {
	{ "normal", N_("Normal"), "other" },
	{ "hardship", N_("Hardship"), "special_care" },
	{ "hazard", N_("Hazard"), "safety" },
	{ "dispute", N_("Dispute"), "dispute" },
	{ "info_change", N_("Information changed"), "other" },
	{ NULL, NULL, NULL }
};

static const struct label outcomes[] = {
	{ "done", N_("Done"), NULL },
	{ "unreachable", N_("Unreachable"), NULL },
	{ "refused", N_("Refused"), NULL },
	{ NULL, NULL, NULL }
};

static const struct label statuses[] = {
	{ "open", N_("Open"), NULL },
	{ "overdue", N_("Overdue"), NULL },
	{ "done", N_("Done"), NULL },
	{ NULL, NULL, NULL }
};

static const struct label *
find(const struct label *t, const char *code)
{
	for (; t->code != NULL; t++) {
		if (strcmp(t->code, code) == 0)
			return (t);
	}
	return (NULL);
}

static const char *
lookup(const struct label *t, const char *code)
{
	const struct label	*l = find(t, code);

	return (l != NULL ? _(l->msgid) : code);
}

const char *
finding_type_label(const char *code)
{
	return (lookup(types, code));
}

const char *
task_outcome_label(const char *code)
{
	return (lookup(outcomes, code));
}

const char *
task_status_label(const char *code)
{
	return (lookup(statuses, code));
}

const char *
finding_event_category(const char *type)
{
	const struct label	*l = find(types, type);

	return (l != NULL ? l->category : "other");
}

static int
role_in(const char *const *roles)
{
	const char	*r = app.session != NULL ? app.session->role : "";

	for (; *roles != NULL; roles++) {
		if (strcmp(r, *roles) == 0)
			return (1);
	}
	return (0);
}

int
task_may_issue(void)
{
	static const char *const roles[] = { "supervisor", "admin", NULL };

	return (role_in(roles));
}

int
fieldwork_may_record(void)
{
	static const char *const roles[] = { "grid", "supervisor", "admin",
		NULL };

	return (role_in(roles));
}

size_t
address_common(const char *const *addr, size_t n)
{
	size_t	i, k;

	if (n < 2)
		return (0);
	k = strlen(addr[0]);
	for (i = 1; i < n; i++) {
		while (k > 0 && strncmp(addr[0], addr[i], k) != 0)
			k--;
	}
	/* every address keeps something, cut between characters */
	for (i = 0; i < n && k > 0; i++) {
		if (addr[i][k] == '\0')
			k = 0;
	}
	while (k > 0 && ((unsigned char)addr[0][k] & 0xc0) == 0x80)
		k--;
	/* nor inside a number: "1|2号楼" would read as 2号楼 */
	while (k > 0 && addr[0][k - 1] >= '0' && addr[0][k - 1] <= '9')
		k--;
	return (k);
}

char *
address_heading(const char *first, size_t common)
{
	if (common == 0)
		return (xstrdup(_("Address")));
	return (xasprintf("%s: %.*s", _("Address"), (int)common, first));
}
