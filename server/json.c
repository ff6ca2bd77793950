/* Typed access to request JSON and query strings. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "valid.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

const char *
json_text(cJSON *o, const char *key, size_t min, size_t max, int flags,
    const char *field, cJSON **errors)
{
	cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);
	char	 msg[128];
	size_t	 n;

	if (field == NULL)
		field = key;
	if (v == NULL || cJSON_IsNull(v)) {
		if (min > 0 || (flags & JF_REQUIRED))
			field_error(errors, field, "required", "此项必填");
		return (NULL);
	}
	if (!cJSON_IsString(v) || v->valuestring == NULL) {
		field_error(errors, field, "type", "此项须为文字");
		return (NULL);
	}
	if (!valid_controls(v->valuestring, flags & JF_MULTILINE)) {
		field_error(errors, field, "control_chars",
		    "含有不允许的控制字符");
		return (NULL);
	}
	n = utf8_chars(v->valuestring);
	if (n == 0 && (min > 0 || (flags & JF_REQUIRED))) {
		field_error(errors, field, "required", "此项必填");
		return (NULL);
	}
	if (n < min || n > max) {
		snprintf(msg, sizeof msg, "长度须为 %zu 至 %zu 个字符", min,
		    max);
		field_error(errors, field, n < min ? "too_short" : "too_long",
		    msg);
		return (NULL);
	}
	return (v->valuestring);
}

const char *
json_string(cJSON *o, const char *key, size_t min, size_t max,
    const char *field, cJSON **errors)
{
	return (json_text(o, key, min, max, 0, field, errors));
}

int
json_is_int(const cJSON *v, long long *out)
{
	const char	*s;
	size_t		 i = 0, n;

	if (!cJSON_IsNumber(v))
		return (0);
	s = v->valuestring;
	if (s == NULL) {
		/* built by us, not parsed: trust the double if whole */
		if (v->valuedouble != (double)(long long)v->valuedouble)
			return (0);
		*out = (long long)v->valuedouble;
		return (1);
	}
	if (s[0] == '-')
		i = 1;
	n = strlen(s);
	if (n - i == 0 || n - i > 16 || strspn(s + i, "0123456789") != n - i)
		return (0);
	*out = strtoll(s, NULL, 10);
	return (*out <= JSON_MAX_ID && *out >= -JSON_MAX_ID);
}

int
json_integer(cJSON *o, const char *key, long long min, long long max, int flags,
    const char *field, cJSON **errors, long long *out)
{
	cJSON		*v = cJSON_GetObjectItemCaseSensitive(o, key);
	const char	*s;
	char		 msg[96];

	if (field == NULL)
		field = key;
	if (v == NULL || cJSON_IsNull(v)) {
		if (flags & JF_REQUIRED)
			field_error(errors, field, "required", "此项必填");
		return (flags & JF_REQUIRED ? -1 : 0);
	}
	if (!json_is_int(v, out)) {
		s = v->valuestring;
		/* a whole number too long for 53 bits is out of range */
		if (cJSON_IsNumber(v) && s != NULL &&
		    strspn(s + (s[0] == '-'), "0123456789") ==
		    strlen(s + (s[0] == '-')))
			field_error(errors, field, "range", "数值超出范围");
		else
			field_error(errors, field, "type", "此项须为整数");
		return (-1);
	}
	if (*out < min || *out > max) {
		snprintf(msg, sizeof msg, "须为 %lld 至 %lld 的整数", min, max);
		field_error(errors, field, "range", msg);
		return (-1);
	}
	return (1);
}

int
json_bool(cJSON *o, const char *key, int flags, const char *field,
    cJSON **errors, int *out)
{
	cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (field == NULL)
		field = key;
	if (v == NULL || cJSON_IsNull(v)) {
		if (flags & JF_REQUIRED)
			field_error(errors, field, "required", "此项必填");
		return (flags & JF_REQUIRED ? -1 : 0);
	}
	if (!cJSON_IsBool(v)) {
		field_error(errors, field, "type", "此项须为 true 或 false");
		return (-1);
	}
	*out = cJSON_IsTrue(v);
	return (1);
}

const char *
json_option(cJSON *o, const char *key, const char *const *options,
    int flags, const char *field, cJSON **errors)
{
	const char	*s;
	size_t		 i;

	if ((s = json_text(o, key, 0, 64, flags, field, errors)) == NULL)
		return (NULL);
	for (i = 0; options[i] != NULL; i++) {
		if (strcmp(options[i], s) == 0)
			return (options[i]);
	}
	field_error(errors, field != NULL ? field : key, "option",
	    "不是允许的取值");
	return (NULL);
}

