/* A receipt printed again (补打, docs/api.md 22): a payment's 收款收据 or
 * a red-letter record's, recorded and audited before it is printed,
 * numbered per record so that the paper says which reprint it is, as a
 * certificate's reprints are. The record itself does not change. */
#include <stdio.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "idempotency.h"
#include "json.h"
#include "payments.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "views.h"

/* The next reprint's number of the record, its row locked until the
 * commit (records are never deleted: 0, none, is an error too); -1 on
 * error. */
static long long
next_number(struct req *r, long long id)
{
	struct db_stmt	*st;
	long long	 n;
	int		 rc;

	rc = db_query(r->db, &st, "SELECT id FROM payments WHERE id = ? "
	    "FOR UPDATE", "l", id);
	db_reset(st);
	if (rc <= 0)
		return (rc);
	if (db_query(r->db, &st, "SELECT count(*) FROM payment_reprints "
	    "WHERE payment_id = ?", "l", id) != 1) {
		db_reset(st);
		return (-1);
	}
	n = db_int(st, 0) + 1;
	db_reset(st);
	return (n);
}

/* POST /payments/{id}/reprints. */
static void
reprint(struct req *r)
{
	static const char *const	 members[] = { "reason", NULL };
	cJSON				*errors = NULL, *o, *p;
	const char			*reason;
	long long			 id, n, rid, app = 0;
	char				 now[32], object[48];

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((p = payment_get(r->db, id, &app)) == NULL ||
	    !scope_sees(r->db, r->staff, SCOPE_APPLICATION, app)) {
		cJSON_Delete(p);
		reply_not_found(r);
		return;
	}
	cJSON_Delete(p);
	json_members(req_body(r), members, NULL, &errors);
	reason = json_string(req_body(r), "reason", 2, 200, NULL, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (db_begin_rows(r->db) != 0 || (n = next_number(r, id)) <= 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	clock_rfc3339(clock_now(), now);
	snprintf(object, sizeof object, "payment/%lld", id);
	if ((rid = db_insert(r->db, "INSERT INTO payment_reprints "
	    "(payment_id, reprint_no, at, staff_id, reason) VALUES "
	    "(?, ?, ?, ?, ?) RETURNING id", "lltlt", id, n, now,
	    r->staff->id, reason)) == 0 ||
	    audit_req(r, "reprint", object, reason) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)rid);
	cJSON_AddNumberToObject(o, "payment_id", (double)id);
	cJSON_AddNumberToObject(o, "reprint_no", (double)n);
	cJSON_AddStringToObject(o, "at", now);
	view_ref(o, "staff", r->staff->id, r->staff->name);
	cJSON_AddStringToObject(o, "reason", reason);
	req_note(r, "payment %lld: reprint %lld", id, n);
	reply_json(r, 201, o);
	idem_commit(r);
}

const struct route routes_payment_reprints[] = {
	{ "POST", "/api/v1/payments/{id}/reprints", reprint,
	    ROUTE_IDEM | ROUTE_BODY, ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
