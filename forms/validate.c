/* Checking fields on exit and the whole form before submit; each error
 * is a sentence a clerk understands, in the current language. */
#include <regex.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "idnum.h"
#include "uscc.h"
#include "validate.h"
#include "value.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

static int
fail(struct form_field *f, const char *fmt, ...)
{
	va_list	ap;

	free(f->error);
	va_start(ap, fmt);
	if (vasprintf(&f->error, fmt, ap) == -1)
		fatal("out of memory formatting an error");
	va_end(ap);
	return (-1);
}

static int
matches(const char *pattern, const char *text)
{
	regex_t	re;
	char	*anchored = xasprintf("^(%s)$", pattern);
	int	 ok;

	if (regcomp(&re, anchored, REG_EXTENDED | REG_NOSUB) != 0) {
		free(anchored);
		return (0);
	}
	ok = regexec(&re, text, 0, NULL, 0) == 0;
	regfree(&re);
	free(anchored);
	return (ok);
}

static int
check_text(struct form_field *f, const char *t)
{
	int	n = (int)utf8_chars(t);

	if (f->min_length >= 0 && n < f->min_length)
		return (fail(f, _("At least %d characters, please."),
		    f->min_length));
	if (f->max_length > 0 && n > f->max_length)
		return (fail(f, _("At most %d characters, please."),
		    f->max_length));
	if (*f->pattern != '\0' && !matches(f->pattern, t))
		return (fail(f, _("This is not in the expected form.")));
	return (0);
}

/* min and max of a date field count days from today (the service's
 * zone is the process's): max 0 refuses a date after today. */
static int
check_date_range(struct form_field *f, const char *date, time_t now)
{
	struct tm	tm;
	char		bound[11];
	time_t		t;

	if (f->has_max) {
		t = now + (time_t)f->max * 86400;
		localtime_r(&t, &tm);
		strftime(bound, sizeof bound, "%Y-%m-%d", &tm);
		if (strcmp(date, bound) > 0)
			return (fail(f, f->max == 0 ? _("The date is after "
			    "today.") : _("The date is too late.")));
	}
	if (f->has_min) {
		t = now + (time_t)f->min * 86400;
		localtime_r(&t, &tm);
		strftime(bound, sizeof bound, "%Y-%m-%d", &tm);
		if (strcmp(date, bound) < 0)
			return (fail(f, _("The date is too early.")));
	}
	return (0);
}

static int
check_range(struct form_field *f, long long v, int money)
{
	char	lo[32], hi[32];

	if ((!f->has_min || v >= f->min) && (!f->has_max || v <= f->max))
		return (0);
	if (money) {
		value_money_text(f->min, lo);
		value_money_text(f->max, hi);
	} else {
		snprintf(lo, sizeof lo, "%lld", f->min);
		snprintf(hi, sizeof hi, "%lld", f->max);
	}
	if (f->has_min && f->has_max)
		return (fail(f, _("Enter a value from %s to %s."), lo, hi));
	if (f->has_min)
		return (fail(f, _("Enter a value of at least %s."), lo));
	return (fail(f, _("Enter a value of at most %s."), hi));
}

static int
check_id(struct form_field *f, const char *t, time_t now)
{
	enum idnum_error	e = idnum_check(t, now, NULL);

	if (e != IDNUM_OK)
		return (fail(f, "%s", _(idnum_strerror(e))));
	return (0);
}

static int
check_uscc(struct form_field *f, const char *t)
{
	switch (uscc_check(t)) {
	case USCC_OK:
		return (0);
	case USCC_LENGTH:
		return (fail(f, _("A unified social credit code has 18 "
		    "characters.")));
	case USCC_CHARS:
		return (fail(f, _("Only digits and the capital letters of "
		    "the code (no I, O, S, V, Z) are allowed.")));
	default:
		if (f->override)
			return (0);
		return (fail(f, _("The check character is wrong. If the "
		    "licence really shows this code, keep it with Ctrl-O and "
		    "give the reason.")));
	}
}

/* Checks a text-like value by the field's type. */
static int
check_typed(struct form_field *f, const char *t, time_t now)
{
	long long	v;
	char		date[11];

	switch (f->type) {
	case FT_ID_NUMBER:
		return (check_id(f, t, now));
	case FT_USCC:
		return (check_uscc(f, t));
	case FT_PHONE:
		if (!value_phone(t))
			return (fail(f, _("A mobile number has 11 digits "
			    "starting 13-19; a landline starts with its area "
			    "code, like 0919-1234567.")));
		return (0);
	case FT_POSTAL_CODE:
		if (!value_postal_code(t))
			return (fail(f, _("A postal code has 6 digits.")));
		return (0);
	case FT_DATE:
		if (value_date(t, date) != 0)
			return (fail(f, _("Not a real date: type it as "
			    "2024-01-31 or 20240131.")));
		if (strcmp(date, t) != 0)
			form_set_text(f, date, f->origin);
		return (check_date_range(f, date, now));
	case FT_NUMBER:
		if (value_number(t, &v) != 0)
			return (fail(f, _("Enter a whole number.")));
		return (check_range(f, v, 0));
	case FT_MONEY:
		if (value_money(t, &v) != 0)
			return (fail(f, _("Enter an amount in yuan, like 120 "
			    "or 120.50.")));
		return (check_range(f, v, 1));
	default:
		return (check_text(f, t));
	}
}

static int
check_choices(struct form_field *f)
{
	size_t	i;
	int	n = 0;

	for (i = 0; i < f->noptions; i++)
		n += f->chosen[i] != 0;
	if (f->min_length > 0 && n < f->min_length)
		return (fail(f, _("Choose at least %d."), f->min_length));
	if (f->max_length > 0 && n > f->max_length)
		return (fail(f, _("Choose at most %d."), f->max_length));
	return (0);
}

static int
check_materials(struct form *fm, struct form_field *f)
{
	size_t	i;

	for (i = 0; i < fm->nmaterials; i++) {
		if (fm->materials[i].required && !fm->materials[i].received &&
		    !fm->materials[i].deferred && !fm->materials[i].promised)
			return (fail(f, _("Required material not received: "
			    "%s."), fm->materials[i].name));
	}
	return (0);
}

int
form_check_field(struct form *fm, struct form_field *f, time_t now)
{
	char	*t;
	int	 rc;

	free(f->error);
	f->error = NULL;
	/* the server fills and checks what came from its own record (the
	 * client may hold only a masked copy of it) */
	if (f->origin == ORIGIN_RECORD)
		return (0);
	if (f->type == FT_MATERIALS)
		return (check_materials(fm, f));
	if (f->type == FT_CHECKBOX)
		return (f->required && !f->checked ? fail(f, _("Tick this to "
		    "go on.")) : 0);
	if (form_field_empty(f))
		return (f->required ? fail(f, _("This is required.")) : 0);
	if (f->type == FT_SELECT)
		return (0);
	if (f->type == FT_MULTISELECT)
		return (check_choices(f));
	t = lineedit_text(&f->edit);
	rc = check_typed(f, t, now);
	free(t);
	return (rc);
}

int
form_check(struct form *fm, time_t now)
{
	size_t	i;
	int	first = -1;

	for (i = 0; i < fm->nfields; i++) {
		if (form_check_field(fm, &fm->fields[i], now) != 0 &&
		    first < 0)
			first = (int)i;
	}
	return (first);
}
