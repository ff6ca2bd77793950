/* Grid events as their routes read and write them (docs/api.md 12). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "event-deadline.h"
#include "event-flow.h"
#include "events.h"
#include "idempotency.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "views.h"

const char *const event_statuses[] = {
	"reported", "returned", "assigned", "escalated", "in_progress",
	"resolved", "checked", "closed", NULL
};

/* A unit as key of o from four columns from col on, or null. */
static void
unit_json(cJSON *o, const char *key, struct db_stmt *st, int col)
{
	cJSON	*u;

	if (db_null(st, col)) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	u = cJSON_AddObjectToObject(o, key);
	cJSON_AddNumberToObject(u, "id", db_int(st, col));
	cJSON_AddStringToObject(u, "code", db_text(st, col + 1));
	cJSON_AddStringToObject(u, "name", db_text(st, col + 2));
	cJSON_AddStringToObject(u, "level", db_text(st, col + 3));
}

/* The pending 延期 request, or null. */
static void
extension_json(cJSON *o, struct db_stmt *st)
{
	cJSON	*x;

	if (db_null(st, 29)) {
		cJSON_AddNullToObject(o, "extension");
		return;
	}
	x = cJSON_AddObjectToObject(o, "extension");
	cJSON_AddStringToObject(x, "until", db_text(st, 29));
	cJSON_AddStringToObject(x, "reason", db_text(st, 30));
	view_ref(x, "requested_by", db_int(st, 31), db_text(st, 32));
	cJSON_AddStringToObject(x, "requested_at", db_text(st, 33));
}

cJSON *
event_json(struct db_stmt *st, const char *today)
{
	cJSON	*o = cJSON_CreateObject();
	int	 due;

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
	view_ref(o, "reporter", db_int(st, 13), db_text(st, 14));
	view_ref(o, "assignee", db_int(st, 15), db_text(st, 16));
	unit_json(o, "unit", st, 22);
	cJSON_AddStringToObject(o, "reported_at", db_text(st, 17));
	cJSON_AddStringToObject(o, "updated_at", db_text(st, 18));
	view_text_or_null(o, "due_date", st, 21);
	due = event_due_state(db_text(st, 12), db_text(st, 21), today);
	cJSON_AddBoolToObject(o, "due_soon", due == 1);
	cJSON_AddBoolToObject(o, "overdue", due == 2);
	extension_json(o, st);
	cJSON_AddBoolToObject(o, "self_resolved", db_int(st, 26) != 0);
	view_int_or_null(o, "rating", st, 27);
	cJSON_AddNumberToObject(o, "supervisions", db_int(st, 28));
	cJSON_AddNumberToObject(o, "version", db_int(st, 19));
	return (o);
}

/* The event's timeline, oldest first. */
static cJSON *
updates_json(struct req *r, long long id)
{
	struct db_stmt	*st;
	cJSON		*list = cJSON_CreateArray(), *u;

	st = db_stmt(r->db, "SELECT u.at, s.id, s.name, u.status, a.id, "
	    "a.name, u.note, u.action, n.id, n.code, n.name, n.level, "
	    "u.rating, u.until FROM event_updates u JOIN staff s ON "
	    "s.id = u.staff_id LEFT JOIN staff a ON a.id = u.assignee_id "
	    "LEFT JOIN event_units n ON n.id = u.unit_id WHERE "
	    "u.event_id = ? ORDER BY u.at, u.id");
	db_bind_int(st, 1, id);
	while (db_step(st) == 1) {
		u = cJSON_CreateObject();
		cJSON_AddStringToObject(u, "at", db_text(st, 0));
		cJSON_AddStringToObject(u, "action", db_text(st, 7));
		view_ref(u, "staff", db_int(st, 1), db_text(st, 2));
		view_text_or_null(u, "status", st, 3);
		view_ref(u, "assignee", db_int(st, 4), db_text(st, 5));
		unit_json(u, "unit", st, 8);
		view_int_or_null(u, "rating", st, 12);
		view_text_or_null(u, "until", st, 13);
		view_text_or_null(u, "note", st, 6);
		cJSON_AddItemToArray(list, u);
	}
	db_reset(st);
	return (list);
}

