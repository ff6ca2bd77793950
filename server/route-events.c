/* /api/v1/events: grid events (网格事件) reported by grid members,
 * assigned by supervisors and worked through by the assignee, each step
 * kept in the event's history (docs/api.md 12). */
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
#include "views.h"

#define EVENT_COLS "e.id, e.category, e.location, e.description, " \
	"e.urgency, g.id, g.name, c.id, c.name, r.id, r.name, r.id_number, " \
	"e.status, rp.id, rp.name, a.id, a.name, e.reported_at, " \
	"e.updated_at, e.version, c.centre_id"
#define EVENT_FROM " FROM events e JOIN grids g ON g.id = e.grid_id JOIN " \
	"communities c ON c.id = e.community_id LEFT JOIN residents r ON " \
	"r.id = e.resident_id JOIN staff rp ON rp.id = e.reporter_id LEFT " \
	"JOIN staff a ON a.id = e.assignee_id"

static const char *const categories[] = {
	"environment", "facilities", "safety", "fire", "public_order",
	"dispute", "special_care", "housing", "other", NULL
};
static const char *const urgencies[] = {
	"low", "normal", "high", "urgent", NULL
};
static const char *const statuses[] = {
	"reported", "assigned", "in_progress", "resolved", "closed", NULL
};

/* An Event (without its history) from a row of EVENT_COLS. */
static cJSON *
event_json(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "category", db_text(st, 1));
	cJSON_AddStringToObject(o, "location", db_text(st, 2));
	cJSON_AddStringToObject(o, "description", db_text(st, 3));
	cJSON_AddStringToObject(o, "urgency", db_text(st, 4));
	view_ref(o, "grid", db_int(st, 5), db_text(st, 6));
	view_ref(o, "community", db_int(st, 7), db_text(st, 8));
	view_resident(o, "resident", db_int(st, 9),
	    db_text(st, 10), db_text(st, 11));
	cJSON_AddStringToObject(o, "status", db_text(st, 12));
	view_ref(o, "reporter", db_int(st, 13),
	    db_text(st, 14));
	view_ref(o, "assignee", db_int(st, 15),
	    db_text(st, 16));
	cJSON_AddStringToObject(o, "reported_at", db_text(st, 17));
	cJSON_AddStringToObject(o, "updated_at", db_text(st, 18));
	cJSON_AddNumberToObject(o, "version", db_int(st, 19));
	return (o);
}

/* The event's history, oldest first. */
static cJSON *
updates_json(struct req *r, long long id)
{
	struct db_stmt	*st;
	cJSON		*list = cJSON_CreateArray(), *u;

	st = db_stmt(r->db, "SELECT u.at, s.id, s.name, u.status, a.id, "
	    "a.name, u.note FROM event_updates u JOIN staff s ON "
	    "s.id = u.staff_id LEFT JOIN staff a ON a.id = u.assignee_id "
	    "WHERE u.event_id = ? ORDER BY u.at, u.id");
	db_bind_int(st, 1, id);
	while (db_step(st) == 1) {
		u = cJSON_CreateObject();
		cJSON_AddStringToObject(u, "at", db_text(st, 0));
		view_ref(u, "staff", db_int(st, 1),
		    db_text(st, 2));
		view_text_or_null(u, "status", st, 3);
		view_ref(u, "assignee", db_int(st, 4),
		    db_text(st, 5));
		view_text_or_null(u, "note", st, 6);
		cJSON_AddItemToArray(list, u);
	}
	db_reset(st);
	return (list);
}

/* What an action needs of the stored event. */
struct state {
	char		 status[16];
	long long	 version, assignee, centre;
};

/* The Event with its history if the caller may see it, else NULL. */
static cJSON *
event_full(struct req *r, long long id, struct state *s)
{
	struct db_stmt	*st;
	cJSON		*o = NULL;

	if (!scope_sees(r->db, r->staff, SCOPE_EVENT, id))
		return (NULL);
	if (db_query(r->db, &st, "SELECT " EVENT_COLS EVENT_FROM " WHERE "
	    "e.id = ?", "l", id) == 1) {
		o = event_json(st);
		if (s != NULL) {
			snprintf(s->status, sizeof s->status, "%s",
			    db_text(st, 12));
			s->version = db_int(st, 19);
			s->assignee = db_int(st, 15);
			s->centre = db_int(st, 20);
		}
	}
	db_reset(st);
	if (o != NULL)
		cJSON_AddItemToObject(o, "updates", updates_json(r, id));
	return (o);
}

