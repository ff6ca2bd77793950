/* Form values: reading and setting them as text, the request's "data",
 * server errors mapped back onto fields, and what may be typed. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "idnum.h"
#include "uscc.h"
#include "value.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

static void
field_clear(struct form_field *f)
{
	size_t	i;

	free(f->name);
	free(f->label);
	free(f->label_en);
	free(f->help);
	free(f->prefill);
	free(f->pattern);
	for (i = 0; i < f->noptions; i++) {
		free(f->options[i].value);
		free(f->options[i].label);
		free(f->options[i].label_en);
		free(f->options[i].pinyin);
	}
	free(f->options);
	free(f->chosen);
	lineedit_free(&f->edit);
	free(f->error);
	free(f->override_reason);
}

void
form_free(struct form *fm)
{
	size_t	i;

	if (fm == NULL)
		return;
	for (i = 0; i < fm->nfields; i++)
		field_clear(&fm->fields[i]);
	free(fm->fields);
	for (i = 0; i < fm->nsections; i++) {
		free(fm->sections[i].title);
		free(fm->sections[i].title_en);
	}
	free(fm->sections);
	for (i = 0; i < fm->nmaterials; i++)
		free(fm->materials[i].name);
	free(fm->materials);
	free(fm);
}

struct form_field *
form_field(struct form *fm, const char *name)
{
	size_t	i;

	for (i = 0; i < fm->nfields; i++) {
		if (strcmp(fm->fields[i].name, name) == 0)
			return (&fm->fields[i]);
	}
	return (NULL);
}

static int
option_index(const struct form_field *f, const char *value)
{
	size_t	i;

	for (i = 0; i < f->noptions; i++) {
		if (strcmp(f->options[i].value, value) == 0)
			return ((int)i);
	}
	return (-1);
}

/* Multiselect values travel as text joined by commas (option values
 * never contain one). */
static char *
multi_text(const struct form_field *f)
{
	struct buf	b;
	size_t		i;
	int		n = 0;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < f->noptions; i++) {
		if (f->chosen[i])
			buf_printf(&b, "%s%s", n++ ? "," : "",
			    f->options[i].value);
	}
	return (buf_steal(&b));
}

char *
form_value_text(const struct form_field *f)
{
	switch (f->type) {
	case FT_SELECT:
		return (xstrdup(f->choice >= 0 ?
		    f->options[f->choice].value : ""));
	case FT_MULTISELECT:
		return (multi_text(f));
	case FT_CHECKBOX:
		return (xstrdup(f->checked ? "true" : "false"));
	case FT_MATERIALS:
		return (xstrdup(""));
	default:
		return (lineedit_text(&f->edit));
	}
}

static int
set_multi(struct form_field *f, const char *text)
{
	char	*copy = xstrdup(text), *p = copy, *v;
	int	 i, rc = 0;

	memset(f->chosen, 0, f->noptions);
	while ((v = strsep(&p, ",")) != NULL) {
		if (*v == '\0')
			continue;
		if ((i = option_index(f, v)) < 0)
			rc = -1;
		else
			f->chosen[i] = 1;
	}
	free(copy);
	return (rc);
}

int
form_set_text(struct form_field *f, const char *text,
    enum field_origin origin)
{
	int	i;

	switch (f->type) {
	case FT_SELECT:
		if (*text != '\0' && (i = option_index(f, text)) < 0)
			return (-1);
		f->choice = *text == '\0' ? -1 : option_index(f, text);
		break;
	case FT_MULTISELECT:
		if (set_multi(f, text) != 0)
			return (-1);
		break;
	case FT_CHECKBOX:
		f->checked = strcmp(text, "true") == 0;
		break;
	case FT_MATERIALS:
		break;
	default:
		lineedit_set(&f->edit, text);
		lineedit_op(&f->edit, LE_HOME);
		break;
	}
	f->origin = origin;
	return (0);
}

int
form_field_empty(const struct form_field *f)
{
	size_t	i;

	switch (f->type) {
	case FT_SELECT:
		return (f->choice < 0);
	case FT_MULTISELECT:
		for (i = 0; i < f->noptions; i++) {
			if (f->chosen[i])
				return (0);
		}
		return (1);
	case FT_CHECKBOX:
		return (!f->checked);
	case FT_MATERIALS:
		return (0);
	default:
		return (f->edit.len == 0);
	}
}

