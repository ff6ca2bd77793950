/* The application state machine of docs/api.md 8: the action table, the
 * transitions route, and app_apply, which hand-offs use too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "application-actions.h"
#include "applications.h"
#include "audit.h"
#include "auth.h"
#include "calendar.h"
#include "clock.h"
#include "db.h"
#include "evaluation.h"
#include "exchange-outbox.h"
#include "fees.h"
#include "idempotency.h"
#include "json-print.h"
#include "json.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "valid.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

/* The action table: from which statuses, to which, needing what. */
static const struct {
	const char	*action;
	const char	*from[4];
	const char	*to;
	const char	*needs;		/* the body member it requires */
	const char	*zh;
} actions[] = {
	{ "accept", { "submitted" }, "accepted", NULL, "受理" },
	{ "reject", { "submitted", "accepted", "forwarded" }, "rejected",
	  "reason", "不予受理" },
	{ "request_materials", { "accepted" }, "materials_requested",
	  "missing_materials", "要求补正" },
	{ "receive_materials", { "materials_requested" }, "accepted", NULL,
	  "补正收件" },
	{ "forward", { "accepted" }, "forwarded", "department", "转办" },
	{ "complete", { "accepted", "forwarded" }, "completed", NULL, "办结" },
	{ "collect", { "completed" }, "collected", "collector", "出件" },
	{ "withdraw", { "submitted", "accepted", "materials_requested",
	  "forwarded" }, "withdrawn", "reason", "撤回" },
	/* a 容缺 material brought in: the status stays ("=") */
	{ "receive_deferred", { "submitted", "accepted",
	  "materials_requested", "forwarded" }, "=", "material",
	  "容缺材料补齐" },
	/* a department's report of progress (docs/api.md 24), never a
	 * staff member's: the status stays */
	{ "department_note", { "forwarded" }, "=", NULL, "部门反馈" },
};
#define NACTIONS (sizeof actions / sizeof *actions)

const char *
app_next(const char *status, const char *action)
{
	size_t	i, j;

	for (i = 0; i < NACTIONS; i++) {
		if (strcmp(actions[i].action, action) != 0)
			continue;
		for (j = 0; j < 4 && actions[i].from[j] != NULL; j++) {
			if (strcmp(actions[i].from[j], status) == 0)
				return (strcmp(actions[i].to, "=") == 0 ?
				    actions[i].from[j] : actions[i].to);
		}
	}
	return (NULL);
}

/* The actions allowed from a status, as a JSON array. */
static cJSON *
app_allowed(const char *status)
{
	cJSON	*list = cJSON_CreateArray();
	size_t	 i;

	for (i = 0; i < NACTIONS; i++) {
		/* receive_deferred is not a step of the status */
		if (strcmp(actions[i].to, "=") != 0 &&
		    app_next(status, actions[i].action) != NULL)
			cJSON_AddItemToArray(list,
			    cJSON_CreateString(actions[i].action));
	}
	return (list);
}

/* The due date after materials came back: later by the working days
 * from the request (exclusive) to today (inclusive). */
static void
moved_due(const char *due, const char *requested, const char *today,
    char *out)
{
	calendar_add_workdays(due, calendar_workdays_between(requested,
	    today), out);
}

/* Reads what app_apply needs of the stored application. */
static int
load_dates(struct req *r, long long id, char *due, char *requested)
{
	struct db_stmt	*st;
	int		 rc;

	rc = db_query(r->db, &st, "SELECT due_date, coalesce(requested_on, "
	    "'') FROM applications WHERE id = ?", "l", id);
	if (rc == 1) {
		snprintf(due, 11, "%s", db_text(st, 0));
		snprintf(requested, 11, "%s", db_text(st, 1));
	}
	db_reset(st);
	return (rc == 1 ? 0 : -1);
}

