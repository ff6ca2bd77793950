/* Follow-ups of bad ratings (差评回访整改, docs/api.md 19): the
 * supervisor's list, one follow-up, and its steps in order — call-back,
 * rectification, closing with the resident's answer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "evaluation.h"
#include "idempotency.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"

#define FOLLOWUP_COLS "f.id, f.status, f.rating_id, f.opened_at, " \
	"f.due_date, f.callback_notes, f.callback_at, f.callback_by, " \
	"cb.name, f.rectify_notes, f.rectify_at, f.rectify_by, rb.name, " \
	"f.close_notes, f.close_at, f.close_by, xb.name, f.close_answer, " \
	"f.version"
#define FOLLOWUP_FROM " FROM followups f LEFT JOIN staff cb ON cb.id = " \
	"f.callback_by LEFT JOIN staff rb ON rb.id = f.rectify_by LEFT " \
	"JOIN staff xb ON xb.id = f.close_by"

/* One Step from columns notes, at, staff id, staff name; or null. */
static void
add_step(cJSON *o, const char *key, struct db_stmt *st, int col,
    int answer_col)
{
	cJSON	*s, *staff;

	if (db_null(st, col + 1)) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	s = cJSON_AddObjectToObject(o, key);
	if (db_null(st, col))
		cJSON_AddNullToObject(s, "notes");
	else
		cJSON_AddStringToObject(s, "notes", db_text(st, col));
	cJSON_AddStringToObject(s, "at", db_text(st, col + 1));
	staff = cJSON_AddObjectToObject(s, "staff");
	cJSON_AddNumberToObject(staff, "id", (double)db_int(st, col + 2));
	cJSON_AddStringToObject(staff, "name", db_text(st, col + 3));
	if (answer_col >= 0)
		cJSON_AddStringToObject(s, "answer", db_text(st, answer_col));
}

/* A Followup from the current row; the rating is read after. */
static cJSON *
followup_json(struct db_stmt *st, long long *rating)
{
	cJSON	*o = cJSON_CreateObject();
	char	 today[11];

	clock_date(clock_now(), today);
	cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
	cJSON_AddStringToObject(o, "status", db_text(st, 1));
	*rating = db_int(st, 2);
	cJSON_AddStringToObject(o, "opened_at", db_text(st, 3));
	cJSON_AddStringToObject(o, "due_date", db_text(st, 4));
	cJSON_AddBoolToObject(o, "overdue", strcmp(db_text(st, 1), "closed") !=
	    0 && strcmp(today, db_text(st, 4)) > 0);
	add_step(o, "callback", st, 5, -1);
	add_step(o, "rectification", st, 9, -1);
	add_step(o, "closing", st, 13, 17);
	cJSON_AddNumberToObject(o, "version", (double)db_int(st, 18));
	return (o);
}

/* The ratings of a list of follow-ups, read once the list is done. */
static void
add_ratings(struct db *db, cJSON *items, const long long *ratings)
{
	cJSON	*o;
	int	 i = 0;

	cJSON_ArrayForEach(o, items)
		cJSON_AddItemToObject(o, "rating", eval_rating_json(db,
		    ratings[i++]));
}

/* One follow-up of the caller's centre, or NULL. */
static cJSON *
followup_get(struct req *r, long long id)
{
	struct db_stmt	*st;
	cJSON		*o = NULL;
	long long	 rating = 0;

	if (db_query(r->db, &st, "SELECT " FOLLOWUP_COLS FOLLOWUP_FROM
	    " WHERE f.id = ? AND (? = 0 OR f.centre_id = ?)", "lll", id,
	    r->staff->centre_id, r->staff->centre_id) == 1)
		o = followup_json(st, &rating);
	db_reset(st);
	if (o != NULL)
		cJSON_AddItemToObject(o, "rating", eval_rating_json(r->db,
		    rating));
	return (o);
}

/* GET /followups: overdue first, then by due date. */
static void
list(struct req *r)
{
	static const char *const	 allowed[] = { "status", NULL };
	static const char *const	 statuses[] = { "open", "closed", "all",
	    NULL };
	struct listq			*q;
	struct db_stmt			*st;
	cJSON				*errors = NULL, *page, *items;
	const char			*status;
	long long			 ratings[100];
	int				 n = 0;

	q_check(r, allowed, 1, &errors);
	status = q_string(r, "status", 1, 8, &errors);
	if (status != NULL && errors == NULL) {
		for (n = 0; statuses[n] != NULL && strcmp(statuses[n],
		    status) != 0; n++)
			;
		if (statuses[n] == NULL)
			field_error(&errors, "status", "option",
			    "没有这个状态");
	}
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if ((q = listq_req(r, FOLLOWUP_COLS, FOLLOWUP_FROM)) == NULL)
		return;
	if (r->staff->centre_id != 0)
		listq_where(q, "f.centre_id = ?", "l", r->staff->centre_id);
	if (status == NULL || strcmp(status, "open") == 0)
		listq_where(q, "f.status <> 'closed'", "");
	else if (strcmp(status, "closed") == 0)
		listq_where(q, "f.status = 'closed'", "");
	/* the open ones due first are the overdue ones */
	listq_order(q, "CASE WHEN f.status = 'closed' THEN 1 ELSE 0 END, "
	    "f.due_date, f.id");
	n = 0;
	while ((st = listq_next(q)) != NULL)
		listq_add(q, followup_json(st, &ratings[n++]));
	page = listq_page(q);
	items = cJSON_GetObjectItem(page, "items");
	add_ratings(r->db, items, ratings);
	reply_json(r, 200, page);
}

