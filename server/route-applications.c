/* /api/v1/applications: taking an application at the counter, finding
 * it again, and its timeline. Transitions are in application-actions.c,
 * the checks of a new application in application-new.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applications.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "residents.h"
#include "valid.h"
#include "views.h"

const char *const app_statuses[] = {
	"submitted", "accepted", "materials_requested", "forwarded",
	"completed", "collected", "rejected", NULL
};

/* Filters of the list; ?1 is the caller's centre. Up to 7 statuses. */
#define LIST_WHERE " WHERE (?1 = 0 OR c.centre_id = ?1) AND " \
	"(?2 IS NULL OR a.number = ?2) AND (?3 IS NULL OR " \
	"a.resident_id = ?3) AND (?4 IS NULL OR a.service_id = ?4) AND " \
	"(?5 IS NULL OR a.status IN (?5, ?6, ?7, ?8, ?9, ?10, ?11)) AND " \
	"(?12 IS NULL OR a.created_date >= ?12) AND (?13 IS NULL OR " \
	"a.created_date <= ?13) AND (?14 IS NULL OR a.counter = ?14) AND " \
	"(?15 IS NULL OR a.staff_id = ?15)"

int
app_overdue(const char *status, const char *due_date)
{
	char	today[11];

	if (strcmp(status, "submitted") != 0 && strcmp(status,
	    "accepted") != 0 && strcmp(status, "forwarded") != 0)
		return (0);
	clock_date(clock_now(), today);
	return (strcmp(today, due_date) > 0);
}

cJSON *
app_summary(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject(), *s;

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "number", db_text(st, 1));
	s = cJSON_AddObjectToObject(o, "service");
	cJSON_AddNumberToObject(s, "id", db_int(st, 2));
	cJSON_AddStringToObject(s, "txcode", db_text(st, 3));
	cJSON_AddStringToObject(s, "name", db_text(st, 4));
	view_resident(o, "resident", db_int(st, 5),
	    db_text(st, 6), db_text(st, 7));
	view_ref(o, "community", db_int(st, 8), db_text(st, 9));
	cJSON_AddStringToObject(o, "status", db_text(st, 10));
	cJSON_AddStringToObject(o, "counter", db_text(st, 11));
	view_ref(o, "staff", db_int(st, 12), db_text(st, 13));
	cJSON_AddStringToObject(o, "created_at", db_text(st, 14));
	cJSON_AddStringToObject(o, "updated_at", db_text(st, 15));
	cJSON_AddStringToObject(o, "due_date", db_text(st, 16));
	cJSON_AddBoolToObject(o, "overdue", app_overdue(db_text(st, 10),
	    db_text(st, 16)));
	cJSON_AddNumberToObject(o, "version", db_int(st, 17));
	return (o);
}

/* Collector as stored (name, full number, time), or null. */
static void
add_collector(cJSON *o, struct db_stmt *st, int col)
{
	cJSON	*c;

	if (db_null(st, col)) {
		cJSON_AddNullToObject(o, "collector");
		return;
	}
	c = cJSON_AddObjectToObject(o, "collector");
	cJSON_AddStringToObject(c, "name", db_text(st, col));
	view_masked_id(c, "id_number_masked", db_text(st, col + 1));
	cJSON_AddStringToObject(c, "collected_at", db_text(st, col + 2));
}

