/* Checking form data by field type. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "json.h"
#include "clock.h"
#include "reply.h"
#include "valid.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

/* The prefill sources whose sent value must equal the record. */
static const char *const fixed_prefill[] = {
	"id_number", "birth_date", "sex", "age", NULL
};

/* Member key of a Field as a string, or NULL. */
static const char *
fstr(const cJSON *f, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(f, key);

	return (cJSON_IsString(v) ? v->valuestring : NULL);
}

/* Member key of a Field as an integer, or def when null. */
static long long
fint(const cJSON *f, const char *key, long long def)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(f, key);

	return (cJSON_IsNumber(v) ? (long long)v->valuedouble : def);
}

/* A date within the field's min and max, days from today (1.4 of
 * docs/api.md, section 7: max 0 is "not after today"). */
static int
date_in(const cJSON *f, const char *s)
{
	char	today[11], bound[11];

	clock_date(clock_now(), today);
	if (!cJSON_IsNull(cJSON_GetObjectItem(f, "max"))) {
		clock_add_days(today, (int)fint(f, "max", 0), bound);
		if (strcmp(s, bound) > 0)
			return (0);
	}
	if (!cJSON_IsNull(cJSON_GetObjectItem(f, "min"))) {
		clock_add_days(today, (int)fint(f, "min", 0), bound);
		if (strcmp(s, bound) < 0)
			return (0);
	}
	return (1);
}

/* 1 if value is one of the field's option values. */
static int
is_option(const cJSON *f, const char *value)
{
	const cJSON	*o;

	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(f, "options")) {
		if (strcmp(fstr(o, "value"), value) == 0)
			return (1);
	}
	return (0);
}

/* A text-like value: lengths, pattern, line breaks. */
static const char *
check_text(const cJSON *f, const char *type, const char *s)
{
	const char	*pattern = fstr(f, "pattern");
	int		 multi = strcmp(type, "multiline") == 0;
	long long	 n = (long long)utf8_chars(s);

	if (!valid_controls(s, multi))
		return ("control_chars");
	if (n < fint(f, "min_length", 0))
		return ("too_short");
	if (n > fint(f, "max_length", multi ? 2000 : 200))
		return ("too_long");
	if (pattern != NULL && !valid_pattern(s, pattern))
		return ("pattern");
	return (NULL);
}

/* A string value of a string type; normalised into *out. */
static const char *
check_string(const cJSON *f, const char *type, const char *s, char **out)
{
	char		 norm[20];
	const char	*code;

	*out = NULL;
	if (strcmp(type, "text") == 0 || strcmp(type, "multiline") == 0)
		code = check_text(f, type, s);
	else if (strcmp(type, "id_number") == 0) {
		if ((code = valid_id_number(s, norm)) == NULL)
			*out = xstrdup(norm);
	} else if (strcmp(type, "uscc") == 0)
		code = valid_uscc(s);
	else if (strcmp(type, "phone") == 0) {
		code = valid_phone(s, norm) ? NULL : "pattern";
		if (code == NULL)
			*out = xstrdup(norm);
	} else if (strcmp(type, "postal_code") == 0)
		code = strlen(s) == 6 && strspn(s, "0123456789") == 6 ? NULL :
		    "pattern";
	else if (strcmp(type, "date") == 0)
		code = valid_date(s) && date_in(f, s) ? NULL : "date";
	else
		code = is_option(f, s) ? NULL : "option";
	if (code == NULL && *out == NULL)
		*out = xstrdup(s);
	return (code);
}

/* A multiselect: distinct options, between the bounds. */
static const char *
check_multi(const cJSON *f, const cJSON *v)
{
	const cJSON	*a, *b;
	int		 n = cJSON_GetArraySize(v);

	cJSON_ArrayForEach(a, v) {
		if (!cJSON_IsString(a))
			return ("type");
		if (!is_option(f, a->valuestring))
			return ("option");
		for (b = a->next; b != NULL; b = b->next) {
			if (cJSON_IsString(b) &&
			    strcmp(a->valuestring, b->valuestring) == 0)
				return ("duplicate");
		}
	}
	if (n < fint(f, "min_length", 0))
		return ("too_short");
	if (n > fint(f, "max_length", 1000))
		return ("too_long");
	return (NULL);
}

/* One value against its field; the accepted copy into *out. */
static const char *
check_value(const cJSON *f, const cJSON *v, cJSON **out)
{
	const char	*type = fstr(f, "type"), *code;
	long long	 n;
	char		*s;

	*out = NULL;
	if (strcmp(type, "number") == 0 || strcmp(type, "money") == 0) {
		if (!json_is_int(v, &n))
			return ("type");
		if (n < fint(f, "min", strcmp(type, "money") == 0 ? 0 :
		    -JSON_MAX_ID) || n > fint(f, "max", JSON_MAX_ID))
			return ("range");
		*out = cJSON_CreateNumber((double)n);
		return (NULL);
	}
	if (strcmp(type, "checkbox") == 0) {
		if (!cJSON_IsBool(v))
			return ("type");
		if (cJSON_IsTrue(cJSON_GetObjectItem(f, "required")) &&
		    !cJSON_IsTrue(v))
			return ("required");
		*out = cJSON_CreateBool(cJSON_IsTrue(v));
		return (NULL);
	}
	if (strcmp(type, "multiselect") == 0) {
		if (!cJSON_IsArray(v))
			return ("type");
		if ((code = check_multi(f, v)) == NULL)
			*out = cJSON_Duplicate(v, 1);
		return (code);
	}
	if (!cJSON_IsString(v))
		return ("type");
	if ((code = check_string(f, type, v->valuestring, &s)) == NULL)
		*out = cJSON_CreateString(s);
	free(s);
	return (code);
}