/* One field's JSON value for "data", NULL when it has none to send. */
static cJSON *
field_json(const struct form_field *f)
{
	cJSON		*a;
	char		*t;
	long long	 v;
	size_t		 i;

	/* the server prefills what came from its record: never echo it */
	if (f->type == FT_MATERIALS || f->origin == ORIGIN_RECORD ||
	    (form_field_empty(f) && f->type != FT_CHECKBOX))
		return (NULL);
	switch (f->type) {
	case FT_CHECKBOX:
		return (cJSON_CreateBool(f->checked));
	case FT_SELECT:
		return (cJSON_CreateString(f->options[f->choice].value));
	case FT_MULTISELECT:
		a = cJSON_CreateArray();
		for (i = 0; i < f->noptions; i++) {
			if (f->chosen[i])
				cJSON_AddItemToArray(a, cJSON_CreateString(
				    f->options[i].value));
		}
		return (a);
	default:
		break;
	}
	t = lineedit_text(&f->edit);
	if ((f->type == FT_NUMBER && value_number(t, &v) == 0) ||
	    (f->type == FT_MONEY && value_money(t, &v) == 0)) {
		free(t);
		return (cJSON_CreateNumber((double)v));
	}
	a = cJSON_CreateString(t);
	free(t);
	return (a);
}

cJSON *
form_data(const struct form *fm)
{
	cJSON	*o = cJSON_CreateObject(), *v;
	size_t	 i;

	for (i = 0; i < fm->nfields; i++) {
		if ((v = field_json(&fm->fields[i])) != NULL)
			cJSON_AddItemToObject(o, fm->fields[i].name, v);
	}
	return (o);
}

cJSON *
form_deferred_json(const struct form *fm)
{
	cJSON	*a = cJSON_CreateArray();
	size_t	 i;

	for (i = 0; i < fm->nmaterials; i++) {
		if (fm->materials[i].deferred)
			cJSON_AddItemToArray(a,
			    cJSON_CreateString(fm->materials[i].name));
	}
	return (a);
}

cJSON *
form_promised_json(const struct form *fm)
{
	cJSON	*a = cJSON_CreateArray();
	size_t	 i;

	for (i = 0; i < fm->nmaterials; i++) {
		if (fm->materials[i].promised)
			cJSON_AddItemToArray(a,
			    cJSON_CreateString(fm->materials[i].name));
	}
	return (a);
}

cJSON *
form_materials_json(const struct form *fm)
{
	cJSON	*a = cJSON_CreateArray(), *m;
	size_t	 i;

	for (i = 0; i < fm->nmaterials; i++) {
		if (!fm->materials[i].received)
			continue;
		m = cJSON_CreateObject();
		cJSON_AddStringToObject(m, "name", fm->materials[i].name);
		cJSON_AddNumberToObject(m, "originals",
		    fm->materials[i].originals);
		cJSON_AddNumberToObject(m, "copies", fm->materials[i].copies);
		cJSON_AddItemToArray(a, m);
	}
	return (a);
}

int
form_apply_errors(struct form *fm, const char *const *fields,
    const char *const *messages, size_t n)
{
	struct form_field	*f;
	const char		*name;
	size_t			 i;
	int			 matched = 0;

	for (i = 0; i < n; i++) {
		name = fields[i];
		if (strncmp(name, "data.", 5) == 0)
			name += 5;
		if ((f = form_field(fm, name)) == NULL)
			continue;
		free(f->error);
		f->error = utf8_sanitize(messages[i], 0);
		matched++;
	}
	return (matched);
}

int
form_accepts(const struct form_field *f, uint32_t cp)
{
	switch (f->type) {
	case FT_ID_NUMBER:
		return ((cp >= '0' && cp <= '9') || cp == 'X' || cp == 'x');
	case FT_USCC:
		return (cp < 0x80 && uscc_char_ok(toupper((int)cp)));
	case FT_PHONE:
		return ((cp >= '0' && cp <= '9') || cp == '-');
	case FT_POSTAL_CODE:
		return (cp >= '0' && cp <= '9');
	case FT_DATE:
		return ((cp >= '0' && cp <= '9') || cp == '-');
	case FT_NUMBER:
		return ((cp >= '0' && cp <= '9') || cp == '-');
	case FT_MONEY:
		return ((cp >= '0' && cp <= '9') || cp == '.');
	case FT_TEXT:
	case FT_MULTILINE:
		return (1);
	default:
		return (0);
	}
}

/* Fills one derived field unless the clerk typed something there. */
static void
derive(struct form *fm, const char *prefill, const char *value)
{
	size_t	i;

	for (i = 0; i < fm->nfields; i++) {
		struct form_field	*f = &fm->fields[i];

		if (strcmp(f->prefill, prefill) != 0 ||
		    f->origin == ORIGIN_TYPED || f->type == FT_ID_NUMBER)
			continue;
		if (form_set_text(f, value, ORIGIN_DERIVED) == 0) {
			free(f->error);
			f->error = NULL;
		}
	}
}

void
form_derive_from_id(struct form *fm, struct form_field *id, time_t now)
{
	struct idnum_info	 info;
	char			*text = lineedit_text(&id->edit), buf[16];

	if (strcmp(id->prefill, "id_number") == 0 &&
	    idnum_check(text, now, &info) == IDNUM_OK) {
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", info.year,
		    info.month, info.day);
		derive(fm, "birth_date", buf);
		derive(fm, "sex", info.sex == 'M' ? "M" : "F");
		snprintf(buf, sizeof buf, "%d", idnum_age(&info, now));
		derive(fm, "age", buf);
	}
	free(text);
}
