/* A resident's codes as the clerk reads them. */
#include <string.h>

#include "resident-labels.h"
#include "labels.h"
#include "tui.h"
#include "../locale/i18n.h"

static const struct code_label statuses[] = {
	{ "active", N_("active") },
	{ "moved_out", N_("moved out") },
	{ "death_reported", N_("death reported") },
	{ "deceased", N_("deceased") },
	{ NULL, NULL }
};

static const struct code_label residences[] = {
	{ "registered", N_("registered here (户籍)") },
	{ "floating", N_("floating (流动)") },
	{ "lodging", N_("lodging (寄住)") },
	{ NULL, NULL }
};

static const struct code_label presences[] = {
	{ "consistent", N_("lives where registered") },
	{ "here_not_registered", N_("lives here, registered elsewhere") },
	{ "registered_not_here", N_("registered here, lives elsewhere") },
	{ NULL, NULL }
};

static const struct code_label fields[] = {
	{ "phone", N_("Mobile") },
	{ "address", N_("Address") },
	{ "grid_id", N_("Grid") },
	{ "tags", N_("Tags") },
	{ "ethnicity", N_("Ethnic group") },
	{ "residence", N_("Residence type") },
	{ "presence", N_("Lives where registered?") },
	{ "status", N_("Status") },
	{ "moved_in_on", N_("Moved in on") },
	{ "moved_in_from", N_("Moved in from") },
	{ "moved_out_on", N_("Moved out on") },
	{ "moved_out_to", N_("Moved out to") },
	{ "death_date", N_("Date of death") },
	{ "death_source", N_("Death confirmed by") },
	{ "flag", N_("Data-error flag") },
	{ "household_id", N_("Household") },
	{ "relation", N_("Relation to the head") },
	{ NULL, NULL }
};

static const struct code_label actions[] = {
	{ "update", N_("change") },
	{ "move_in", N_("move in") },
	{ "move_out", N_("move out") },
	{ "report_death", N_("death report") },
	{ "confirm_death", N_("death confirmation") },
	{ "reject_death", N_("death report rejected") },
	{ "flag", N_("flag") },
	{ "resolve_flag", N_("flag resolved") },
	{ "household", N_("household change") },
	{ NULL, NULL }
};

const char *const household_relations[] = {
	"配偶", "子", "女", "父", "母", "孙子", "孙女", "兄弟", "姐妹",
	"儿媳", "女婿", "其他", NULL
};

const char *
resident_status_label(const char *status)
{
	return (label_lookup(statuses, status));
}

const char *
resident_residence_label(const char *residence)
{
	return (label_lookup(residences, residence));
}

const char *
resident_presence_label(const char *presence)
{
	return (label_lookup(presences, presence));
}

const char *
history_field_label(const char *field)
{
	return (label_lookup(fields, field));
}

const char *
history_action_label(const char *action)
{
	return (label_lookup(actions, action));
}

const char *
history_value_label(const char *field, const char *value, int none)
{
	if (none)
		return ("-");
	if (strcmp(field, "status") == 0)
		return (resident_status_label(value));
	if (strcmp(field, "residence") == 0)
		return (resident_residence_label(value));
	if (strcmp(field, "presence") == 0)
		return (resident_presence_label(value));
	return (*value != '\0' ? value : "-");
}

int
resident_may_confirm(void)
{
	const char	*r = app.session != NULL ? app.session->role : "";

	return (strcmp(r, "supervisor") == 0 || strcmp(r, "admin") == 0);
}
