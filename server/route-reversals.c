/* Refunds and voids of payments (docs/api.md 22): a clerk asks, another
 * person with the supervisor's role decides; until then nothing
 * changes. An approved one writes a red-letter record (冲红) of the
 * same amount and channel, with a receipt serial of its own, pointing
 * at the payment, which stays as it was; the application owes its fee
 * again. A cash refund or void is paid out of the drawer open at the
 * asking counter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "cash.h"
#include "clock.h"
#include "db.h"
#include "idempotency.h"
#include "json.h"
#include "listq.h"
#include "payments.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "valid.h"
#include "views.h"
#include "../util/xmalloc.h"

/* The columns of a reversal (v) with who asked (q) and decided (d),
 * and the centre of its payment (p). */
#define REV_COLS "v.id, v.payment_id, v.kind, v.reason, v.counter, " \
	"v.status, q.id, q.name, v.requested_at, d.id, d.name, " \
	"v.decided_at, v.note, v.record_id"
#define REV_FROM " FROM payment_reversals v JOIN payments p ON p.id = " \
	"v.payment_id JOIN staff q ON q.id = v.requested_by LEFT JOIN " \
	"staff d ON d.id = v.decided_by"

/* A PaymentReversal from a row of REV_COLS, with its payment and its
 * red-letter record in full. */
static cJSON *
reversal_row(struct db *db, struct db_stmt *st)
{
	cJSON		*o = cJSON_CreateObject(), *p;
	long long	 pid = db_int(st, 1), rid = db_int(st, 13);
	int		 decided = !db_null(st, 9);

	cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
	cJSON_AddStringToObject(o, "kind", db_text(st, 2));
	cJSON_AddStringToObject(o, "reason", db_text(st, 3));
	cJSON_AddStringToObject(o, "counter", db_text(st, 4));
	cJSON_AddStringToObject(o, "status", db_text(st, 5));
	view_ref(o, "requested_by", db_int(st, 6), db_text(st, 7));
	cJSON_AddStringToObject(o, "requested_at", db_text(st, 8));
	view_ref(o, "decided_by", decided ? db_int(st, 9) : 0,
	    db_text(st, 10));
	json_add_nullable(o, "decided_at", db_text(st, 11));
	json_add_nullable(o, "note", db_text(st, 12));
	rid = db_null(st, 13) ? 0 : rid;
	db_reset(st);
	/* the statement is done with: the records are read after it */
	p = payment_get(db, pid, NULL);
	cJSON_AddItemToObject(o, "payment", p != NULL ? p : cJSON_CreateNull());
	p = rid != 0 ? payment_get(db, rid, NULL) : NULL;
	cJSON_AddItemToObject(o, "record", p != NULL ? p : cJSON_CreateNull());
	return (o);
}

/* The reversal if the caller may see it; its payment's application
 * in *app. NULL if not. */
static cJSON *
reversal_get(struct req *r, long long id, long long *app)
{
	struct db_stmt	*st;
	long long	 a = 0;

	if (db_query(r->db, &st, "SELECT " REV_COLS ", p.application_id"
	    REV_FROM " WHERE v.id = ?", "l", id) != 1) {
		db_reset(st);
		return (NULL);
	}
	a = db_int(st, 14);
	if (!scope_sees(r->db, r->staff, SCOPE_APPLICATION, a)) {
		db_reset(st);
		return (NULL);
	}
	if (app != NULL)
		*app = a;
	return (reversal_row(r->db, st));
}

/* 409 invalid-transition for a payment in status. */
static void
refuse_payment(struct req *r, const char *status, int void_ok,
    const char *detail)
{
	cJSON	*ext = cJSON_CreateObject(), *allowed;

	cJSON_AddStringToObject(ext, "current_status", status);
	allowed = cJSON_AddArrayToObject(ext, "allowed");
	if (strcmp(status, "in_force") == 0) {
		cJSON_AddItemToArray(allowed, cJSON_CreateString("refund"));
		if (void_ok)
			cJSON_AddItemToArray(allowed, cJSON_CreateString("void"));
	}
	reply_problem_ext(r, 409, "invalid-transition", "Invalid transition",
	    detail, ext);
}

/* What a request of a reversal asks. */
struct ask {
	const char	*kind, *reason, *counter;
};