cJSON *
app_full(struct req *r, long long id, long long *version)
{
	struct db_stmt	*st;
	cJSON		*o;
	const int	 n = APP_SUMMARY_NCOLS;

	if (db_query(r->db, &st, "SELECT " APP_SUMMARY_COLS ", a.ticket_id, "
	    "a.fee_fen, a.form_version, a.data_masked, a.materials, a.note, "
	    "a.reason, a.missing_materials, a.department, a.collector_name, "
	    "a.collector_id_number, a.collected_at, a.client_request_id"
	    APP_FROM " WHERE a.id = ?1 AND (?2 = 0 OR c.centre_id = ?2)",
	    "ll", id, req_centre(r)) != 1) {
		db_reset(st);
		return (NULL);
	}
	o = app_summary(st);
	*version = db_int(st, 17);
	view_int_or_null(o, "ticket_id", st, n);
	cJSON_AddNumberToObject(o, "fee_fen", db_int(st, n + 1));
	cJSON_AddNumberToObject(o, "form_version",
	    db_int(st, n + 2));
	view_stored(o, "data", db_text(st, n + 3));
	view_stored(o, "materials", db_text(st, n + 4));
	view_text_or_null(o, "note", st, n + 5);
	view_text_or_null(o, "reason", st, n + 6);
	view_stored(o, "missing_materials", db_text(st, n + 7));
	view_text_or_null(o, "department", st, n + 8);
	add_collector(o, st, n + 9);
	cJSON_AddStringToObject(o, "client_request_id", db_text(st, n + 12));
	db_reset(st);
	return (o);
}