int
app_apply(struct req *r, long long id, const char *from,
    const struct app_action *a)
{
	const char	*to = app_next(from, a->action);
	char		 now[32], today[11], due[11], requested[11];
	char		*missing;
	int		 rc, req_m = strcmp(a->action, "request_materials") == 0;
	const char	*cid = a->collector_name != NULL ? a->collector_id :
			    NULL;

	if (to == NULL || load_dates(r, id, due, requested) != 0)
		return (-1);
	clock_rfc3339(clock_now(), now);
	clock_date(clock_now(), today);
	if (strcmp(a->action, "receive_materials") == 0 && requested[0] != 0)
		moved_due(due, requested, today, due);
	missing = req_m ? json_print(a->missing) : xstrdup("[]");
	/* sent ahead: the exchange message's read brings their results */
	rc = db_exec_later(r->db, "UPDATE applications SET status = ?, "
	    "reason = coalesce(?, reason), missing_materials = ?, "
	    "requested_on = CASE WHEN ? <> 0 THEN ? ELSE requested_on END, "
	    "department = coalesce(?, department), collector_name = "
	    "coalesce(?, collector_name), collector_id_number = coalesce(?, "
	    "collector_id_number), collected_at = CASE WHEN ? IS NULL THEN "
	    "collected_at ELSE ? END, due_date = ?, version = version + 1, "
	    "updated_at = ? WHERE id = ?", "tttdttttttttl", to, a->reason,
	    missing, req_m, today, a->department, a->collector_name, cid,
	    a->collector_name, now, due, now, id);
	if (rc == 0)
		rc = db_exec_later(r->db, "INSERT INTO timeline ("
		    "application_id, at, staff_id, action, from_status, "
		    "to_status, note, reason, missing_materials, department, "
		    "collector_name, collector_id_number, collected_at) VALUES "
		    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? IS NULL "
		    "THEN NULL ELSE ? END)", "ltLttttttttttt", id, now,
		    r->staff != NULL ? r->staff->id : 0, a->action, from, to,
		    a->note, a->reason, missing, a->department,
		    a->collector_name, cid, a->collector_name, now);
	if (rc == 0)
		rc = exchange_event(r->db, id);
	free(missing);
	return (rc);
}

/* missing_materials: 1-20 distinct strings of 1-50 characters. */
static cJSON *
read_missing(cJSON *body, cJSON **errors)
{
	cJSON	*v = cJSON_GetObjectItem(body, "missing_materials"), *m, *n;
	char	 field[40];
	int	 i = 0;

	if (v == NULL || cJSON_IsNull(v)) {
		field_error(errors, "missing_materials", "required",
		    "请列出需补正的材料");
		return (NULL);
	}
	if (!cJSON_IsArray(v)) {
		field_error(errors, "missing_materials", "type", "须为数组");
		return (NULL);
	}
	if (cJSON_GetArraySize(v) < 1 || cJSON_GetArraySize(v) > 20) {
		field_error(errors, "missing_materials", cJSON_GetArraySize(v) <
		    1 ? "too_short" : "too_long", "须为 1 至 20 项");
		return (NULL);
	}
	cJSON_ArrayForEach(m, v) {
		snprintf(field, sizeof field, "missing_materials[%d]", i++);
		if (!cJSON_IsString(m) || !valid_controls(m->valuestring, 0))
			field_error(errors, field, cJSON_IsString(m) ?
			    "control_chars" : "type", "须为文字");
		else if (utf8_chars(m->valuestring) == 0 ||
		    utf8_chars(m->valuestring) > 50)
			field_error(errors, field, m->valuestring[0] == '\0' ?
			    "required" : "too_long", "长度须为 1 至 50 个字符");
		for (n = m->next; n != NULL; n = n->next) {
			if (cJSON_Compare(m, n, 1))
				field_error(errors, "missing_materials",
				    "duplicate", "材料重复");
		}
	}
	return (v);
}

