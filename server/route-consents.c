/* Consents recorded at the counter and the resident's 查询记录
 * (docs/api.md 23). */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "idempotency.h"
#include "json.h"
#include "purposes.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "valid.h"
#include "views.h"

#define CONSENT_COLS "k.id, r.id, r.name, r.id_number, p.code, p.name, " \
	"d.code, d.name, k.scope, k.signed_on, k.expires_on, " \
	"k.withdrawn_on, k.withdraw_reason, s.id, s.name, k.recorded_at"
#define CONSENT_FROM " FROM consents k JOIN residents r ON r.id = " \
	"k.resident_id JOIN purposes p ON p.id = k.purpose_id JOIN " \
	"departments d ON d.code = p.department JOIN staff s ON s.id = " \
	"k.recorded_by"

/* A Consent from a row of CONSENT_COLS. */
static cJSON *
consent_json(struct db_stmt *st, const char *today)
{
	cJSON	*o = cJSON_CreateObject(), *p, *d;

	cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
	view_resident(o, "resident", db_int(st, 1), db_text(st, 2),
	    db_text(st, 3));
	p = cJSON_AddObjectToObject(o, "purpose");
	cJSON_AddStringToObject(p, "code", db_text(st, 4));
	cJSON_AddStringToObject(p, "name", db_text(st, 5));
	d = cJSON_AddObjectToObject(p, "department");
	cJSON_AddStringToObject(d, "code", db_text(st, 6));
	cJSON_AddStringToObject(d, "name", db_text(st, 7));
	cJSON_AddStringToObject(o, "scope", db_text(st, 8));
	cJSON_AddStringToObject(o, "signed_on", db_text(st, 9));
	cJSON_AddStringToObject(o, "expires_on", db_text(st, 10));
	view_text_or_null(o, "withdrawn_on", st, 11);
	view_text_or_null(o, "withdraw_reason", st, 12);
	view_ref(o, "recorded_by", db_int(st, 13), db_text(st, 14));
	cJSON_AddStringToObject(o, "recorded_at", db_text(st, 15));
	cJSON_AddBoolToObject(o, "valid", db_null(st, 11) &&
	    strcmp(db_text(st, 10), today) >= 0);
	return (o);
}