/* Appends a history entry and bumps the event. */
static int
record(struct req *r, long long id, const char *status, long long assignee,
    const char *note)
{
	char	now[32];

	clock_rfc3339(clock_now(), now);
	if (db_exec(r->db, "INSERT INTO event_updates (event_id, at, "
	    "staff_id, status, assignee_id, note) VALUES (?, ?, ?, ?, ?, ?)",
	    "ltltLt", id, now, r->staff->id, status, assignee, note) != 0)
		return (-1);
	return (db_exec(r->db, "UPDATE events SET status = coalesce(?, "
	    "status), assignee_id = coalesce(?, assignee_id), updated_at = ?, "
	    "version = version + 1 WHERE id = ?", "tLtl", status, assignee,
	    now, id));
}

/* Answers with the event after a write and commits. */
static void
reply_event(struct req *r, long long id, int status)
{
	struct state	 s;
	cJSON		*o = event_full(r, id, &s);
	char		 loc[48];

	if (o == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	reply_versioned(r, status, o, s.version);
	if (status == 201) {
		snprintf(loc, sizeof loc, "/api/v1/events/%lld", id);
		reply_header(r, MHD_HTTP_HEADER_LOCATION, loc);
	}
	idem_commit(r);
}

/* POST /events: a grid member reports what they saw. */
static void
report(struct req *r)
{
	static const char *const	 members[] = { "category", "location",
	    "description", "urgency", "grid_id", "resident_id", NULL };
	cJSON				*b = req_body(r), *errors = NULL;
	const char			*cat, *loc, *desc, *urg;
	long long			 grid = 0, resident = 0, community = 0;
	long long			 id;
	char				 now[32], today[11], object[40];

	json_members(b, members, NULL, &errors);
	cat = json_option(b, "category", categories, JF_REQUIRED, NULL,
	    &errors);
	loc = json_string(b, "location", 1, 100, NULL, &errors);
	desc = json_text(b, "description", 1, 1000, JF_MULTILINE, NULL,
	    &errors);
	urg = json_option(b, "urgency", urgencies, JF_REQUIRED, NULL,
	    &errors);
	if (json_integer(b, "grid_id", 1, JSON_MAX_ID, JF_REQUIRED, NULL,
	    &errors, &grid) == 1 && (community = scope_grid_community(r->db,
	    r->staff, grid)) == 0)
		field_error(&errors, "grid_id", "not_found", "没有这个网格");
	if (json_integer(b, "resident_id", 1, JSON_MAX_ID, 0, NULL, &errors,
	    &resident) == 1 && !scope_sees(r->db, r->staff, SCOPE_RESIDENT,
	    resident))
		field_error(&errors, "resident_id", "not_found",
		    "没有这位居民");
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	clock_rfc3339(clock_now(), now);
	clock_date(clock_now(), today);
	if (db_begin(r->db) != 0 || (id = db_insert(r->db, "INSERT INTO "
	    "events (category, location, description, urgency, grid_id, "
	    "community_id, resident_id, status, reporter_id, reported_at, "
	    "reported_date, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "'reported', ?, ?, ?, ?, 0) RETURNING id", "ttttllLlttt", cat,
	    loc, desc, urg, grid, community, resident, r->staff->id, now,
	    today, now)) == 0 || record(r, id, "reported", 0, NULL) != 0 ||
	    (snprintf(object, sizeof object, "event/%lld", id),
	    audit_req(r, "create", object, NULL)) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "event %lld reported: %s, %s, grid %lld", id, cat, urg,
	    grid);
	reply_event(r, id, 201);
}