/* collector: name and full ID number. */
static void
read_collector(cJSON *body, struct app_action *a, cJSON **errors)
{
	static const char *const	 members[] = { "name", "id_number",
	    NULL };
	cJSON				*c = cJSON_GetObjectItem(body,
					    "collector");
	const char			*id, *code;

	if (c == NULL || cJSON_IsNull(c)) {
		field_error(errors, "collector", "required", "请填写领取人");
		return;
	}
	if (!cJSON_IsObject(c)) {
		field_error(errors, "collector", "type", "须为对象");
		return;
	}
	json_members(c, members, "collector.", errors);
	a->collector_name = json_string(c, "name", 1, 30, "collector.name",
	    errors);
	id = json_string(c, "id_number", 1, 18, "collector.id_number",
	    errors);
	if (id != NULL && (code = valid_id_number(id, a->collector_id)) !=
	    NULL)
		field_error(errors, "collector.id_number", code,
		    valid_id_message(code));
}

/* Reads and checks the body for its action; 0 or -1 having replied. */
static int
read_action(struct req *r, struct app_action *a)
{
	static const char *const	 names[] = { "accept", "reject",
	    "request_materials", "receive_materials", "forward", "complete",
	    "collect", "withdraw", "receive_deferred", NULL };
	const char			*allowed[4] = { "action", "note" };
	cJSON				*body = req_body(r), *errors = NULL;
	size_t				 i;

	memset(a, 0, sizeof *a);
	a->action = json_option(body, "action", names, JF_REQUIRED, NULL,
	    &errors);
	for (i = 0; a->action != NULL && i < NACTIONS; i++) {
		if (strcmp(actions[i].action, a->action) == 0)
			allowed[2] = actions[i].needs;
	}
	if (a->action != NULL)
		json_members(body, allowed, NULL, &errors);
	a->note = json_text(body, "note", 0, 500, JF_MULTILINE, NULL,
	    &errors);
	if (allowed[2] != NULL && strcmp(allowed[2], "reason") == 0)
		a->reason = json_string(body, "reason", 2, 200, NULL, &errors);
	else if (allowed[2] != NULL && strcmp(allowed[2], "department") == 0)
		a->department = json_string(body, "department", 1, 50, NULL,
		    &errors);
	else if (allowed[2] != NULL && strcmp(allowed[2], "collector") == 0)
		read_collector(body, a, &errors);
	else if (allowed[2] != NULL && strcmp(allowed[2], "material") == 0)
		a->material = json_string(body, "material", 1, 50, NULL,
		    &errors);
	else if (allowed[2] != NULL)
		a->missing = read_missing(body, &errors);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* 409 invalid-transition with the state and what it allows. */
static void
refuse(struct req *r, const char *status, const char *action)
{
	cJSON	*ext = cJSON_CreateObject();
	char	 detail[160];
	size_t	 i;
	const char *zh = action;

	for (i = 0; i < NACTIONS; i++) {
		if (strcmp(actions[i].action, action) == 0)
			zh = actions[i].zh;
	}
	snprintf(detail, sizeof detail, "当前状态“%s”不能执行“%s”",
	    app_status_zh(status), zh);
	cJSON_AddStringToObject(ext, "current_status", status);
	cJSON_AddItemToObject(ext, "allowed", app_allowed(status));
	reply_problem_ext(r, 409, "invalid-transition", "Invalid transition",
	    detail, ext);
}

/* The stored status and version if the caller may see the application;
 * its row stays locked until the transaction ends, which rolls back
 * when the caller may not. */
static int
load_state(struct req *r, long long id, char *status, long long *version)
{
	struct db_stmt	*st;
	int		 rc;

	/* the row is locked and read with the scope's check, in one round
	 * trip */
	st = db_read_ahead(r->db, "SELECT status, version FROM applications "
	    "WHERE id = ? FOR UPDATE", "l", id);
	if (!scope_sees(r->db, r->staff, SCOPE_APPLICATION, id)) {
		db_reset(st);
		return (-1);
	}
	rc = db_step(st);
	if (rc == 1) {
		snprintf(status, 24, "%s", db_text(st, 0));
		*version = db_int(st, 1);
	}
	db_reset(st);
	return (rc == 1 ? 0 : -1);
}

/* A finished service at the counter waits for the resident's rating
 * there (docs/api.md 19): on complete and collect. */
static int
pend_evaluation(struct req *r, long long id, const char *action)
{
	if (strcmp(action, "complete") == 0)
		return (eval_pend(r, "application", id, "completed"));
	if (strcmp(action, "collect") == 0)
		return (eval_pend(r, "application", id, "collected"));
	return (0);
}

/* The stored 容缺 materials of an application (an array), or NULL. */
static cJSON *
load_deferred(struct req *r, long long id)
{
	struct db_stmt	*st;
	cJSON		*list = NULL;

	if (db_query(r->db, &st, "SELECT deferred FROM applications WHERE "
	    "id = ?", "l", id) == 1)
		list = cJSON_Parse(db_text(st, 0));
	db_reset(st);
	return (list);
}

/* The names of the outstanding 容缺 materials, an array. */
static cJSON *
outstanding(const cJSON *deferred)
{
	cJSON		*names = cJSON_CreateArray();
	const cJSON	*d;

	cJSON_ArrayForEach(d, deferred) {
		if (cJSON_IsNull(cJSON_GetObjectItem(d, "received_at")))
			cJSON_AddItemToArray(names, cJSON_CreateString(
			    cJSON_GetStringValue(cJSON_GetObjectItem(d,
			    "name"))));
	}
	return (names);
}

/* complete while a 容缺 material is outstanding: 409
 * deferred-outstanding naming them. 1 if answered. */
static int
refuse_deferred(struct req *r, long long id)
{
	cJSON		*deferred = load_deferred(r, id), *names, *ext, *n;
	char		 detail[512];
	size_t		 len;

	names = outstanding(deferred);
	cJSON_Delete(deferred);
	if (cJSON_GetArraySize(names) == 0) {
		cJSON_Delete(names);
		return (0);
	}
	len = (size_t)snprintf(detail, sizeof detail, "容缺材料尚未补齐：");
	cJSON_ArrayForEach(n, names) {
		if (len < sizeof detail)
			len += (size_t)snprintf(detail + len, sizeof detail -
			    len, "%s%s", n == names->child ? "" : "、",
			    n->valuestring);
	}
	ext = cJSON_CreateObject();
	cJSON_AddItemToObject(ext, "outstanding", names);
	reply_problem_ext(r, 409, "deferred-outstanding", "Deferred material "
	    "outstanding", detail, ext);
	return (1);
}

/* receive_deferred: the named 容缺 material received now, the earliest
 * date still outstanding kept; -1 having replied 400 when the name is
 * not an outstanding one, -2 on a database error. */
static int
receive_deferred(struct req *r, long long id, const char *status,
    const struct app_action *a)
{
	cJSON		*deferred = load_deferred(r, id), *d, *errors = NULL;
	cJSON		*missing;
	char		 now[32], first[11] = "", *text, *names;
	const char	*due;
	int		 found = 0, rc;

	clock_rfc3339(clock_now(), now);
	cJSON_ArrayForEach(d, deferred) {
		if (!found && cJSON_IsNull(cJSON_GetObjectItem(d,
		    "received_at")) && strcmp(cJSON_GetStringValue(
		    cJSON_GetObjectItem(d, "name")), a->material) == 0) {
			cJSON_ReplaceItemInObject(d, "received_at",
			    cJSON_CreateString(now));
			found = 1;
		}
		due = cJSON_GetStringValue(cJSON_GetObjectItem(d, "due_date"));
		if (cJSON_IsNull(cJSON_GetObjectItem(d, "received_at")) &&
		    (first[0] == '\0' || strcmp(due, first) < 0))
			snprintf(first, sizeof first, "%s", due);
	}
	if (!found) {
		cJSON_Delete(deferred);
		field_error(&errors, "material", "option",
		    "不是尚未补齐的容缺材料");
		reply_validation(r, errors);
		return (-1);
	}
	text = json_print(deferred);
	missing = cJSON_CreateArray();
	cJSON_AddItemToArray(missing, cJSON_CreateString(a->material));
	names = json_print(missing);
	rc = db_exec_later(r->db, "UPDATE applications SET deferred = ?, "
	    "deferred_due = nullif(?, ''), version = version + 1, "
	    "updated_at = ? WHERE id = ?", "tttl", text, first, now, id);
	if (rc == 0)
		rc = db_exec_later(r->db, "INSERT INTO timeline ("
		    "application_id, at, staff_id, action, from_status, "
		    "to_status, note, missing_materials) VALUES (?, ?, ?, "
		    "'receive_deferred', ?, ?, ?, ?)", "ltltttt", id, now,
		    r->staff->id, status, status, a->note, names);
	if (rc == 0)
		rc = exchange_event(r->db, id);
	cJSON_Delete(deferred);
	cJSON_Delete(missing);
	free(text);
	free(names);
	return (rc == 0 ? 0 : -2);
}

int
app_refused(struct req *r, long long id, const char *status,
    const char *action)
{
	if (app_next(status, action) == NULL) {
		refuse(r, status, action);
		return (1);
	}
	return (strcmp(action, "complete") == 0 && refuse_deferred(r, id));
}

/* collect while the fee is owed and not paid: 409 fee-unpaid (docs/
 * api.md 22); a result is not handed out before it is paid for. 1 if
 * answered. */
static int
refuse_unpaid(struct req *r, long long id)
{
	cJSON		*ext;
	char		 detail[96];
	long long	 owed = fee_unpaid(r->db, id);

	if (owed == 0)
		return (0);
	if (owed < 0) {
		reply_unavailable(r, NULL);
		return (1);
	}
	ext = cJSON_CreateObject();
	cJSON_AddNumberToObject(ext, "due_fen", (double)owed);
	snprintf(detail, sizeof detail, "费用未缴（应收%lld.%02lld元），不能出件",
	    owed / 100, owed % 100);
	reply_problem_ext(r, 409, "fee-unpaid", "Fee unpaid", detail, ext);
	return (1);
}

/* POST /applications/{id}/transitions: one action at If-Match. */
static void
app_transition(struct req *r)
{
	struct app_action	 a;
	cJSON			*o, *ext;
	char			 status[24], object[48];
	long long		 id, version;
	int			 rc;

	if ((id = req_id(r, 0)) < 0 || read_action(r, &a) != 0)
		return;
	/* beside other writers: the application's row, then the counter's
	 * pending evaluation (db.h) */
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if (load_state(r, id, status, &version) != 0) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	if (version != r->if_match) {
		db_rollback(r->db);
		ext = cJSON_CreateObject();
		cJSON_AddNumberToObject(ext, "current_version",
		    (double)version);
		reply_problem_ext(r, 412, "precondition-failed",
		    "Precondition failed", "办件已被他人更新，请刷新后重试",
		    ext);
		return;
	}
	if (app_refused(r, id, status, a.action)) {
		db_rollback(r->db);
		return;
	}
	if (strcmp(a.action, "collect") == 0 && refuse_unpaid(r, id)) {
		db_rollback(r->db);
		return;
	}
	snprintf(object, sizeof object, "application/%lld", id);
	if (strcmp(a.action, "receive_deferred") == 0)
		rc = receive_deferred(r, id, status, &a);
	else
		rc = app_apply(r, id, status, &a) != 0 ? -2 : 0;
	if (rc == -1) {
		db_rollback(r->db);
		return;
	}
	if (rc != 0 || audit_req(r, "transition",
	    object, app_next(status, a.action)) != 0 ||
	    pend_evaluation(r, id, a.action) != 0 ||
	    (o = app_full(r, id, &version)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "application %s: %s -> %s (%s)", cJSON_GetStringValue(
	    cJSON_GetObjectItem(o, "number")), status, app_next(status,
	    a.action), a.action);
	reply_versioned(r, 200, o, version);
	idem_commit(r);
}

const struct route routes_application_actions[] = {
	{ "POST", "/api/v1/applications/{id}/transitions", app_transition,
	    ROUTE_IDEM | ROUTE_IF_MATCH | ROUTE_BODY,
	    ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
