/* GET /api/v1/services/{id}/fee (docs/api.md 22): the amount a
 * resident owes for a service by its fee rule, and why, before the
 * application is taken. */
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "conditions.h"
#include "db.h"
#include "fees.h"
#include "json.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "views.h"

/* The resident's reference, as a FeeQuote names them. */
static void
add_resident(struct req *r, cJSON *o, long long id)
{
	struct db_stmt	*st;

	if (db_query(r->db, &st, "SELECT name, id_number FROM residents WHERE "
	    "id = ?", "l", id) == 1)
		view_resident(o, "resident", id, db_text(st, 0), db_text(st, 1));
	else
		cJSON_AddNullToObject(o, "resident");
	db_reset(st);
}

/* The FeeQuote of service for the resident and the form's data. */
static cJSON *
quote(struct req *r, cJSON *service, long long resident,
    const struct fee_quote *q)
{
	cJSON	*o = cJSON_CreateObject(), *ref;

	ref = cJSON_AddObjectToObject(o, "service");
	cJSON_AddItemToObject(ref, "id", cJSON_Duplicate(cJSON_GetObjectItem(
	    service, "id"), 1));
	cJSON_AddItemToObject(ref, "txcode", cJSON_Duplicate(
	    cJSON_GetObjectItem(service, "txcode"), 1));
	cJSON_AddItemToObject(ref, "name", cJSON_Duplicate(
	    cJSON_GetObjectItem(service, "name"), 1));
	add_resident(r, o, resident);
	fee_quote_add(o, q);
	return (o);
}

#define MAX_CASE_FIELDS	8

/* The query's values of the form fields the service's fee cases read,
 * into data; their names (after resident_id) into allowed. */
static void
case_fields(struct req *r, const cJSON *service, const char **allowed,
    cJSON *data, cJSON **errors)
{
	const cJSON	*k;
	const char	*field, *v;
	int		 n = 1, i;

	cJSON_ArrayForEach(k, cJSON_GetObjectItem(service, "fee_cases")) {
		field = cJSON_GetStringValue(cJSON_GetObjectItem(k, "field"));
		for (i = 1; i < n && strcmp(allowed[i], field) != 0; i++)
			continue;
		if (field == NULL || i < n || n == MAX_CASE_FIELDS)
			continue;
		allowed[n++] = field;
		if ((v = q_string(r, field, 1, 64, errors)) != NULL)
			cJSON_AddStringToObject(data, field, v);
	}
	allowed[n] = NULL;
}

/* GET /services/{id}/fee?resident_id=: what the resident owes; the
 * fields the fee follows (fee_cases) given by name. */
static void
service_fee(struct req *r)
{
	const char		*allowed[MAX_CASE_FIELDS + 1] = {
				    "resident_id", NULL };
	cJSON			*errors = NULL, *service, *data;
	struct cond_subject	 s;
	struct fee_quote	 q;
	long long		 id, resident = 0, version;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((service = catalog_service(r->db, id, NULL, &version)) == NULL) {
		reply_not_found(r);
		return;
	}
	data = cJSON_CreateObject();
	case_fields(r, service, allowed, data, &errors);
	q_check(r, allowed, 0, &errors);
	if (q_int(r, "resident_id", 1, JSON_MAX_ID, &errors, &resident) == 0)
		field_error(&errors, "resident_id", "required", "请指定居民");
	if (errors == NULL &&
	    !scope_sees(r->db, r->staff, SCOPE_RESIDENT, resident)) {
		reply_not_found(r);
		goto out;
	}
	if (errors == NULL) {
		cond_subject_load(r->db, resident, &s);
		fee_evaluate(service, data, &s, &q);
		if (q.missing != NULL)
			field_error(&errors, q.missing, "required",
			    "收费随此项而定，请先选择");
	}
	if (errors != NULL) {
		reply_validation(r, errors);
		goto out;
	}
	req_note(r, "fee of service %lld for resident %lld", id, resident);
	reply_json(r, 200, quote(r, service, resident, &q));
out:
	cJSON_Delete(data);
	cJSON_Delete(service);
}

const struct route routes_fees[] = {
	{ "GET", "/api/v1/services/{id}/fee", service_fee, 0,
	    ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
