/* Loading a form schema from the service JSON, strictly: a schema this
 * client cannot show correctly is refused with the reason. */
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "schema.h"
#include "value.h"
#include "../locale/text.h"
#include "../util/whole.h"
#include "../util/xmalloc.h"

#define MAX_FIELDS	200
#define MAX_OPTIONS	500

static const struct {
	const char	*name;
	enum field_type	 type;
	int		 max_length;	/* default, characters */
} types[] = {
	{ "text", FT_TEXT, 200 },
	{ "multiline", FT_MULTILINE, 2000 },
	{ "id_number", FT_ID_NUMBER, 18 },
	{ "uscc", FT_USCC, 18 },
	{ "phone", FT_PHONE, 13 },
	{ "postal_code", FT_POSTAL_CODE, 6 },
	{ "date", FT_DATE, 10 },
	{ "number", FT_NUMBER, 16 },
	{ "money", FT_MONEY, 16 },
	{ "select", FT_SELECT, 0 },
	{ "multiselect", FT_MULTISELECT, 0 },
	{ "checkbox", FT_CHECKBOX, 0 },
	{ "materials", FT_MATERIALS, 0 },
};

static const char *const prefills[] = {
	"name", "id_number", "sex", "birth_date", "age", "phone", "address",
	"ethnicity", "community.name"
};

const char *
field_type_name(enum field_type t)
{
	size_t	i;

	for (i = 0; i < sizeof types / sizeof *types; i++) {
		if (types[i].type == t)
			return (types[i].name);
	}
	return ("?");
}

/* Sets *cause once: the first problem found is the one reported. */
static int
bad(char **cause, const char *where, const char *what)
{
	if (*cause == NULL)
		*cause = xasprintf("%s: %s", where, what);
	return (-1);
}

/* A sanitized copy of a string member; NULL members give "" when
 * optional. */
static int
str(const cJSON *o, const char *key, int required, char **out,
    const char *where, char **cause)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (v == NULL || cJSON_IsNull(v)) {
		*out = required ? NULL : xstrdup("");
		return (required ? bad(cause, where, key) : 0);
	}
	if (!cJSON_IsString(v) || v->valuestring == NULL ||
	    (required && v->valuestring[0] == '\0')) {
		*out = NULL;
		return (bad(cause, where, key));
	}
	*out = utf8_sanitize(v->valuestring, 0);
	return (0);
}

/* An integer member that may be null (-> *present = 0). */
static int
opt_int(const cJSON *o, const char *key, long long lo, long long hi,
    long long *out, int *present, const char *where, char **cause)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	*present = 0;
	if (v == NULL || cJSON_IsNull(v))
		return (0);
	/* range first: converting an out-of-range double is undefined */
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= (double)lo &&
	    v->valuedouble <= (double)hi) ||
	    !whole(v->valuedouble))
		return (bad(cause, where, key));
	*out = (long long)v->valuedouble;
	*present = 1;
	return (0);
}

static int
name_ok(const char *s, size_t max)
{
	size_t	i, n = strlen(s);

	if (n == 0 || n > max || !(s[0] >= 'a' && s[0] <= 'z'))
		return (0);
	for (i = 0; i < n; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return (0);
	}
	return (1);
}

static int
value_ok(const char *s)
{
	size_t	i, n = strlen(s);

	if (n == 0 || n > 32)
		return (0);
	for (i = 0; i < n; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return (0);
	}
	return (1);
}

static int
load_options(struct form_field *f, const cJSON *list, char **cause)
{
	const cJSON	*it;
	size_t		 i, n;
	int		 rc = 0;

	if (!cJSON_IsArray(list) || (n = (size_t)cJSON_GetArraySize(list)) ==
	    0 || n > MAX_OPTIONS)
		return (bad(cause, f->name, "options"));
	f->options = xcalloc(n, sizeof *f->options);
	cJSON_ArrayForEach(it, list) {
		struct form_option	*o = &f->options[f->noptions++];

		rc |= str(it, "value", 1, &o->value, f->name, cause);
		rc |= str(it, "label", 1, &o->label, f->name, cause);
		rc |= str(it, "label_en", 0, &o->label_en, f->name, cause);
		rc |= str(it, "pinyin", 0, &o->pinyin, f->name, cause);
		if (rc == 0 && !value_ok(o->value))
			rc = bad(cause, f->name, "option value");
		for (i = 0; rc == 0 && i + 1 < f->noptions; i++) {
			if (strcmp(f->options[i].value, o->value) == 0)
				rc = bad(cause, f->name, "duplicate option");
		}
	}
	if (rc == 0) {
		f->chosen = xcalloc(f->noptions, 1);
		f->choice = -1;
	}
	return (rc);
}

