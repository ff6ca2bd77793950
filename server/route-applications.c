/* /api/v1/applications: finding an application again, a resident's
 * applications, and the timeline. Taking one at the counter is in
 * application-new.c, transitions in application-actions.c, what they
 * share in applications.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applications.h"
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

/* deferred=outstanding|overdue: open applications with a 容缺
 * material not yet received, or past its date (docs/api.md 8). */
static void
deferred_filter(struct req *r, struct listq *q, cJSON **errors)
{
	static const char *const	 kinds[] = { "outstanding", "overdue",
	    NULL };
	const char			*kind;
	char				 today[11];

	if (q_options(r, "deferred", kinds, &kind, 1, errors) != 1)
		return;
	listq_where(q, "a.deferred_due IS NOT NULL AND a.status IN "
	    "('submitted', 'accepted', 'materials_requested', 'forwarded')",
	    "");
	clock_date(clock_now(), today);
	if (strcmp(kind, "overdue") == 0)
		listq_where(q, "a.deferred_due < ?", "t", today);
}

/* applicant=deceased|moved_out: open applications whose applicant has
 * died (confirmed) or moved out, for the supervisor to close (docs/api.md
 * 8). */
static void
applicant_filter(struct req *r, struct listq *q, cJSON **errors)
{
	static const char *const	 kinds[] = { "deceased", "moved_out",
	    NULL };
	const char			*kind;

	if (q_options(r, "applicant", kinds, &kind, 1, errors) != 1)
		return;
	listq_where(q, "a.status IN ('submitted', 'accepted', "
	    "'materials_requested', 'forwarded') AND a.resident_id IN "
	    "(SELECT id FROM residents WHERE status <> 'active' AND "
	    "status = ?)", "t", kind);
}

/* The list's filters as conditions; -1 having replied 400. */
static int
list_filters(struct req *r, struct listq *q, long long resident)
{
	static const char *const	 allowed[] = { "number", "resident_id",
	    "service_id", "status", "from", "to", "counter", "staff_id",
	    "deferred", "applicant", NULL };
	static const char *const	 sub[] = { "status", NULL };
	const char			*status[8], *s, *from, *to;
	cJSON				*errors = NULL;
	long long			 v;
	int				 n;

	q_check(r, resident != 0 ? sub : allowed, 1, &errors);
	scope_list(q, r->staff, "c.centre_id = ?");
	if ((s = q_string(r, "number", 1, 30, &errors)) != NULL)
		listq_where(q, "a.number = ?", "t", s);
	if (resident != 0)
		listq_where(q, "a.resident_id = ?", "l", resident);
	else if (q_int(r, "resident_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "a.resident_id = ?", "l", v);
	if (q_int(r, "service_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "a.service_id = ?", "l", v);
	if ((n = q_options(r, "status", app_statuses, status, 8,
	    &errors)) > 0)
		listq_in(q, "a.status", status, n);
	q_date_range(r, &from, &to, &errors);
	if (from != NULL)
		listq_where(q, "a.created_date >= ?", "t", from);
	if (to != NULL)
		listq_where(q, "a.created_date <= ?", "t", to);
	if ((s = q_string(r, "counter", 1, 8, &errors)) != NULL)
		listq_where(q, "a.counter = ?", "t", s);
	if (q_int(r, "staff_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "a.staff_id = ?", "l", v);
	deferred_filter(r, q, &errors);
	applicant_filter(r, q, &errors);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* A page of applications, newest first; resident 0 for all. */
static void
list_page(struct req *r, long long resident)
{
	struct listq	*q;
	struct db_stmt	*st;

	if ((q = listq_req(r, APP_SUMMARY_COLS, APP_FROM)) == NULL)
		return;
	if (list_filters(r, q, resident) != 0) {
		listq_free(q);
		return;
	}
	listq_order(q, "a.created_at DESC, a.id DESC");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, app_summary(st));
	reply_json(r, 200, listq_page(q));
}

/* GET /applications: the caller's applications, newest first. */
static void
list(struct req *r)
{
	list_page(r, 0);
}

/* GET /residents/{id}/applications: one resident's, newest first. */
static void
resident_applications(struct req *r)
{
	long long	id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, id)) {
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
	app_add_collector(o, st, 11);
	view_stored(o, "changes", db_text(st, 14));
	return (o);
}

/* GET /applications/{id}/timeline, oldest first. */
static void
timeline(struct req *r)
{
	static const char *const	 none[] = { NULL };
	struct listq			*q;
	struct db_stmt			*st;
	cJSON				*o, *errors = NULL;
	long long			 id, version;

	if ((id = req_id(r, 0)) < 0)
		return;
	q_check(r, none, 1, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if ((q = listq_req(r, "t.id, t.at, s.id, s.name, t.action, "
	    "t.from_status, t.to_status, t.note, t.reason, "
	    "t.missing_materials, t.department, t.collector_name, "
	    "t.collector_id_number, t.collected_at, t.changes", " FROM "
	    "timeline t LEFT JOIN staff s ON s.id = t.staff_id")) == NULL)
		return;
	if ((o = app_full(r, id, &version)) == NULL) {
		listq_free(q);
		reply_not_found(r);
		return;
	}
	cJSON_Delete(o);
	listq_where(q, "t.application_id = ?", "l", id);
	listq_order(q, "t.at, t.id");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, entry_json(st));
	reply_json(r, 200, listq_page(q));
}

const struct route routes_applications[] = {
	{ "GET", "/api/v1/applications", list, 0, ROLE_ANY },
	{ "GET", "/api/v1/applications/{id}", get, 0, ROLE_ANY },
	{ "GET", "/api/v1/applications/by-number/{number}", by_number, 0,
	    ROLE_ANY },
	{ "GET", "/api/v1/applications/{id}/timeline", timeline, 0,
	    ROLE_ANY },
	{ "GET", "/api/v1/residents/{id}/applications",
	    resident_applications, 0, ROLE_ANY },
	{ NULL, NULL, NULL, 0, 0 }
};