/* The request's body; -1 having replied 400. */
static int
read_ask(struct req *r, struct ask *a)
{
	static const char *const	 members[] = { "kind", "reason",
	    "counter", NULL };
	static const char *const	 kinds[] = { "refund", "void", NULL };
	cJSON				*body = req_body(r), *errors = NULL;

	json_members(body, members, NULL, &errors);
	a->kind = json_option(body, "kind", kinds, JF_REQUIRED, NULL, &errors);
	a->reason = json_string(body, "reason", 2, 200, NULL, &errors);
	a->counter = json_string(body, "counter", 0, 8, NULL, &errors);
	if (a->counter != NULL && !valid_counter(a->counter))
		field_error(&errors, "counter", "pattern", "窗口号格式不正确");
	else if (a->counter == NULL && (a->counter = r->staff->counter) ==
	    NULL)
		field_error(&errors, "counter", "required", "请填写窗口号");
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* Locks the payment's row and reads it, if the caller may see it;
 * NULL having replied and rolled back. */
static cJSON *
lock_payment(struct req *r, long long id)
{
	struct db_stmt	*st;
	cJSON		*p;
	long long	 app = 0;
	int		 rc;

	rc = db_query(r->db, &st, "SELECT id FROM payments WHERE id = ? FOR "
	    "UPDATE", "l", id);
	db_reset(st);
	if (rc < 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return (NULL);
	}
	if ((p = payment_get(r->db, id, &app)) == NULL ||
	    !scope_sees(r->db, r->staff, SCOPE_APPLICATION, app)) {
		cJSON_Delete(p);
		db_rollback(r->db);
		reply_not_found(r);
		return (NULL);
	}
	return (p);
}

/* Whether the payment may be reversed so: in force, a void only on its
 * own day. 1 if answered 409. */
static int
refuse_ask(struct req *r, const cJSON *p, const char *kind)
{
	const char	*status = cJSON_GetStringValue(cJSON_GetObjectItem(p,
	    "status"));
	char		 today[11];
	int		 void_ok;

	clock_date(clock_now(), today);
	void_ok = strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(p, "date")),
	    today) == 0;
	if (strcmp(status, "in_force") != 0) {
		refuse_payment(r, status, void_ok, strcmp(status,
		    "reversal_pending") == 0 ? "该收费已有待批准的冲红申请" :
		    "该记录不能再冲红");
		return (1);
	}
	if (strcmp(kind, "void") == 0 && !void_ok) {
		refuse_payment(r, status, 0, "只能作废当日的收费，请改为退费");
		return (1);
	}
	return (0);
}

/* POST /payments/{id}/reversals: a refund or a void asked for. */
static void
ask(struct req *r)
{
	struct ask	 a;
	char		 now[32], object[48], detail[240], loc[64];
	long long	 id, rid;
	cJSON		*p, *o;

	if ((id = req_id(r, 0)) < 0 || read_ask(r, &a) != 0)
		return;
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if ((p = lock_payment(r, id)) == NULL)
		return;
	if (refuse_ask(r, p, a.kind)) {
		cJSON_Delete(p);
		db_rollback(r->db);
		return;
	}
	cJSON_Delete(p);
	clock_rfc3339(clock_now(), now);
	snprintf(object, sizeof object, "payment/%lld", id);
	snprintf(detail, sizeof detail, "%s：%s", a.kind, a.reason);
	if ((rid = db_insert(r->db, "INSERT INTO payment_reversals "
	    "(payment_id, kind, reason, counter, status, requested_by, "
	    "requested_at) VALUES (?, ?, ?, ?, 'pending', ?, ?) RETURNING id",
	    "ltttlt", id, a.kind, a.reason, a.counter, r->staff->id,
	    now)) == 0 || audit_req(r, "reversal_request", object, detail) !=
	    0 || (o = reversal_get(r, rid, NULL)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "payment %lld: %s asked, reversal %lld", id, a.kind, rid);
	reply_json(r, 201, o);
	snprintf(loc, sizeof loc, "/api/v1/payment-reversals/%lld", rid);
	reply_header(r, MHD_HTTP_HEADER_LOCATION, loc);
	idem_commit(r);
}

/* GET /payment-reversals: the requests, oldest first (the supervisor's
 * ?status=pending). */
static void
list(struct req *r)
{
	static const char *const	 allowed[] = { "status", NULL };
	static const char *const	 statuses[] = { "pending", "approved",
	    "rejected", NULL };
	const char			*asked[3];
	struct listq			*q;
	struct db_stmt			*st;
	cJSON				*errors = NULL;
	long long			*ids;
	int				 n, i = 0;

	if ((q = listq_req(r, "v.id", REV_FROM)) == NULL)
		return;
	q_check(r, allowed, 1, &errors);
	scope_list(q, r->staff, "p.centre_id = ?");
	if ((n = q_options(r, "status", statuses, asked, 3, &errors)) > 0)
		listq_in(q, "v.status", asked, n);
	if (errors != NULL) {
		listq_free(q);
		reply_validation(r, errors);
		return;
	}
	listq_order(q, "v.requested_at, v.id");
	ids = xcalloc(101, sizeof *ids);
	while ((st = listq_next(q)) != NULL) {
		if (i < 100)
			ids[i++] = db_int(st, 0);
	}
	/* each read once the page's statement is done with */
	for (n = 0; n < i; n++)
		listq_add(q, reversal_get(r, ids[n], NULL));
	free(ids);
	reply_json(r, 200, listq_page(q));
}

/* GET /payment-reversals/{id}. */
static void
get(struct req *r)
{
	cJSON		*o;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = reversal_get(r, id, NULL)) == NULL)
		reply_not_found(r);
	else
		reply_json(r, 200, o);
}

