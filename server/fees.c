/* Fees by rule: the amount a resident owes for a service, and what an
 * application owes and has paid. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conditions.h"
#include "db.h"
#include "fees.h"
#include "json-print.h"
#include "json.h"
#include "valid.h"

/* The first of the service's fee cases that the data meet, or NULL;
 * a field a case reads that data lacks goes in q->missing. */
static const cJSON *
fee_case(const cJSON *service, const cJSON *data, struct fee_quote *q)
{
	const cJSON	*k, *found = NULL;
	const char	*field, *v;

	cJSON_ArrayForEach(k, cJSON_GetObjectItem(service, "fee_cases")) {
		field = cJSON_GetStringValue(cJSON_GetObjectItem(k, "field"));
		v = cJSON_GetStringValue(cJSON_GetObjectItem(data, field));
		if (v == NULL || *v == '\0') {
			q->missing = field;
			continue;
		}
		if (found == NULL && strcmp(v, cJSON_GetStringValue(
		    cJSON_GetObjectItem(k, "value"))) == 0)
			found = k;
	}
	return (q->missing != NULL ? NULL : found);
}

void
fee_evaluate(const cJSON *service, const cJSON *data,
    const struct cond_subject *s, struct fee_quote *q)
{
	const cJSON	*r, *c, *k, *from = service;
	double		 amount;

	memset(q, 0, sizeof *q);
	if ((k = fee_case(service, data, q)) != NULL)
		from = k;
	q->standard_fen = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(
	    from, "fee_fen"));
	q->due_fen = q->standard_fen;
	q->basis = cJSON_GetStringValue(cJSON_GetObjectItem(from,
	    k != NULL ? "basis" : "fee_basis"));
	if (k == NULL || cJSON_IsTrue(cJSON_GetObjectItem(k, "reliefs"))) {
		cJSON_ArrayForEach(r, cJSON_GetObjectItem(service,
		    "fee_reliefs")) {
			c = cJSON_GetObjectItem(r, "condition");
			amount = cJSON_GetNumberValue(cJSON_GetObjectItem(r,
			    "amount_fen"));
			/* the lowest amount; on a tie the first relief */
			if (!cond_holds(c, s) || amount >= (double)q->due_fen)
				continue;
			q->due_fen = (long long)amount;
			q->relief = r;
		}
	}
	if (q->relief != NULL) {
		q->basis = cJSON_GetStringValue(cJSON_GetObjectItem(q->relief,
		    "basis"));
		snprintf(q->reason, sizeof q->reason, "%s",
		    cJSON_GetStringValue(cJSON_GetObjectItem(q->relief,
		    "message")));
	} else if (k != NULL)
		snprintf(q->reason, sizeof q->reason, "%s",
		    cJSON_GetStringValue(cJSON_GetObjectItem(k, "message")));
	else
		snprintf(q->reason, sizeof q->reason, "%s", q->due_fen == 0 ?
		    "本事项不收费" : "按收费标准收取");
}

void
fee_quote_add(cJSON *o, const struct fee_quote *q)
{
	cJSON_AddNumberToObject(o, "standard_fen", (double)q->standard_fen);
	cJSON_AddNumberToObject(o, "due_fen", (double)q->due_fen);
	if (q->relief != NULL)
		cJSON_AddItemToObject(o, "relief", cJSON_Duplicate(q->relief,
		    1));
	else
		cJSON_AddNullToObject(o, "relief");
	cJSON_AddStringToObject(o, "reason", q->reason);
	json_add_nullable(o, "basis", q->basis);
}

/* The status of a fee: free, unpaid, paid (cash or code) or waived. */
static const char *
fee_status(long long due, struct db_stmt *st, int col)
{
	if (!db_null(st, col))
		return (strcmp(db_text(st, col + 2), "waived") == 0 ?
		    "waived" : "paid");
	return (due == 0 ? "free" : "unpaid");
}

