/* /api/v1/promises and a resident's promise-ban (docs/api.md 8): the
 * promises made in place of proofs (告知承诺), the supervisor's later
 * check of each (事后核查), and the mark a false one leaves. */
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
#include "promises.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"

/* The condition of each set of statuses asked for, by bits: 1
 * unchecked, 2 truthful, 4 false (all three, or none: no condition). */
static const char *const status_conds[8] = {
	NULL,
	"p.outcome IS NULL",
	"p.outcome = 'truthful'",
	"(p.outcome IS NULL OR p.outcome = 'truthful')",
	"p.outcome = 'false'",
	"(p.outcome IS NULL OR p.outcome = 'false')",
	"p.outcome IS NOT NULL",
	NULL
};

static const char *const statuses[] = { "unchecked", "truthful", "false",
	NULL };

/* The list's filters as conditions; -1 having replied 400. */
static int
list_filters(struct req *r, struct listq *q)
{
	static const char *const	 allowed[] = { "status", "resident_id",
	    NULL };
	const char			*asked[3];
	cJSON				*errors = NULL;
	long long			 v;
	int				 n, i, j, bits = 0;

	q_check(r, allowed, 1, &errors);
	scope_list(q, r->staff, "c.centre_id = ?");
	n = q_options(r, "status", statuses, asked, 3, &errors);
	for (i = 0; i < n; i++) {
		for (j = 0; statuses[j] != NULL; j++) {
			if (strcmp(asked[i], statuses[j]) == 0)
				bits |= 1 << j;
		}
	}
	if (status_conds[bits] != NULL)
		listq_where(q, status_conds[bits], "");
	if (q_int(r, "resident_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "p.resident_id = ?", "l", v);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* GET /promises: oldest first, the checks still to do at the top. */
static void
list(struct req *r)
{
	struct listq	*q;
	struct db_stmt	*st;

	if ((q = listq_req(r, PROMISE_COLS, PROMISE_FROM)) == NULL)
		return;
	if (list_filters(r, q) != 0) {
		listq_free(q);
		return;
	}
	listq_order(q, "p.made_at, p.id");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, promise_row(st));
	reply_json(r, 200, listq_page(q));
}

/* The Promise if the caller may see it, or NULL. */
static cJSON *
promise_get(struct req *r, long long id)
{
	struct db_stmt	*st;
	cJSON		*o = NULL;

	if (!scope_sees(r->db, r->staff, SCOPE_PROMISE, id))
		return (NULL);
	if (db_query(r->db, &st, "SELECT " PROMISE_COLS PROMISE_FROM
	    " WHERE p.id = ?", "l", id) == 1)
		o = promise_row(st);
	db_reset(st);
	return (o);
}

/* GET /promises/{id}. */
static void
get(struct req *r)
{
	cJSON		*o;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = promise_get(r, id)) == NULL)
		reply_not_found(r);
	else
		reply_json(r, 200, o);
}

/* What the check records. */
struct check {
	const char	*outcome;
	const char	*note;
};

/* The body: outcome, and the note (required for false); -1 having
 * replied 400. */
