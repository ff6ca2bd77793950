/* /api/v1/events: grid events (网格事件) reported by grid members,
 * assigned by supervisors and worked through by the assignee, each step
 * kept in the event's timeline (docs/api.md 12); the other steps of the
 * loop are in route-event-actions.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "event-deadline.h"
#include "event-flow.h"
#include "events.h"
#include "idempotency.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "views.h"

static const char *const categories[] = {
	"environment", "facilities", "safety", "fire", "public_order",
	"dispute", "special_care", "housing", "other", NULL
};
static const char *const urgencies[] = {
	"low", "normal", "high", "urgent", NULL
};

/* POST /events: a grid member reports what they saw. Its deadline
 * runs from the day it is reported, by its urgency. */
static void
report(struct req *r)
{
	static const char *const	 members[] = { "category", "location",
	    "description", "urgency", "grid_id", "resident_id", NULL };
	cJSON				*b = req_body(r), *errors = NULL;
	const char			*cat, *loc, *desc, *urg;
	long long			 grid = 0, resident = 0, community = 0;
	long long			 id;
	char				 now[32], today[11], due[11], object[40];

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
	event_due_date(today, urg, due);
	if (db_begin(r->db) != 0 || (id = db_insert(r->db, "INSERT INTO "
	    "events (category, location, description, urgency, grid_id, "
	    "community_id, resident_id, status, reporter_id, reported_at, "
	    "reported_date, updated_at, version, due_date) VALUES (?, ?, ?, "
	    "?, ?, ?, ?, 'reported', ?, ?, ?, ?, 0, ?) RETURNING id",
	    "ttttllLltttt", cat, loc, desc, urg, grid, community, resident,
	    r->staff->id, now, today, now, due)) == 0 || event_record(r, id,
	    &(struct event_step){ .action = "report", .status = "reported" })
	    != 0 || (snprintf(object, sizeof object, "event/%lld", id),
	    audit_req(r, "create", object, NULL)) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "event %lld reported: %s, %s, grid %lld, due %s", id, cat,
	    urg, grid, due);
	event_reply(r, id, 201);
}

/* The deadline filter: due soon or overdue, among the open events. */
static void
due_filter(struct req *r, struct listq *q, cJSON **errors)
{
	static const char *const	 dues[] = { "soon", "overdue", NULL };
	const char			*v[1];
	char				 today[11], soon[11];

	if (q_options(r, "due", dues, v, 1, errors) != 1)
		return;
	clock_date(clock_now(), today);
	listq_in(q, "e.status", (const char *[]){ "reported", "returned",
	    "assigned", "escalated", "in_progress" }, 5);
	if (strcmp(v[0], "overdue") == 0)
		listq_where(q, "e.due_date < ?", "t", today);
	else {
		event_due_soon_until(today, soon);
		listq_where(q, "e.due_date >= ? AND e.due_date <= ?", "tt",
		    today, soon);
	}
}

