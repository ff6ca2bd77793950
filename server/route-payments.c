/* /api/v1/applications/{id}/payments and /api/v1/payments/{id} (docs/
 * api.md 22): the fee of an application paid once, in cash into the
 * counter's open drawer, by a scanned payment code with its
 * transaction reference, or waived with a reason; each payment with the
 * serial of its receipt. Two counters paying one application at once
 * make one payment: the application's row is locked while it is
 * checked and written. */
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

/* The most a fee may be: a million yuan. */
#define PAY_MAX_FEN	100000000LL

/* A payment asked for. */
struct pay {
	const char	*channel, *reference, *reason, *counter;
	long long	 amount_fen;
};

/* What the application says of its fee, read under its row's lock. */
struct owed {
	char		 status[24], number[32];
	long long	 due_fen, payment_id, centre;
};

/* The body: the channel and what it needs; -1 having replied 400. */
static int
read_pay(struct req *r, struct pay *p)
{
	static const char *const	 channels[] = { "cash", "code",
	    "waived", NULL };
	const char			*allowed[5] = { "channel", "amount_fen",
	    "counter" };
	cJSON				*body = req_body(r), *errors = NULL;

	memset(p, 0, sizeof *p);
	p->channel = json_option(body, "channel", channels, JF_REQUIRED, NULL,
	    &errors);
	if (p->channel != NULL && strcmp(p->channel, "code") == 0)
		allowed[3] = "reference";
	else if (p->channel != NULL && strcmp(p->channel, "waived") == 0)
		allowed[3] = "reason";
	if (p->channel != NULL)
		json_members(body, allowed, NULL, &errors);
	json_integer(body, "amount_fen", 0, PAY_MAX_FEN, JF_REQUIRED, NULL,
	    &errors, &p->amount_fen);
	if (allowed[3] != NULL && strcmp(allowed[3], "reference") == 0) {
		p->reference = json_string(body, "reference", 6, 64, NULL,
		    &errors);
		if (p->reference != NULL && !valid_pattern(p->reference,
		    "[A-Za-z0-9_-]+"))
			field_error(&errors, "reference", "pattern",
			    "交易流水号只能含字母、数字、-和_");
	} else if (allowed[3] != NULL)
		p->reason = json_string(body, "reason", 2, 200, NULL, &errors);
	p->counter = json_string(body, "counter", 0, 8, NULL, &errors);
	if (p->counter != NULL && !valid_counter(p->counter))
		field_error(&errors, "counter", "pattern", "窗口号格式不正确");
	else if (p->counter == NULL && (p->counter = r->staff->counter) ==
	    NULL)
		field_error(&errors, "counter", "required", "请填写窗口号");
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* Locks the application's row and reads its fee; -1 having replied
 * 404 or 503 and rolled back. */
static int
lock_owed(struct req *r, long long id, struct owed *o)
{
	struct db_stmt	*st;
	int		 rc;

	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return (-1);
	}
	if (!scope_sees(r->db, r->staff, SCOPE_APPLICATION, id)) {
		db_rollback(r->db);
		reply_not_found(r);
		return (-1);
	}
	rc = db_query(r->db, &st, "SELECT a.status, a.fee_fen, "
	    "coalesce(a.payment_id, 0), c.centre_id, a.number FROM applications "
	    "a JOIN communities c ON c.id = a.community_id WHERE a.id = ? FOR "
	    "UPDATE OF a", "l", id);
	if (rc == 1) {
		snprintf(o->status, sizeof o->status, "%s", db_text(st, 0));
		o->due_fen = db_int(st, 1);
		o->payment_id = db_int(st, 2);
		o->centre = db_int(st, 3);
		snprintf(o->number, sizeof o->number, "%s", db_text(st, 4));
	}
	db_reset(st);
	if (rc == 1)
		return (0);
	db_rollback(r->db);
	reply_unavailable(r, NULL);
	return (-1);
}

/* 409 already-paid naming the payment in force. */
static void
refuse_paid(struct req *r, const struct owed *o)
{
	struct db_stmt	*st;
	cJSON		*ext = cJSON_CreateObject();
	char		 detail[128], serial[64] = "";

	if (db_query(r->db, &st, "SELECT serial FROM payments WHERE id = ?",
	    "l", o->payment_id) == 1)
		snprintf(serial, sizeof serial, "%s", db_text(st, 0));
	db_reset(st);
	cJSON_AddNumberToObject(ext, "payment_id", (double)o->payment_id);
	cJSON_AddStringToObject(ext, "serial", serial);
	snprintf(detail, sizeof detail, "该办件已收费，收据号%s", serial);
	reply_problem_ext(r, 409, "already-paid", "Already paid", detail, ext);
}

/* The application's state refuses the payment: already paid, nothing
 * owed or closed, the wrong amount, no drawer open for cash. *session
 * is the drawer. 1 if answered. */