/* Answers with one consent and commits. */
static void
reply_consent(struct req *r, long long id, int status)
{
	struct db_stmt	*st;
	cJSON		*o;
	char		 today[16];

	clock_date(clock_now(), today);
	if (db_query(r->db, &st, "SELECT " CONSENT_COLS CONSENT_FROM " WHERE "
	    "k.id = ?", "l", id) != 1) {
		db_reset(st);
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	o = consent_json(st, today);
	db_reset(st);
	reply_json(r, status, o);
	idem_commit(r);
}

/* The dates of a new consent, checked against the purpose and today. */
static void
consent_dates(cJSON *body, const struct purpose *p, const char **signed_on,
    char *expires, cJSON **errors)
{
	const char	*s, *e;
	char		 today[16], last[16];

	clock_date(clock_now(), today);
	s = json_string(body, "signed_on", 1, 10, NULL, errors);
	e = json_string(body, "expires_on", 0, 10, NULL, errors);
	if (s != NULL && (!valid_date(s) || strcmp(s, today) > 0)) {
		field_error(errors, "signed_on", "date", "日期无效或晚于今天");
		s = NULL;
	}
	*signed_on = s;
	if (s == NULL || p->consent_days <= 0)
		return;
	clock_add_days(s, (int)p->consent_days, last);
	if (e == NULL) {
		snprintf(expires, 16, "%s", last);
		return;
	}
	if (!valid_date(e) || strcmp(e, s) < 0 || strcmp(e, last) > 0)
		field_error(errors, "expires_on", "date",
		    "有效期须在签署日至用途规定期限之内");
	else
		snprintf(expires, 16, "%s", e);
}

/* POST /residents/{id}/consents: a signed 核对授权书 recorded. */
static void
consent_record(struct req *r)
{
	static const char *const	 members[] = { "purpose", "scope",
	    "signed_on", "expires_on", NULL };
	struct purpose			 p;
	cJSON				*errors = NULL, *body = req_body(r);
	const char			*code, *scope, *signed_on = NULL;
	char				 at[32], object[48], expires[16] = "";
	long long			 id, k;

	if ((id = req_id(r, 0)) < 0)
		return;
	json_members(body, members, NULL, &errors);
	code = json_string(body, "purpose", 1, 32, NULL, &errors);
	scope = json_text(body, "scope", 0, 200, 0, NULL, &errors);
	if (code != NULL && purpose_load(r->db, code, &p) != 0) {
		field_error(&errors, "purpose", "not_found", "无此用途");
		code = NULL;
	} else if (code != NULL && strcmp(p.consent, "none") == 0) {
		field_error(&errors, "purpose", "option", "此用途无需授权");
		code = NULL;
	}
	if (code != NULL)
		consent_dates(body, &p, &signed_on, expires, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (db_begin(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, id)) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	clock_rfc3339(clock_now(), at);
	snprintf(object, sizeof object, "resident/%lld", id);
	if ((k = db_insert(r->db, "INSERT INTO consents (resident_id, "
	    "purpose_id, scope, signed_on, expires_on, recorded_by, "
	    "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    "lltttlt", id, p.id, scope != NULL ? scope : "", signed_on,
	    expires, r->staff->id, at)) == 0 ||
	    audit_req(r, "consent_record", object, p.code) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "resident %lld: consent %lld to %s", id, k, p.code);
	reply_consent(r, k, 201);
}

/* GET /residents/{id}/consents: newest first. */
static void
consent_list(struct req *r)
{
	static const char *const	 allowed[] = { NULL };
	struct db_stmt			*st;
	cJSON				*errors = NULL, *o, *items;
	long long			 id;
	char				 today[16];
	int				 rc;

	if ((id = req_id(r, 0)) < 0)
		return;
	q_check(r, allowed, 0, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, id)) {
		reply_not_found(r);
		return;
	}
	clock_date(clock_now(), today);
	o = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(o, "items");
	rc = db_query(r->db, &st, "SELECT " CONSENT_COLS CONSENT_FROM
	    " WHERE k.resident_id = ? ORDER BY k.signed_on DESC, k.id DESC",
	    "l", id);
	while (rc == 1) {
		cJSON_AddItemToArray(items, consent_json(st, today));
		rc = db_step(st);
	}
	db_reset(st);
	if (rc < 0) {
		cJSON_Delete(o);
		reply_unavailable(r, NULL);
		return;
	}
	reply_json(r, 200, o);
}

/* POST /consents/{id}/withdraw: from today. */
static void
consent_withdraw(struct req *r)
{
	static const char *const	 members[] = { "reason", NULL };
	struct db_stmt			*st;
	cJSON				*errors = NULL;
	const char			*reason;
	long long			 id, resident = 0;
	char				 today[16], object[48];
	int				 rc, open = 0;

	if ((id = req_id(r, 0)) < 0)
		return;
	json_members(req_body(r), members, NULL, &errors);
	reason = json_text(req_body(r), "reason", 1, 200, 0, NULL, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (db_begin(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	rc = db_query(r->db, &st, "SELECT resident_id, withdrawn_on IS NULL "
	    "FROM consents WHERE id = ?", "l", id);
	if (rc == 1) {
		resident = db_int(st, 0);
		open = (int)db_int(st, 1);
	}
	db_reset(st);
	if (rc != 1 || !scope_sees(r->db, r->staff, SCOPE_RESIDENT,
	    resident)) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	if (!open) {
		db_rollback(r->db);
		reply_problem(r, 409, "consent-withdrawn", "Consent withdrawn",
		    "此授权已撤回", NULL);
		return;
	}
	clock_date(clock_now(), today);
	snprintf(object, sizeof object, "resident/%lld", resident);
	if (db_exec(r->db, "UPDATE consents SET withdrawn_on = ?, "
	    "withdraw_reason = ?, withdrawn_by = ? WHERE id = ?", "ttll",
	    today, reason, r->staff->id, id) != 0 ||
	    audit_req(r, "consent_withdraw", object, reason) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "consent %lld withdrawn", id);
	reply_consent(r, id, 200);
}

const struct route routes_consents[] = {
	{ "POST", "/api/v1/residents/{id}/consents", consent_record,
	  ROUTE_BODY | ROUTE_IDEM, ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/residents/{id}/consents", consent_list, 0,
	  ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ "POST", "/api/v1/consents/{id}/withdraw", consent_withdraw,
	  ROUTE_BODY, ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
