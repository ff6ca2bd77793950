/* Data-error flags (数据纠错, docs/api.md 4): a clerk or a grid member
 * says what is wrong in a resident's record, a supervisor resolves it.
 * Both steps change the profile (its open flags), so both bump the
 * resident's version, and both are kept in the history. */
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
#include "resident-history.h"
#include "residents.h"
#include "route.h"
#include "scope.h"
#include "views.h"

#define FLAG_COLS "f.id, r.id, r.name, r.id_number, f.text, f.raised_at, " \
	"rs.id, rs.name, f.resolved_at, vs.id, vs.name, f.resolution"
#define FLAG_FROM " FROM resident_flags f JOIN residents r ON r.id = " \
	"f.resident_id JOIN communities c ON c.id = r.community_id JOIN " \
	"staff rs ON rs.id = f.raised_by LEFT JOIN staff vs ON vs.id = " \
	"f.resolved_by"

/* A ResidentFlag from a row of FLAG_COLS. */
static cJSON *
flag_json(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
	view_resident(o, "resident", db_int(st, 1), db_text(st, 2),
	    db_text(st, 3));
	cJSON_AddStringToObject(o, "text", db_text(st, 4));
	cJSON_AddStringToObject(o, "status", db_null(st, 8) ? "open" :
	    "resolved");
	cJSON_AddStringToObject(o, "raised_at", db_text(st, 5));
	view_ref(o, "raised_by", db_int(st, 6), db_text(st, 7));
	view_text_or_null(o, "resolved_at", st, 8);
	view_ref(o, "resolved_by", db_int(st, 9), db_text(st, 10));
	view_text_or_null(o, "resolution", st, 11);
	return (o);
}

