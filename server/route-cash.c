/* /api/v1/cash-sessions (docs/api.md 22): each counter's drawer for the
 * day, opened with a float, closed with the counted amount (over or
 * short with a reason), signed off by the supervisor. A session left
 * open on an earlier day keeps the next from opening, unless a
 * supervisor overrides it, which is recorded. */
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
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "valid.h"

/* The most cash a float or a count may be: a million yuan. */
#define CASH_MAX_FEN	100000000LL

/* 409 invalid-transition for a session in status. */
static void
refuse_state(struct req *r, const char *status, const char *detail)
{
	cJSON	*ext = cJSON_CreateObject(), *allowed;

	cJSON_AddStringToObject(ext, "current_status", status);
	allowed = cJSON_AddArrayToObject(ext, "allowed");
	if (strcmp(status, "open") == 0)
		cJSON_AddItemToArray(allowed, cJSON_CreateString("close"));
	else if (strcmp(status, "closed") == 0)
		cJSON_AddItemToArray(allowed, cJSON_CreateString("sign_off"));
	reply_problem_ext(r, 409, "invalid-transition", "Invalid transition",
	    detail, ext);
}

/* An optional member of 2-200 characters: NULL when absent. */
static const char *
opt_reason(cJSON *body, const char *key, cJSON **errors)
{
	cJSON	*v = cJSON_GetObjectItem(body, key);

	if (v == NULL || cJSON_IsNull(v))
		return (NULL);
	return (json_string(body, key, 2, 200, NULL, errors));
}

/* What opening a session asks for. */
struct opening {
	const char	*counter, *override;
	long long	 float_fen, centre;
};

/* The body of an opening; -1 having replied 400 or 403. */
static int
read_opening(struct req *r, struct opening *o)
{
	static const char *const	 members[] = { "counter", "float_fen",
	    "override_reason", NULL };
	cJSON				*body = req_body(r), *errors = NULL;

	memset(o, 0, sizeof *o);
	if ((o->centre = scope_home_centre(r->staff)) <= 0) {
		reply_forbidden(r, "只有服务中心的工作人员可以开钱箱");
		return (-1);
	}
	json_members(body, members, NULL, &errors);
	o->counter = json_string(body, "counter", 0, 8, NULL, &errors);
	if (o->counter != NULL && !valid_counter(o->counter))
		field_error(&errors, "counter", "pattern", "窗口号格式不正确");
	else if (o->counter == NULL && (o->counter = r->staff->counter) ==
	    NULL)
		field_error(&errors, "counter", "required", "请填写窗口号");
	json_integer(body, "float_fen", 0, CASH_MAX_FEN, JF_REQUIRED, NULL,
	    &errors, &o->float_fen);
	o->override = opt_reason(body, "override_reason", &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return (-1);
	}
	if (o->override != NULL && scope_role(r->staff) == ROLE_CLERK) {
		reply_forbidden(r, "只有站长可以越过未结的钱箱");
		return (-1);
	}
	return (0);
}

/* The counter's session still open, if any: 409 cash-session-open
 * unless it is of an earlier day and a supervisor overrides it; then
 * *earlier is its id. 1 if answered. */
static int
refuse_open(struct req *r, const struct opening *o, const char *today,
    long long *earlier)
{
	struct db_stmt	*st;
	cJSON		*ext, *errors = NULL;
	char		 detail[160];
	int		 rc;

	*earlier = 0;
	rc = db_query(r->db, &st, "SELECT id, business_date FROM cash_sessions "
	    "WHERE centre_id = ? AND counter = ? AND status = 'open' ORDER BY "
	    "business_date DESC, id DESC LIMIT 1", "lt", o->centre, o->counter);
	if (rc < 0) {
		db_reset(st);
		reply_unavailable(r, NULL);
		return (1);
	}
	if (rc == 1 && strcmp(db_text(st, 1), today) != 0 &&
	    o->override != NULL) {
		*earlier = db_int(st, 0);
		rc = 0;
	} else if (rc == 1) {
		ext = cJSON_CreateObject();
		cJSON_AddNumberToObject(ext, "session_id", (double)db_int(st,
		    0));
		cJSON_AddStringToObject(ext, "business_date", db_text(st, 1));
		cJSON_AddStringToObject(ext, "counter", o->counter);
		snprintf(detail, sizeof detail, "%s号窗口%s的钱箱尚未日结",
		    o->counter, db_text(st, 1));
		reply_problem_ext(r, 409, "cash-session-open", "Cash session "
		    "open", detail, ext);
	} else if (o->override != NULL) {
		field_error(&errors, "override_reason", "mismatch",
		    "没有未结的钱箱，无需越过");
		reply_validation(r, errors);
		rc = 1;
	}
	db_reset(st);
	return (rc != 0);
}

