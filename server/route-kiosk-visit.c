/* /api/v1/kiosk/visit: what a resident identified at the self-service
 * terminal may do — see their own applications, print a certificate a
 * clerk released, once, and rate (docs/api.md 25). */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "certificates.h"
#include "clock.h"
#include "db.h"
#include "evaluation.h"
#include "json.h"
#include "kiosk-visit.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"

#define KIOSK_APPLICATIONS	20

/* 1 having answered 400 when the list was given a query parameter:
 * none is defined. */
static int
no_query(struct req *r)
{
	static const char *const	 none[] = { NULL };
	cJSON				*errors = NULL;

	q_check(r, none, 0, &errors);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (1);
}

/* DELETE /kiosk/visit. */
static void
visit_end(struct req *r)
{
	if (kiosk_visit_resident(r) == 0)
		return;
	if (kiosk_visit_end(r) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "kiosk visit ended");
	reply_empty(r, 204);
}

/* 1 when the application in its status has reached the occasion. */
static int
reached(const char *status, const char *occasion)
{
	if (strcmp(occasion, "completed") == 0)
		return (strcmp(status, "completed") == 0 ||
		    strcmp(status, "collected") == 0);
	return (strcmp(occasion, "collected") == 0 &&
	    strcmp(status, "collected") == 0);
}

/* The occasions rated and those that may be rated now. */
static void
occasions(struct req *r, cJSON *o, long long id, const char *status)
{
	static const char *const	 all[] = { "completed", "collected",
	    NULL };
	struct db_stmt			*st;
	cJSON				*rated, *rateable;
	char				 object[40];
	int				 i, done;

	rated = cJSON_AddArrayToObject(o, "rated");
	rateable = cJSON_AddArrayToObject(o, "rateable");
	snprintf(object, sizeof object, "application/%lld", id);
	for (i = 0; all[i] != NULL; i++) {
		done = db_query(r->db, &st, "SELECT 1 FROM ratings WHERE "
		    "object = ? AND occasion = ?", "tt", object, all[i]) == 1;
		db_reset(st);
		if (done)
			cJSON_AddItemToArray(rated, cJSON_CreateString(all[i]));
		else if (reached(status, all[i]))
			cJSON_AddItemToArray(rateable,
			    cJSON_CreateString(all[i]));
	}
}

/* GET /kiosk/visit/applications: the resident's own, newest first. */
static void
applications(struct req *r)
{
	struct db_stmt	*st;
	cJSON		*out, *items, *o;
	char		 object[40], date[11];
	long long	 resident, ids[KIOSK_APPLICATIONS];
	int		 rc, n = 0, i;

	if (no_query(r) || (resident = kiosk_visit_resident(r)) == 0)
		return;
	out = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(out, "items");
	rc = db_query(r->db, &st, "SELECT a.id, a.number, s.name, a.status, "
	    "a.created_date, a.due_date, (SELECT min(t.at) FROM timeline t "
	    "WHERE t.application_id = a.id AND t.to_status = 'completed') "
	    "FROM applications a JOIN services s ON s.id = a.service_id "
	    "WHERE a.resident_id = ? ORDER BY a.created_at DESC, a.id DESC "
	    "LIMIT ?", "ll", resident, (long long)KIOSK_APPLICATIONS);
	for (; rc == 1 && n < KIOSK_APPLICATIONS; rc = db_step(st)) {
		o = cJSON_CreateObject();
		ids[n++] = db_int(st, 0);
		cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
		cJSON_AddStringToObject(o, "number", db_text(st, 1));
		cJSON_AddStringToObject(o, "service", db_text(st, 2));
		cJSON_AddStringToObject(o, "status", db_text(st, 3));
		cJSON_AddStringToObject(o, "submitted_on", db_text(st, 4));
		cJSON_AddStringToObject(o, "due_on", db_text(st, 5));
		if (db_null(st, 6))
			cJSON_AddNullToObject(o, "completed_on");
		else {
			clock_date_of(db_text(st, 6), date);
			cJSON_AddStringToObject(o, "completed_on", date);
		}
		cJSON_AddItemToArray(items, o);
	}
	db_reset(st);
	i = 0;
	cJSON_ArrayForEach(o, items) {
		occasions(r, o, ids[i], cJSON_GetStringValue(
		    cJSON_GetObjectItem(o, "status")));
		i++;
	}
	snprintf(object, sizeof object, "resident/%lld", resident);
	if (rc < 0 || audit_req(r, "kiosk_applications", object, NULL) != 0) {
		cJSON_Delete(out);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "kiosk: %d applications of resident %lld", n, resident);
	reply_json(r, 200, out);
}

/* GET /kiosk/visit/certificates: released and not printed here yet. */
static void
certificates(struct req *r)
{
	struct db_stmt	*st;
	cJSON		*out, *items, *o;
	long long	 resident;
	int		 rc;

	if (no_query(r) || (resident = kiosk_visit_resident(r)) == 0)
		return;
	out = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(out, "items");
	rc = db_query(r->db, &st, "SELECT x.id, t.name, x.serial, "
	    "x.issued_date FROM certificates x JOIN certificate_types t ON "
	    "t.id = x.type_id WHERE x.resident_id = ? AND x.voided_at IS "
	    "NULL AND x.kiosk_released_at IS NOT NULL AND x.kiosk_printed_at "
	    "IS NULL ORDER BY x.id DESC", "l", resident);
	for (; rc == 1; rc = db_step(st)) {
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
		cJSON_AddStringToObject(o, "type", db_text(st, 1));
		cJSON_AddStringToObject(o, "serial", db_text(st, 2));
		cJSON_AddStringToObject(o, "issued_on", db_text(st, 3));
		cJSON_AddItemToArray(items, o);
	}
	db_reset(st);
	if (rc < 0) {
		cJSON_Delete(out);
		reply_unavailable(r, NULL);
		return;
	}
	reply_json(r, 200, out);
}