static int
read_check(struct req *r, struct check *c)
{
	static const char *const	 members[] = { "outcome", "note",
	    NULL };
	static const char *const	 outcomes[] = { "truthful", "false",
	    NULL };
	cJSON				*body = req_body(r), *errors = NULL;

	json_members(body, members, NULL, &errors);
	c->outcome = json_option(body, "outcome", outcomes, JF_REQUIRED,
	    NULL, &errors);
	c->note = json_string(body, "note", c->outcome != NULL &&
	    strcmp(c->outcome, "false") == 0 ? 2 : 0, 200, NULL, &errors);
	if (c->note != NULL && *c->note == '\0')
		c->note = NULL;
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* 409 promise-checked for a promise checked before; 1 if answered. */
static int
refuse_checked(struct req *r, const cJSON *p)
{
	const cJSON	*k = cJSON_GetObjectItem(p, "check");
	cJSON		*ext;
	char		 detail[96];
	const char	*outcome, *on;

	if (k == NULL || cJSON_IsNull(k))
		return (0);
	outcome = cJSON_GetStringValue(cJSON_GetObjectItem(k, "outcome"));
	on = cJSON_GetStringValue(cJSON_GetObjectItem(k, "on"));
	snprintf(detail, sizeof detail, "该承诺已于%s核查：%s", on,
	    strcmp(outcome, "false") == 0 ? "虚假" : "属实");
	ext = cJSON_CreateObject();
	cJSON_AddStringToObject(ext, "outcome", outcome);
	cJSON_AddStringToObject(ext, "checked_on", on);
	reply_problem_ext(r, 409, "promise-checked", "Promise checked", detail,
	    ext);
	return (1);
}

/* The mark a false promise leaves: from today for its ban_days, with
 * the matter, the case and the note as the reason. */
static int
mark_resident(struct req *r, long long id, const cJSON *p, const char *note,
    const char *now, const char *today)
{
	const cJSON	*a = cJSON_GetObjectItem(p, "application");
	const cJSON	*x = cJSON_GetObjectItem(p, "certificate");
	char		 until[11], reason[768];
	const char	*which;

	which = cJSON_IsObject(a) ? cJSON_GetStringValue(cJSON_GetObjectItem(
	    a, "number")) : cJSON_IsObject(x) ? cJSON_GetStringValue(
	    cJSON_GetObjectItem(x, "serial")) : "";
	clock_add_days(today, (int)cJSON_GetNumberValue(cJSON_GetObjectItem(p,
	    "ban_days")), until);
	snprintf(reason, sizeof reason, "%s（%s）：%s", cJSON_GetStringValue(
	    cJSON_GetObjectItem(p, "matter")), which, note);
	return (db_exec(r->db, "INSERT INTO promise_bans (resident_id, "
	    "promise_id, since, until, reason, recorded_at, staff_id) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)", "llttttl", (long long)cJSON_GetNumberValue(
	    cJSON_GetObjectItem(cJSON_GetObjectItem(p, "resident"), "id")),
	    id, today, until, reason, now, r->staff->id));
}

/* Writes the check (and the mark), audits it, answers and commits. */
static void
record(struct req *r, long long id, const cJSON *p, const struct check *c)
{
	char	 now[32], today[11], object[48], detail[256];
	cJSON	*o;

	clock_rfc3339(clock_now(), now);
	clock_date(clock_now(), today);
	snprintf(object, sizeof object, "promise/%lld", id);
	snprintf(detail, sizeof detail, "%s%s%s", c->outcome, c->note !=
	    NULL ? "：" : "", c->note != NULL ? c->note : "");
	if (db_exec(r->db, "UPDATE promises SET outcome = ?, check_note = ?, "
	    "checked_at = ?, checked_date = ?, checked_by = ? WHERE id = ?",
	    "ttttll", c->outcome, c->note, now, today, r->staff->id, id) != 0 ||
	    (strcmp(c->outcome, "false") == 0 && mark_resident(r, id, p,
	    c->note, now, today) != 0) ||
	    audit_req(r, "promise_check", object, detail) != 0 ||
	    (o = promise_get(r, id)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "promise %lld checked: %s", id, c->outcome);
	reply_json(r, 200, o);
	idem_commit(r);
}

/* POST /promises/{id}/check: the supervisor's outcome, once. */
static void
check(struct req *r)
{
	struct check	 c;
	struct db_stmt	*st;
	cJSON		*p;
	long long	 id;
	int		 rc;

	if ((id = req_id(r, 0)) < 0 || read_check(r, &c) != 0)
		return;
	/* beside other writers, the promise's row locked until the commit,
	 * so that a second check finds the first (db.h) */
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	rc = db_query(r->db, &st, "SELECT id FROM promises WHERE id = ? FOR "
	    "UPDATE", "l", id);
	db_reset(st);
	if (rc < 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	if ((p = promise_get(r, id)) == NULL) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	if (refuse_checked(r, p))
		db_rollback(r->db);
	else
		record(r, id, p, &c);
	cJSON_Delete(p);
}

/* GET /residents/{id}/promise-ban: may they use 告知承诺 today? */
static void
resident_ban(struct req *r)
{
	static const char *const	 none[] = { NULL };
	cJSON				*errors = NULL;
	long long			 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	q_check(r, none, 0, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, id)) {
		reply_not_found(r);
		return;
	}
	reply_json(r, 200, promise_ban_status(r->db, id));
}

const struct route routes_promises[] = {
	{ "GET", "/api/v1/promises", list, 0,
	    ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/promises/{id}", get, 0,
	    ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ "POST", "/api/v1/promises/{id}/check", check,
	    ROUTE_IDEM | ROUTE_BODY, ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/residents/{id}/promise-ban", resident_ban, 0,
	    ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
