/* The counter's evaluator (docs/api.md 19): the pending evaluation of a
 * counter and the resident's answer to it, and the satisfaction
 * figures of a centre. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "evaluation.h"
#include "idempotency.h"
#include "json.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "valid.h"

/* The reasons a resident may choose from. */
static cJSON *
reason_list(void)
{
	cJSON	*a = cJSON_CreateArray(), *o;
	int	 i;

	for (i = 0; eval_reason_codes[i] != NULL; i++) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "code", eval_reason_codes[i]);
		cJSON_AddStringToObject(o, "label",
		    eval_reason_zh(eval_reason_codes[i]));
		cJSON_AddItemToArray(a, o);
	}
	return (a);
}

/* A PendingEvaluation from the current row. */
static cJSON *
pending_json(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject(), *s;

	cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
	cJSON_AddStringToObject(o, "counter", db_text(st, 1));
	cJSON_AddStringToObject(o, "occasion", db_text(st, 2));
	cJSON_AddStringToObject(o, "object", db_text(st, 3));
	cJSON_AddStringToObject(o, "service", db_text(st, 4));
	s = cJSON_AddObjectToObject(o, "staff");
	cJSON_AddNumberToObject(s, "id", (double)db_int(st, 5));
	cJSON_AddStringToObject(s, "name", db_text(st, 6));
	cJSON_AddStringToObject(o, "created_at", db_text(st, 7));
	cJSON_AddStringToObject(o, "expires_at", db_text(st, 8));
	cJSON_AddItemToObject(o, "reasons", reason_list());
	return (o);
}

#define PENDING_SELECT "SELECT p.id, p.counter, p.occasion, p.object, " \
	"p.service, p.staff_id, s.name, p.created_at, p.expires_at FROM " \
	"pending_evaluations p JOIN staff s ON s.id = p.staff_id WHERE "

/* GET /evaluations/pending: the counter's, or null. */
static void
pending(struct req *r)
{
	static const char *const	 allowed[] = { "counter", NULL };
	struct db_stmt			*st;
	cJSON				*errors = NULL, *o;
	const char			*counter;
	char				 now[32];

	q_check(r, allowed, 0, &errors);
	counter = q_string(r, "counter", 1, 8, &errors);
	if (counter != NULL && !valid_counter(counter))
		field_error(&errors, "counter", "pattern", "窗口号格式不正确");
	if (counter == NULL && errors == NULL && (counter =
	    r->staff->counter) == NULL)
		field_error(&errors, "counter", "required", "请填写窗口号");
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	clock_rfc3339(clock_now(), now);
	o = cJSON_CreateObject();
	if (db_query(r->db, &st, PENDING_SELECT "p.centre_id = ? AND "
	    "p.counter = ? AND p.expires_at > ?", "ltt", r->staff->centre_id,
	    counter, now) == 1)
		cJSON_AddItemToObject(o, "pending", pending_json(st));
	else
		cJSON_AddNullToObject(o, "pending");
	db_reset(st);
	reply_json(r, 200, o);
}

/* The body of a rating: level, reasons, comment. */
static int
read_rating(struct req *r, struct eval_rating *x)
{
	static const char *const	 members[] = { "level", "reasons",
	    "comment", NULL };
	cJSON				*body = req_body(r), *errors = NULL;

	json_members(body, members, NULL, &errors);
	eval_read(body, x, &errors);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* POST /evaluations/pending/{id}/rating: the resident's key. */
static void
rate_pending(struct req *r)
{
	struct eval_rating	 x;
	struct db_stmt		*st;
	char			 now[32], first_at[21];
	char			 object[48], occasion[16], service[128];
	char			 counter[16];
	long long		 id, first, staff = 0, rating, centre = 0;
	cJSON			*o;
	int			 found;

	memset(&x, 0, sizeof x);
	if ((id = req_id(r, 0)) < 0 || read_rating(r, &x) != 0)
		return;
	/* beside other writers: the pending row, then the occasion's lock
	 * (db.h) */
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	clock_rfc3339(clock_now(), now);
	/* an admin (no centre) reaches every centre's, as section 16 says */
	found = db_query(r->db, &st, "SELECT object, occasion, service, "
	    "counter, staff_id, centre_id FROM pending_evaluations WHERE "
	    "id = ?1 AND (?2 = 0 OR centre_id = ?2) AND expires_at > ?3 "
	    "FOR UPDATE", "llt", id, r->staff->centre_id, now) == 1;
	if (found) {
		centre = db_int(st, 5);
		snprintf(object, sizeof object, "%s", db_text(st, 0));
		snprintf(occasion, sizeof occasion, "%s", db_text(st, 1));
		snprintf(service, sizeof service, "%s", db_text(st, 2));
		snprintf(counter, sizeof counter, "%s", db_text(st, 3));
		staff = db_int(st, 4);
	}
	db_reset(st);
	if (!found) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	x.object = object;
	x.occasion = occasion;
	x.service = service;
	x.counter = counter;
	x.staff = staff;
	x.channel = "counter";
	x.centre = centre;
	if ((rating = eval_record(r, &x, &first, first_at)) == 0) {
		db_rollback(r->db);
		eval_reply_rated(r, first, first_at);
		return;
	}
	if (rating < 0 || db_exec(r->db, "DELETE FROM pending_evaluations "
	    "WHERE id = ?", "l", id) != 0 || (o = eval_rating_json(r->db,
	    rating)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "rating %lld: %s %s %s", rating, object, occasion,
	    x.level);
	reply_json(r, 201, o);
	idem_commit(r);
}

/* One SatisfactionCount from a row of key, rated, good[, staff id]. */
static cJSON *
count_json(const char *key, long long rated, long long good,
    long long staff)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "key", key);
	if (staff > 0)
		cJSON_AddNumberToObject(o, "staff_id", (double)staff);
	cJSON_AddNumberToObject(o, "rated", (double)rated);
	cJSON_AddNumberToObject(o, "good", (double)good);
	cJSON_AddNumberToObject(o, "bad", (double)(rated - good));
	if (rated > 0)
		cJSON_AddNumberToObject(o, "rate_permille",
		    (double)(good * 1000 / rated));
	else
		cJSON_AddNullToObject(o, "rate_permille");
	return (o);
}

