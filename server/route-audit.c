/* /api/v1/audit: reading the audit trail, which is itself audited.
 * Supervisors see the rows about the staff of their centre. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "views.h"

#define AUDIT_WHERE " FROM audit x LEFT JOIN staff s ON s.id = x.staff_id " \
	"WHERE (?1 = 0 OR s.centre_id = ?1) AND (?2 IS NULL OR " \
	"x.at >= ?2) AND (?3 IS NULL OR x.at < ?3) AND (?4 IS NULL OR x.staff_id = ?4) AND " \
	"(?5 IS NULL OR x.action IN (?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)) " \
	"AND (?13 IS NULL OR x.object = ?13 OR (substr(?13, length(?13), 1) = '/' AND " \
	"substr(x.object, 1, length(?13)) = ?13))"

static const char *const actions[] = {
	"login_ok", "login_failed", "login_throttled", "logout", "view",
	"reveal", "create", "update", "transition", "handoff_receipt",
	"assign", "event_update", "issue", "refuse", "reprint", "audit_view",
	"password_change", "staff_add", "staff_disable", "staff_enable",
	"staff_reset_password", "org_import", "catalog_import",
	"residents_import", "calendar_import", "backup", NULL
};

/* Binds the filters; -1 having replied 400. */
static int
filters(struct req *r, struct db_stmt *st)
{
	static const char *const	 allowed[] = { "from", "to", "staff_id",
	    "action", "object", NULL };
	const char			*a[8], *s, *from, *to;
	char				 start[21], end[21];
	cJSON				*errors = NULL;
	long long			 v;
	int				 n, i;

	q_check(r, allowed, 1, &errors);
	db_bind_int(st, 1, req_centre(r));
	/* the days are the service zone's: from the start of from's to
	 * the end of to's */
	if ((from = q_date(r, "from", &errors)) != NULL &&
	    clock_day_bounds(from, start, end) == 0)
		db_bind_text(st, 2, start);
	if ((to = q_date(r, "to", &errors)) != NULL &&
	    clock_day_bounds(to, start, end) == 0)
		db_bind_text(st, 3, end);
	if (from != NULL && to != NULL && strcmp(from, to) > 0)
		field_error(&errors, "to", "date", "结束日期早于开始日期");
	if (q_int(r, "staff_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		db_bind_int(st, 4, v);
	n = q_options(r, "action", actions, a, 8, &errors);
	for (i = 0; i < n; i++)
		db_bind_text(st, 5 + i, a[i]);
	if ((s = q_string(r, "object", 1, 64, &errors)) != NULL)
		db_bind_text(st, 13, s);
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
	struct db_stmt	*st;
	cJSON		*items;
	long long	 total = 0;
	int		 page, per_page;

	if (req_paging(r, &page, &per_page) != 0)
		return;
	st = db_stmt(r->db, "SELECT count(*)" AUDIT_WHERE);
	if (filters(r, st) != 0)
		return;
	if (db_step(st) == 1)
		total = db_int(st, 0);
	db_reset(st);
	st = db_stmt(r->db, "SELECT x.id, x.at, x.staff_id, x.username, "
	    "x.action, x.object, x.detail, x.addr, x.hash" AUDIT_WHERE
	    " ORDER BY x.id DESC LIMIT ?14 OFFSET ?15");
	filters(r, st);
	db_bind_int(st, 14, per_page);
	db_bind_int(st, 15, (long long)(page - 1) * per_page);
	items = cJSON_CreateArray();
	while (db_step(st) == 1)
		cJSON_AddItemToArray(items, row_json(st));
	db_reset(st);
	if (audit_req(r, "audit_view", NULL, NULL) != 0) {
		cJSON_Delete(items);
		reply_unavailable(r, "审计记录无法写入");
		return;
	}
	reply_json(r, 200, view_page(items, page, per_page, total));
}

const struct route routes_audit[] = {
	{ "GET", "/api/v1/audit", list, 0, ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
