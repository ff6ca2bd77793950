/* /api/v1/tasks/{id}/items and /api/v1/task-items/{id}/outcome: the
 * residents of a task, each for the member of the resident's grid, and
 * what came of each — done, not reachable, refused — with a note
 * (docs/api.md 21). A grid member sees and records his own items only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "idempotency.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "tasks.h"
#include "views.h"

#define ITEM_COLS "i.id, i.task_id, r.id, r.name, r.id_number, " \
	"r.birth_date, r.address, r.phone, g.id, g.name, a.id, a.name, " \
	"i.outcome, i.note, i.recorded_at, b.id, b.name, i.version, " \
	"t.deadline, t.centre_id"
#define ITEM_FROM " FROM task_items i JOIN tasks t ON t.id = i.task_id " \
	"JOIN residents r ON r.id = i.resident_id LEFT JOIN grids g ON " \
	"g.id = i.grid_id LEFT JOIN staff a ON a.id = i.assignee_id LEFT " \
	"JOIN staff b ON b.id = i.recorded_by"

static const char *const outcomes[] = {
	"done", "unreachable", "refused", NULL
};
static const char *const filters_outcome[] = {
	"open", "done", "unreachable", "refused", NULL
};

/* A TaskItem from a row of ITEM_COLS. */
static cJSON *
item_json(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject();
	char	 today[11];

	clock_date(clock_now(), today);
	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddNumberToObject(o, "task_id", db_int(st, 1));
	view_resident(o, "resident", db_int(st, 2), db_text(st, 3),
	    db_text(st, 4));
	cJSON_AddNumberToObject(o, "age", clock_age(db_text(st, 5),
	    clock_now()));
	cJSON_AddStringToObject(o, "address", db_text(st, 6));
	view_masked_phone(o, "phone_masked", db_text(st, 7));
	view_ref(o, "grid", db_int(st, 8), db_text(st, 9));
	view_ref(o, "assignee", db_int(st, 10), db_text(st, 11));
	view_text_or_null(o, "outcome", st, 12);
	view_text_or_null(o, "note", st, 13);
	view_text_or_null(o, "recorded_at", st, 14);
	view_ref(o, "recorded_by", db_int(st, 15), db_text(st, 16));
	cJSON_AddBoolToObject(o, "overdue", db_null(st, 12) &&
	    strcmp(db_text(st, 18), today) < 0);
	cJSON_AddNumberToObject(o, "version", db_int(st, 17));
	return (o);
}