cJSON *
fee_state(struct db_stmt *st, int col)
{
	cJSON		*o, *p;
	long long	 due;

	o = cJSON_CreateObject();
	due = db_int(st, col);
	cJSON_AddNumberToObject(o, "standard_fen", (double)db_int(st,
	    col + 1));
	cJSON_AddNumberToObject(o, "due_fen", (double)due);
	cJSON_AddStringToObject(o, "reason", !db_null(st, col + 2) ?
	    db_text(st, col + 2) : due == 0 ? "本事项不收费" :
	    "按收费标准收取");
	json_add_nullable(o, "basis", db_null(st, col + 3) ? NULL :
	    db_text(st, col + 3));
	cJSON_AddStringToObject(o, "status", fee_status(due, st, col + 4));
	if (db_null(st, col + 4))
		cJSON_AddNullToObject(o, "payment");
	else {
		p = cJSON_AddObjectToObject(o, "payment");
		cJSON_AddNumberToObject(p, "id", (double)db_int(st, col + 4));
		cJSON_AddStringToObject(p, "serial", db_text(st, col + 5));
		cJSON_AddStringToObject(p, "channel", db_text(st, col + 6));
		cJSON_AddNumberToObject(p, "amount_fen", (double)db_int(st,
		    col + 7));
		cJSON_AddStringToObject(p, "at", db_text(st, col + 8));
	}
	return (o);
}

long long
fee_unpaid(struct db *db, long long id)
{
	struct db_stmt	*st;
	long long	 owed = -1;

	if (db_query(db, &st, "SELECT CASE WHEN payment_id IS NULL THEN "
	    "fee_fen ELSE 0 END FROM applications WHERE id = ?", "l", id) == 1)
		owed = db_int(st, 0);
	db_reset(st);
	return (owed);
}

/* 1 if the tag is of the fixed vocabulary (docs/api.md 4). */
static int
known_tag(const char *tag)
{
	const char *const	*t;

	for (t = valid_tags(); *t != NULL; t++) {
		if (strcmp(*t, tag) == 0)
			return (1);
	}
	return (0);
}

/* 1 if o's member key is a string of 1 to max characters' bytes. */
static int
text_ok(const cJSON *o, const char *key, size_t max)
{
	const char	*v = cJSON_GetStringValue(cJSON_GetObjectItem(o, key));

	return (v != NULL && *v != '\0' && strlen(v) <= max * 4 &&
	    valid_controls(v, 0));
}

const char *
fee_relief_invalid(const cJSON *r, long long fee_fen)
{
	const cJSON	*c = cJSON_GetObjectItem(r, "condition"), *v;
	const cJSON	*a = cJSON_GetObjectItem(r, "amount_fen");
	const char	*type;

	if (!cJSON_IsObject(r) || !cJSON_IsObject(c))
		return ("an object with a condition is needed");
	type = cJSON_GetStringValue(cJSON_GetObjectItem(c, "type"));
	v = cJSON_GetObjectItem(c, "value");
	if (type == NULL || (strcmp(type, "tag") == 0 ? !cJSON_IsString(v) ||
	    !known_tag(v->valuestring) : (strcmp(type, "min_age") != 0 &&
	    strcmp(type, "max_age") != 0) || !cJSON_IsNumber(v) ||
	    v->valuedouble < 0 || v->valuedouble > 150 ||
	    v->valuedouble != (int)v->valuedouble))
		return ("condition: a tag of the vocabulary, or min_age or "
		    "max_age in years");
	if (!text_ok(c, "message", 200) || !text_ok(r, "message", 200) ||
	    !text_ok(r, "basis", 500))
		return ("condition.message, message and basis: strings are "
		    "needed");
	if (!cJSON_IsNumber(a) || a->valuedouble < 0 ||
	    a->valuedouble != (long long)a->valuedouble ||
	    (long long)a->valuedouble >= fee_fen)
		return ("amount_fen: a whole number below fee_fen is needed");
	return (NULL);
}

/* 1 if o's member key is the string v. */
static int
member_is(const cJSON *o, const char *key, const char *v)
{
	const char	*s = cJSON_GetStringValue(cJSON_GetObjectItem(o, key));

	return (s != NULL && strcmp(s, v) == 0);
}

/* 1 if the form (a Form: sections of fields) has a select field name
 * with the option value. */