/* The rows of one grouped figure into a list. */
static void
grouped(struct req *r, cJSON *list, const char *sql, const char *from,
    const char *to, int with_staff)
{
	struct db_stmt	*st;
	int		 rc;

	rc = db_query(r->db, &st, sql, "ltt", r->staff->centre_id, from, to);
	for (; rc == 1; rc = db_step(st))
		cJSON_AddItemToArray(list, count_json(db_text(st, 0),
		    db_int(st, 1), db_int(st, 2), with_staff ? db_int(st, 3) :
		    0));
	db_reset(st);
}

#define RATED_F " FROM ratings r WHERE (?1 = 0 OR r.centre_id = ?1) AND " \
	"r.rated_date >= ?2 AND r.rated_date <= ?3"

/* The follow-ups of the centre now. */
static cJSON *
followup_counts(struct req *r)
{
	struct db_stmt	*st;
	cJSON		*o = cJSON_CreateObject();
	char		 today[11];

	clock_date(clock_now(), today);
	if (db_query(r->db, &st, "SELECT coalesce(sum(CASE WHEN status <> "
	    "'closed' THEN 1 ELSE 0 END), 0), coalesce(sum(CASE WHEN status "
	    "<> 'closed' AND due_date < ?2 THEN 1 ELSE 0 END), 0), "
	    "coalesce(sum(CASE WHEN status = 'closed' THEN 1 ELSE 0 END), 0) "
	    "FROM followups WHERE (?1 = 0 OR centre_id = ?1)", "lt",
	    r->staff->centre_id, today) == 1) {
		cJSON_AddNumberToObject(o, "open", (double)db_int(st, 0));
		cJSON_AddNumberToObject(o, "overdue", (double)db_int(st, 1));
		cJSON_AddNumberToObject(o, "closed", (double)db_int(st, 2));
	}
	db_reset(st);
	return (o);
}

/* GET /stats/satisfaction: good over all, per counter, service, staff. */
static void
satisfaction(struct req *r)
{
	static const char *const	 allowed[] = { "from", "to", NULL };
	struct db_stmt			*st;
	cJSON				*errors = NULL, *o;
	const char			*from, *to;
	char				 today[11];

	q_check(r, allowed, 0, &errors);
	q_date_range(r, &from, &to, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	clock_date(clock_now(), today);
	if (from == NULL)
		from = to != NULL && strcmp(to, today) < 0 ? to : today;
	if (to == NULL)
		to = strcmp(from, today) > 0 ? from : today;
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "from", from);
	cJSON_AddStringToObject(o, "to", to);
	if (db_query(r->db, &st, "SELECT count(*), coalesce(sum(r.good), 0)"
	    RATED_F, "ltt", r->staff->centre_id, from, to) == 1)
		cJSON_AddItemToObject(o, "total", count_json("", db_int(st, 0),
		    db_int(st, 1), 0));
	db_reset(st);
	grouped(r, cJSON_AddArrayToObject(o, "per_counter"), "SELECT "
	    "coalesce(r.counter, ''), count(*), sum(r.good)" RATED_F
	    " GROUP BY coalesce(r.counter, '') ORDER BY 1", from, to, 0);
	grouped(r, cJSON_AddArrayToObject(o, "per_service"), "SELECT "
	    "r.service, count(*), sum(r.good)" RATED_F " GROUP BY r.service "
	    "ORDER BY 1", from, to, 0);
	grouped(r, cJSON_AddArrayToObject(o, "per_staff"), "SELECT s.name, "
	    "count(*), sum(r.good), s.id FROM ratings r JOIN staff s ON s.id "
	    "= r.staff_id WHERE (?1 = 0 OR r.centre_id = ?1) AND "
	    "r.rated_date >= ?2 AND r.rated_date <= ?3 GROUP BY s.id, s.name "
	    "ORDER BY 1, 4", from, to, 1);
	cJSON_AddItemToObject(o, "followups", followup_counts(r));
	reply_json(r, 200, o);
}

#define EVAL_ROLES	(ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN)

const struct route routes_evaluations[] = {
	{ "GET", "/api/v1/evaluations/pending", pending, 0, EVAL_ROLES },
	{ "POST", "/api/v1/evaluations/pending/{id}/rating", rate_pending,
	    ROUTE_IDEM | ROUTE_BODY, EVAL_ROLES },
	{ "GET", "/api/v1/stats/satisfaction", satisfaction, 0,
	    ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
