/* /api/v1/handoffs: a batch of accepted applications sent to a back
 * office with its 交接单, forwarded together in one transaction, and the
 * back office's receipt (docs/api.md 9). Scoped by centre. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "application-actions.h"
#include "applications.h"
#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "exchange-outbox.h"
#include "idempotency.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "views.h"
#include "../util/xmalloc.h"

#define MAX_ITEMS	200
#define HANDOFF_COLS "h.id, h.number, h.created_at, s.id, s.name, e.id, " \
	"e.name, h.to_office, h.note, h.status, h.received_at, " \
	"h.received_by, rs.id, rs.name, (SELECT count(*) FROM " \
	"handoff_items i WHERE i.handoff_id = h.id)"
#define HANDOFF_FROM " FROM handoffs h JOIN staff s ON s.id = h.staff_id " \
	"JOIN centres e ON e.id = h.centre_id LEFT JOIN staff rs ON " \
	"rs.id = h.receipt_staff_id"

/* A HandoffSummary from a row of HANDOFF_COLS. */
static cJSON *
summary_json(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "number", db_text(st, 1));
	cJSON_AddStringToObject(o, "created_at", db_text(st, 2));
	view_ref(o, "staff", db_int(st, 3), db_text(st, 4));
	view_ref(o, "centre", db_int(st, 5), db_text(st, 6));
	cJSON_AddStringToObject(o, "to", db_text(st, 7));
	view_text_or_null(o, "note", st, 8);
	cJSON_AddStringToObject(o, "status", db_text(st, 9));
	view_text_or_null(o, "received_at", st, 10);
	view_text_or_null(o, "received_by", st, 11);
	view_ref(o, "receipt_staff", db_int(st, 12),
	    db_text(st, 13));
	cJSON_AddNumberToObject(o, "application_count",
	    db_int(st, 14));
	return (o);
}

/* The whole Handoff if it is of the caller's centre (admin: any). */
static cJSON *
handoff_full(struct req *r, long long id)
{
	struct db_stmt	*st;
	cJSON		*o = NULL, *list;

	if (!scope_sees(r->db, r->staff, SCOPE_HANDOFF, id))
		return (NULL);
	if (db_query(r->db, &st, "SELECT " HANDOFF_COLS HANDOFF_FROM
	    " WHERE h.id = ?", "l", id) == 1) {
		o = summary_json(st);
		cJSON_DeleteItemFromObject(o, "application_count");
	}
	db_reset(st);
	if (o == NULL)
		return (NULL);
	list = cJSON_AddArrayToObject(o, "applications");
	st = db_stmt(r->db, "SELECT " APP_SUMMARY_COLS APP_FROM " JOIN "
	    "handoff_items i ON i.application_id = a.id WHERE "
	    "i.handoff_id = ? ORDER BY i.position");
	db_bind_int(st, 1, id);
	while (db_step(st) == 1)
		cJSON_AddItemToArray(list, app_summary(st));
	db_reset(st);
	return (o);
}

/* application_ids: 1-200 distinct ids, each visible; their count. */
static int
read_ids(struct req *r, cJSON *body, long long *ids, cJSON **errors)
{
	cJSON		*v = cJSON_GetObjectItem(body, "application_ids"), *e;
	char		 field[40];
	int		 n = 0, i;
	long long	 id;

	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) < 1 ||
	    cJSON_GetArraySize(v) > MAX_ITEMS) {
		field_error(errors, "application_ids", v == NULL ||
		    cJSON_IsNull(v) ? "required" : !cJSON_IsArray(v) ? "type" :
		    cJSON_GetArraySize(v) < 1 ? "too_short" : "too_long",
		    "须为 1 至 200 个办件");
		return (-1);
	}
	cJSON_ArrayForEach(e, v) {
		snprintf(field, sizeof field, "application_ids[%d]", n);
		if (!json_is_int(e, &id) || id < 1) {
			field_error(errors, field, "type", "须为整数");
			return (-1);
		}
		for (i = 0; i < n; i++) {
			if (ids[i] == id) {
				field_error(errors, "application_ids",
				    "duplicate", "办件重复");
				return (-1);
			}
		}
		if (!scope_sees(r->db, r->staff, SCOPE_APPLICATION, id))
			field_error(errors, field, "not_found", "没有这个办件");
		ids[n++] = id;
	}
	return (n);
}

