/* /api/v1/visits: a grid member's visits (走访) to the households of his
 * grid — whom he met, what he found, what is to follow, and the event a
 * finding raised (docs/api.md 20). A visit is a record: it is never
 * changed once made. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "fieldwork.h"
#include "idempotency.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "views.h"

#define MAX_MET		20
#define MAX_FINDINGS	10
#define BACK_DAYS	365	/* how long ago a visit may be recorded */

#define VISIT_COLS "v.id, h.id, h.address, h.number, g.id, g.name, c.id, " \
	"c.name, s.id, s.name, v.visited_at, v.met_note, v.recorded_at"
#define VISIT_FROM " FROM visits v JOIN households h ON h.id = " \
	"v.household_id JOIN communities c ON c.id = v.community_id LEFT " \
	"JOIN grids g ON g.id = v.grid_id JOIN staff s ON s.id = v.staff_id"

static const char *const finding_types[] = {
	"normal", "hardship", "hazard", "dispute", "info_change", NULL
};

/* The residents met, as ResidentRefs. */
static cJSON *
met_json(struct req *r, long long id)
{
	struct db_stmt	*st;
	cJSON		*list = cJSON_CreateArray(), *o;

	st = db_stmt(r->db, "SELECT x.id, x.name, x.id_number FROM "
	    "visit_met m JOIN residents x ON x.id = m.resident_id WHERE "
	    "m.visit_id = ? ORDER BY x.id");
	db_bind_int(st, 1, id);
	while (db_step(st) == 1) {
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", db_int(st, 0));
		cJSON_AddStringToObject(o, "name", db_text(st, 1));
		view_masked_id(o, "id_number_masked", db_text(st, 2));
		cJSON_AddItemToArray(list, o);
	}
	db_reset(st);
	return (list);
}

/* The findings in their order, each with the event it raised. */
static cJSON *
findings_json(struct req *r, long long id)
{
	struct db_stmt	*st;
	cJSON		*list = cJSON_CreateArray(), *o, *e;

	st = db_stmt(r->db, "SELECT f.type, f.note, f.followup, e.id, "
	    "e.category, e.status FROM visit_findings f LEFT JOIN events e "
	    "ON e.id = f.event_id WHERE f.visit_id = ? ORDER BY f.position");
	db_bind_int(st, 1, id);
	while (db_step(st) == 1) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", db_text(st, 0));
		view_text_or_null(o, "note", st, 1);
		view_text_or_null(o, "followup", st, 2);
		if (db_null(st, 3))
			cJSON_AddNullToObject(o, "event");
		else {
			e = cJSON_AddObjectToObject(o, "event");
			cJSON_AddNumberToObject(e, "id", db_int(st, 3));
			cJSON_AddStringToObject(e, "category", db_text(st, 4));
			cJSON_AddStringToObject(e, "status", db_text(st, 5));
		}
		cJSON_AddItemToArray(list, o);
	}
	db_reset(st);
	return (list);
}

/* A Visit from a row of VISIT_COLS. */
static cJSON *
visit_json(struct req *r, struct db_stmt *st)
{
	cJSON		*o = cJSON_CreateObject(), *h;
	long long	 id = db_int(st, 0);

	cJSON_AddNumberToObject(o, "id", (double)id);
	h = cJSON_AddObjectToObject(o, "household");
	cJSON_AddNumberToObject(h, "id", db_int(st, 1));
	cJSON_AddStringToObject(h, "address", db_text(st, 2));
	view_text_or_null(h, "number", st, 3);
	view_ref(o, "grid", db_int(st, 4), db_text(st, 5));
	view_ref(o, "community", db_int(st, 6), db_text(st, 7));
	view_ref(o, "staff", db_int(st, 8), db_text(st, 9));
	cJSON_AddStringToObject(o, "visited_at", db_text(st, 10));
	view_text_or_null(o, "met_note", st, 11);
	cJSON_AddStringToObject(o, "recorded_at", db_text(st, 12));
	cJSON_AddItemToObject(o, "met", met_json(r, id));
	cJSON_AddItemToObject(o, "findings", findings_json(r, id));
	return (o);
}

