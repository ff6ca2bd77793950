/* /api/v1/certificate-types and /api/v1/certificates: the types as
 * server data, finding certificates, and reprints. Issuing (a gap-free
 * serial per community and year, the stub, verification token and
 * code) is in certificate-issue.c, what they share in certificates.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "certificates.h"
#include "clock.h"
#include "db.h"
#include "idempotency.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "views.h"

/* GET /certificate-types: the retained ones, or all. */
static void
types(struct req *r)
{
	static const char *const	 allowed[] = { "include", NULL };
	static const char *const	 includes[] = { "cancelled", NULL };
	struct listq			*q;
	struct db_stmt			*st;
	cJSON				*errors = NULL;
	const char			*inc[1];
	int				 all;

	q_check(r, allowed, 1, &errors);
	all = q_options(r, "include", includes, inc, 1, &errors) == 1;
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if ((q = listq_req(r, TYPE_COLS, " FROM certificate_types")) == NULL)
		return;
	if (!all)
		listq_where(q, "status = 'retained'", "");
	listq_order(q, "code");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, certificate_type_row(st));
	reply_json(r, 200, listq_page(q));
}

/* GET /certificate-types/{id}, retained or cancelled. */
static void
type(struct req *r)
{
	cJSON		*o;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = certificate_type(r->db, id)) == NULL) {
		reply_not_found(r);
		return;
	}
	reply_versioned(r, 200, o, (long long)cJSON_GetNumberValue(
	    cJSON_GetObjectItem(o, "version")));
}

/* The list's filters as conditions; -1 having replied 400. */
static int
list_filters(struct req *r, struct listq *q, long long resident)
{
	static const char *const	 allowed[] = { "resident_id", "type_id",
	    "serial", "from", "to", NULL };
	static const char *const	 sub[] = { "type_id", NULL };
	cJSON				*errors = NULL;
	const char			*s, *from, *to;
	long long			 v;

	q_check(r, resident != 0 ? sub : allowed, 1, &errors);
	scope_list(q, r->staff, "c.centre_id = ?");
	if (resident != 0)
		listq_where(q, "x.resident_id = ?", "l", resident);
	else if (q_int(r, "resident_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "x.resident_id = ?", "l", v);
	if (q_int(r, "type_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "x.type_id = ?", "l", v);
	if ((s = q_string(r, "serial", 1, 60, &errors)) != NULL)
		listq_where(q, "x.serial = ?", "t", s);
	q_date_range(r, &from, &to, &errors);
	if (from != NULL)
		listq_where(q, "x.issued_date >= ?", "t", from);
	if (to != NULL)
		listq_where(q, "x.issued_date <= ?", "t", to);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* A page of certificates, newest first; resident 0 for any. */
static void
list_page(struct req *r, long long resident)
{
	struct listq	*q;
	struct db_stmt	*st;

	if ((q = listq_req(r, CERT_COLS, CERT_FROM)) == NULL)
		return;
	if (list_filters(r, q, resident) != 0) {
		listq_free(q);
		return;
	}
	listq_order(q, "x.issued_at DESC, x.id DESC");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, certificate_summary(st));
	reply_json(r, 200, listq_page(q));
}

/* GET /certificates: the caller's communities', newest first. */
static void
list(struct req *r)
{
	list_page(r, 0);
}

/* GET /residents/{id}/certificates: one resident's, newest first. */
static void
resident_certificates(struct req *r)
{
	long long	id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, id)) {
		reply_not_found(r);
		return;
	}
	list_page(r, id);
}

/* GET /certificates/{id}: complete, for reprinting. */
static void
get(struct req *r)
{
	cJSON		*o;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = certificate_full(r, id)) == NULL)
		reply_not_found(r);
	else
		reply_json(r, 200, o);
}

/* POST /certificates/{id}/reprints: records a 补打 before it is printed,
 * numbered per certificate: beside other writers, the certificate's
 * row locked until the commit (db.h). */
static void
reprint(struct req *r)
{
	static const char *const	 members[] = { "reason", NULL };
	struct db_stmt			*st;
	cJSON				*errors = NULL, *o, *c;
	const char			*reason;
	long long			 id, n, rid;
	char				 now[32], object[48];
	int				 rc;

	if ((id = req_id(r, 0)) < 0)
		return;
	json_members(req_body(r), members, NULL, &errors);
	reason = json_string(req_body(r), "reason", 2, 200, NULL, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	rc = db_query(r->db, &st, "SELECT id FROM certificates WHERE id = ? "
	    "FOR UPDATE", "l", id);
	db_reset(st);
	if (rc < 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	if ((c = certificate_full(r, id)) == NULL) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	if (certificate_refuse_void(r, c) != 0) {
		db_rollback(r->db);
		cJSON_Delete(c);
		return;
	}
	n = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(c,
	    "reprints")) + 1;
	cJSON_Delete(c);
	clock_rfc3339(clock_now(), now);
	snprintf(object, sizeof object, "certificate/%lld", id);
	if (db_exec(r->db, "UPDATE certificates SET reprints = ? WHERE id = ?",
	    "ll", n, id) != 0 || (rid = db_insert(r->db, "INSERT INTO "
	    "reprints (certificate_id, reprint_no, at, staff_id, reason) "
	    "VALUES (?, ?, ?, ?, ?) RETURNING id", "lltlt", id, n, now,
	    r->staff->id, reason)) == 0 ||
	    audit_req(r, "reprint", object, reason) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)rid);
	cJSON_AddNumberToObject(o, "certificate_id", (double)id);
	cJSON_AddNumberToObject(o, "reprint_no", (double)n);
	cJSON_AddStringToObject(o, "at", now);
	view_ref(o, "staff", r->staff->id, r->staff->name);
	cJSON_AddStringToObject(o, "reason", reason);
	req_note(r, "certificate %lld: reprint %lld", id, n);
	reply_json(r, 201, o);
	idem_commit(r);
}

#define CERT_ROLES	(ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN)

const struct route routes_certificates[] = {
	{ "GET", "/api/v1/certificate-types", types, 0, ROLE_ANY },
	{ "GET", "/api/v1/certificate-types/{id}", type, 0, ROLE_ANY },
	{ "GET", "/api/v1/certificates", list, 0, CERT_ROLES },
	{ "GET", "/api/v1/certificates/{id}", get, 0, CERT_ROLES },
	{ "POST", "/api/v1/certificates/{id}/reprints", reprint,
	    ROUTE_IDEM | ROUTE_BODY, CERT_ROLES },
	{ "GET", "/api/v1/residents/{id}/certificates",
	    resident_certificates, 0, CERT_ROLES },
	{ NULL, NULL, NULL, 0, 0 }
};