static int
refuse(struct req *r, const struct pay *p, const struct owed *o,
    long long *session)
{
	cJSON	*ext, *errors = NULL;
	char	 today[11], detail[128];

	if (o->payment_id != 0) {
		refuse_paid(r, o);
		return (1);
	}
	if (o->due_fen == 0 || strcmp(o->status, "rejected") == 0 ||
	    strcmp(o->status, "withdrawn") == 0) {
		ext = cJSON_CreateObject();
		cJSON_AddStringToObject(ext, "current_status", o->status);
		cJSON_AddNumberToObject(ext, "due_fen", (double)o->due_fen);
		reply_problem_ext(r, 409, "fee-not-due", "Fee not due",
		    o->due_fen == 0 ? "该办件无需缴费" : "办件已关闭，不再收费",
		    ext);
		return (1);
	}
	if (p->amount_fen != o->due_fen) {
		snprintf(detail, sizeof detail, "应收%lld分", o->due_fen);
		field_error(&errors, "amount_fen", "mismatch", detail);
		reply_validation(r, errors);
		return (1);
	}
	*session = 0;
	if (strcmp(p->channel, "cash") != 0)
		return (0);
	clock_date(clock_now(), today);
	if ((*session = cash_open_today(r->db, o->centre, p->counter,
	    today)) > 0)
		return (0);
	if (*session < 0) {
		reply_unavailable(r, NULL);
		return (1);
	}
	ext = cJSON_CreateObject();
	cJSON_AddStringToObject(ext, "counter", p->counter);
	snprintf(detail, sizeof detail, "%s号窗口今日钱箱未开，不能收现金",
	    p->counter);
	reply_problem_ext(r, 409, "cash-session-required", "Cash session "
	    "required", detail, ext);
	return (1);
}

/* Writes the payment and marks the application paid; its id, 0 on
 * error, -1 when the day's serials are used up. */
static long long
record(struct req *r, long long id, const struct pay *p,
    const struct owed *o, long long session)
{
	struct payment_new	 n;
	char			 now[32], object[48], detail[200];
	long long		 pid;

	memset(&n, 0, sizeof n);
	n.kind = "payment";
	n.application_id = id;
	n.centre_id = o->centre;
	n.channel = p->channel;
	n.amount_fen = p->amount_fen;
	n.reference = p->reference;
	n.reason = p->reason;
	n.counter = p->counter;
	n.staff_id = r->staff->id;
	n.session_id = session;
	if ((pid = payment_insert(r->db, &n)) <= 0)
		return (pid);
	clock_rfc3339(clock_now(), now);
	snprintf(object, sizeof object, "payment/%lld", pid);
	snprintf(detail, sizeof detail, "%s %s %lld分%s%s", o->number,
	    p->channel, p->amount_fen, p->reason != NULL ? "：" : "",
	    p->reason != NULL ? p->reason : "");
	if (db_exec(r->db, "UPDATE applications SET payment_id = ?, version = "
	    "version + 1, updated_at = ? WHERE id = ?", "ltl", pid, now,
	    id) != 0 || audit_req(r, "pay", object, detail) != 0)
		return (0);
	return (pid);
}

/* POST /applications/{id}/payments: the fee paid, once. */
static void
pay(struct req *r)
{
	struct pay	 p;
	struct owed	 o;
	char		 loc[64];
	long long	 id, session, pid;
	cJSON		*out;

	if ((id = req_id(r, 0)) < 0 || read_pay(r, &p) != 0 ||
	    lock_owed(r, id, &o) != 0)
		return;
	if (refuse(r, &p, &o, &session)) {
		db_rollback(r->db);
		return;
	}
	if ((pid = record(r, id, &p, &o, session)) <= 0 ||
	    (out = payment_get(r->db, pid, NULL)) == NULL) {
		db_rollback(r->db);
		if (pid == -1)
			reply_problem(r, 409, "conflict", "Conflict",
			    "今日收据编号已用完", NULL);
		else
			reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "application %s paid: %s %lld fen, payment %lld",
	    o.number, p.channel, p.amount_fen, pid);
	reply_json(r, 201, out);
	snprintf(loc, sizeof loc, "/api/v1/payments/%lld", pid);
	reply_header(r, MHD_HTTP_HEADER_LOCATION, loc);
	idem_commit(r);
}

/* GET /applications/{id}/payments: its payments and red-letter
 * records, oldest first. */
static void
list(struct req *r)
{
	static const char *const	 none[] = { NULL };
	struct listq			*q;
	struct db_stmt			*st;
	cJSON				*errors = NULL;
	long long			 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	q_check(r, none, 1, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (!scope_sees(r->db, r->staff, SCOPE_APPLICATION, id)) {
		reply_not_found(r);
		return;
	}
	if ((q = listq_req(r, PAYMENT_COLS, PAYMENT_FROM)) == NULL)
		return;
	listq_where(q, "p.application_id = ?", "l", id);
	listq_order(q, "p.at, p.id");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, payment_row(st));
	reply_json(r, 200, listq_page(q));
}

/* GET /payments/{id}: one record, to print or reprint its receipt. */
static void
get(struct req *r)
{
	cJSON		*o;
	long long	 id, app = 0;

	if ((id = req_id(r, 0)) < 0)
		return;
	o = payment_get(r->db, id, &app);
	if (o == NULL || !scope_sees(r->db, r->staff, SCOPE_APPLICATION,
	    app)) {
		cJSON_Delete(o);
		reply_not_found(r);
		return;
	}
	reply_json(r, 200, o);
}

const struct route routes_payments[] = {
	{ "POST", "/api/v1/applications/{id}/payments", pay,
	    ROUTE_IDEM | ROUTE_BODY, ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/applications/{id}/payments", list, 0,
	    ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/payments/{id}", get, 0,
	    ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