/* The list's filters as conditions; -1 having replied 400. */
static int
list_filters(struct req *r, struct listq *q)
{
	static const char *const	 allowed[] = { "status", "assignee",
	    "grid_id", "urgency", "from", "to", NULL };
	const char			*st5[5], *s, *from, *to;
	cJSON				*errors = NULL;
	long long			 v;
	int				 n;

	q_check(r, allowed, 1, &errors);
	scope_list(q, r->staff, "c.centre_id = ?");
	if ((n = q_options(r, "status", statuses, st5, 5, &errors)) > 0)
		listq_in(q, "e.status", st5, n);
	if ((s = req_arg(r, "assignee")) != NULL && strcmp(s, "me") == 0)
		listq_where(q, "e.assignee_id = ?", "l", r->staff->id);
	else if (q_int(r, "assignee", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "e.assignee_id = ?", "l", v);
	if (q_int(r, "grid_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "e.grid_id = ?", "l", v);
	if (q_options(r, "urgency", urgencies, st5, 1, &errors) == 1)
		listq_where(q, "e.urgency = ?", "t", st5[0]);
	q_date_range(r, &from, &to, &errors);
	if (from != NULL)
		listq_where(q, "e.reported_date >= ?", "t", from);
	if (to != NULL)
		listq_where(q, "e.reported_date <= ?", "t", to);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* GET /events: newest first, without histories. */
static void
list(struct req *r)
{
	struct listq	*q;
	struct db_stmt	*st;

	if ((q = listq_req(r, EVENT_COLS, EVENT_FROM)) == NULL)
		return;
	if (list_filters(r, q) != 0) {
		listq_free(q);
		return;
	}
	listq_order(q, "e.reported_at DESC, e.id DESC");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, event_json(st));
	reply_json(r, 200, listq_page(q));
}

/* GET /events/{id} with its history and ETag. */
static void
get(struct req *r)
{
	struct state	 s;
	cJSON		*o;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = event_full(r, id, &s)) == NULL)
		reply_not_found(r);
	else
		reply_versioned(r, 200, o, s.version);
}

/* 409 with the statuses the caller may set from here. */
static void
refuse(struct req *r, const char *status, int boss, int mine)
{
	cJSON	*ext = cJSON_CreateObject(), *list;

	cJSON_AddStringToObject(ext, "current_status", status);
	list = cJSON_AddArrayToObject(ext, "allowed");
	if (strcmp(status, "closed") != 0 && boss)
		cJSON_AddItemToArray(list, cJSON_CreateString("assigned"));
	if (strcmp(status, "assigned") == 0 && (boss || mine))
		cJSON_AddItemToArray(list, cJSON_CreateString("in_progress"));
	if (strcmp(status, "in_progress") == 0 && (boss || mine))
		cJSON_AddItemToArray(list, cJSON_CreateString("resolved"));
	if ((strcmp(status, "resolved") == 0 || strcmp(status,
	    "reported") == 0) && boss)
		cJSON_AddItemToArray(list, cJSON_CreateString("closed"));
	reply_problem_ext(r, 409, "invalid-transition", "Invalid transition",
	    "事件当前状态不允许此操作", ext);
}

/* Opens the transaction on a visible event at the If-Match version;
 * -1 having replied 404 or 412. */
static long long
begin_event(struct req *r, struct state *s)
{
	cJSON		*o;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return (-1);
	if (db_begin(r->db) != 0) {
		reply_unavailable(r, NULL);
		return (-1);
	}
	if ((o = event_full(r, id, s)) == NULL) {
		db_rollback(r->db);
		reply_not_found(r);
		return (-1);
	}
	cJSON_Delete(o);
	return (id);
}

/* 412 when the If-Match version is not the event's. */
static int
stale(struct req *r, const struct state *s)
{
	cJSON	*ext;

	if (s->version == r->if_match)
		return (0);
	db_rollback(r->db);
	ext = cJSON_CreateObject();
	cJSON_AddNumberToObject(ext, "current_version", (double)s->version);
	reply_problem_ext(r, 412, "precondition-failed",
	    "Precondition failed", "事件已被他人更新，请刷新后重试", ext);
	return (-1);
}

/* POST /events/{id}/assign: a supervisor names who handles it. */
static void
assign(struct req *r)
{
	static const char *const	 members[] = { "assignee_id", "note",
	    NULL };
	cJSON				*b = req_body(r), *errors = NULL;
	struct db_stmt			*st;
	struct state			 s;
	const char			*note;
	long long			 who = 0, id;
	char				 object[40];

	json_members(b, members, NULL, &errors);
	json_integer(b, "assignee_id", 1, JSON_MAX_ID, JF_REQUIRED, NULL,
	    &errors, &who);
	note = json_text(b, "note", 0, 500, JF_MULTILINE, NULL, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if ((id = begin_event(r, &s)) < 0 || stale(r, &s) != 0)
		return;
	if (db_query(r->db, &st, "SELECT 1 FROM staff WHERE id = ? AND "
	    "centre_id = ? AND active = 1 AND role IN ('grid', 'clerk', "
	    "'supervisor')", "ll", who, s.centre) != 1)
		field_error(&errors, "assignee_id", "not_found",
		    "不是本中心可指派的工作人员");
	db_reset(st);
	if (errors != NULL) {
		db_rollback(r->db);
		reply_validation(r, errors);
		return;
	}
	if (strcmp(s.status, "closed") == 0 || strcmp(s.status,
	    "resolved") == 0) {
		db_rollback(r->db);
		refuse(r, s.status, 1, 0);
		return;
	}
	snprintf(object, sizeof object, "event/%lld", id);
	if (record(r, id, "assigned", who, note) != 0 || audit_req(r,
	    "assign", object, NULL) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "event %lld: %s -> assigned, to staff %lld", id,
	    s.status, who);
	reply_event(r, id, 200);
}

/* 1 if the caller may move the event from status to want. */
static int
may_move(const char *status, const char *want, int boss, int mine)
{
	if (strcmp(want, "in_progress") == 0)
		return (strcmp(status, "assigned") == 0 && (boss || mine));
	if (strcmp(want, "resolved") == 0)
		return (strcmp(status, "in_progress") == 0 && (boss || mine));
	return ((strcmp(status, "resolved") == 0 || strcmp(status,
	    "reported") == 0) && boss);
}

/* POST /events/{id}/updates: progress, a status change or both. */
static void
update(struct req *r)
{
	static const char *const	 members[] = { "status", "note", NULL };
	static const char *const	 targets[] = { "in_progress", "resolved",
	    "closed", NULL };
	cJSON				*b = req_body(r), *errors = NULL;
	struct state			 s;
	const char			*want, *note;
	long long			 id;
	char				 object[40];
	int				 boss, mine;

	json_members(b, members, NULL, &errors);
	want = json_option(b, "status", targets, 0, NULL, &errors);
	note = json_text(b, "note", 0, 1000, JF_MULTILINE, NULL, &errors);
	if (note != NULL && *note == '\0')
		note = NULL;
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if ((id = begin_event(r, &s)) < 0)
		return;
	boss = (scope_role(r->staff) & (ROLE_SUPER | ROLE_ADMIN)) != 0;
	mine = s.assignee == r->staff->id;
	if (!boss && !mine) {
		db_rollback(r->db);
		req_note(r, "refused: event %lld is not assigned to %s", id,
		    r->staff->username);
		reply_forbidden(r, "只有被指派人或站长可以更新此事件");
		return;
	}
	if (stale(r, &s) != 0)
		return;
	if (note == NULL && (want == NULL || strcmp(want, "resolved") == 0 ||
	    strcmp(s.status, "reported") == 0))
		field_error(&errors, "note", "required", "请填写处理情况");
	if (errors != NULL) {
		db_rollback(r->db);
		reply_validation(r, errors);
		return;
	}
	if ((want != NULL && !may_move(s.status, want, boss, mine)) ||
	    strcmp(s.status, "closed") == 0) {
		db_rollback(r->db);
		refuse(r, s.status, boss, mine);
		return;
	}
	snprintf(object, sizeof object, "event/%lld", id);
	if (record(r, id, want, 0, note) != 0 || audit_req(r, "event_update",
	    object, want) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "event %lld: %s -> %s", id, s.status, want != NULL ?
	    want : "a note, status kept");
	reply_event(r, id, 200);
}

const struct route routes_events[] = {
	{ "POST", "/api/v1/events", report, ROUTE_IDEM | ROUTE_BODY,
	    ROLE_GRID | ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/events", list, 0, ROLE_ANY },
	{ "GET", "/api/v1/events/{id}", get, 0, ROLE_ANY },
	{ "POST", "/api/v1/events/{id}/assign", assign,
	    ROUTE_IDEM | ROUTE_IF_MATCH | ROUTE_BODY, ROLE_SUPER | ROLE_ADMIN },
	{ "POST", "/api/v1/events/{id}/updates", update,
	    ROUTE_IDEM | ROUTE_IF_MATCH | ROUTE_BODY, ROLE_ANY },
	{ NULL, NULL, NULL, 0, 0 }
};