/* The list's filters as conditions; -1 having replied 400. */
static int
list_filters(struct req *r, struct listq *q)
{
	static const char *const	 allowed[] = { "status", "assignee",
	    "grid_id", "urgency", "from", "to", "due", "unit_id", NULL };
	const char			*st8[8], *s, *from, *to;
	cJSON				*errors = NULL;
	long long			 v;
	int				 n;

	q_check(r, allowed, 1, &errors);
	scope_list(q, r->staff, "c.centre_id = ?");
	if ((n = q_options(r, "status", event_statuses, st8, 8, &errors)) > 0)
		listq_in(q, "e.status", st8, n);
	if ((s = req_arg(r, "assignee")) != NULL && strcmp(s, "me") == 0)
		listq_where(q, "e.assignee_id = ?", "l", r->staff->id);
	else if (q_int(r, "assignee", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "e.assignee_id = ?", "l", v);
	if (q_int(r, "grid_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "e.grid_id = ?", "l", v);
	if (q_int(r, "unit_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "e.unit_id = ?", "l", v);
	if (q_options(r, "urgency", urgencies, st8, 1, &errors) == 1)
		listq_where(q, "e.urgency = ?", "t", st8[0]);
	due_filter(r, q, &errors);
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

/* GET /events: newest first, without timelines. */
static void
list(struct req *r)
{
	struct listq	*q;
	struct db_stmt	*st;
	char		 today[11];

	if ((q = listq_req(r, EVENT_COLS, EVENT_FROM)) == NULL)
		return;
	if (list_filters(r, q) != 0) {
		listq_free(q);
		return;
	}
	clock_date(clock_now(), today);
	listq_order(q, "e.reported_at DESC, e.id DESC");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, event_json(st, today));
	reply_json(r, 200, listq_page(q));
}

/* GET /events/{id} with its timeline and ETag. */
static void
get(struct req *r)
{
	struct event_state	 s;
	cJSON			*o;
	long long		 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = event_full(r, id, &s)) == NULL)
		reply_not_found(r);
	else
		reply_versioned(r, 200, o, s.version);
}

/* 1 if a supervisor may give the event (back) to a staff from its
 * status: before it is handled and while it is not with its reporter. */
static int
assignable(const char *status)
{
	return (strcmp(status, "reported") == 0 || strcmp(status,
	    "assigned") == 0 || strcmp(status, "escalated") == 0 ||
	    strcmp(status, "in_progress") == 0);
}

/* POST /events/{id}/assign: a supervisor names who handles it (派遣);
 * an event a unit held comes back to the centre with it. */
static void
assign(struct req *r)
{
	static const char *const	 members[] = { "assignee_id", "note",
	    NULL };
	cJSON				*b = req_body(r), *errors = NULL;
	struct db_stmt			*st;
	struct event_state		 s;
	struct event_party		 p;
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
	if ((id = event_begin(r, &s)) < 0 || event_stale(r, &s) != 0)
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
	if (!assignable(s.status)) {
		db_rollback(r->db);
		event_party_of(r, &s, &p);
		event_refuse(r, &p, NULL);
		return;
	}
	snprintf(object, sizeof object, "event/%lld", id);
	if (db_exec(r->db, "UPDATE events SET unit_id = NULL WHERE id = ?",
	    "l", id) != 0 || event_record(r, id, &(struct event_step){
	    .action = "assign", .status = "assigned", .assignee = who,
	    .note = note }) != 0 || audit_req(r, "assign", object, NULL) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "event %lld: %s -> assigned, to staff %lld", id,
	    s.status, who);
	event_reply(r, id, 200);
}

/* The action a status asked of /updates stands for. */
static enum event_action
action_for(const char *want)
{
	if (strcmp(want, "in_progress") == 0)
		return (EA_SIGN);
	if (strcmp(want, "resolved") == 0)
		return (EA_FEEDBACK);
	return (EA_CLOSE);
}

/* 1 if the caller may move the event to want through /updates. */
static int
may_move(const struct event_party *p, const char *want)
{
	enum event_action	 a = action_for(want);
	const char		*to = event_flow_target(a, p);

	return (to != NULL && strcmp(to, want) == 0 && event_flow_may(a, p));
}

/* POST /events/{id}/updates: progress, a status change or both, by the
 * assignee or a supervisor: 签收 (in_progress), 反馈 (resolved), 结案
 * (closed), or a note. */
static void
update(struct req *r)
{
	static const char *const	 members[] = { "status", "note", NULL };
	static const char *const	 targets[] = { "in_progress", "resolved",
	    "closed", NULL };
	cJSON				*b = req_body(r), *errors = NULL;
	struct event_state		 s;
	struct event_party		 p;
	const char			*want, *note;
	long long			 id;
	char				 object[40];

	json_members(b, members, NULL, &errors);
	want = json_option(b, "status", targets, 0, NULL, &errors);
	note = json_text(b, "note", 0, 1000, JF_MULTILINE, NULL, &errors);
	if (note != NULL && *note == '\0')
		note = NULL;
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if ((id = event_begin(r, &s)) < 0)
		return;
	event_party_of(r, &s, &p);
	if (!p.boss && !p.assignee) {
		db_rollback(r->db);
		req_note(r, "refused: event %lld is not assigned to %s", id,
		    r->staff->username);
		reply_forbidden(r, "只有被指派人或站长可以更新此事件");
		return;
	}
	if (event_stale(r, &s) != 0)
		return;
	if (note == NULL && (want == NULL || strcmp(want, "resolved") == 0 ||
	    strcmp(s.status, "reported") == 0))
		field_error(&errors, "note", "required", "请填写处理情况");
	if (errors != NULL) {
		db_rollback(r->db);
		reply_validation(r, errors);
		return;
	}
	if ((want != NULL && !may_move(&p, want)) ||
	    strcmp(s.status, "closed") == 0) {
		db_rollback(r->db);
		event_refuse(r, &p, NULL);
		return;
	}
	snprintf(object, sizeof object, "event/%lld", id);
	if (event_record(r, id, &(struct event_step){ .action = want != NULL ?
	    event_flow_name(action_for(want)) : "note", .status = want,
	    .note = note }) != 0 || audit_req(r, "event_update", object,
	    want) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "event %lld: %s -> %s", id, s.status, want != NULL ?
	    want : "a note, status kept");
	event_reply(r, id, 200);
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