/* Reads the list's filters into the statement's parameters. */
static int
list_filters(struct req *r, struct db_stmt *st, long long resident)
{
	static const char *const	 allowed[] = { "number", "resident_id",
	    "service_id", "status", "from", "to", "counter", "staff_id",
	    NULL };
	static const char *const	 sub[] = { "status", NULL };
	const char			*status[7], *s, *from, *to;
	cJSON				*errors = NULL;
	long long			 v;
	int				 n, i;

	q_check(r, resident != 0 ? sub : allowed, 1, &errors);
	if ((s = q_string(r, "number", 1, 30, &errors)) != NULL)
		db_bind_text(st, 2, s);
	if (resident != 0)
		db_bind_int(st, 3, resident);
	else if (q_int(r, "resident_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		db_bind_int(st, 3, v);
	if (q_int(r, "service_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		db_bind_int(st, 4, v);
	n = q_options(r, "status", app_statuses, status, 7, &errors);
	for (i = 0; i < n; i++)
		db_bind_text(st, 5 + i, status[i]);
	if ((from = q_date(r, "from", &errors)) != NULL)
		db_bind_text(st, 12, from);
	if ((to = q_date(r, "to", &errors)) != NULL)
		db_bind_text(st, 13, to);
	if (from != NULL && to != NULL && strcmp(from, to) > 0)
		field_error(&errors, "to", "date", "结束日期早于开始日期");
	if ((s = q_string(r, "counter", 1, 8, &errors)) != NULL)
		db_bind_text(st, 14, s);
	if (q_int(r, "staff_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		db_bind_int(st, 15, v);
	db_bind_int(st, 1, req_centre(r));
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* A page of applications, newest first; resident 0 for all. */
static void
list_page(struct req *r, long long resident)
{
	struct db_stmt	*st;
	cJSON		*items;
	long long	 total = 0;
	int		 page, per_page;

	if (req_paging(r, &page, &per_page) != 0)
		return;
	st = db_stmt(r->db, "SELECT count(*)" APP_FROM LIST_WHERE);
	if (list_filters(r, st, resident) != 0)
		return;
	if (db_step(st) == 1)
		total = db_int(st, 0);
	db_reset(st);
	st = db_stmt(r->db, "SELECT " APP_SUMMARY_COLS APP_FROM LIST_WHERE
	    " ORDER BY a.created_at DESC, a.id DESC LIMIT ?16 OFFSET ?17");
	list_filters(r, st, resident);
	db_bind_int(st, 16, per_page);
	db_bind_int(st, 17, (long long)(page - 1) * per_page);
	items = cJSON_CreateArray();
	while (db_step(st) == 1)
		cJSON_AddItemToArray(items, app_summary(st));
	db_reset(st);
	reply_json(r, 200, view_page(items, page, per_page, total));
}

/* GET /applications: the caller's applications, newest first. */
static void
list(struct req *r)
{
	list_page(r, 0);
}

void
resident_applications(struct req *r)
{
	long long	id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if (!resident_visible(r, id)) {
		reply_not_found(r);
		return;
	}
	list_page(r, id);
}

/* GET /applications/{id}, with its ETag. */
static void
get(struct req *r)
{
	cJSON		*o;
	long long	 id, version;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = app_full(r, id, &version)) == NULL)
		reply_not_found(r);
	else
		reply_versioned(r, 200, o, version);
}

/* The form of an application number: 9 digits-8 digits-4 digits. */
static int
number_ok(const char *n)
{
	return (strlen(n) == 23 && n[9] == '-' && n[18] == '-' &&
	    strspn(n, "0123456789") == 9 && strspn(n + 10, "0123456789") ==
	    8 && strspn(n + 19, "0123456789") == 4);
}

/* GET /applications/by-number/{number}: a receipt's number typed or scanned. */
static void
by_number(struct req *r)
{
	struct db_stmt	*st;
	const char	*n = r->params[0];
	long long	 id = 0, version;
	cJSON		*o;

	if (number_ok(n)) {
		if (db_query(r->db, &st, "SELECT id FROM applications WHERE "
		    "number = ?", "t", n) == 1)
			id = db_int(st, 0);
		db_reset(st);
	}
	if (id == 0 || (o = app_full(r, id, &version)) == NULL) {
		reply_not_found(r);
		return;
	}
	reply_versioned(r, 200, o, version);
}

/* A TimelineEntry from a row. */
static cJSON *
entry_json(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "at", db_text(st, 1));
	view_ref(o, "staff", db_int(st, 2), db_text(st, 3));
	cJSON_AddStringToObject(o, "action", db_text(st, 4));
	view_text_or_null(o, "from_status", st, 5);
	cJSON_AddStringToObject(o, "to_status", db_text(st, 6));
	view_text_or_null(o, "note", st, 7);
	view_text_or_null(o, "reason", st, 8);
	view_stored(o, "missing_materials", db_text(st, 9));
	view_text_or_null(o, "department", st, 10);
	add_collector(o, st, 11);
	return (o);
}

/* GET /applications/{id}/timeline, oldest first. */
static void
timeline(struct req *r)
{
	static const char *const	 none[] = { NULL };
	struct db_stmt			*st;
	cJSON				*items, *errors = NULL;
	long long			 id, total = 0, version;
	int				 page, per_page;

	if ((id = req_id(r, 0)) < 0)
		return;
	q_check(r, none, 1, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (req_paging(r, &page, &per_page) != 0)
		return;
	if ((items = app_full(r, id, &version)) == NULL) {
		reply_not_found(r);
		return;
	}
	cJSON_Delete(items);
	if (db_query(r->db, &st, "SELECT count(*) FROM timeline WHERE "
	    "application_id = ?", "l", id) == 1)
		total = db_int(st, 0);
	db_reset(st);
	items = cJSON_CreateArray();
	st = db_stmt(r->db, "SELECT t.id, t.at, s.id, s.name, t.action, "
	    "t.from_status, t.to_status, t.note, t.reason, "
	    "t.missing_materials, t.department, t.collector_name, "
	    "t.collector_id_number, t.collected_at FROM timeline t JOIN "
	    "staff s ON s.id = t.staff_id WHERE t.application_id = ? "
	    "ORDER BY t.at, t.id LIMIT ? OFFSET ?");
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, per_page);
	db_bind_int(st, 3, (long long)(page - 1) * per_page);
	while (db_step(st) == 1)
		cJSON_AddItemToArray(items, entry_json(st));
	db_reset(st);
	reply_json(r, 200, view_page(items, page, per_page, total));
}

const struct route routes_applications[] = {
	{ "POST", "/api/v1/applications", app_create, ROUTE_IDEM | ROUTE_BODY,
	    ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/applications", list, 0, ROLE_ANY },
	{ "GET", "/api/v1/applications/{id}", get, 0, ROLE_ANY },
	{ "GET", "/api/v1/applications/by-number/{number}", by_number, 0,
	    ROLE_ANY },
	{ "GET", "/api/v1/applications/{id}/timeline", timeline, 0,
	    ROLE_ANY },
	{ "POST", "/api/v1/applications/{id}/transitions", app_transition,
	    ROUTE_IDEM | ROUTE_IF_MATCH | ROUTE_BODY,
	    ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
