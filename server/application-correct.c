/* POST /api/v1/applications/{id}/corrections (docs/api.md 8): the
 * supervisor corrects values of an open application's form data with a
 * reason; the timeline keeps each old value beside the new one, masked
 * as the API shows them and in full. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applications.h"
#include "audit.h"
#include "auth.h"
#include "catalog.h"
#include "clock.h"
#include "db.h"
#include "exchange-outbox.h"
#include "form.h"
#include "idempotency.h"
#include "json-print.h"
#include "json.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

/* Prefills that are the resident's identity: corrected on the record. */
static const char *const identity[] = { "id_number", "birth_date", "sex",
	"age", NULL };

/* What a correction works on. */
struct fix {
	const char	*reason;
	cJSON		*given;		/* the body's data */
	char		 status[24];
	long long	 version, service_id;
	cJSON		*data;		/* the stored data, in full */
	cJSON		*fields;	/* the service's form fields */
	cJSON		*changes;	/* Change list, masked */
	cJSON		*full;		/* the same, in full */
};

static void
fix_free(struct fix *f)
{
	cJSON_Delete(f->data);
	cJSON_Delete(f->fields);
	cJSON_Delete(f->changes);
	cJSON_Delete(f->full);
}

/* The body: reason and data; -1 having replied 400. */
static int
read_body(struct req *r, struct fix *f)
{
	static const char *const	 members[] = { "reason", "data", NULL };
	cJSON				*body = req_body(r), *errors = NULL;

	json_members(body, members, NULL, &errors);
	f->reason = json_string(body, "reason", 2, 200, NULL, &errors);
	f->given = cJSON_GetObjectItem(body, "data");
	if (f->given == NULL || cJSON_IsNull(f->given))
		field_error(&errors, "data", "required", "请写明要更正的内容");
	else if (!cJSON_IsObject(f->given))
		field_error(&errors, "data", "type", "须为对象");
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* The stored application and its service's form, its row locked until
 * the transaction ends; -1 if the caller may not see it. */
static int
load(struct req *r, long long id, struct fix *f)
{
	struct db_stmt	*st;
	cJSON		*svc;
	long long	 v;
	int		 rc;

	if (!scope_sees(r->db, r->staff, SCOPE_APPLICATION, id))
		return (-1);
	rc = db_query(r->db, &st, "SELECT status, version, service_id, data "
	    "FROM applications WHERE id = ? FOR UPDATE", "l", id);
	if (rc == 1) {
		snprintf(f->status, sizeof f->status, "%s", db_text(st, 0));
		f->version = db_int(st, 1);
		f->service_id = db_int(st, 2);
		f->data = cJSON_Parse(db_text(st, 3));
	}
	db_reset(st);
	if (rc != 1 || f->data == NULL || (svc = catalog_service(r->db,
	    f->service_id, NULL, &v)) == NULL)
		return (-1);
	f->fields = form_fields(cJSON_GetObjectItem(svc, "form"));
	cJSON_Delete(svc);
	return (0);
}

/* The form field named name, or NULL. */
static const cJSON *
field_named(const struct fix *f, const char *name)
{
	const cJSON	*it;

	cJSON_ArrayForEach(it, f->fields) {
		if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(it,
		    "name")), name) == 0)
			return (it);
	}
	return (NULL);
}

/* 1 if the field may not be corrected here. */
static int
not_patchable(const cJSON *field)
{
	const char	*prefill = cJSON_GetStringValue(cJSON_GetObjectItem(
			    field, "prefill"));
	size_t		 i;

	if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(field, "type")),
	    "materials") == 0)
		return (1);
	for (i = 0; prefill != NULL && identity[i] != NULL; i++) {
		if (strcmp(prefill, identity[i]) == 0)
			return (1);
	}
	return (0);
}

/* value, masked as the API shows field's values, or null. */
static cJSON *
shown(const cJSON *fields1, const char *name, const cJSON *value)
{
	cJSON	*one = cJSON_CreateObject(), *m, *v;

	if (value == NULL)
		return (cJSON_CreateNull());
	cJSON_AddItemToObject(one, name, cJSON_Duplicate(value, 1));
	m = form_masked(fields1, one);
	v = cJSON_DetachItemFromObject(m, name);
	cJSON_Delete(one);
	cJSON_Delete(m);
	return (v);
}