/* The Visit if the caller may see it, else NULL. */
static cJSON *
visit_get(struct req *r, long long id)
{
	struct db_stmt	*st;
	cJSON		*o = NULL;
	long long	 household = 0, grid, community;

	if (db_query(r->db, &st, "SELECT household_id FROM visits WHERE "
	    "id = ?", "l", id) == 1)
		household = db_int(st, 0);
	db_reset(st);
	if (household == 0 || !fieldwork_household(r->db, r->staff,
	    household, &grid, &community))
		return (NULL);
	if (db_query(r->db, &st, "SELECT " VISIT_COLS VISIT_FROM " WHERE "
	    "v.id = ?", "l", id) == 1)
		o = visit_json(r, st);
	db_reset(st);
	return (o);
}

/* visited_at: given, a timestamp of the last BACK_DAYS days and not
 * ahead of now (a phone's clock may run a few minutes fast); else now. */
static void
read_time(cJSON *b, char *at, cJSON **errors)
{
	const char	*s;
	time_t		 t, now = clock_now();

	clock_rfc3339(now, at);
	if ((s = json_string(b, "visited_at", 0, 20, NULL, errors)) == NULL)
		return;
	if ((t = clock_parse(s)) == -1) {
		field_error(errors, "visited_at", "pattern",
		    "时间格式应为 2026-11-29T08:30:00Z");
		return;
	}
	if (t > now + 300 || t < now - (time_t)BACK_DAYS * 86400) {
		field_error(errors, "visited_at", "date",
		    "走访时间不能晚于现在，也不能早于一年前");
		return;
	}
	clock_rfc3339(t, at);
}

/* met: distinct members of the household; their count. */
static int
read_met(struct req *r, cJSON *b, long long household, long long *ids,
    cJSON **errors)
{
	cJSON		*v = cJSON_GetObjectItem(b, "met"), *e;
	struct db_stmt	*st;
	char		 field[24];
	long long	 id, home;
	int		 n = 0, i;

	if (v == NULL || cJSON_IsNull(v))
		return (0);
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) > MAX_MET) {
		field_error(errors, "met", cJSON_IsArray(v) ? "too_long" :
		    "type", "须为至多 20 位本户居民");
		return (-1);
	}
	cJSON_ArrayForEach(e, v) {
		snprintf(field, sizeof field, "met[%d]", n);
		if (!json_is_int(e, &id) || id < 1) {
			field_error(errors, field, "type", "须为整数");
			return (-1);
		}
		for (i = 0; i < n; i++)
			if (ids[i] == id) {
				field_error(errors, field, "duplicate",
				    "居民重复");
				return (-1);
			}
		home = -1;
		if (scope_sees(r->db, r->staff, SCOPE_RESIDENT, id) &&
		    db_query(r->db, &st, "SELECT coalesce(household_id, 0) "
		    "FROM residents WHERE id = ?", "l", id) == 1)
			home = db_int(st, 0);
		if (home != -1)
			db_reset(st);
		if (home == -1)
			field_error(errors, field, "not_found", "没有这位居民");
		else if (home != household)
			field_error(errors, field, "mismatch", "不是本户居民");
		ids[n++] = id;
	}
	return (n);
}

/* One finding. */
struct finding {
	const char	*type, *note, *followup;
	long long	 event;
};

/* The event a finding raised: one the caller sees, of the household's
 * grid (grid -1: not known). */
static void
check_event(struct req *r, long long event, long long grid,
    const char *field, cJSON **errors)
{
	struct db_stmt	*st;
	long long	 its = -1;

	if (scope_sees(r->db, r->staff, SCOPE_EVENT, event) && db_query(r->db,
	    &st, "SELECT grid_id FROM events WHERE id = ?", "l", event) == 1)
		its = db_int(st, 0);
	if (its != -1)
		db_reset(st);
	if (its == -1)
		field_error(errors, field, "not_found", "没有这个事件");
	else if (grid >= 0 && its != grid)
		field_error(errors, field, "mismatch", "事件不属于本户所在网格");
}