/* 409 kiosk-printed: a 补打 is the clerk's. */
static void
refuse_printed(struct req *r, const char *at)
{
	cJSON	*ext = cJSON_CreateObject();

	cJSON_AddStringToObject(ext, "printed_at", at);
	req_note(r, "kiosk print refused: printed already");
	reply_problem_ext(r, 409, "kiosk-printed", "Printed at the kiosk",
	    "该证明已在自助终端打印过，补打请到窗口办理", ext);
}

/* POST /kiosk/visit/certificates/{id}/print: once. */
static void
print(struct req *r)
{
	struct db_stmt	*st;
	cJSON		*o;
	long long	 resident, id;
	char		 now[32], printed[32] = "", object[40];
	int		 found;

	if ((resident = kiosk_visit_resident(r)) == 0 ||
	    (id = req_id(r, 0)) < 0)
		return;
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	found = db_query(r->db, &st, "SELECT kiosk_printed_at FROM "
	    "certificates WHERE id = ? AND resident_id = ? AND voided_at IS "
	    "NULL AND kiosk_released_at IS NOT NULL FOR UPDATE", "ll", id,
	    resident) == 1;
	if (found && !db_null(st, 0))
		snprintf(printed, sizeof printed, "%s", db_text(st, 0));
	db_reset(st);
	if (!found || printed[0] != '\0') {
		db_rollback(r->db);
		if (found)
			refuse_printed(r, printed);
		else
			reply_not_found(r);
		return;
	}
	clock_rfc3339(clock_now(), now);
	snprintf(object, sizeof object, "certificate/%lld", id);
	if (db_exec(r->db, "UPDATE certificates SET kiosk_printed_at = ? "
	    "WHERE id = ?", "tl", now, id) != 0 || audit_req(r, "kiosk_print",
	    object, NULL) != 0 || (o = certificate_full_any(r->db, id)) ==
	    NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	if (db_commit(r->db) != 0) {
		cJSON_Delete(o);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "kiosk print: certificate %lld", id);
	reply_json(r, 200, o);
}

/* The rating asked for: its application and the checked fields; 0, or
 * -1 having answered 400. */
static int
read_rating(struct req *r, struct eval_rating *x, long long *app)
{
	static const char *const	 members[] = { "application_id",
	    "occasion", "level", "reasons", "comment", NULL };
	static const char *const	 occasions[] = { "completed",
	    "collected", NULL };
	cJSON				*body = req_body(r), *errors = NULL;

	json_members(body, members, NULL, &errors);
	json_integer(body, "application_id", 1, JSON_MAX_ID, JF_REQUIRED,
	    NULL, &errors, app);
	x->occasion = json_option(body, "occasion", occasions, JF_REQUIRED,
	    NULL, &errors);
	eval_read(body, x, &errors);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* POST /kiosk/visit/ratings: one of the resident's own applications on
 * an occasion it has reached. */
static void
rate(struct req *r)
{
	struct eval_rating	 x;
	struct db_stmt		*st;
	char			 object[40], service[128];
	char			 status[16], first_at[21];
	long long		 resident, app = 0, rating, first;
	cJSON			*o;
	int			 found;

	memset(&x, 0, sizeof x);
	if ((resident = kiosk_visit_resident(r)) == 0 ||
	    read_rating(r, &x, &app) != 0)
		return;
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	found = db_query(r->db, &st, "SELECT s.name, a.status, a.staff_id, "
	    "c.centre_id FROM applications a JOIN services s ON s.id = "
	    "a.service_id JOIN communities c ON c.id = a.community_id WHERE "
	    "a.id = ? AND a.resident_id = ?", "ll", app, resident) == 1;
	if (found) {
		snprintf(service, sizeof service, "%s", db_text(st, 0));
		snprintf(status, sizeof status, "%s", db_text(st, 1));
		x.staff = db_int(st, 2);
		x.centre = db_int(st, 3);
	}
	db_reset(st);
	if (!found || !reached(status, x.occasion)) {
		db_rollback(r->db);
		if (found)
			reply_problem(r, 409, "invalid-transition",
			    "Invalid transition", "该办件尚未到可评价的环节",
			    NULL);
		else
			reply_not_found(r);
		return;
	}
	snprintf(object, sizeof object, "application/%lld", app);
	x.object = object;
	x.service = service;
	x.counter = NULL;
	x.channel = "kiosk";
	if ((rating = eval_record(r, &x, &first, first_at)) == 0) {
		db_rollback(r->db);
		eval_reply_rated(r, first, first_at);
		return;
	}
	if (rating < 0 || db_commit(r->db) != 0 || (o = eval_rating_json(
	    r->db, rating)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "kiosk rating %lld: %s %s %s", rating, object,
	    x.occasion, x.level);
	reply_json(r, 201, o);
}

const struct route routes_kiosk_visit[] = {
	{ "DELETE", "/api/v1/kiosk/visit", visit_end, 0, ROLE_KIOSK },
	{ "GET", "/api/v1/kiosk/visit/applications", applications, 0,
	  ROLE_KIOSK },
	{ "GET", "/api/v1/kiosk/visit/certificates", certificates, 0,
	  ROLE_KIOSK },
	{ "POST", "/api/v1/kiosk/visit/certificates/{id}/print", print,
	  ROUTE_BODY_OPT, ROLE_KIOSK },
	{ "POST", "/api/v1/kiosk/visit/ratings", rate, ROUTE_BODY,
	  ROLE_KIOSK },
	{ NULL, NULL, NULL, 0, 0 }
};