/* Answers with one flag and commits: status 201 or 200. */
static void
reply_flag(struct req *r, long long id, int status)
{
	struct db_stmt	*st;
	cJSON		*o;

	if (db_query(r->db, &st, "SELECT " FLAG_COLS FLAG_FROM " WHERE "
	    "f.id = ?", "l", id) != 1) {
		db_reset(st);
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	o = flag_json(st);
	db_reset(st);
	reply_json(r, status, o);
	idem_commit(r);
}

/* The resident's version and updated_at move on. */
static int
touch(struct req *r, long long resident)
{
	char	at[32];

	clock_rfc3339(clock_now(), at);
	return (db_exec(r->db, "UPDATE residents SET version = version + 1, "
	    "updated_at = ? WHERE id = ?", "tl", at, resident));
}

/* POST /residents/{id}/flags: a data error raised. */
static void
flag_raise(struct req *r)
{
	static const char *const	 members[] = { "text", NULL };
	cJSON				*errors = NULL;
	const char			*text;
	long long			 id, flag;
	char				 at[32], object[48];

	if ((id = req_id(r, 0)) < 0)
		return;
	json_members(req_body(r), members, NULL, &errors);
	text = json_text(req_body(r), "text", 2, 500, JF_MULTILINE, NULL,
	    &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (db_begin(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, id)) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	clock_rfc3339(clock_now(), at);
	snprintf(object, sizeof object, "resident/%lld", id);
	if ((flag = db_insert(r->db, "INSERT INTO resident_flags "
	    "(resident_id, text, raised_at, raised_by) VALUES (?, ?, ?, ?) "
	    "RETURNING id", "lttl", id, text,
	    at, r->staff->id)) == 0 || touch(r, id) != 0 ||
	    history_add(r, id, "flag", "flag", NULL, text, NULL) != 0 ||
	    audit_req(r, "flag", object, NULL) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "resident %lld: flag %lld raised", id, flag);
	reply_flag(r, flag, 201);
}

/* The flag's resident and whether it is open, if the caller may see
 * the resident; -1 when not. */
static int
load_flag(struct req *r, long long id, long long *resident, int *open,
    char *text, size_t len)
{
	struct db_stmt	*st;
	int		 rc;

	rc = db_query(r->db, &st, "SELECT resident_id, resolved_at IS NULL, "
	    "text FROM resident_flags WHERE id = ?", "l", id);
	if (rc == 1) {
		*resident = db_int(st, 0);
		*open = (int)db_int(st, 1);
		snprintf(text, len, "%s", db_text(st, 2));
	}
	db_reset(st);
	if (rc != 1 || !scope_sees(r->db, r->staff, SCOPE_RESIDENT,
	    *resident))
		return (-1);
	return (0);
}

/* 409 invalid-transition: the flag was resolved already. */
static void
refuse_resolved(struct req *r)
{
	cJSON	*ext = cJSON_CreateObject();

	cJSON_AddStringToObject(ext, "current_status", "resolved");
	cJSON_AddArrayToObject(ext, "allowed");
	reply_problem_ext(r, 409, "invalid-transition", "Invalid transition",
	    "此纠错已处理", ext);
}

/* POST /resident-flags/{id}/resolve: a supervisor's answer to it. */
static void
flag_resolve(struct req *r)
{
	static const char *const	 members[] = { "resolution", NULL };
	cJSON				*errors = NULL;
	const char			*resolution;
	long long			 id, resident;
	char				 at[32], object[48], text[1024];
	int				 open;

	if ((id = req_id(r, 0)) < 0)
		return;
	json_members(req_body(r), members, NULL, &errors);
	resolution = json_text(req_body(r), "resolution", 2, 500,
	    JF_MULTILINE, NULL, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (db_begin(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if (load_flag(r, id, &resident, &open, text, sizeof text) != 0) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	if (!open) {
		db_rollback(r->db);
		refuse_resolved(r);
		return;
	}
	clock_rfc3339(clock_now(), at);
	snprintf(object, sizeof object, "resident/%lld", resident);
	if (db_exec(r->db, "UPDATE resident_flags SET resolved_at = ?, "
	    "resolved_by = ?, resolution = ? WHERE id = ?", "tltl", at,
	    r->staff->id, resolution, id) != 0 || touch(r, resident) != 0 ||
	    history_add(r, resident, "resolve_flag", "flag", text, resolution,
	    NULL) != 0 || audit_req(r, "flag_resolve", object, NULL) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "resident %lld: flag %lld resolved", resident, id);
	reply_flag(r, id, 200);
}

/* GET /resident-flags: the caller's, oldest first. */
static void
flags(struct req *r)
{
	static const char *const	 allowed[] = { "status", "resident_id",
	    "community_id", NULL };
	static const char *const	 statuses[] = { "open", "resolved",
	    NULL };
	struct listq			*q;
	struct db_stmt			*st;
	cJSON				*errors = NULL;
	const char			*status = NULL;
	long long			 resident = 0, community = 0;

	q_check(r, allowed, 1, &errors);
	q_options(r, "status", statuses, &status, 1, &errors);
	q_int(r, "resident_id", 1, JSON_MAX_ID, &errors, &resident);
	q_int(r, "community_id", 1, JSON_MAX_ID, &errors, &community);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if ((q = listq_req(r, FLAG_COLS, FLAG_FROM)) == NULL)
		return;
	scope_list(q, r->staff, "c.centre_id = ?");
	scope_list_grid(q, r->staff, "r.grid_id IN (SELECT id FROM grids "
	    "WHERE member_id = ?)");
	if (status != NULL)
		listq_where(q, strcmp(status, "open") == 0 ?
		    "f.resolved_at IS NULL" : "f.resolved_at IS NOT NULL", "");
	if (resident != 0)
		listq_where(q, "f.resident_id = ?", "l", resident);
	if (community != 0)
		listq_where(q, "r.community_id = ?", "l", community);
	listq_order(q, "f.id");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, flag_json(st));
	reply_json(r, 200, listq_page(q));
}

const struct route routes_resident_flags[] = {
	{ "POST", "/api/v1/residents/{id}/flags", flag_raise,
	    ROUTE_IDEM | ROUTE_BODY, ROLE_ANY },
	{ "GET", "/api/v1/resident-flags", flags, 0, ROLE_ANY },
	{ "POST", "/api/v1/resident-flags/{id}/resolve", flag_resolve,
	    ROUTE_IDEM | ROUTE_BODY, ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
