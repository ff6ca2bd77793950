/* Promises in place of proofs (告知承诺, docs/api.md 8): made when an
 * application is taken or a certificate issued, shown with them, and
 * the marks a false one leaves on the resident. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "promises.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "settings.h"
#include "views.h"
#include "../util/xmalloc.h"

/* The PromiseBan columns, with the staff who checked, and their FROM. */
#define BAN_COLS "b.promise_id, b.since, b.until, b.reason, " \
	"b.recorded_at, s.id, s.name"
#define BAN_FROM " FROM promise_bans b JOIN staff s ON s.id = b.staff_id"

/* A PromiseBan from a row of BAN_COLS. */
static cJSON *
ban_row(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "promise_id", (double)db_int(st, 0));
	cJSON_AddStringToObject(o, "since", db_text(st, 1));
	cJSON_AddStringToObject(o, "until", db_text(st, 2));
	cJSON_AddStringToObject(o, "reason", db_text(st, 3));
	cJSON_AddStringToObject(o, "recorded_at", db_text(st, 4));
	view_ref(o, "staff", db_int(st, 5), db_text(st, 6));
	return (o);
}

/* The ban in force today that ends last, or NULL; -1 in *rc on a
 * database error. */
static cJSON *
ban_in_force(struct db *db, long long resident, int *rc)
{
	struct db_stmt	*st;
	cJSON		*o = NULL;
	char		 today[11];

	clock_date(clock_now(), today);
	*rc = db_query(db, &st, "SELECT " BAN_COLS BAN_FROM " WHERE "
	    "b.resident_id = ? AND b.until >= ? ORDER BY b.until DESC, "
	    "b.id DESC LIMIT 1", "lt", resident, today);
	if (*rc == 1)
		o = ban_row(st);
	db_reset(st);
	return (o);
}

int
promise_refuse_barred(struct req *r, long long resident)
{
	cJSON	*ban, *ext;
	char	 detail[1024], object[48];
	int	 rc;

	if ((ban = ban_in_force(r->db, resident, &rc)) == NULL) {
		if (rc < 0)
			reply_unavailable(r, NULL);
		return (rc < 0 ? -1 : 0);
	}
	snprintf(detail, sizeof detail, "该居民于%s经核查告知承诺不实，%s前不"
	    "适用告知承诺制：%s", cJSON_GetStringValue(cJSON_GetObjectItem(
	    ban, "since")), cJSON_GetStringValue(cJSON_GetObjectItem(ban,
	    "until")), cJSON_GetStringValue(cJSON_GetObjectItem(ban,
	    "reason")));
	snprintf(object, sizeof object, "resident/%lld", resident);
	audit_req(r, "promise_refused", object, detail);
	req_note(r, "refused: resident %lld barred from promises until %s",
	    resident, cJSON_GetStringValue(cJSON_GetObjectItem(ban,
	    "until")));
	ext = cJSON_CreateObject();
	cJSON_AddItemToObject(ext, "since", cJSON_DetachItemFromObject(ban,
	    "since"));
	cJSON_AddItemToObject(ext, "until", cJSON_DetachItemFromObject(ban,
	    "until"));
	cJSON_AddItemToObject(ext, "reason", cJSON_DetachItemFromObject(ban,
	    "reason"));
	cJSON_AddItemToObject(ext, "promise_id", cJSON_DetachItemFromObject(
	    ban, "promise_id"));
	cJSON_Delete(ban);
	reply_problem_ext(r, 422, "promise-barred", "Promise barred", detail,
	    ext);
	return (-1);
}

int
promise_recheck_barred(struct req *r, long long resident)
{
	cJSON	*ban;
	int	 rc;

	if ((ban = ban_in_force(r->db, resident, &rc)) == NULL && rc >= 0)
		return (0);
	cJSON_Delete(ban);
	db_rollback(r->db);
	/* the refusal's audit row would go with the rollback: answer it
	 * anew, outside; a ban lifted in between asks for a retry */
	if (rc < 0 || promise_refuse_barred(r, resident) == 0)
		reply_unavailable(r, NULL);
	return (-1);
}

long long
promise_make(struct req *r, const struct promise_new *p)
{
	char		 now[32], object[48];
	long long	 id;

	clock_rfc3339(clock_now(), now);
	id = db_insert(r->db, "INSERT INTO promises (kind, resident_id, "
	    "community_id, application_id, certificate_id, position, matter, "
	    "subject, made_at, made_by, ban_days) VALUES (?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?) RETURNING id", "tllLLdtttll", p->kind,
	    p->resident_id, p->community_id, p->application_id,
	    p->certificate_id, p->position, p->matter, p->subject, now,
	    r->staff->id, settings_int(r->db, SETTING_PROMISE_BAN_DAYS,
	    PROMISE_BAN_DAYS_DEFAULT));
	if (id == 0)
		return (0);
	snprintf(object, sizeof object, "promise/%lld", id);
	return (audit_req(r, "promise", object, p->matter) == 0 ? id : 0);
}

