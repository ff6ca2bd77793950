/* /api/v1/audit: reading the audit trail, which is itself audited.
 * Supervisors see the rows about the staff of their centre. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "views.h"

#define AUDIT_COLS "x.id, x.at, x.staff_id, x.username, x.action, " \
	"x.object, x.detail, x.addr, x.hash"
#define AUDIT_FROM " FROM audit x LEFT JOIN staff s ON s.id = x.staff_id"

static const char *const actions[] = {
	"login_ok", "login_failed", "login_throttled", "logout", "view",
	"reveal", "create", "update", "transition", "handoff_receipt",
	"assign", "event_update", "issue", "refuse", "reprint", "void",
	"correct", "promise", "promise_check", "promise_refused",
	"audit_view", "password_change", "rate", "followup_callback",
	"followup_rectify", "followup_close", "pay", "reversal_request",
	"reversal_approve", "reversal_reject", "cash_open", "cash_override",
	"cash_close", "cash_signoff", "flag", "flag_resolve",
	"household_change", "household_split", "task_outcome", "staff_add",
	"staff_disable", "staff_enable", "staff_reset_password",
	"org_import", "catalog_import", "residents_import",
	"calendar_import", "backup", "dept_read", "consent_record",
	"consent_withdraw", "purpose_add", "purpose_disable",
	NULL
};

/* The filters as conditions; -1 having replied 400. */
static int
filters(struct req *r, struct listq *q)
{
	static const char *const	 allowed[] = { "from", "to", "staff_id",
	    "action", "object", NULL };
	const char			*a[8], *s, *from, *to;
	char				 start[21], end[21];
	cJSON				*errors = NULL;
	long long			 v;
	int				 n;

	q_check(r, allowed, 1, &errors);
	scope_list(q, r->staff, "s.centre_id = ?");
	/* the days are the service zone's: from the start of from's to
	 * the end of to's */
	q_date_range(r, &from, &to, &errors);
	if (from != NULL && clock_day_bounds(from, start, end) == 0)
		listq_where(q, "x.at >= ?", "t", start);
	if (to != NULL && clock_day_bounds(to, start, end) == 0)
		listq_where(q, "x.at < ?", "t", end);
	if (q_int(r, "staff_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "x.staff_id = ?", "l", v);
	if ((n = q_options(r, "action", actions, a, 8, &errors)) > 0)
		listq_in(q, "x.action", a, n);
	/* an object, or every object under a prefix ending in / */
	if ((s = q_string(r, "object", 1, 64, &errors)) != NULL)
		listq_where(q, "x.object = ? OR (substr(?, length(?), 1) = '/' "
		    "AND substr(x.object, 1, length(?)) = ?)", "ttttt", s, s,
		    s, s, s);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* An AuditRow. */
static cJSON *
row_json(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject(), *s;

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "at", db_text(st, 1));
	if (db_null(st, 2))
		cJSON_AddNullToObject(o, "staff");
	else {
		s = cJSON_AddObjectToObject(o, "staff");
		cJSON_AddNumberToObject(s, "id", db_int(st, 2));
		cJSON_AddStringToObject(s, "username", db_text(st, 3));
	}
	/* bianmind admin's rows name the Unix account that ran it */
	if (db_null(st, 2) && strncmp(db_text(st, 3), "unix:", 5) == 0)
		cJSON_AddStringToObject(o, "operator", db_text(st, 3));
	else
		cJSON_AddNullToObject(o, "operator");
	cJSON_AddStringToObject(o, "action", db_text(st, 4));
	json_add_nullable(o, "object", db_text(st, 5));
	json_add_nullable(o, "detail", db_text(st, 6));
	cJSON_AddStringToObject(o, "addr", db_text(st, 7));
	cJSON_AddStringToObject(o, "hash", db_text(st, 8));
	return (o);
}

/* GET /audit, newest first; the reading is audited too. */
static void
list(struct req *r)
{
	struct listq	*q;
	struct db_stmt	*st;

	if ((q = listq_req(r, AUDIT_COLS, AUDIT_FROM)) == NULL)
		return;
	if (filters(r, q) != 0) {
		listq_free(q);
		return;
	}
	listq_order(q, "x.id DESC");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, row_json(st));
	if (audit_req(r, "audit_view", NULL, NULL) != 0) {
		listq_free(q);
		reply_unavailable(r, "审计记录无法写入");
		return;
	}
	reply_json(r, 200, listq_page(q));
}

const struct route routes_audit[] = {
	{ "GET", "/api/v1/audit", list, 0, ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