/* findings: 1-10 of them, each a type, a note (but for 正常), a
 * follow-up and the event it raised; their count. */
static int
read_findings(struct req *r, cJSON *b, long long grid, struct finding *f,
    cJSON **errors)
{
	static const char *const	 members[] = { "type", "note",
	    "followup", "event_id", NULL };
	cJSON				*v = cJSON_GetObjectItem(b, "findings"), *e;
	char				 pre[24], field[40];
	int				 n = 0;

	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) < 1 ||
	    cJSON_GetArraySize(v) > MAX_FINDINGS) {
		field_error(errors, "findings", v == NULL || cJSON_IsNull(v) ?
		    "required" : !cJSON_IsArray(v) ? "type" :
		    cJSON_GetArraySize(v) < 1 ? "too_short" : "too_long",
		    "须有 1 至 10 条走访情况");
		return (-1);
	}
	cJSON_ArrayForEach(e, v) {
		snprintf(pre, sizeof pre, "findings[%d].", n);
		if (!cJSON_IsObject(e)) {
			snprintf(field, sizeof field, "findings[%d]", n);
			field_error(errors, field, "type", "须为对象");
			return (-1);
		}
		json_members(e, members, pre, errors);
		snprintf(field, sizeof field, "%stype", pre);
		f[n].type = json_option(e, "type", finding_types, JF_REQUIRED,
		    field, errors);
		snprintf(field, sizeof field, "%snote", pre);
		f[n].note = json_text(e, "note", f[n].type != NULL &&
		    strcmp(f[n].type, "normal") != 0 ? 1 : 0, 500, JF_MULTILINE,
		    field, errors);
		snprintf(field, sizeof field, "%sfollowup", pre);
		f[n].followup = json_text(e, "followup", 0, 500, JF_MULTILINE,
		    field, errors);
		snprintf(field, sizeof field, "%sevent_id", pre);
		f[n].event = 0;
		if (json_integer(e, "event_id", 1, JSON_MAX_ID, 0, field,
		    errors, &f[n].event) == 1)
			check_event(r, f[n].event, grid, field, errors);
		n++;
	}
	return (n);
}

/* What a new visit holds. */
struct visit {
	long long	 household, grid, community;
	char		 at[32];
	const char	*met_note;
	long long	 met[MAX_MET];
	int		 nmet, nfindings;
	struct finding	 findings[MAX_FINDINGS];
};

