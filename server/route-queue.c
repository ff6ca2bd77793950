/* /api/v1/queue: one queue per centre and day (docs/api.md 11). Every
 * action runs in a write transaction holding the rows of its tickets,
 * so two counters calling at once never get the same ticket. Queue
 * actions are not audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "evaluation.h"
#include "idempotency.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "valid.h"
#include "views.h"

#define TICKET_COLS "t.id, t.number, k.id, k.code, k.name, t.status, " \
	"t.issued_at, t.queued_at, t.called_at, t.finished_at, t.counter, " \
	"s.id, s.name, r.id, r.name, r.id_number, t.recalls, t.centre_id, " \
	"t.date, t.category_id"
#define TICKET_FROM " FROM tickets t JOIN service_categories k ON " \
	"k.id = t.category_id LEFT JOIN staff s ON s.id = t.called_by " \
	"LEFT JOIN residents r ON r.id = t.resident_id"

static const char *const ticket_statuses[] = {
	"waiting", "called", "serving", "done", "skipped", NULL
};

/* A CategoryRef from three columns. */
static void
add_category(cJSON *o, const char *key, struct db_stmt *st, int col)
{
	cJSON	*c = cJSON_AddObjectToObject(o, key);

	cJSON_AddNumberToObject(c, "id", db_int(st, col));
	cJSON_AddStringToObject(c, "code", db_text(st, col + 1));
	cJSON_AddStringToObject(c, "name", db_text(st, col + 2));
}

/* Waiting tickets ahead of this one in its category, not counting
 * those kept for other counters. */
static long long
ahead(struct req *r, struct db_stmt *t)
{
	struct db_stmt	*st;
	long long	 n = 0;

	if (db_query(r->db, &st, "SELECT count(*) FROM tickets WHERE "
	    "centre_id = ?1 AND date = ?2 AND category_id = ?3 AND status = "
	    "'waiting' AND (queued_at < ?4 OR (queued_at = ?4 AND id < ?5)) "
	    "AND (counter IS NULL OR counter = ?6)", "ltltlt",
	    db_int(t, 17), db_text(t, 18),
	    db_int(t, 19), db_text(t, 7),
	    db_int(t, 0), db_null(t, 10) ? NULL : db_text(t, 10)) == 1)
		n = db_int(st, 0);
	db_reset(st);
	return (n);
}

/* A Ticket from a row of TICKET_COLS. */
static cJSON *
ticket_json(struct req *r, struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "number", db_text(st, 1));
	add_category(o, "category", st, 2);
	cJSON_AddStringToObject(o, "status", db_text(st, 5));
	cJSON_AddStringToObject(o, "issued_at", db_text(st, 6));
	cJSON_AddStringToObject(o, "queued_at", db_text(st, 7));
	view_text_or_null(o, "called_at", st, 8);
	view_text_or_null(o, "finished_at", st, 9);
	view_text_or_null(o, "counter", st, 10);
	view_ref(o, "called_by", db_int(st, 11),
	    db_text(st, 12));
	view_resident(o, "resident", db_int(st, 13),
	    db_text(st, 14), db_text(st, 15));
	cJSON_AddNumberToObject(o, "recalls", db_int(st, 16));
	if (strcmp(db_text(st, 5), "waiting") == 0)
		cJSON_AddNumberToObject(o, "waiting_ahead",
		    (double)ahead(r, st));
	else
		cJSON_AddNullToObject(o, "waiting_ahead");
	return (o);
}

/* The Ticket with id, if in the caller's centre (admin: any). */
static cJSON *
ticket_get(struct req *r, long long id, char *status, char *counter)
{
	struct db_stmt	*st;
	cJSON		*o = NULL;

	if (!scope_sees(r->db, r->staff, SCOPE_TICKET, id))
		return (NULL);
	if (db_query(r->db, &st, "SELECT " TICKET_COLS TICKET_FROM " WHERE "
	    "t.id = ?", "l", id) == 1) {
		o = ticket_json(r, st);
		if (status != NULL)
			snprintf(status, 16, "%s", db_text(st, 5));
		if (counter != NULL)
			snprintf(counter, 16, "%s", db_text(st, 10));
	}
	db_reset(st);
	return (o);
}