/* GET /followups/{id}. */
static void
get(struct req *r)
{
	cJSON		*o;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = followup_get(r, id)) == NULL)
		reply_not_found(r);
	else
		reply_json(r, 200, o);
}

/* The steps: which status each comes from and goes to. */
static const struct {
	const char	*action, *from, *to, *audit;
} steps[] = {
	{ "callback", "open", "called_back", "followup_callback" },
	{ "rectify", "called_back", "rectified", "followup_rectify" },
	{ "close", "rectified", "closed", "followup_close" },
};

/* Reads the body; the step's index, or -1 having replied. */
static int
read_step(struct req *r, const char **notes, const char **answer)
{
	static const char *const	 members[] = { "action", "notes",
	    "answer", NULL };
	static const char *const	 actions[] = { "callback", "rectify",
	    "close", NULL };
	static const char *const	 answers[] = { "satisfied", "basic",
	    "dissatisfied", NULL };
	cJSON				*body = req_body(r), *errors = NULL;
	const char			*action;
	int				 i;

	json_members(body, members, NULL, &errors);
	action = json_option(body, "action", actions, JF_REQUIRED, NULL,
	    &errors);
	*notes = json_text(body, "notes", 0, 500, JF_MULTILINE, NULL,
	    &errors);
	*answer = json_option(body, "answer", answers, 0, NULL, &errors);
	if (errors == NULL && strcmp(action, "close") != 0 &&
	    (*notes == NULL || **notes == '\0'))
		field_error(&errors, "notes", "required", "请填写记录");
	if (errors == NULL && strcmp(action, "close") == 0 && *answer == NULL)
		field_error(&errors, "answer", "required", "请选择居民的答复");
	if (errors != NULL) {
		reply_validation(r, errors);
		return (-1);
	}
	for (i = 0; strcmp(steps[i].action, action) != 0; i++)
		;
	return (i);
}

/* 409 invalid-transition naming the one step allowed now. */
static void
refuse(struct req *r, const char *status)
{
	cJSON	*ext = cJSON_CreateObject(), *allowed;
	size_t	 i;

	cJSON_AddStringToObject(ext, "current_status", status);
	allowed = cJSON_AddArrayToObject(ext, "allowed");
	for (i = 0; i < sizeof steps / sizeof *steps; i++) {
		if (strcmp(steps[i].from, status) == 0)
			cJSON_AddItemToArray(allowed,
			    cJSON_CreateString(steps[i].action));
	}
	reply_problem_ext(r, 409, "invalid-transition", "Invalid transition",
	    "回访整改须按回访、整改、办结的顺序进行", ext);
}

/* The step's UPDATE. */
static int
apply(struct req *r, int i, long long id, const char *notes,
    const char *answer, const char *now)
{
	if (i == 0)
		return (db_exec(r->db, "UPDATE followups SET status = ?, "
		    "callback_notes = ?, callback_at = ?, callback_by = ?, "
		    "version = version + 1 WHERE id = ?", "tttll", steps[i].to,
		    notes, now, r->staff->id, id));
	if (i == 1)
		return (db_exec(r->db, "UPDATE followups SET status = ?, "
		    "rectify_notes = ?, rectify_at = ?, rectify_by = ?, "
		    "version = version + 1 WHERE id = ?", "tttll", steps[i].to,
		    notes, now, r->staff->id, id));
	return (db_exec(r->db, "UPDATE followups SET status = ?, close_notes "
	    "= ?, close_answer = ?, close_at = ?, close_by = ?, version = "
	    "version + 1 WHERE id = ?", "ttttll", steps[i].to, notes, answer,
	    now, r->staff->id, id));
}

/* POST /followups/{id}/actions: the next step. */
static void
act(struct req *r)
{
	struct db_stmt	*st;
	const char	*notes, *answer;
	char		 status[16], now[32], object[48];
	long long	 id;
	int		 i, found;
	cJSON		*o;

	if ((id = req_id(r, 0)) < 0 || (i = read_step(r, &notes,
	    &answer)) < 0)
		return;
	/* beside other writers, the follow-up's row locked */
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	found = db_query(r->db, &st, "SELECT status FROM followups WHERE id "
	    "= ? AND (? = 0 OR centre_id = ?) FOR UPDATE", "lll", id,
	    r->staff->centre_id, r->staff->centre_id) == 1;
	if (found)
		snprintf(status, sizeof status, "%s", db_text(st, 0));
	db_reset(st);
	if (!found) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	if (strcmp(status, steps[i].from) != 0) {
		db_rollback(r->db);
		refuse(r, status);
		return;
	}
	clock_rfc3339(clock_now(), now);
	snprintf(object, sizeof object, "followup/%lld", id);
	if (apply(r, i, id, notes, answer, now) != 0 || audit_req(r,
	    steps[i].audit, object, notes) != 0 || (o = followup_get(r,
	    id)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "follow-up %lld: %s -> %s", id, status, steps[i].to);
	reply_json(r, 200, o);
	idem_commit(r);
}

#define FOLLOWUP_ROLES	(ROLE_SUPER | ROLE_ADMIN)

const struct route routes_followups[] = {
	{ "GET", "/api/v1/followups", list, 0, FOLLOWUP_ROLES },
	{ "GET", "/api/v1/followups/{id}", get, 0, FOLLOWUP_ROLES },
	{ "POST", "/api/v1/followups/{id}/actions", act,
	    ROUTE_IDEM | ROUTE_BODY, FOLLOWUP_ROLES },
	{ NULL, NULL, NULL, 0, 0 }
};