static int
id_order(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return ((x > y) - (x < y));
}

/* Locks the applications' rows until the transaction ends, smallest
 * id first, the order every writer of several takes them in; 0 or -1
 * having replied 503. */
static int
lock_applications(struct req *r, const long long *ids, int n)
{
	struct db_stmt	*st;
	long long	 sorted[MAX_ITEMS];
	int		 i, rc = 0;

	memcpy(sorted, ids, (size_t)n * sizeof *ids);
	qsort(sorted, (size_t)n, sizeof *sorted, id_order);
	for (i = 0; i < n && rc >= 0; i++) {
		rc = db_query(r->db, &st, "SELECT id FROM applications WHERE "
		    "id = ? FOR UPDATE", "l", sorted[i]);
		db_reset(st);
	}
	if (rc < 0)
		reply_unavailable(r, NULL);
	return (rc < 0 ? -1 : 0);
}

/* 409 listing the applications that are not accepted; 0 if all are. */
static int
check_accepted(struct req *r, const long long *ids, int n)
{
	struct db_stmt	*st;
	cJSON		*conflicts = cJSON_CreateArray(), *c, *ext;
	char		 detail[64];
	int		 i;

	if (lock_applications(r, ids, n) != 0) {
		cJSON_Delete(conflicts);
		return (-1);
	}
	for (i = 0; i < n; i++) {
		if (db_query(r->db, &st, "SELECT number, status FROM "
		    "applications WHERE id = ? AND status != 'accepted'", "l",
		    ids[i]) == 1) {
			c = cJSON_CreateObject();
			cJSON_AddNumberToObject(c, "id", (double)ids[i]);
			cJSON_AddStringToObject(c, "number", db_text(st, 0));
			cJSON_AddStringToObject(c, "status", db_text(st, 1));
			cJSON_AddItemToArray(conflicts, c);
		}
		db_reset(st);
	}
	if (cJSON_GetArraySize(conflicts) == 0) {
		cJSON_Delete(conflicts);
		return (0);
	}
	snprintf(detail, sizeof detail, "%d 件不是“已受理”状态",
	    cJSON_GetArraySize(conflicts));
	ext = cJSON_CreateObject();
	cJSON_AddItemToObject(ext, "conflicts", conflicts);
	reply_problem_ext(r, 409, "invalid-transition", "Invalid transition",
	    detail, ext);
	return (-1);
}

/* The centre the hand-off belongs to and its number prefix: the
 * caller's, or for an admin without one, the first application's. */
static long long
handoff_centre(struct req *r, long long first, char *prefix)
{
	struct db_stmt	*st;
	long long	 centre = r->staff->centre_id;

	if (centre == 0 && db_query(r->db, &st, "SELECT c.centre_id FROM "
	    "applications a JOIN communities c ON c.id = a.community_id "
	    "WHERE a.id = ?", "l", first) == 1)
		centre = db_int(st, 0);
	if (r->staff->centre_id == 0)
		db_reset(st);
	if (db_query(r->db, &st, "SELECT substr(min(code), 1, 9) FROM "
	    "communities WHERE centre_id = ?", "l", centre) == 1)
		snprintf(prefix, 10, "%s", db_text(st, 0));
	db_reset(st);
	return (centre);
}