static int
type_of(const char *name, enum field_type *t, int *max_length)
{
	size_t	i;

	for (i = 0; i < sizeof types / sizeof *types; i++) {
		if (strcmp(types[i].name, name) == 0) {
			*t = types[i].type;
			*max_length = types[i].max_length;
			return (0);
		}
	}
	return (-1);
}

static int
check_prefill(struct form_field *f, char **cause)
{
	size_t	i;

	if (*f->prefill == '\0')
		return (0);
	for (i = 0; i < sizeof prefills / sizeof *prefills; i++) {
		if (strcmp(prefills[i], f->prefill) == 0)
			return (0);
	}
	return (bad(cause, f->name, "prefill"));
}

static int
check_pattern(struct form_field *f, char **cause)
{
	regex_t	re;
	char	*anchored;
	int	 rc;

	if (*f->pattern == '\0')
		return (0);
	anchored = xasprintf("^(%s)$", f->pattern);
	rc = regcomp(&re, anchored, REG_EXTENDED | REG_NOSUB);
	free(anchored);
	if (rc != 0)
		return (bad(cause, f->name, "pattern"));
	regfree(&re);
	return (0);
}

/* Applies the field's default; a default of the wrong type is an error. */
static int
load_default(struct form_field *f, const cJSON *d, char **cause)
{
	char	buf[32];

	if (d == NULL || cJSON_IsNull(d))
		return (0);
	if (f->type == FT_CHECKBOX) {
		if (!cJSON_IsBool(d))
			return (bad(cause, f->name, "default"));
		f->checked = cJSON_IsTrue(d);
	} else if (f->type == FT_NUMBER || f->type == FT_MONEY) {
		if (!cJSON_IsNumber(d) || !(fabs(d->valuedouble) < 1e15) ||
		    !whole(d->valuedouble))
			return (bad(cause, f->name, "default"));
		if (f->type == FT_MONEY)	/* fen in JSON, yuan typed */
			value_money_text((long long)d->valuedouble, buf);
		else
			snprintf(buf, sizeof buf, "%lld",
			    (long long)d->valuedouble);
		if (form_set_text(f, buf, ORIGIN_DEFAULT) != 0)
			return (bad(cause, f->name, "default"));
	} else if (cJSON_IsString(d)) {
		if (form_set_text(f, d->valuestring, ORIGIN_DEFAULT) != 0)
			return (bad(cause, f->name, "default"));
	} else if (f->type != FT_MULTISELECT)
		return (bad(cause, f->name, "default"));
	f->origin = ORIGIN_DEFAULT;
	return (0);
}

static int
load_lengths(struct form_field *f, const cJSON *it, int def_max,
    char **cause)
{
	long long	v;
	int		present;

	f->min_length = -1;
	f->max_length = def_max;
	if (opt_int(it, "min_length", 0, 10000, &v, &present, f->name,
	    cause) != 0)
		return (-1);
	if (present)
		f->min_length = (int)v;
	if (opt_int(it, "max_length", 1, 10000, &v, &present, f->name,
	    cause) != 0)
		return (-1);
	if (present)
		f->max_length = (int)v;
	if (f->max_length > 0 && f->min_length > f->max_length)
		return (bad(cause, f->name, "min_length > max_length"));
	if (opt_int(it, "min", -1000000000000LL, 1000000000000LL, &f->min,
	    &f->has_min, f->name, cause) != 0 || opt_int(it, "max",
	    -1000000000000LL, 1000000000000LL, &f->max, &f->has_max, f->name,
	    cause) != 0)
		return (-1);
	return (0);
}

static int
load_field(struct form_field *f, const cJSON *it, int section, char **cause)
{
	char	*type = NULL;
	int	 def_max, rc = 0;

	f->section = section;
	f->choice = -1;
	if (str(it, "name", 1, &f->name, "field", cause) != 0 ||
	    !name_ok(f->name, 40))
		return (bad(cause, "field", "name"));
	rc |= str(it, "label", 1, &f->label, f->name, cause);
	rc |= str(it, "label_en", 0, &f->label_en, f->name, cause);
	rc |= str(it, "help", 0, &f->help, f->name, cause);
	rc |= str(it, "prefill", 0, &f->prefill, f->name, cause);
	rc |= str(it, "pattern", 0, &f->pattern, f->name, cause);
	rc |= str(it, "type", 1, &type, f->name, cause);
	if (rc != 0)
		goto out;
	if (type_of(type, &f->type, &def_max) != 0) {
		rc = bad(cause, f->name, "type");
		goto out;
	}
	f->required = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it,
	    "required"));
	if (load_lengths(f, it, def_max, cause) != 0 ||
	    check_prefill(f, cause) != 0 || check_pattern(f, cause) != 0) {
		rc = -1;
		goto out;
	}
	lineedit_init(&f->edit, f->max_length > 0 ? (size_t)f->max_length :
	    0);
	if (f->type == FT_MULTILINE)
		f->edit.multiline = 1;
	if (f->type == FT_SELECT || f->type == FT_MULTISELECT)
		rc = load_options(f, cJSON_GetObjectItemCaseSensitive(it,
		    "options"), cause);
	if (rc == 0)
		rc = load_default(f, cJSON_GetObjectItemCaseSensitive(it,
		    "default"), cause);