/* Notes one change, masked and in full. */
static void
changed(struct fix *f, const cJSON *field, const cJSON *fields1,
    const cJSON *old, const cJSON *now)
{
	const char	*name = cJSON_GetStringValue(cJSON_GetObjectItem(field,
			    "name"));
	cJSON		*c, *k;
	char		 key[64];

	snprintf(key, sizeof key, "data.%s", name);
	c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "field", key);
	cJSON_AddStringToObject(c, "label", cJSON_GetStringValue(
	    cJSON_GetObjectItem(field, "label")));
	cJSON_AddItemToObject(c, "old", shown(fields1, name, old));
	cJSON_AddItemToObject(c, "new", shown(fields1, name, now));
	cJSON_AddItemToArray(f->changes, c);
	k = cJSON_CreateObject();
	cJSON_AddStringToObject(k, "field", key);
	cJSON_AddItemToObject(k, "old", old != NULL ? cJSON_Duplicate(old, 1) :
	    cJSON_CreateNull());
	cJSON_AddItemToObject(k, "new", now != NULL ? cJSON_Duplicate(now, 1) :
	    cJSON_CreateNull());
	cJSON_AddItemToArray(f->full, k);
}

/* One given value: a field that may be corrected, checked by its type
 * alone; into the stored data when it changes something. */
static void
correct_one(struct fix *f, const cJSON *given, cJSON **errors)
{
	const cJSON	*field = field_named(f, given->string), *old;
	cJSON		*fields1, *data1, *out, *now;
	char		 key[64];
	int		 before = cJSON_GetArraySize(*errors);

	snprintf(key, sizeof key, "data.%.50s", given->string);
	if (field == NULL) {
		field_error(errors, key, "unknown_field", "表单中没有这个字段");
		return;
	}
	if (not_patchable(field)) {
		field_error(errors, key, "not_patchable", "身份信息请更正居民"
		    "档案，材料不在此更正");
		return;
	}
	fields1 = cJSON_CreateArray();
	cJSON_AddItemToArray(fields1, cJSON_Duplicate(field, 1));
	data1 = cJSON_CreateObject();
	if (!cJSON_IsNull(given))
		cJSON_AddItemToObject(data1, given->string,
		    cJSON_Duplicate(given, 1));
	out = form_check(fields1, data1, NULL, errors);
	now = cJSON_GetObjectItem(out, given->string);
	old = cJSON_GetObjectItem(f->data, given->string);
	if (cJSON_GetArraySize(*errors) == before && !(old == NULL ?
	    now == NULL : now != NULL && cJSON_Compare(old, now, 1))) {
		changed(f, field, fields1, old, now);
		cJSON_DeleteItemFromObject(f->data, given->string);
		if (now != NULL)
			cJSON_AddItemToObject(f->data, given->string,
			    cJSON_Duplicate(now, 1));
	}
	cJSON_Delete(fields1);
	cJSON_Delete(data1);
	cJSON_Delete(out);
}

/* The stored data in the form's order. */
static cJSON *
in_order(const struct fix *f)
{
	const cJSON	*it, *v;
	cJSON		*out = cJSON_CreateObject();
	const char	*name;

	cJSON_ArrayForEach(it, f->fields) {
		name = cJSON_GetStringValue(cJSON_GetObjectItem(it, "name"));
		if ((v = cJSON_GetObjectItem(f->data, name)) != NULL)
			cJSON_AddItemToObject(out, name, cJSON_Duplicate(v, 1));
	}
	return (out);
}

/* The fields changed, "data.a, data.b", for the audit (no values). */
static char *
fields_text(const struct fix *f)
{
	const cJSON	*c;
	struct buf	 b;

	buf_init(&b);
	buf_add(&b, "", 0);
	cJSON_ArrayForEach(c, f->changes)
		buf_printf(&b, "%s%s", b.len > 0 ? ", " : "",
		    cJSON_GetStringValue(cJSON_GetObjectItem(c, "field")));
	return (buf_steal(&b));
}