/* The decision's body; -1 having replied 400. */
static int
read_decision(struct req *r, int *approve, const char **note)
{
	static const char *const	 members[] = { "approve", "note",
	    NULL };
	cJSON				*body = req_body(r), *errors = NULL;

	json_members(body, members, NULL, &errors);
	json_bool(body, "approve", JF_REQUIRED, NULL, &errors, approve);
	*note = json_string(body, "note", 0, 200, NULL, &errors);
	if (*note != NULL && **note == '\0')
		*note = NULL;
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* The drawer a cash reversal is paid out of: the asking counter's,
 * open today and holding enough. 0 for another channel; -1 having
 * replied 409 or 503. */
static long long
payout_session(struct req *r, const cJSON *p, const char *counter)
{
	cJSON		*ext;
	char		 today[11], detail[128];
	long long	 s, amount;

	if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(p, "channel")),
	    "cash") != 0)
		return (0);
	clock_date(clock_now(), today);
	amount = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(p,
	    "amount_fen"));
	s = cash_open_today(r->db, (long long)cJSON_GetNumberValue(
	    cJSON_GetObjectItem(cJSON_GetObjectItem(p, "centre"), "id")),
	    counter, today);
	if (s < 0) {
		reply_unavailable(r, NULL);
		return (-1);
	}
	if (s > 0 && cash_expected(r->db, s) >= amount)
		return (s);
	ext = cJSON_CreateObject();
	cJSON_AddStringToObject(ext, "counter", counter);
	snprintf(detail, sizeof detail, s == 0 ? "%s号窗口今日钱箱未开，不能退"
	    "现金" : "%s号窗口钱箱现金不足，不能退现金", counter);
	reply_problem_ext(r, 409, "cash-session-required", "Cash session "
	    "required", detail, ext);
	return (-1);
}

/* The red-letter record of an approved reversal, and the application
 * owing its fee again; 0, or -1 having replied. */
static int
write_red(struct req *r, long long rev, const cJSON *v, const cJSON *p)
{
	struct payment_new	 n;
	const cJSON		*a = cJSON_GetObjectItem(p, "application");
	char			 now[32];
	long long		 red, pid;

	memset(&n, 0, sizeof n);
	pid = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(p, "id"));
	n.kind = cJSON_GetStringValue(cJSON_GetObjectItem(v, "kind"));
	n.application_id = (long long)cJSON_GetNumberValue(
	    cJSON_GetObjectItem(a, "id"));
	n.centre_id = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(p, "centre"), "id"));
	n.channel = cJSON_GetStringValue(cJSON_GetObjectItem(p, "channel"));
	n.amount_fen = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(p,
	    "amount_fen"));
	n.reference = cJSON_GetStringValue(cJSON_GetObjectItem(p,
	    "reference"));
	n.reason = cJSON_GetStringValue(cJSON_GetObjectItem(v, "reason"));
	n.counter = cJSON_GetStringValue(cJSON_GetObjectItem(v, "counter"));
	n.staff_id = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(v, "requested_by"), "id"));
	n.original_id = pid;
	n.approved_by = r->staff->id;
	if ((n.session_id = payout_session(r, p, n.counter)) < 0)
		return (-1);
	clock_rfc3339(clock_now(), now);
	if ((red = payment_insert(r->db, &n)) <= 0 || db_exec(r->db,
	    "UPDATE applications SET payment_id = NULL, version = version + "
	    "1, updated_at = ? WHERE id = ? AND payment_id = ?", "tll", now,
	    n.application_id, pid) != 0 || db_exec(r->db, "UPDATE "
	    "payment_reversals SET record_id = ? WHERE id = ?", "ll", red,
	    rev) != 0) {
		if (red == -1)
			reply_problem(r, 409, "conflict", "Conflict",
			    "今日收据编号已用完", NULL);
		else
			reply_unavailable(r, NULL);
		return (-1);
	}
	return (0);
}