/* The stored event's state from a row of EVENT_COLS. */
static void
state_of(struct db_stmt *st, struct event_state *s)
{
	memset(s, 0, sizeof *s);
	snprintf(s->status, sizeof s->status, "%s", db_text(st, 12));
	snprintf(s->urgency, sizeof s->urgency, "%s", db_text(st, 4));
	snprintf(s->due, sizeof s->due, "%s", db_text(st, 21));
	s->version = db_int(st, 19);
	s->reporter = db_int(st, 13);
	s->assignee = db_int(st, 15);
	s->centre = db_int(st, 20);
	s->unit = db_int(st, 22);
	s->self_resolved = db_int(st, 26) != 0;
	s->pending = !db_null(st, 29);
	if (s->pending)
		snprintf(s->ext_until, sizeof s->ext_until, "%s",
		    db_text(st, 29));
}

void
event_party_of(struct req *r, const struct event_state *s,
    struct event_party *p)
{
	memset(p, 0, sizeof *p);
	p->status = s->status;
	p->boss = (scope_role(r->staff) & (ROLE_SUPER | ROLE_ADMIN)) != 0;
	p->reporter = s->reporter == r->staff->id;
	p->assignee = s->assignee != 0 && s->assignee == r->staff->id;
	p->unit_held = s->unit != 0;
	p->self_resolved = s->self_resolved;
	p->pending = s->pending;
}

cJSON *
event_full(struct req *r, long long id, struct event_state *out)
{
	struct event_state	 s;
	struct event_party	 p;
	struct db_stmt		*st;
	cJSON			*o = NULL;
	char			 today[11];

	if (!scope_sees(r->db, r->staff, SCOPE_EVENT, id))
		return (NULL);
	clock_date(clock_now(), today);
	if (db_query(r->db, &st, "SELECT " EVENT_COLS EVENT_FROM " WHERE "
	    "e.id = ?", "l", id) == 1) {
		o = event_json(st, today);
		state_of(st, &s);
	}
	db_reset(st);
	if (o == NULL)
		return (NULL);
	cJSON_AddItemToObject(o, "updates", updates_json(r, id));
	event_party_of(r, &s, &p);
	event_flow_actions(&p, cJSON_AddArrayToObject(o, "actions"));
	if (out != NULL)
		*out = s;
	return (o);
}

long long
event_begin(struct req *r, struct event_state *s)
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

int
event_stale(struct req *r, const struct event_state *s)
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

int
event_record(struct req *r, long long id, const struct event_step *e)
{
	char	now[32];

	clock_rfc3339(clock_now(), now);
	if (db_exec(r->db, "INSERT INTO event_updates (event_id, at, "
	    "staff_id, status, assignee_id, note, action, unit_id, rating, "
	    "until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "ltltLttLLt", id,
	    now, r->staff->id, e->status, e->assignee, e->note, e->action,
	    e->unit, (long long)e->rating, e->until) != 0)
		return (-1);
	return (db_exec(r->db, "UPDATE events SET status = coalesce(?, "
	    "status), assignee_id = coalesce(?, assignee_id), updated_at = ?, "
	    "version = version + 1 WHERE id = ?", "tLtl", e->status,
	    e->assignee, now, id));
}

void
event_reply(struct req *r, long long id, int status)
{
	struct event_state	 s;
	cJSON			*o = event_full(r, id, &s);
	char			 loc[48];

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

/* The statuses the caller may set through /updates and /assign. */
static void
allowed_statuses(const struct event_party *p, cJSON *list)
{
	static const struct {
		enum event_action	 a;
		const char		*to;
	} via[] = {
		{ EA_SIGN, "in_progress" },
		{ EA_FEEDBACK, "resolved" },
		{ EA_CLOSE, "closed" },
	};
	size_t	i;

	if (p->boss && (strcmp(p->status, "reported") == 0 || strcmp(
	    p->status, "assigned") == 0 || strcmp(p->status, "escalated") ==
	    0 || strcmp(p->status, "in_progress") == 0))
		cJSON_AddItemToArray(list, cJSON_CreateString("assigned"));
	for (i = 0; i < sizeof via / sizeof *via; i++) {
		if (event_flow_target(via[i].a, p) != NULL &&
		    event_flow_may(via[i].a, p) && strcmp(event_flow_target(
		    via[i].a, p), via[i].to) == 0)
			cJSON_AddItemToArray(list, cJSON_CreateString(
			    via[i].to));
	}
}

void
event_refuse(struct req *r, const struct event_party *p, const char *detail)
{
	cJSON	*ext = cJSON_CreateObject();

	cJSON_AddStringToObject(ext, "current_status", p->status);
	allowed_statuses(p, cJSON_AddArrayToObject(ext, "allowed"));
	event_flow_actions(p, cJSON_AddArrayToObject(ext, "actions"));
	reply_problem_ext(r, 409, "invalid-transition", "Invalid transition",
	    detail != NULL ? detail : "事件当前状态不允许此操作", ext);
}