/* Writes the data, the timeline entry and the audit row; 0 or -1. */
static int
store(struct req *r, long long id, struct fix *f)
{
	cJSON	*ordered = in_order(f), *masked;
	char	 now[32], object[48], *data, *mtext, *changes, *full;
	char	*what, *detail;
	int	 rc;

	clock_rfc3339(clock_now(), now);
	masked = form_masked(f->fields, ordered);
	data = json_print(ordered);
	mtext = json_print(masked);
	changes = json_print(f->changes);
	full = json_print(f->full);
	rc = db_exec_later(r->db, "UPDATE applications SET data = ?, "
	    "data_masked = ?, version = version + 1, updated_at = ? WHERE "
	    "id = ?", "tttl", data, mtext, now, id);
	if (rc == 0)
		rc = db_exec_later(r->db, "INSERT INTO timeline ("
		    "application_id, at, staff_id, action, from_status, "
		    "to_status, reason, changes, changes_full) VALUES (?, ?, "
		    "?, 'correct', ?, ?, ?, ?, ?)",
		    "ltlttttt", id, now, r->staff->id, f->status, f->status,
		    f->reason, changes, full);
	if (rc == 0)
		rc = exchange_event(r->db, id);
	what = fields_text(f);
	detail = xasprintf("%s：%s", f->reason, what);
	snprintf(object, sizeof object, "application/%lld", id);
	if (rc == 0)
		rc = audit_req(r, "correct", object, detail);
	cJSON_Delete(ordered);
	cJSON_Delete(masked);
	free(data);
	free(mtext);
	free(changes);
	free(full);
	free(what);
	free(detail);
	return (rc);
}

/* 409 application-closed: 办结 or closed, nothing is corrected. */
static int
refuse_closed(struct req *r, const char *status)
{
	static const char *const	 open[] = { "submitted", "accepted",
	    "materials_requested", "forwarded", NULL };
	cJSON				*ext;
	size_t				 i;

	for (i = 0; open[i] != NULL; i++) {
		if (strcmp(open[i], status) == 0)
			return (0);
	}
	ext = cJSON_CreateObject();
	cJSON_AddStringToObject(ext, "current_status", status);
	reply_problem_ext(r, 409, "application-closed", "Application closed",
	    strcmp(status, "completed") == 0 || strcmp(status, "collected") ==
	    0 ? "办件已办结，不能更正" : "办件已终止，不能更正", ext);
	return (1);
}

/* The checks that answer 400, in the transaction. -1 having replied. */
static int
check_values(struct req *r, struct fix *f)
{
	const cJSON	*it;
	cJSON		*errors = NULL;

	f->changes = cJSON_CreateArray();
	f->full = cJSON_CreateArray();
	cJSON_ArrayForEach(it, f->given)
		correct_one(f, it, &errors);
	if (errors == NULL && cJSON_GetArraySize(f->changes) == 0)
		field_error(&errors, "data", "required", "没有要更正的内容");
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* The version asked for is the current one; else 412. */
static int
refuse_version(struct req *r, const struct fix *f)
{
	cJSON	*ext;

	if (f->version == r->if_match)
		return (0);
	ext = cJSON_CreateObject();
	cJSON_AddNumberToObject(ext, "current_version", (double)f->version);
	reply_problem_ext(r, 412, "precondition-failed", "Precondition failed",
	    "办件已被他人更新，请刷新后重试", ext);
	return (1);
}

/* POST /applications/{id}/corrections: the supervisor's 更正. */
static void
app_correct(struct req *r)
{
	struct fix	 f;
	cJSON		*o;
	long long	 id, version;

	memset(&f, 0, sizeof f);
	if ((id = req_id(r, 0)) < 0 || read_body(r, &f) != 0)
		return;
	/* beside other writers, the application's row locked by load() */
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if (load(r, id, &f) != 0) {
		db_rollback(r->db);
		reply_not_found(r);
	} else if (refuse_version(r, &f) || refuse_closed(r, f.status) ||
	    check_values(r, &f) != 0)
		db_rollback(r->db);
	else if (store(r, id, &f) != 0 || (o = app_full(r, id, &version)) ==
	    NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
	} else {
		req_note(r, "application %lld corrected", id);
		reply_versioned(r, 200, o, version);
		idem_commit(r);
	}
	fix_free(&f);
}

const struct route routes_application_correct[] = {
	{ "POST", "/api/v1/applications/{id}/corrections", app_correct,
	    ROUTE_IDEM | ROUTE_IF_MATCH | ROUTE_BODY, ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