/* 1 if name is in the NULL-terminated list. */
static int
listed(const char *const *list, const char *name)
{
	size_t	i;

	for (i = 0; list[i] != NULL; i++) {
		if (strcmp(list[i], name) == 0)
			return (1);
	}
	return (0);
}

void
json_members(cJSON *o, const char *const *allowed, const char *prefix,
    cJSON **errors)
{
	cJSON	*m;
	char	*field;

	cJSON_ArrayForEach(m, o) {
		if (listed(allowed, m->string))
			continue;
		field = xasprintf("%s%s", prefix != NULL ? prefix : "",
		    m->string);
		field_error(errors, field, "unknown_field", "未定义的字段");
		free(field);
	}
}

void
json_add_nullable(cJSON *o, const char *key, const char *v)
{
	if (v == NULL || *v == '\0')
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddStringToObject(o, key, v);
}

struct qcheck {
	const char *const	*allowed;
	int			 paged;
	cJSON			**errors;
};

/* One query parameter against the route's list. */
static enum MHD_Result
q_one(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct qcheck	*q = cls;

	(void)kind;
	(void)value;
	if (listed(q->allowed, key) || (q->paged &&
	    (strcmp(key, "page") == 0 || strcmp(key, "per_page") == 0)))
		return (MHD_YES);
	field_error(q->errors, key, "unknown_field", "未定义的查询参数");
	return (MHD_YES);
}

void
q_check(struct req *r, const char *const *allowed, int paged,
    cJSON **errors)
{
	struct qcheck	q = { allowed, paged, errors };

	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, q_one, &q);
}

int
q_int(struct req *r, const char *name, long long min, long long max,
    cJSON **errors, long long *out)
{
	const char	*s = req_arg(r, name);
	size_t		 n;

	if (s == NULL)
		return (0);
	n = strlen(s);
	if (n == 0 || n > 16 || strspn(s, "0123456789") != n ||
	    (s[0] == '0' && n > 1)) {
		field_error(errors, name, n > 16 && strspn(s, "0123456789") ==
		    n ? "range" : "type", "须为整数");
		return (-1);
	}
	*out = strtoll(s, NULL, 10);
	if (*out < min || *out > max) {
		field_error(errors, name, "range", "数值超出范围");
		return (-1);
	}
	return (1);
}

const char *
q_string(struct req *r, const char *name, size_t min, size_t max,
    cJSON **errors)
{
	const char	*s = req_arg(r, name);
	size_t		 n;

	if (s == NULL)
		return (NULL);
	if (!valid_controls(s, 0)) {
		field_error(errors, name, "control_chars",
		    "含有不允许的控制字符");
		return (NULL);
	}
	n = utf8_chars(s);
	if (n < min || n > max) {
		field_error(errors, name, n < min ? (n == 0 ? "required" :
		    "too_short") : "too_long", "长度不符合要求");
		return (NULL);
	}
	return (s);
}

const char *
q_date(struct req *r, const char *name, cJSON **errors)
{
	const char	*s = req_arg(r, name);

	if (s == NULL)
		return (NULL);
	if (!valid_date(s)) {
		field_error(errors, name, "date", "须为 YYYY-MM-DD 格式的日期");
		return (NULL);
	}
	return (s);
}

void
q_date_range(struct req *r, const char **from, const char **to,
    cJSON **errors)
{
	*from = q_date(r, "from", errors);
	*to = q_date(r, "to", errors);
	if (*from != NULL && *to != NULL && strcmp(*from, *to) > 0)
		field_error(errors, "to", "date", "结束日期早于开始日期");
}

struct qall {
	const char	*name;
	const char	**out;
	int		 max, n;
};

/* Collects the values of one repeated parameter. */
static enum MHD_Result
q_collect(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct qall	*q = cls;

	(void)kind;
	if (strcmp(key, q->name) == 0 && q->n < q->max)
		q->out[q->n++] = value != NULL ? value : "";
	return (MHD_YES);
}

int
q_all(struct req *r, const char *name, const char **out, int max)
{
	struct qall	q = { name, out, max, 0 };

	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, q_collect,
	    &q);
	return (q.n);
}

int
q_options(struct req *r, const char *name, const char *const *options,
    const char **out, int max, cJSON **errors)
{
	int	n = q_all(r, name, out, max), i;

	for (i = 0; i < n; i++) {
		if (!listed(options, out[i])) {
			field_error(errors, name, "option",
			    "不是允许的取值");
			return (-1);
		}
	}
	return (n);
}