/* Writes the new session and its audit rows; its id, or 0. */
static long long
insert_session(struct req *r, const struct opening *o, long long earlier,
    const char *now, const char *today)
{
	char		 object[48], detail[280];
	long long	 id;

	id = db_insert(r->db, "INSERT INTO cash_sessions (centre_id, counter, "
	    "business_date, status, float_fen, opened_at, opened_by, "
	    "override_of, override_reason, override_by, override_at) VALUES "
	    "(?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    "lttltlLtLt", o->centre, o->counter, today, o->float_fen, now,
	    r->staff->id, earlier, o->override, earlier != 0 ? r->staff->id :
	    0, earlier != 0 ? now : NULL);
	if (id == 0)
		return (0);
	snprintf(object, sizeof object, "cash_session/%lld", id);
	snprintf(detail, sizeof detail, "%s号窗口，备用金%lld分", o->counter,
	    o->float_fen);
	if (audit_req(r, "cash_open", object, detail) != 0)
		return (0);
	if (earlier != 0) {
		snprintf(detail, sizeof detail, "未结钱箱%lld：%s", earlier,
		    o->override);
		if (audit_req(r, "cash_override", object, detail) != 0)
			return (0);
	}
	return (id);
}

/* POST /cash-sessions: the counter's drawer opened for today. */
static void
open_session(struct req *r)
{
	struct opening	 o;
	char		 now[32], today[11], loc[64], lock[64];
	long long	 id, earlier, centre;
	cJSON		*s;

	if (read_opening(r, &o) != 0)
		return;
	clock_rfc3339(clock_now(), now);
	clock_date(clock_now(), today);
	snprintf(lock, sizeof lock, "cash:%lld:%s", o.centre, o.counter);
	/* beside other writers, the counter's drawer taking turns */
	if (db_begin_rows(r->db) != 0 || db_lock_name(r->db, lock) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	if (refuse_open(r, &o, today, &earlier)) {
		db_rollback(r->db);
		return;
	}
	if ((id = insert_session(r, &o, earlier, now, today)) == 0 ||
	    (s = cash_get(r->db, id, &centre)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "cash session %lld opened at counter %s%s", id, o.counter,
	    earlier != 0 ? " (override)" : "");
	reply_json(r, 201, s);
	snprintf(loc, sizeof loc, "/api/v1/cash-sessions/%lld", id);
	reply_header(r, MHD_HTTP_HEADER_LOCATION, loc);
	idem_commit(r);
}

/* The list's filters; -1 having replied 400. */
static int
list_filters(struct req *r, struct listq *q)
{
	static const char *const	 allowed[] = { "date", "counter",
	    "status", NULL };
	static const char *const	 statuses[] = { "open", "closed",
	    "signed", NULL };
	const char			*asked[3], *s;
	cJSON				*errors = NULL;
	int				 n;

	q_check(r, allowed, 1, &errors);
	scope_list(q, r->staff, "s.centre_id = ?");
	if ((s = q_date(r, "date", &errors)) != NULL)
		listq_where(q, "s.business_date = ?", "t", s);
	if ((s = q_string(r, "counter", 1, 8, &errors)) != NULL)
		listq_where(q, "s.counter = ?", "t", s);
	if ((n = q_options(r, "status", statuses, asked, 3, &errors)) > 0)
		listq_in(q, "s.status", asked, n);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* GET /cash-sessions: the newest day first, then by counter. */
static void
list(struct req *r)
{
	struct listq	*q;
	struct db_stmt	*st;

	if ((q = listq_req(r, CASH_COLS, CASH_FROM)) == NULL)
		return;
	if (list_filters(r, q) != 0) {
		listq_free(q);
		return;
	}
	listq_order(q, "s.business_date DESC, s.counter, s.id");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, cash_row(st));
	reply_json(r, 200, listq_page(q));
}

/* The session if the caller may see it, else NULL. */
static cJSON *
session_get(struct req *r, long long id)
{
	cJSON		*s;
	long long	 centre = 0;

	if ((s = cash_get(r->db, id, &centre)) != NULL &&
	    !scope_centre_ok(r->staff, centre)) {
		cJSON_Delete(s);
		return (NULL);
	}
	return (s);
}

/* GET /cash-sessions/{id}. */
static void
get(struct req *r)
{
	cJSON		*s;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((s = session_get(r, id)) == NULL)
		reply_not_found(r);
	else
		reply_json(r, 200, s);
}

/* Locks the session's row and reads it: its status in *status. NULL
 * having replied (404 or 503). */
static cJSON *
lock_session(struct req *r, long long id, const char **status)
{
	struct db_stmt	*st;
	cJSON		*s;
	int		 rc;

	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return (NULL);
	}
	rc = db_query(r->db, &st, "SELECT id FROM cash_sessions WHERE id = ? "
	    "FOR UPDATE", "l", id);
	db_reset(st);
	if (rc < 0 || (s = session_get(r, id)) == NULL) {
		db_rollback(r->db);
		if (rc < 0)
			reply_unavailable(r, NULL);
		else
			reply_not_found(r);
		return (NULL);
	}
	*status = cJSON_GetStringValue(cJSON_GetObjectItem(s, "status"));
	return (s);
}

/* Answers with the session as it is now, audited, and commits. */
static void
answer(struct req *r, long long id, const char *action, const char *detail)
{
	char		 object[48];
	cJSON		*s;
	long long	 centre;

	snprintf(object, sizeof object, "cash_session/%lld", id);
	if (audit_req(r, action, object, detail) != 0 ||
	    (s = cash_get(r->db, id, &centre)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "cash session %lld: %s", id, action);
	reply_json(r, 200, s);
	idem_commit(r);
}

/* The close's body: counted_fen, and the reason (checked against the
 * expected amount later); -1 having replied 400. */
static int
read_close(struct req *r, long long *counted, const char **reason)
{
	static const char *const	 members[] = { "counted_fen", "reason",
	    NULL };
	cJSON				*body = req_body(r), *errors = NULL;

	json_members(body, members, NULL, &errors);
	json_integer(body, "counted_fen", 0, CASH_MAX_FEN, JF_REQUIRED, NULL,
	    &errors, counted);
	*reason = opt_reason(body, "reason", &errors);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* POST /cash-sessions/{id}/close: the counted cash; over or short
 * needs a reason. */
static void
close_session(struct req *r)
{
	const char	*reason, *status;
	char		 now[32], detail[320];
	cJSON		*s, *errors = NULL;
	long long	 id, counted, expected;

	if ((id = req_id(r, 0)) < 0 || read_close(r, &counted, &reason) != 0 ||
	    (s = lock_session(r, id, &status)) == NULL)
		return;
	if (strcmp(status, "open") != 0) {
		db_rollback(r->db);
		refuse_state(r, status, "钱箱已日结");
		cJSON_Delete(s);
		return;
	}
	cJSON_Delete(s);
	expected = cash_expected(r->db, id);
	if (counted != expected && reason == NULL) {
		db_rollback(r->db);
		field_error(&errors, "reason", "required",
		    "清点金额与应有金额不符，请说明长短款原因");
		reply_validation(r, errors);
		return;
	}
	clock_rfc3339(clock_now(), now);
	snprintf(detail, sizeof detail, "清点%lld分，应有%lld分%s%s", counted,
	    expected, reason != NULL ? "：" : "", reason != NULL ? reason : "");
	if (expected < 0 || db_exec(r->db, "UPDATE cash_sessions SET status = "
	    "'closed', counted_fen = ?, expected_fen = ?, reason = ?, "
	    "closed_at = ?, closed_by = ? WHERE id = ?", "llttll", counted,
	    expected, reason, now, r->staff->id, id) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	answer(r, id, "cash_close", detail);
}

/* POST /cash-sessions/{id}/sign-off: the supervisor's signature. */
static void
sign_off(struct req *r)
{
	static const char *const	 members[] = { "note", NULL };
	const char			*note, *status;
	char				 now[32];
	cJSON				*body = req_body(r), *errors = NULL, *s;
	long long			 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	json_members(body, members, NULL, &errors);
	note = json_string(body, "note", 0, 200, NULL, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if ((s = lock_session(r, id, &status)) == NULL)
		return;
	if (strcmp(status, "closed") != 0) {
		db_rollback(r->db);
		refuse_state(r, status, strcmp(status, "open") == 0 ?
		    "钱箱尚未日结，不能签核" : "钱箱已签核");
		cJSON_Delete(s);
		return;
	}
	cJSON_Delete(s);
	clock_rfc3339(clock_now(), now);
	if (note != NULL && *note == '\0')
		note = NULL;
	if (db_exec(r->db, "UPDATE cash_sessions SET status = 'signed', "
	    "signed_at = ?, signed_by = ?, sign_note = ? WHERE id = ?", "tltl",
	    now, r->staff->id, note, id) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	answer(r, id, "cash_signoff", note);
}

const struct route routes_cash[] = {
	{ "POST", "/api/v1/cash-sessions", open_session,
	    ROUTE_IDEM | ROUTE_BODY, ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/cash-sessions", list, 0,
	    ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/cash-sessions/{id}", get, 0,
	    ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ "POST", "/api/v1/cash-sessions/{id}/close", close_session,
	    ROUTE_IDEM | ROUTE_BODY, ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ "POST", "/api/v1/cash-sessions/{id}/sign-off", sign_off,
	    ROUTE_IDEM | ROUTE_BODY | ROUTE_BODY_OPT,
	    ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