/* True when v gives no value: absent, null or the empty string. */
static int
missing(const cJSON *v)
{
	return (v == NULL || cJSON_IsNull(v) || (cJSON_IsString(v) &&
	    v->valuestring[0] == '\0'));
}

/* The value to check for f: the sent one, or the record's for a prefill;
 * a sent value that must match the record and does not sets *mismatch. */
static const cJSON *
pick_value(const cJSON *f, const cJSON *data, const cJSON *resident,
    int *mismatch)
{
	const char	*prefill = fstr(f, "prefill");
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(data,
	    fstr(f, "name")), *rec;
	char		 norm[20];
	size_t		 i;

	*mismatch = 0;
	if (prefill == NULL || resident == NULL)
		return (v);
	rec = cJSON_GetObjectItemCaseSensitive(resident, prefill);
	if (missing(v))
		return (rec);
	for (i = 0; fixed_prefill[i] != NULL; i++) {
		if (strcmp(fixed_prefill[i], prefill) != 0)
			continue;
		if (cJSON_IsString(v) && strcmp(prefill, "id_number") == 0 &&
		    valid_id_number(v->valuestring, norm) == NULL)
			*mismatch = !cJSON_IsString(rec) ||
			    strcmp(norm, rec->valuestring) != 0;
		else
			*mismatch = !cJSON_Compare(v, rec, 1);
	}
	return (v);
}

cJSON *
form_check(const cJSON *fields, const cJSON *data, const cJSON *resident,
    cJSON **errors)
{
	const cJSON	*f, *v, *m;
	cJSON		*out = cJSON_CreateObject(), *ok;
	const char	*code, *type;
	char		 field[64];
	int		 mismatch, found;

	cJSON_ArrayForEach(m, data) {
		found = 0;
		cJSON_ArrayForEach(f, fields) {
			if (strcmp(fstr(f, "name"), m->string) == 0 &&
			    strcmp(fstr(f, "type"), "materials") != 0)
				found = 1;
		}
		if (!found) {
			snprintf(field, sizeof field, "data.%.50s", m->string);
			field_error(errors, field, "unknown_field",
			    "表单中没有这个字段");
		}
	}
	cJSON_ArrayForEach(f, fields) {
		type = fstr(f, "type");
		if (strcmp(type, "materials") == 0)
			continue;
		snprintf(field, sizeof field, "data.%s", fstr(f, "name"));
		v = pick_value(f, data, resident, &mismatch);
		if (mismatch) {
			field_error(errors, field, "mismatch",
			    "与居民档案不一致");
			continue;
		}
		if (missing(v)) {
			if (cJSON_IsTrue(cJSON_GetObjectItem(f, "required")))
				field_error(errors, field, "required",
				    "此项必填");
			continue;
		}
		if ((code = check_value(f, v, &ok)) != NULL) {
			field_error(errors, field, code, "此项不符合要求");
			continue;
		}
		cJSON_AddItemToObject(out, fstr(f, "name"), ok);
	}
	return (out);
}

cJSON *
form_fields(const cJSON *form)
{
	const cJSON	*sec, *f;
	cJSON		*all = cJSON_CreateArray();

	cJSON_ArrayForEach(sec, cJSON_GetObjectItem(form, "sections")) {
		cJSON_ArrayForEach(f, cJSON_GetObjectItem(sec, "fields"))
			cJSON_AddItemToArray(all, cJSON_Duplicate(f, 1));
	}
	return (all);
}

cJSON *
form_masked(const cJSON *fields, const cJSON *data)
{
	const cJSON	*f, *v;
	cJSON		*out = cJSON_Duplicate(data, 1);
	const char	*type;
	char		*m;

	cJSON_ArrayForEach(f, fields) {
		type = fstr(f, "type");
		v = cJSON_GetObjectItemCaseSensitive(out, fstr(f, "name"));
		if (!cJSON_IsString(v))
			continue;
		if (strcmp(type, "id_number") == 0)
			m = mask_id(v->valuestring);
		else if (strcmp(type, "phone") == 0)
			m = mask_phone(v->valuestring);
		else
			continue;
		cJSON_ReplaceItemInObjectCaseSensitive(out, fstr(f, "name"),
		    cJSON_CreateString(m));
		free(m);
	}
	return (out);
}