static int
form_has_option(const cJSON *form, const char *name, const char *value)
{
	const cJSON	*sec, *f, *opt;

	cJSON_ArrayForEach(sec, cJSON_GetObjectItem(form, "sections")) {
		cJSON_ArrayForEach(f, cJSON_GetObjectItem(sec, "fields")) {
			if (!member_is(f, "name", name))
				continue;
			cJSON_ArrayForEach(opt, cJSON_GetObjectItem(f,
			    "options")) {
				if (member_is(opt, "value", value))
					return (1);
			}
		}
	}
	return (0);
}

const char *
fee_case_invalid(const cJSON *k, const cJSON *form)
{
	const cJSON	*a = cJSON_GetObjectItem(k, "fee_fen");

	if (!cJSON_IsObject(k) || !text_ok(k, "field", 64) ||
	    !text_ok(k, "value", 64))
		return ("an object with a field and a value is needed");
	if (!form_has_option(form, cJSON_GetObjectItem(k, "field")->valuestring,
	    cJSON_GetObjectItem(k, "value")->valuestring))
		return ("field and value: an option of a field of the form is "
		    "needed");
	if (!cJSON_IsNumber(a) || a->valuedouble < 0 ||
	    a->valuedouble > 100000000 ||
	    a->valuedouble != (long long)a->valuedouble)
		return ("fee_fen: a whole number of fen is needed");
	if (!cJSON_IsBool(cJSON_GetObjectItem(k, "reliefs")))
		return ("reliefs: true or false");
	if (!text_ok(k, "message", 200) || !text_ok(k, "basis", 500))
		return ("message and basis: strings are needed");
	return (NULL);
}

char *
fee_cases_text(const cJSON *cases)
{
	static const char *const keys[] = { "field", "value", "fee_fen",
	    "reliefs", "message", "basis" };
	cJSON		*list = cJSON_CreateArray(), *o;
	const cJSON	*k;
	char		*text;
	size_t		 i;

	if (!cJSON_IsArray(cases))
		cases = NULL;
	cJSON_ArrayForEach(k, cases) {
		o = cJSON_CreateObject();
		for (i = 0; i < sizeof keys / sizeof *keys; i++)
			cJSON_AddItemToObject(o, keys[i], cJSON_Duplicate(
			    cJSON_GetObjectItem(k, keys[i]), 1));
		cJSON_AddItemToArray(list, o);
	}
	text = json_print(list);
	cJSON_Delete(list);
	return (text);
}

char *
fee_reliefs_text(const cJSON *reliefs)
{
	cJSON		*list = cJSON_CreateArray(), *o, *c;
	const cJSON	*r, *src;
	char		*text;
	double		 amount;

	if (!cJSON_IsArray(reliefs))
		reliefs = NULL;
	cJSON_ArrayForEach(r, reliefs) {
		src = cJSON_GetObjectItem(r, "condition");
		amount = cJSON_GetNumberValue(cJSON_GetObjectItem(r,
		    "amount_fen"));
		o = cJSON_CreateObject();
		c = cJSON_AddObjectToObject(o, "condition");
		cJSON_AddItemToObject(c, "type", cJSON_Duplicate(
		    cJSON_GetObjectItem(src, "type"), 1));
		cJSON_AddItemToObject(c, "value", cJSON_Duplicate(
		    cJSON_GetObjectItem(src, "value"), 1));
		cJSON_AddItemToObject(c, "message", cJSON_Duplicate(
		    cJSON_GetObjectItem(src, "message"), 1));
		cJSON_AddStringToObject(o, "kind", amount == 0 ? "waiver" :
		    "reduction");
		cJSON_AddNumberToObject(o, "amount_fen", amount);
		cJSON_AddItemToObject(o, "message", cJSON_Duplicate(
		    cJSON_GetObjectItem(r, "message"), 1));
		cJSON_AddItemToObject(o, "basis", cJSON_Duplicate(
		    cJSON_GetObjectItem(r, "basis"), 1));
		cJSON_AddItemToArray(list, o);
	}
	text = json_print(list);
	cJSON_Delete(list);
	return (text);
}