/* The items' filters; -1 having replied 400. */
static int
item_filters(struct req *r, struct listq *q)
{
	static const char *const	 allowed[] = { "assignee", "outcome",
	    "overdue", "grid_id", NULL };
	const char			*o4[4], *s;
	cJSON				*errors = NULL;
	char				 today[11];
	long long			 v;
	int				 n, i, open = 0;

	q_check(r, allowed, 1, &errors);
	if ((s = req_arg(r, "assignee")) != NULL && strcmp(s, "me") == 0)
		listq_where(q, "i.assignee_id = ?", "l", r->staff->id);
	else if (q_int(r, "assignee", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "i.assignee_id = ?", "l", v);
	if (q_int(r, "grid_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "i.grid_id = ?", "l", v);
	if ((n = q_options(r, "outcome", filters_outcome, o4, 4,
	    &errors)) > 0) {
		for (i = 0; i < n; i++)
			open |= strcmp(o4[i], "open") == 0;
		listq_where(q, "(i.outcome IN (?, ?, ?, ?) OR (? = 1 AND "
		    "i.outcome IS NULL))", "tttt" "d", o4[0], o4[n > 1 ? 1 : 0],
		    o4[n > 2 ? 2 : 0], o4[n > 3 ? 3 : 0], open);
	}
	clock_date(clock_now(), today);
	if ((s = req_arg(r, "overdue")) != NULL && strcmp(s, "true") == 0)
		listq_where(q, "i.outcome IS NULL AND t.deadline < ?", "t",
		    today);
	else if (s != NULL && strcmp(s, "false") == 0)
		listq_where(q, "NOT (i.outcome IS NULL AND t.deadline < ?)",
		    "t", today);
	else if (s != NULL)
		field_error(&errors, "overdue", "option", "须为 true 或 false");
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* GET /tasks/{id}/items: by id; a grid member's own only. */
static void
items(struct req *r)
{
	struct listq	*q;
	struct db_stmt	*st;
	long long	 id, mine = task_share(r);

	if ((id = req_id(r, 0)) < 0)
		return;
	if (!task_visible(r, id)) {
		reply_not_found(r);
		return;
	}
	if ((q = listq_req(r, ITEM_COLS, ITEM_FROM)) == NULL)
		return;
	listq_where(q, "i.task_id = ?", "l", id);
	if (mine != 0)
		listq_where(q, "i.assignee_id = ?", "l", mine);
	if (item_filters(r, q) != 0) {
		listq_free(q);
		return;
	}
	listq_order(q, "i.id");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, item_json(st));
	reply_json(r, 200, listq_page(q));
}

/* The item if the caller may see it, else NULL; its version. */
static cJSON *
item_get(struct req *r, long long id, long long *version)
{
	struct db_stmt	*st;
	cJSON		*o = NULL;
	long long	 mine = task_share(r);

	if (db_query(r->db, &st, "SELECT " ITEM_COLS ITEM_FROM " WHERE "
	    "i.id = ?", "l", id) == 1 && scope_centre_ok(r->staff,
	    db_int(st, 19)) && (mine == 0 || db_int(st, 10) == mine)) {
		o = item_json(st);
		*version = db_int(st, 17);
	}
	db_reset(st);
	return (o);
}

/* Reads the outcome and its note; -1 having replied 400. */
static int
read_outcome(struct req *r, const char **outcome, const char **note)
{
	static const char *const	 members[] = { "outcome", "note", NULL };
	cJSON				*b = req_body(r), *errors = NULL;

	json_members(b, members, NULL, &errors);
	*outcome = json_option(b, "outcome", outcomes, JF_REQUIRED, NULL,
	    &errors);
	/* why one was not reached or refused is said */
	*note = json_text(b, "note", *outcome != NULL && strcmp(*outcome,
	    "done") != 0 ? 1 : 0, 500, JF_MULTILINE, NULL, &errors);
	if (*note != NULL && **note == '\0')
		*note = NULL;
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* POST /task-items/{id}/outcome: what came of one resident; a later
 * one replaces it. */
static void
outcome(struct req *r)
{
	cJSON		*o, *ext;
	const char	*what, *note;
	long long	 id, version = 0;
	char		 now[32], object[40];

	if ((id = req_id(r, 0)) < 0 || read_outcome(r, &what, &note) != 0)
		return;
	if (db_begin(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if ((o = item_get(r, id, &version)) == NULL) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	cJSON_Delete(o);
	if (version != r->if_match) {
		db_rollback(r->db);
		ext = cJSON_CreateObject();
		cJSON_AddNumberToObject(ext, "current_version", (double)version);
		reply_problem_ext(r, 412, "precondition-failed",
		    "Precondition failed", "已被他人更新，请刷新后重试", ext);
		return;
	}
	clock_rfc3339(clock_now(), now);
	snprintf(object, sizeof object, "task_item/%lld", id);
	if (db_exec(r->db, "UPDATE task_items SET outcome = ?, note = ?, "
	    "recorded_at = ?, recorded_by = ?, version = version + 1 WHERE "
	    "id = ?", "tttll", what, note, now, r->staff->id, id) != 0 ||
	    audit_req(r, "task_outcome", object, what) != 0 ||
	    (o = item_get(r, id, &version)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "task item %lld: %s", id, what);
	reply_versioned(r, 200, o, version);
	idem_commit(r);
}

const struct route routes_task_items[] = {
	{ "GET", "/api/v1/tasks/{id}/items", items, 0,
	    ROLE_GRID | ROLE_SUPER | ROLE_ADMIN },
	{ "POST", "/api/v1/task-items/{id}/outcome", outcome,
	    ROUTE_IDEM | ROUTE_IF_MATCH | ROUTE_BODY,
	    ROLE_GRID | ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