/* Locks the reversal and its payment; the reversal, pending, asked by
 * someone else. NULL having replied and rolled back. */
static cJSON *
lock_pending(struct req *r, long long id)
{
	struct db_stmt	*st;
	cJSON		*v, *ext;
	const char	*status;
	long long	 pid = 0;
	int		 rc;

	rc = db_query(r->db, &st, "SELECT payment_id FROM payment_reversals "
	    "WHERE id = ? FOR UPDATE", "l", id);
	if (rc == 1)
		pid = db_int(st, 0);
	db_reset(st);
	if (rc == 1) {
		rc = db_query(r->db, &st, "SELECT id FROM payments WHERE id = ? "
		    "FOR UPDATE", "l", pid);
		db_reset(st);
	}
	if (rc < 0 || (v = reversal_get(r, id, NULL)) == NULL) {
		db_rollback(r->db);
		if (rc < 0)
			reply_unavailable(r, NULL);
		else
			reply_not_found(r);
		return (NULL);
	}
	status = cJSON_GetStringValue(cJSON_GetObjectItem(v, "status"));
	if (strcmp(status, "pending") != 0) {
		ext = cJSON_CreateObject();
		cJSON_AddStringToObject(ext, "current_status", status);
		cJSON_AddArrayToObject(ext, "allowed");
		reply_problem_ext(r, 409, "invalid-transition", "Invalid "
		    "transition", "该冲红申请已处理", ext);
	} else if ((long long)cJSON_GetNumberValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(v, "requested_by"), "id")) == r->staff->id)
		reply_forbidden(r, "冲红须由申请人以外的站长批准");
	else
		return (v);
	cJSON_Delete(v);
	db_rollback(r->db);
	return (NULL);
}

/* POST /payment-reversals/{id}/decision: approved (the red-letter
 * record written) or rejected (nothing changes but the request). */
static void
decide(struct req *r)
{
	const char	*note;
	char		 now[32], object[48], detail[240];
	cJSON		*v, *o;
	long long	 id;
	int		 approve;

	if ((id = req_id(r, 0)) < 0 || read_decision(r, &approve, &note) != 0)
		return;
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if ((v = lock_pending(r, id)) == NULL)
		return;
	if (approve && write_red(r, id, v, cJSON_GetObjectItem(v,
	    "payment")) != 0) {
		cJSON_Delete(v);
		db_rollback(r->db);
		return;
	}
	clock_rfc3339(clock_now(), now);
	snprintf(object, sizeof object, "payment/%lld", (long long)
	    cJSON_GetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(v,
	    "payment"), "id")));
	snprintf(detail, sizeof detail, "%s%s%s", cJSON_GetStringValue(
	    cJSON_GetObjectItem(v, "kind")), note != NULL ? "：" : "",
	    note != NULL ? note : "");
	cJSON_Delete(v);
	if (db_exec(r->db, "UPDATE payment_reversals SET status = ?, "
	    "decided_by = ?, decided_at = ?, note = ? WHERE id = ?", "tlttl",
	    approve ? "approved" : "rejected", r->staff->id, now, note,
	    id) != 0 || audit_req(r, approve ? "reversal_approve" :
	    "reversal_reject", object, detail) != 0 ||
	    (o = reversal_get(r, id, NULL)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "reversal %lld %s", id, approve ? "approved" : "rejected");
	reply_json(r, 200, o);
	idem_commit(r);
}

const struct route routes_reversals[] = {
	{ "POST", "/api/v1/payments/{id}/reversals", ask,
	    ROUTE_IDEM | ROUTE_BODY, ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/payment-reversals", list, 0,
	    ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/payment-reversals/{id}", get, 0,
	    ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ "POST", "/api/v1/payment-reversals/{id}/decision", decide,
	    ROUTE_IDEM | ROUTE_BODY, ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