/* Reads the body into v; -1 having replied 400. */
static int
read_visit(struct req *r, struct visit *v)
{
	static const char *const	 members[] = { "household_id",
	    "visited_at", "met", "met_note", "findings", NULL };
	cJSON				*b = req_body(r), *errors = NULL;
	int				 known = 0;

	memset(v, 0, sizeof *v);
	json_members(b, members, NULL, &errors);
	if (json_integer(b, "household_id", 1, JSON_MAX_ID, JF_REQUIRED, NULL,
	    &errors, &v->household) == 1 && !(known = fieldwork_household(
	    r->db, r->staff, v->household, &v->grid, &v->community)))
		field_error(&errors, "household_id", "not_found",
		    "没有这一户，或不在您的网格");
	read_time(b, v->at, &errors);
	v->met_note = json_string(b, "met_note", 0, 100, NULL, &errors);
	if (v->met_note != NULL && *v->met_note == '\0')
		v->met_note = NULL;
	if (known)
		v->nmet = read_met(r, b, v->household, v->met, &errors);
	v->nfindings = read_findings(r, b, known ? v->grid : -1, v->findings,
	    &errors);
	if (errors == NULL && v->nmet == 0 && v->met_note == NULL)
		field_error(&errors, "met", "required",
		    "请选择见到的居民，或说明见到谁（如：无人在家）");
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* Writes the visit's rows; its id, or 0. */
static long long
insert_visit(struct req *r, const struct visit *v)
{
	const struct finding	*f;
	char			 now[32], date[11];
	long long		 id;
	int			 i;

	clock_rfc3339(clock_now(), now);
	clock_date_of(v->at, date);
	if ((id = db_insert(r->db, "INSERT INTO visits (household_id, "
	    "grid_id, community_id, staff_id, visited_at, visited_date, "
	    "met_note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
	    "RETURNING id", "lLllttt" "t", v->household, v->grid,
	    v->community, r->staff->id, v->at, date, v->met_note, now)) == 0)
		return (0);
	for (i = 0; i < v->nmet; i++)
		if (db_exec(r->db, "INSERT INTO visit_met (visit_id, "
		    "resident_id) VALUES (?, ?)", "ll", id, v->met[i]) != 0)
			return (0);
	for (i = 0; i < v->nfindings; i++) {
		f = &v->findings[i];
		if (db_exec(r->db, "INSERT INTO visit_findings (visit_id, "
		    "position, type, note, followup, event_id) VALUES (?, ?, ?, "
		    "?, ?, ?)", "ldtttL", id, i, f->type, f->note, f->followup,
		    f->event) != 0)
			return (0);
	}
	return (id);
}

/* POST /visits: a grid member records a visit to a household of his
 * grid. */
static void
record(struct req *r)
{
	struct visit	 v;
	cJSON		*o;
	long long	 id;
	char		 object[40], loc[48];

	if (read_visit(r, &v) != 0)
		return;
	if (db_begin(r->db) != 0 || (id = insert_visit(r, &v)) == 0 ||
	    (snprintf(object, sizeof object, "visit/%lld", id),
	    audit_req(r, "create", object, NULL)) != 0 ||
	    (o = visit_get(r, id)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "visit %lld: household %lld, %d findings", id,
	    v.household, v.nfindings);
	reply_json(r, 201, o);
	snprintf(loc, sizeof loc, "/api/v1/visits/%lld", id);
	reply_header(r, MHD_HTTP_HEADER_LOCATION, loc);
	idem_commit(r);
}

/* The list's filters as conditions; -1 having replied 400. */
static int
list_filters(struct req *r, struct listq *q)
{
	static const char *const	 allowed[] = { "household_id",
	    "grid_id", "community_id", "staff_id", "from", "to", NULL };
	const char			*from, *to;
	cJSON				*errors = NULL;
	long long			 v;

	q_check(r, allowed, 1, &errors);
	fieldwork_list(q, r->staff, "c.centre_id = ?",
	    FIELDWORK_GRID("h.grid_id"));
	if (q_int(r, "household_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "v.household_id = ?", "l", v);
	if (q_int(r, "grid_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "h.grid_id = ?", "l", v);
	if (q_int(r, "community_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "h.community_id = ?", "l", v);
	if (q_int(r, "staff_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "v.staff_id = ?", "l", v);
	q_date_range(r, &from, &to, &errors);
	if (from != NULL)
		listq_where(q, "v.visited_date >= ?", "t", from);
	if (to != NULL)
		listq_where(q, "v.visited_date <= ?", "t", to);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* GET /visits: newest first. */
static void
list(struct req *r)
{
	struct listq	*q;
	struct db_stmt	*st;

	if ((q = listq_req(r, VISIT_COLS, VISIT_FROM)) == NULL)
		return;
	if (list_filters(r, q) != 0) {
		listq_free(q);
		return;
	}
	listq_order(q, "v.visited_at DESC, v.id DESC");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, visit_json(r, st));
	reply_json(r, 200, listq_page(q));
}

/* GET /visits/{id}. */
static void
get(struct req *r)
{
	cJSON		*o;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = visit_get(r, id)) == NULL)
		reply_not_found(r);
	else
		reply_json(r, 200, o);
}

const struct route routes_visits[] = {
	{ "POST", "/api/v1/visits", record, ROUTE_IDEM | ROUTE_BODY,
	    ROLE_GRID | ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/visits", list, 0, ROLE_ANY },
	{ "GET", "/api/v1/visits/{id}", get, 0, ROLE_ANY },
	{ NULL, NULL, NULL, 0, 0 }
};