out:
	free(type);
	return (rc);
}

static int
load_materials(struct form *fm, const cJSON *list, char **cause)
{
	const cJSON		*it;
	struct form_material	*m;
	long long		 v;
	int			 present, rc = 0;

	if (list == NULL || cJSON_IsNull(list))
		return (0);
	if (!cJSON_IsArray(list))
		return (bad(cause, "materials", "not a list"));
	fm->materials = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *fm->materials);
	cJSON_ArrayForEach(it, list) {
		m = &fm->materials[fm->nmaterials++];
		rc |= str(it, "name", 1, &m->name, "materials", cause);
		rc |= opt_int(it, "originals", 0, 9, &v, &present,
		    "materials", cause);
		m->originals = present ? (int)v : 0;
		rc |= opt_int(it, "copies", 0, 9, &v, &present, "materials",
		    cause);
		m->copies = present ? (int)v : 0;
		m->required = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it,
		    "required"));
		rc |= opt_int(it, "defer_days", 1, 60, &v, &present,
		    "materials", cause);
		m->defer_days = present ? (int)v : 0;
		m->promisable = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
		    it, "promise"));
	}
	return (rc);
}

static int
unique_names(struct form *fm, char **cause)
{
	size_t	i, j;

	for (i = 0; i < fm->nfields; i++) {
		for (j = 0; j < i; j++) {
			if (strcmp(fm->fields[i].name, fm->fields[j].name) == 0)
				return (bad(cause, fm->fields[i].name,
				    "duplicate name"));
		}
	}
	return (0);
}

static int
load_sections(struct form *fm, const cJSON *sections, char **cause)
{
	const cJSON	*s, *fields, *it;
	size_t		 total = 0;
	int		 i = 0;

	cJSON_ArrayForEach(s, sections) {
		fields = cJSON_GetObjectItemCaseSensitive(s, "fields");
		if (!cJSON_IsArray(fields))
			return (bad(cause, "section", "fields"));
		total += (size_t)cJSON_GetArraySize(fields);
	}
	if (total == 0 || total > MAX_FIELDS)
		return (bad(cause, "form", "number of fields"));
	fm->nsections = (size_t)cJSON_GetArraySize(sections);
	fm->sections = xcalloc(fm->nsections, sizeof *fm->sections);
	fm->fields = xcalloc(total, sizeof *fm->fields);
	cJSON_ArrayForEach(s, sections) {
		if (str(s, "title", 1, &fm->sections[i].title, "section",
		    cause) != 0 || str(s, "title_en", 0,
		    &fm->sections[i].title_en, "section", cause) != 0)
			return (-1);
		fields = cJSON_GetObjectItemCaseSensitive(s, "fields");
		cJSON_ArrayForEach(it, fields) {
			if (load_field(&fm->fields[fm->nfields++], it, i,
			    cause) != 0)
				return (-1);
		}
		i++;
	}
	return (unique_names(fm, cause));
}

struct form *
form_load(const cJSON *form, const cJSON *materials, char **cause)
{
	struct form	*fm;
	const cJSON	*sections;
	long long	 version;
	int		 present;

	*cause = NULL;
	if (!cJSON_IsObject(form)) {
		bad(cause, "form", "not an object");
		return (NULL);
	}
	fm = xcalloc(1, sizeof *fm);
	sections = cJSON_GetObjectItemCaseSensitive(form, "sections");
	if (opt_int(form, "version", 1, 1000000, &version, &present, "form",
	    cause) != 0 || !present)
		bad(cause, "form", "version");
	else if (!cJSON_IsArray(sections) || cJSON_GetArraySize(sections) == 0)
		bad(cause, "form", "sections");
	else if (load_sections(fm, sections, cause) == 0 &&
	    load_materials(fm, materials, cause) == 0) {
		fm->version = (int)version;
		return (fm);
	}
	form_free(fm);
	return (NULL);
}