/* The status of a promise from its outcome column. */
static const char *
status_of(struct db_stmt *st, int col)
{
	return (db_null(st, col) ? "unchecked" : db_text(st, col));
}

/* A PromiseRef from id, matter, made_at, staff id and name, outcome,
 * ban_days. */
static cJSON *
ref_row(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
	cJSON_AddStringToObject(o, "matter", db_text(st, 1));
	cJSON_AddStringToObject(o, "made_at", db_text(st, 2));
	view_ref(o, "made_by", db_int(st, 3), db_text(st, 4));
	cJSON_AddStringToObject(o, "status", status_of(st, 5));
	cJSON_AddNumberToObject(o, "ban_days", (double)db_int(st, 6));
	return (o);
}

#define REF_SQL "SELECT p.id, p.matter, p.made_at, m.id, m.name, " \
	"p.outcome, p.ban_days FROM promises p JOIN staff m ON m.id = " \
	"p.made_by WHERE "

struct db_stmt *
promise_refs_read(struct db *db, long long id)
{
	return (db_read_ahead(db, REF_SQL "p.application_id = ? ORDER BY "
	    "p.position, p.id", "l", id));
}

cJSON *
promise_refs_of(struct db_stmt *st)
{
	cJSON	*list = cJSON_CreateArray();
	int	 rc;

	for (rc = db_step(st); rc == 1; rc = db_step(st))
		cJSON_AddItemToArray(list, ref_row(st));
	db_reset(st);
	return (list);
}

struct db_stmt *
promise_ref_read(struct db *db, long long id)
{
	return (db_read_ahead(db, REF_SQL "p.certificate_id = ? ORDER BY "
	    "p.id LIMIT 1", "l", id));
}

cJSON *
promise_ref_of(struct db_stmt *st)
{
	cJSON	*o;

	o = db_step(st) == 1 ? ref_row(st) : cJSON_CreateNull();
	db_reset(st);
	return (o);
}

/* {id, key2: text} or null when the id column is null. */
static void
case_ref(cJSON *o, const char *key, const char *key2, struct db_stmt *st,
    int col)
{
	cJSON	*c;

	if (db_null(st, col)) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	c = cJSON_AddObjectToObject(o, key);
	cJSON_AddNumberToObject(c, "id", (double)db_int(st, col));
	cJSON_AddStringToObject(c, key2, db_text(st, col + 1));
}

cJSON *
promise_row(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject(), *k;

	cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
	cJSON_AddStringToObject(o, "kind", db_text(st, 1));
	cJSON_AddStringToObject(o, "matter", db_text(st, 2));
	cJSON_AddStringToObject(o, "subject", db_text(st, 3));
	view_resident(o, "resident", db_int(st, 4), db_text(st, 5),
	    db_text(st, 6));
	view_ref(o, "community", db_int(st, 7), db_text(st, 8));
	case_ref(o, "application", "number", st, 9);
	case_ref(o, "certificate", "serial", st, 11);
	cJSON_AddStringToObject(o, "made_at", db_text(st, 13));
	view_ref(o, "made_by", db_int(st, 14), db_text(st, 15));
	cJSON_AddNumberToObject(o, "ban_days", (double)db_int(st, 16));
	cJSON_AddStringToObject(o, "status", status_of(st, 17));
	if (db_null(st, 17)) {
		cJSON_AddNullToObject(o, "check");
		return (o);
	}
	k = cJSON_AddObjectToObject(o, "check");
	cJSON_AddStringToObject(k, "outcome", db_text(st, 17));
	view_text_or_null(k, "note", st, 18);
	cJSON_AddStringToObject(k, "at", db_text(st, 19));
	cJSON_AddStringToObject(k, "on", db_text(st, 20));
	view_ref(k, "staff", db_int(st, 21), db_text(st, 22));
	return (o);
}

cJSON *
promise_ban_status(struct db *db, long long resident)
{
	struct db_stmt	*st;
	cJSON		*o = cJSON_CreateObject(), *ban, *list;
	int		 rc;

	ban = ban_in_force(db, resident, &rc);
	cJSON_AddBoolToObject(o, "barred", ban != NULL);
	cJSON_AddItemToObject(o, "ban", ban != NULL ? ban :
	    cJSON_CreateNull());
	list = cJSON_AddArrayToObject(o, "records");
	rc = db_query(db, &st, "SELECT " BAN_COLS BAN_FROM " WHERE "
	    "b.resident_id = ? ORDER BY b.recorded_at DESC, b.id DESC", "l",
	    resident);
	for (; rc == 1; rc = db_step(st))
		cJSON_AddItemToArray(list, ban_row(st));
	db_reset(st);
	return (o);
}
