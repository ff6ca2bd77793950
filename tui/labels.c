/* Translated names of server codes. */
#include <string.h>

#include "labels.h"
#include "../locale/i18n.h"

const char *
label_sex(const char *sex)
{
	if (strcmp(sex, "M") == 0)
		return (_("male"));
	if (strcmp(sex, "F") == 0)
		return (_("female"));
	return (sex);
}

const char *
label_tag(const char *tag)
{
	static const struct {
		const char	*tag;
		const char	*label;
	} names[] = {
		{ "elderly_80", N_("aged 80+") },
		{ "disabled", N_("disabled") },
		{ "low_income", N_("low income") },
		{ "veteran", N_("veteran") },
		{ "party_member", N_("party member") },
	};
	size_t	i;

	for (i = 0; i < sizeof names / sizeof *names; i++) {
		if (strcmp(names[i].tag, tag) == 0)
			return (_(names[i].label));
	}
	return (tag);
}