/* Inserts the hand-off and forwards its applications; its id or 0. */
static long long
send_batch(struct req *r, const long long *ids, int n, const char *to,
    const char *note)
{
	struct app_action	 a;
	struct db_stmt		*st;
	char			 prefix[10] = "", now[32], today[11], seq[48];
	char			 number[32], tag[64];
	long long		 centre, id, k = 0;
	int			 i;

	centre = handoff_centre(r, ids[0], prefix);
	clock_rfc3339(clock_now(), now);
	clock_date(clock_now(), today);
	snprintf(seq, sizeof seq, "ho:%s:%s", prefix, today);
	if (db_query(r->db, &st, "INSERT INTO sequences (name, last) VALUES "
	    "(?, 1) ON CONFLICT (name) DO UPDATE SET last = sequences.last + 1 "
	    "RETURNING last", "t", seq) == 1)
		k = db_int(st, 0);
	db_reset(st);
	if (k < 1 || k > 999)
		return (0);
	snprintf(number, sizeof number, "%s-J%.4s%.2s%.2s-%03lld", prefix,
	    today, today + 5, today + 8, k);
	if ((id = db_insert(r->db, "INSERT INTO handoffs (number, created_at, "
	    "created_date, staff_id, centre_id, to_office, note) VALUES (?, "
	    "?, ?, ?, ?, ?, ?) RETURNING id", "tttllt" "t", number, now,
	    today, r->staff->id, centre, to, note)) == 0)
		return (0);
	memset(&a, 0, sizeof a);
	a.action = "forward";
	a.department = to;
	snprintf(tag, sizeof tag, "交接单 %s", number);
	a.note = tag;
	for (i = 0; i < n; i++) {
		if (db_exec(r->db, "INSERT INTO handoff_items (handoff_id, "
		    "position, application_id) VALUES (?, ?, ?)", "ldl", id, i,
		    ids[i]) != 0 || app_apply(r, ids[i], "accepted", &a) != 0)
			return (0);
	}
	return (id);
}

/* POST /handoffs: sends a batch of accepted applications on. */
static void
create(struct req *r)
{
	static const char *const	 members[] = { "application_ids", "to",
	    "note", NULL };
	cJSON				*body = req_body(r), *errors = NULL, *o;
	const char			*to, *note;
	long long			 ids[MAX_ITEMS], id;
	char				 object[40], loc[48];
	int				 n;

	json_members(body, members, NULL, &errors);
	n = read_ids(r, body, ids, &errors);
	to = json_string(body, "to", 1, 50, NULL, &errors);
	note = json_text(body, "note", 0, 500, JF_MULTILINE, NULL, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	/* beside other writers: the applications' rows, then the centre's
	 * day's sequence (db.h) */
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if (check_accepted(r, ids, n) != 0) {
		db_rollback(r->db);
		return;
	}
	if ((id = send_batch(r, ids, n, to, note)) == 0 ||
	    (snprintf(object, sizeof object, "handoff/%lld", id),
	    audit_req(r, "create", object, NULL)) != 0 ||
	    (o = handoff_full(r, id)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "hand-off %s: %d applications forwarded",
	    cJSON_GetStringValue(cJSON_GetObjectItem(o, "number")), n);
	reply_json(r, 201, o);
	snprintf(loc, sizeof loc, "/api/v1/handoffs/%lld", id);
	reply_header(r, MHD_HTTP_HEADER_LOCATION, loc);
	idem_commit(r);
}

/* The list's filters as conditions; -1 having replied 400. */
static int
list_filters(struct req *r, struct listq *q)
{
	static const char *const	 allowed[] = { "status", "from", "to",
	    NULL };
	static const char *const	 statuses[] = { "sent", "received",
	    NULL };
	cJSON				*errors = NULL;
	const char			*s[1], *from, *to;

	q_check(r, allowed, 1, &errors);
	scope_list(q, r->staff, "h.centre_id = ?");
	if (q_options(r, "status", statuses, s, 1, &errors) == 1)
		listq_where(q, "h.status = ?", "t", s[0]);
	q_date_range(r, &from, &to, &errors);
	if (from != NULL)
		listq_where(q, "h.created_date >= ?", "t", from);
	if (to != NULL)
		listq_where(q, "h.created_date <= ?", "t", to);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* GET /handoffs: the centre's, newest first. */
static void
list(struct req *r)
{
	struct listq	*q;
	struct db_stmt	*st;

	if ((q = listq_req(r, HANDOFF_COLS, HANDOFF_FROM)) == NULL)
		return;
	if (list_filters(r, q) != 0) {
		listq_free(q);
		return;
	}
	listq_order(q, "h.created_at DESC, h.id DESC");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, summary_json(st));
	reply_json(r, 200, listq_page(q));
}

/* GET /handoffs/{id} with its applications as they are now. */
static void
get(struct req *r)
{
	cJSON		*o;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = handoff_full(r, id)) == NULL)
		reply_not_found(r);
	else
		reply_json(r, 200, o);
}

