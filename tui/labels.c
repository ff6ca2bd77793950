/* Translated names of server codes. */
#include <stdio.h>
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
		{ "extreme_poverty", N_("extreme poverty support") },
		{ "living_alone", N_("living alone") },
		{ "child_in_difficulty", N_("child in difficulty") },
	};
	size_t	i;

	for (i = 0; i < sizeof names / sizeof *names; i++) {
		if (strcmp(names[i].tag, tag) == 0)
			return (_(names[i].label));
	}
	return (tag);
}

int
label_english(void)
{
	return (strcmp(i18n_lang(), "en") == 0);
}

void
label_days(char *buf, size_t size, int days)
{
	if (days == 0)
		snprintf(buf, size, "%s", _("on the spot"));
	else
		snprintf(buf, size, _("%d working days"), days);
}

void
label_fee(char *buf, size_t size, long long fen)
{
	if (fen == 0)
		snprintf(buf, size, "%s", _("free"));
	else
		snprintf(buf, size, _("%lld.%02lld yuan"), fen / 100, fen % 100);
}

const char *
label_not_here(int registered)
{
	return (registered ? _("Not a resident of your communities: another "
	    "centre registered them.") :
	    _("Not a resident of your communities: nobody here has this ID "
	    "number."));
}

const char *
label_lookup(const struct code_label *t, const char *code)
{
	for (; t->code != NULL; t++) {
		if (strcmp(t->code, code) == 0)
			return (_(t->msgid));
	}
	return (code);
}