/* The caller's own centre, or -1 having replied 403 (an admin without
 * a centre has no queue to act on). */
static long long
own_centre(struct req *r)
{
	if (r->staff->centre_id == 0) {
		req_note(r, "refused: no centre, so no queue");
		reply_forbidden(r, "没有所属中心，不能使用叫号");
		return (-1);
	}
	return (r->staff->centre_id);
}

/* Answers with the ticket after a change (what, for the log) and
 * commits. */
static void
reply_ticket(struct req *r, long long id, int status, const char *what)
{
	cJSON	*o = ticket_get(r, id, NULL, NULL);

	if (o == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "ticket %s %s: %s, counter %s", cJSON_GetStringValue(
	    cJSON_GetObjectItem(o, "number")), what, cJSON_GetStringValue(
	    cJSON_GetObjectItem(o, "status")), cJSON_IsString(
	    cJSON_GetObjectItem(o, "counter")) ? cJSON_GetStringValue(
	    cJSON_GetObjectItem(o, "counter")) : "-");
	reply_json(r, status, o);
	idem_commit(r);
}

/* POST /queue/tickets: 取号, numbered per category and day. */
static void
issue(struct req *r)
{
	static const char *const	 members[] = { "category_id",
	    "resident_id", NULL };
	struct db_stmt			*st;
	cJSON				*body = req_body(r), *errors = NULL;
	long long			 category = 0, resident = 0, centre, n, id;
	char				 now[32], today[11], seq[48], number[8];
	char				 prefix[4] = "";

	if ((centre = own_centre(r)) < 0)
		return;
	json_members(body, members, NULL, &errors);
	if (json_integer(body, "category_id", 1, JSON_MAX_ID, JF_REQUIRED,
	    NULL, &errors, &category) == 1) {
		if (db_query(r->db, &st, "SELECT queue_prefix FROM "
		    "service_categories WHERE id = ?", "l", category) == 1)
			snprintf(prefix, sizeof prefix, "%s", db_text(st, 0));
		db_reset(st);
		if (prefix[0] == '\0')
			field_error(&errors, "category_id", "not_found",
			    "没有这个服务类别");
	}
	if (json_integer(body, "resident_id", 1, JSON_MAX_ID, 0, NULL,
	    &errors, &resident) == 1 && !scope_sees(r->db, r->staff,
	    SCOPE_RESIDENT, resident))
		field_error(&errors, "resident_id", "not_found",
		    "没有这位居民");
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	clock_rfc3339(clock_now(), now);
	clock_date(clock_now(), today);
	snprintf(seq, sizeof seq, "tkt:%lld:%s:%s", centre, today, prefix);
	/* beside other writers: the category's day's sequence of the
	 * centre stays locked until the commit (db.h) */
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	n = 0;
	if (db_query(r->db, &st, "INSERT INTO sequences (name, last) VALUES "
	    "(?, 1) ON CONFLICT (name) DO UPDATE SET last = sequences.last + 1 "
	    "RETURNING last", "t", seq) == 1)
		n = db_int(st, 0);
	db_reset(st);
	if (n < 1 || n > 999) {
		db_rollback(r->db);
		reply_problem(r, 409, "conflict", "Conflict",
		    "今日该类别号码已取完", NULL);
		return;
	}
	snprintf(number, sizeof number, "%s%03lld", prefix, n);
	if ((id = db_insert(r->db, "INSERT INTO tickets (centre_id, date, "
	    "number, category_id, status, issued_at, queued_at, resident_id) "
	    "VALUES (?, ?, ?, ?, 'waiting', ?, ?, ?) RETURNING id", "lttlttL",
	    centre, today, number, category, now, now, resident)) == 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	reply_ticket(r, id, 201, "issued");
}

/* The queue counts of a centre's day, independent of the filters. */
static cJSON *
counts(struct req *r, long long centre, const char *date)
{
	struct db_stmt	*st;
	cJSON		*o = cJSON_CreateObject(), *list, *e;
	size_t		 i;

	for (i = 0; ticket_statuses[i] != NULL; i++) {
		db_query(r->db, &st, "SELECT count(*) FROM tickets WHERE "
		    "(?1 = 0 OR centre_id = ?1) AND date = ?2 AND status = ?3",
		    "ltt", centre, date, ticket_statuses[i]);
		cJSON_AddNumberToObject(o, ticket_statuses[i],
		    db_int(st, 0));
		db_reset(st);
	}
	list = cJSON_AddArrayToObject(o, "waiting_by_category");
	st = db_stmt(r->db, "SELECT k.id, k.code, k.name, count(*) FROM "
	    "tickets t JOIN service_categories k ON k.id = t.category_id "
	    "WHERE (?1 = 0 OR t.centre_id = ?1) AND t.date = ?2 AND "
	    "t.status = 'waiting' GROUP BY k.id ORDER BY k.code");
	db_bind_int(st, 1, centre);
	db_bind_text(st, 2, date);
	while (db_step(st) == 1) {
		e = cJSON_CreateObject();
		add_category(e, "category", st, 0);
		cJSON_AddNumberToObject(e, "waiting", db_int(st, 3));
		cJSON_AddItemToArray(list, e);
	}
	db_reset(st);
	return (o);
}

/* The list's filters as conditions, and its centre and day for the
 * counts; -1 having replied 400. */
static int
list_filters(struct req *r, struct listq *q, long long *centre, char *date)
{
	static const char *const	 allowed[] = { "status", "category_id",
	    "counter", "date", "centre_id", NULL };
	const char			*status[5], *s;
	cJSON				*errors = NULL;
	long long			 v;
	int				 n;

	q_check(r, allowed, 1, &errors);
	*centre = scope_home_centre(r->staff);
	if (q_int(r, "centre_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		*centre = scope_centre_ok(r->staff, v) ? v : -1;
	if (*centre != 0)
		listq_where(q, "t.centre_id = ?", "l", *centre);
	clock_date(clock_now(), date);
	if ((s = q_date(r, "date", &errors)) != NULL)
		snprintf(date, 11, "%s", s);
	listq_where(q, "t.date = ?", "t", date);
	if ((n = q_options(r, "status", ticket_statuses, status, 5,
	    &errors)) > 0)
		listq_in(q, "t.status", status, n);
	if (q_int(r, "category_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "t.category_id = ?", "l", v);
	if ((s = q_string(r, "counter", 1, 8, &errors)) != NULL)
		listq_where(q, "t.counter = ?", "t", s);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* GET /queue/tickets: the day's tickets in queue order, with counts. */
static void
list(struct req *r)
{
	struct listq	*q;
	struct db_stmt	*st;
	cJSON		*out;
	long long	 centre;
	char		 date[11];

	if ((q = listq_req(r, TICKET_COLS, TICKET_FROM)) == NULL)
		return;
	if (list_filters(r, q, &centre, date) != 0) {
		listq_free(q);
		return;
	}
	listq_order(q, "t.queued_at, t.id");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, ticket_json(r, st));
	out = listq_page(q);
	cJSON_AddItemToObject(out, "counts", counts(r, centre, date));
	reply_json(r, 200, out);
}

/* category_ids: 1-20 distinct ids into ids; their count, or -1. */
static int
read_categories(cJSON *body, long long *ids, cJSON **errors)
{
	cJSON		*v = cJSON_GetObjectItem(body, "category_ids"), *e;
	int		 n = 0, i;
	long long	 id;

	if (v == NULL || cJSON_IsNull(v))
		return (0);
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) < 1 ||
	    cJSON_GetArraySize(v) > 20) {
		field_error(errors, "category_ids", !cJSON_IsArray(v) ? "type" :
		    cJSON_GetArraySize(v) < 1 ? "too_short" : "too_long",
		    "须为 1 至 20 个类别");
		return (-1);
	}
	cJSON_ArrayForEach(e, v) {
		if (!json_is_int(e, &id) || id < 1) {
			field_error(errors, "category_ids", "type", "须为整数");
			return (-1);
		}
		for (i = 0; i < n; i++) {
			if (ids[i] == id) {
				field_error(errors, "category_ids",
				    "duplicate", "类别重复");
				return (-1);
			}
		}
		ids[n++] = id;
	}
	return (n);
}

/* The next ticket for counter among the categories (n 0: all), its row
 * locked until the transaction ends. A ticket another transaction holds
 * (another counter calling it, a transfer) is passed over, so counters
 * calling at once get different tickets without waiting. */
static long long
pick_next(struct req *r, long long centre, const char *date,
    const char *counter, const long long *ids, int n)
{
	struct db_stmt	*st;
	long long	 id = 0;
	int		 i;

	if (db_query(r->db, &st, "SELECT id FROM tickets WHERE centre_id = ? "
	    "AND date = ? AND status = 'waiting' AND counter = ? ORDER BY "
	    "queued_at, id LIMIT 1 FOR UPDATE SKIP LOCKED", "ltt", centre,
	    date, counter) == 1)
		id = db_int(st, 0);
	db_reset(st);
	if (id != 0)
		return (id);
	st = db_stmt(r->db, "SELECT id FROM tickets WHERE centre_id = ?1 AND "
	    "date = ?2 AND status = 'waiting' AND counter IS NULL AND (?3 = 0 "
	    "OR category_id IN (?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)) ORDER BY "
	    "queued_at, id LIMIT 1 FOR UPDATE SKIP LOCKED");
	db_bind_int(st, 1, centre);
	db_bind_text(st, 2, date);
	db_bind_int(st, 3, n);
	for (i = 0; i < n; i++)
		db_bind_int(st, 4 + i, ids[i]);
	if (db_step(st) == 1)
		id = db_int(st, 0);
	db_reset(st);
	return (id);
}

/* The body's counter, or the session's; NULL with an error. */
static const char *
read_counter(struct req *r, cJSON *body, cJSON **errors)
{
	const char	*c = json_string(body, "counter", 0, 8, NULL, errors);

	if (c != NULL && !valid_counter(c)) {
		field_error(errors, "counter", "pattern", "窗口号格式不正确");
		return (NULL);
	}
	if (c == NULL && cJSON_GetObjectItem(body, "counter") == NULL &&
	    (c = r->staff->counter) == NULL)
		field_error(errors, "counter", "required", "请填写窗口号");
	return (c);
}

/* POST /queue/call-next: finishes the counter's ticket and calls the next. */
static void
call_next(struct req *r)
{
	static const char *const	 members[] = { "counter",
	    "category_ids", NULL };
	cJSON				*body = req_body(r), *errors = NULL;
	const char			*counter;
	long long			 ids[20], centre, id;
	char				 now[32], today[11], lock[48];
	int				 n;

	if ((centre = own_centre(r)) < 0)
		return;
	json_members(body, members, NULL, &errors);
	counter = read_counter(r, body, &errors);
	n = read_categories(body, ids, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	clock_rfc3339(clock_now(), now);
	clock_date(clock_now(), today);
	/* beside other writers; the counter's calls take turns (db.h) */
	snprintf(lock, sizeof lock, "counter:%lld:%s", centre, counter);
	if (db_begin_rows(r->db) != 0 || db_lock_name(r->db, lock) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	if ((id = pick_next(r, centre, today, counter, ids, n)) == 0) {
		db_rollback(r->db);
		reply_problem(r, 404, "queue-empty", "Queue empty",
		    "没有等候的号", NULL);
		return;
	}
	if (db_exec(r->db, "UPDATE tickets SET status = 'done', finished_at = "
	    "? WHERE centre_id = ? AND counter = ? AND status IN ('called', "
	    "'serving')", "tlt", now, centre, counter) != 0 ||
	    db_exec(r->db, "UPDATE tickets SET status = 'called', counter = ?, "
	    "called_at = ?, first_called_at = coalesce(first_called_at, ?), "
	    "called_by = ? WHERE id = ?", "tttll", counter, now, now,
	    r->staff->id, id) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	reply_ticket(r, id, 200, "called");
}

/* 409 invalid-transition for a ticket action. */
static void
refuse(struct req *r, const char *status)
{
	static const struct {
		const char	*status;
		const char	*allowed[4];
	} table[] = {
		{ "waiting", { "transfer" } },
		{ "called", { "recall", "skip", "transfer", "done" } },
		{ "serving", { "transfer", "done" } },
		{ "skipped", { "recall" } },
		{ "done", { NULL } },
	};
	cJSON	*ext = cJSON_CreateObject(), *list;
	size_t	 i, j;

	cJSON_AddStringToObject(ext, "current_status", status);
	list = cJSON_AddArrayToObject(ext, "allowed");
	for (i = 0; i < sizeof table / sizeof *table; i++) {
		if (strcmp(table[i].status, status) != 0)
			continue;
		for (j = 0; j < 4 && table[i].allowed[j] != NULL; j++)
			cJSON_AddItemToArray(list,
			    cJSON_CreateString(table[i].allowed[j]));
	}
	reply_problem_ext(r, 409, "invalid-transition", "Invalid transition",
	    "号码当前状态不允许此操作", ext);
}

/* Opens the action's transaction on a ticket of the caller's centre,
 * beside other writers with the ticket's row locked until it ends (then
 * the counter's pending evaluation, db.h); its status and counter, or
 * -1 having replied. */
static long long
begin_action(struct req *r, char *status, char *counter)
{
	struct db_stmt	*st;
	cJSON		*o;
	long long	 id;
	int		 rc;

	if ((id = req_id(r, 0)) < 0)
		return (-1);
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return (-1);
	}
	rc = db_query(r->db, &st, "SELECT id FROM tickets WHERE id = ? FOR "
	    "UPDATE", "l", id);
	db_reset(st);
	if (rc < 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return (-1);
	}
	if ((o = ticket_get(r, id, status, counter)) == NULL) {
		db_rollback(r->db);
		reply_not_found(r);
		return (-1);
	}
	cJSON_Delete(o);
	return (id);
}

/* Runs one UPDATE of an action and answers with the ticket. */
static void
finish_action(struct req *r, long long id, int rc, const char *what)
{
	if (rc != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	reply_ticket(r, id, 200, what);
}

/* Checks a body that may hold only the given members. */
static int
only(struct req *r, const char *const *members)
{
	cJSON	*errors = NULL;

	json_members(req_body(r), members, NULL, &errors);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* POST /queue/tickets/{id}/recall: announce again, or call a skipped one
 * back. */
static void
recall(struct req *r)
{
	static const char *const	 members[] = { "counter", NULL };
	cJSON				*errors = NULL;
	const char			*c;
	char				 status[16], counter[16], now[32];
	long long			 id;

	if (only(r, members) != 0)
		return;
	c = json_string(req_body(r), "counter", 0, 8, NULL, &errors);
	if (c != NULL && !valid_counter(c))
		field_error(&errors, "counter", "pattern", "窗口号格式不正确");
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if ((id = begin_action(r, status, counter)) < 0)
		return;
	if (strcmp(status, "called") != 0 && strcmp(status, "skipped") != 0) {
		db_rollback(r->db);
		refuse(r, status);
		return;
	}
	if (strcmp(status, "called") == 0 && c != NULL &&
	    strcmp(c, counter) != 0)
		field_error(&errors, "counter", "mismatch",
		    "已叫的号只能在原窗口重呼");
	if (c == NULL)
		c = strcmp(status, "called") == 0 ? counter :
		    r->staff->counter;
	if (c == NULL)
		field_error(&errors, "counter", "required", "请填写窗口号");
	if (errors != NULL) {
		db_rollback(r->db);
		reply_validation(r, errors);
		return;
	}
	clock_rfc3339(clock_now(), now);
	finish_action(r, id, db_exec(r->db, "UPDATE tickets SET status = "
	    "'called', counter = ?, called_at = ?, finished_at = NULL, "
	    "recalls = recalls + 1, called_by = ? WHERE id = ?", "ttll", c,
	    now, r->staff->id, id), "recalled");
}

/* skip and done: one status change with finished_at. */
static void
finish(struct req *r, const char *to, const char *from1, const char *from2)
{
	static const char *const	 none[] = { NULL };
	char				 status[16], counter[16], now[32];
	long long			 id;

	if (only(r, none) != 0 || (id = begin_action(r, status, counter)) < 0)
		return;
	if (strcmp(status, from1) != 0 && (from2 == NULL ||
	    strcmp(status, from2) != 0)) {
		db_rollback(r->db);
		refuse(r, status);
		return;
	}
	clock_rfc3339(clock_now(), now);
	/* a ticket served waits for the resident's rating (docs/api.md 19) */
	finish_action(r, id, db_exec(r->db, "UPDATE tickets SET status = ?, "
	    "finished_at = ? WHERE id = ?", "ttl", to, now, id) != 0 ||
	    (strcmp(to, "done") == 0 && eval_pend(r, "ticket", id, "ticket") !=
	    0) ? -1 : 0, to);
}

/* POST /queue/tickets/{id}/skip: 过号. */
static void
skip(struct req *r)
{
	finish(r, "skipped", "called", NULL);
}

/* POST /queue/tickets/{id}/done: served. */
static void
done(struct req *r)
{
	finish(r, "done", "called", "serving");
}

/* POST /queue/tickets/{id}/transfer: to another counter or category,
 * keeping its place. */
static void
transfer(struct req *r)
{
	static const char *const	 members[] = { "counter", "category_id",
	    NULL };
	cJSON				*body = req_body(r), *errors = NULL;
	struct db_stmt			*st;
	const char			*c;
	char				 status[16], counter[16];
	long long			 id, cat = 0;

	if (only(r, members) != 0)
		return;
	c = json_string(body, "counter", 0, 8, NULL, &errors);
	if (c != NULL && !valid_counter(c))
		field_error(&errors, "counter", "pattern", "窗口号格式不正确");
	if (json_integer(body, "category_id", 1, JSON_MAX_ID, 0, NULL,
	    &errors, &cat) == 1) {
		if (db_query(r->db, &st, "SELECT 1 FROM service_categories "
		    "WHERE id = ?", "l", cat) != 1)
			field_error(&errors, "category_id", "not_found",
			    "没有这个服务类别");
		db_reset(st);
	}
	if (errors == NULL && c != NULL && cat != 0) {
		field_error(&errors, "counter", "mismatch", "只能二选一");
		field_error(&errors, "category_id", "mismatch", "只能二选一");
	} else if (errors == NULL && c == NULL && cat == 0) {
		field_error(&errors, "counter", "required", "请选择窗口或类别");
		field_error(&errors, "category_id", "required",
		    "请选择窗口或类别");
	}
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if ((id = begin_action(r, status, counter)) < 0)
		return;
	if (strcmp(status, "waiting") != 0 && strcmp(status, "called") != 0 &&
	    strcmp(status, "serving") != 0) {
		db_rollback(r->db);
		refuse(r, status);
		return;
	}
	finish_action(r, id, db_exec(r->db, "UPDATE tickets SET status = "
	    "'waiting', counter = ?, category_id = coalesce(?, category_id) "
	    "WHERE id = ?", "tLl", c, cat, id), "transferred");
}

#define QUEUE_ROLES	(ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN)

const struct route routes_queue[] = {
	{ "POST", "/api/v1/queue/tickets", issue, ROUTE_IDEM | ROUTE_BODY,
	    QUEUE_ROLES },
	{ "GET", "/api/v1/queue/tickets", list, 0, QUEUE_ROLES },
	{ "POST", "/api/v1/queue/call-next", call_next,
	    ROUTE_IDEM | ROUTE_BODY_OPT, QUEUE_ROLES },
	{ "POST", "/api/v1/queue/tickets/{id}/recall", recall,
	    ROUTE_IDEM | ROUTE_BODY_OPT, QUEUE_ROLES },
	{ "POST", "/api/v1/queue/tickets/{id}/skip", skip,
	    ROUTE_IDEM | ROUTE_BODY_OPT, QUEUE_ROLES },
	{ "POST", "/api/v1/queue/tickets/{id}/transfer", transfer,
	    ROUTE_IDEM | ROUTE_BODY, QUEUE_ROLES },
	{ "POST", "/api/v1/queue/tickets/{id}/done", done,
	    ROUTE_IDEM | ROUTE_BODY_OPT, QUEUE_ROLES },
	{ NULL, NULL, NULL, 0, 0 }
};