/* A handoff_received entry on each application of the hand-off. */
static int
mark_received(struct req *r, long long id, const char *number,
    const char *now)
{
	struct db_stmt	*st;
	long long	*apps = NULL;
	size_t		 n = 0, i;
	char		 note[64];
	int		 rc;

	snprintf(note, sizeof note, "交接单 %s", number);
	rc = db_exec_later(r->db, "INSERT INTO timeline (application_id, "
	    "at, staff_id, action, from_status, to_status, note) SELECT "
	    "a.id, ?, ?, 'handoff_received', a.status, a.status, ? FROM "
	    "handoff_items i JOIN applications a ON a.id = i.application_id "
	    "WHERE i.handoff_id = ? ORDER BY i.position", "tltl", now,
	    r->staff->id, note, id);
	/* each entry's outbox message (docs/api.md 24) */
	st = db_stmt(r->db, "SELECT application_id FROM handoff_items WHERE "
	    "handoff_id = ? ORDER BY position");
	db_bind_int(st, 1, id);
	while (rc == 0 && db_step(st) == 1) {
		apps = xreallocarray(apps, n + 1, sizeof *apps);
		apps[n++] = db_int(st, 0);
	}
	db_reset(st);
	for (i = 0; rc == 0 && i < n; i++)
		rc = exchange_event(r->db, apps[i]);
	free(apps);
	return (rc);
}

/* POST /handoffs/{id}/receipt: the back office signed the 交接单. */
static void
receipt(struct req *r)
{
	static const char *const	 members[] = { "received_by", "note",
	    NULL };
	cJSON				*body = req_body(r), *errors = NULL, *o;
	cJSON				*ext;
	struct db_stmt			*st;
	const char			*by, *note;
	long long			 id;
	char				 now[32], object[40], number[40];
	int				 rc;

	if ((id = req_id(r, 0)) < 0)
		return;
	json_members(body, members, NULL, &errors);
	by = json_string(body, "received_by", 1, 30, NULL, &errors);
	note = json_text(body, "note", 0, 500, JF_MULTILINE, NULL, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	/* beside other writers, the hand-off's row locked */
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	rc = db_query(r->db, &st, "SELECT id FROM handoffs WHERE id = ? FOR "
	    "UPDATE", "l", id);
	db_reset(st);
	if (rc < 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	if ((o = handoff_full(r, id)) == NULL) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	snprintf(number, sizeof number, "%s", cJSON_GetStringValue(
	    cJSON_GetObjectItem(o, "number")));
	if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(o, "status")),
	    "sent") != 0) {
		cJSON_Delete(o);
		db_rollback(r->db);
		ext = cJSON_CreateObject();
		cJSON_AddStringToObject(ext, "current_status", "received");
		cJSON_AddArrayToObject(ext, "allowed");
		reply_problem_ext(r, 409, "invalid-transition",
		    "Invalid transition", "交接单已签收", ext);
		return;
	}
	cJSON_Delete(o);
	clock_rfc3339(clock_now(), now);
	snprintf(object, sizeof object, "handoff/%lld", id);
	if (db_exec(r->db, "UPDATE handoffs SET status = 'received', "
	    "received_at = ?, received_by = ?, receipt_staff_id = ?, note = "
	    "coalesce(?, note) WHERE id = ?", "ttltl", now, by, r->staff->id,
	    note, id) != 0 || mark_received(r, id, number, now) != 0 ||
	    audit_req(r, "handoff_receipt", object, by) != 0 ||
	    (o = handoff_full(r, id)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "hand-off %s received", number);
	reply_json(r, 200, o);
	idem_commit(r);
}

#define HANDOFF_ROLES	(ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN)

const struct route routes_handoffs[] = {
	{ "POST", "/api/v1/handoffs", create, ROUTE_IDEM | ROUTE_BODY,
	    HANDOFF_ROLES },
	{ "GET", "/api/v1/handoffs", list, 0, HANDOFF_ROLES },
	{ "GET", "/api/v1/handoffs/{id}", get, 0, HANDOFF_ROLES },
	{ "POST", "/api/v1/handoffs/{id}/receipt", receipt,
	    ROUTE_IDEM | ROUTE_BODY, HANDOFF_ROLES },
	{ NULL, NULL, NULL, 0, 0 }
};
