/* /api/v1/stats: the day's figures of a centre and the overdue list, for
 * supervisors and admins (docs/api.md 13). Statuses reached on a day are
 * counted from the timeline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applications.h"
#include "auth.h"
#include "calendar.h"
#include "clock.h"
#include "db.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "stats-money.h"
#include "views.h"
#include "visit-figures.h"

/* The filters every figure shares: ?1 centre, ?2 date, ?3 counter,
 * ?4 staff, ?5 service; ?7 and ?8 are the instants the day begins and
 * ends in the service's zone, for timestamps. */
#define APP_F "(?1 = 0 OR c.centre_id = ?1) AND (?3 IS NULL OR " \
	"a.counter = ?3) AND (?4 IS NULL OR a.staff_id = ?4) AND (?5 IS " \
	"NULL OR a.service_id = ?5)"
#define APP_J " FROM applications a JOIN communities c ON " \
	"c.id = a.community_id"
#define REACHED "SELECT count(DISTINCT a.id) FROM timeline t JOIN " \
	"applications a ON a.id = t.application_id JOIN communities c ON " \
	"c.id = a.community_id WHERE t.at >= ?7 AND t.at < ?8 AND " \
	"t.action != 'handoff_received' AND t.to_status = ?6 AND " APP_F

/* One day's question, as bound to each statement. */
struct day {
	long long	 centre, staff, service;
	const char	*counter;
	char		 date[11], start[21], end[21];
};

/* Binds the day to st; ?6 (a status) when given. */
static void
bind_day(struct db_stmt *st, const struct day *d, const char *status)
{
	db_bind_int(st, 1, d->centre);
	db_bind_text(st, 2, d->date);
	if (d->counter != NULL)
		db_bind_text(st, 3, d->counter);
	if (d->staff != 0)
		db_bind_int(st, 4, d->staff);
	if (d->service != 0)
		db_bind_int(st, 5, d->service);
	if (status != NULL)
		db_bind_text(st, 6, status);
	db_bind_text(st, 7, d->start);
	db_bind_text(st, 8, d->end);
}

/* The integer a figure's statement gives. */
static long long
figure(struct req *r, const char *sql, const struct day *d,
    const char *status)
{
	struct db_stmt	*st = db_stmt(r->db, sql);
	long long	 n = 0;

	bind_day(st, d, status);
	if (db_step(st) == 1)
		n = db_int(st, 0);
	db_reset(st);
	return (n);
}

/* Reads the query; -1 having replied 400 or 403. */
static int
read_day(struct req *r, struct day *d)
{
	static const char *const	 allowed[] = { "date", "counter",
	    "staff_id", "service_id", "centre_id", NULL };
	cJSON				*errors = NULL;
	const char			*s;
	char				 today[11];
	long long			 v;

	memset(d, 0, sizeof *d);
	q_check(r, allowed, 0, &errors);
	clock_date(clock_now(), today);
	memcpy(d->date, today, sizeof d->date);
	if ((s = q_date(r, "date", &errors)) != NULL) {
		if (strcmp(s, today) > 0)
			field_error(&errors, "date", "date", "日期不能晚于今天");
		snprintf(d->date, sizeof d->date, "%s", s);
	}
	clock_day_bounds(d->date, d->start, d->end);
	d->counter = q_string(r, "counter", 1, 8, &errors);
	q_int(r, "staff_id", 1, JSON_MAX_ID, &errors, &d->staff);
	q_int(r, "service_id", 1, JSON_MAX_ID, &errors, &d->service);
	d->centre = scope_home_centre(r->staff);
	if (q_int(r, "centre_id", 1, JSON_MAX_ID, &errors, &v) == 1) {
		if (!scope_centre_ok(r->staff, v)) {
			cJSON_Delete(errors);
			req_note(r, "refused: the figures of centre %lld", v);
			reply_forbidden(r, "只能查看本中心的统计");
			return (-1);
		}
		d->centre = v;
	}
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* Applications received per local hour, counted here: the hour of a
 * timestamp is the service zone's, which SQL does not know. */
static cJSON *
per_hour(struct req *r, const struct day *d)
{
	struct db_stmt	*st;
	long long	 hours[24] = { 0 };
	cJSON		*list = cJSON_CreateArray();
	int		 h;

	st = db_stmt(r->db, "SELECT a.created_at" APP_J " WHERE "
	    "a.created_date = ?2 AND " APP_F);
	bind_day(st, d, NULL);
	while (db_step(st) == 1) {
		h = clock_hour_of(db_text(st, 0));
		if (h >= 0 && h < 24)
			hours[h]++;
	}
	db_reset(st);
	for (h = 0; h < 24; h++)
		cJSON_AddItemToArray(list, cJSON_CreateNumber((double)hours[h]));
	return (list);
}

/* Services with something received or completed that day. */
static cJSON *
per_service(struct req *r, const struct day *d)
{
	struct db_stmt	*st;
	cJSON		*list = cJSON_CreateArray(), *o, *s;

	st = db_stmt(r->db, "SELECT s.id, s.txcode, s.name, sum(x.rec), "
	    "sum(x.done) FROM (SELECT a.service_id AS sid, 1 AS rec, 0 AS "
	    "done" APP_J " WHERE a.created_date = ?2 AND " APP_F " UNION ALL "
	    "SELECT DISTINCT a.service_id, 0, 1 FROM timeline t JOIN "
	    "applications a ON a.id = t.application_id JOIN communities c ON "
	    "c.id = a.community_id WHERE t.at >= ?7 AND t.at < ?8 AND "
	    "t.to_status = 'completed' AND t.action = 'complete' AND " APP_F
	    ") x JOIN services s ON s.id = x.sid GROUP BY s.id ORDER BY "
	    "s.txcode");
	bind_day(st, d, NULL);
	while (db_step(st) == 1) {
		o = cJSON_CreateObject();
		s = cJSON_AddObjectToObject(o, "service");
		cJSON_AddNumberToObject(s, "id", db_int(st, 0));
		cJSON_AddStringToObject(s, "txcode", db_text(st, 1));
		cJSON_AddStringToObject(s, "name", db_text(st, 2));
		cJSON_AddNumberToObject(o, "received",
		    db_int(st, 3));
		cJSON_AddNumberToObject(o, "completed",
		    db_int(st, 4));
		cJSON_AddItemToArray(list, o);
	}
	db_reset(st);
	return (list);
}

/* The centre's reference, or null for all centres. */
static void
add_centre(struct req *r, cJSON *o, long long centre)
{
	struct db_stmt	*st;

	if (centre != 0 && db_query(r->db, &st, "SELECT name FROM centres "
	    "WHERE id = ?", "l", centre) == 1)
		view_ref(o, "centre", centre, db_text(st, 0));
	else
		cJSON_AddNullToObject(o, "centre");
	if (centre != 0)
		db_reset(st);
}

/* The ticket and certificate figures; zero when a service is asked. */
static void
add_counter_figures(struct req *r, cJSON *o, const struct day *d)
{
	struct db_stmt	*st;

	cJSON_AddNumberToObject(o, "certificates_issued", (double)figure(r,
	    "SELECT count(*) FROM certificates x JOIN communities c ON "
	    "c.id = x.community_id LEFT JOIN tickets k ON k.id = x.ticket_id "
	    "WHERE (?1 = 0 OR c.centre_id = ?1) AND x.issued_date = ?2 AND "
	    "(?3 IS NULL OR k.counter = ?3) AND (?4 IS NULL OR x.issued_by = "
	    "?4) AND ?5 IS NULL", d, NULL));
	cJSON_AddNumberToObject(o, "tickets_issued", (double)figure(r,
	    "SELECT count(*) FROM tickets WHERE (?1 = 0 OR centre_id = ?1) "
	    "AND date = ?2 AND (?3 IS NULL OR counter = ?3) AND (?4 IS NULL "
	    "OR called_by = ?4) AND ?5 IS NULL", d, NULL));
	cJSON_AddNumberToObject(o, "tickets_done", (double)figure(r,
	    "SELECT count(*) FROM tickets WHERE (?1 = 0 OR centre_id = ?1) "
	    "AND date = ?2 AND status = 'done' AND (?3 IS NULL OR counter = "
	    "?3) AND (?4 IS NULL OR called_by = ?4) AND ?5 IS NULL", d, NULL));
	st = db_stmt(r->db, "SELECT CAST(round(avg(CAST(strftime('%s', "
	    "first_called_at) AS INTEGER) - CAST(strftime('%s', issued_at) AS "
	    "INTEGER))) AS INTEGER) FROM "
	    "tickets WHERE (?1 = 0 OR centre_id = ?1) AND date = ?2 AND "
	    "first_called_at IS NOT NULL AND (?3 IS NULL OR counter = ?3) AND "
	    "(?4 IS NULL OR called_by = ?4) AND ?5 IS NULL");
	bind_day(st, d, NULL);
	if (db_step(st) == 1)
		view_int_or_null(o, "avg_wait_s", st, 0);
	else
		cJSON_AddNullToObject(o, "avg_wait_s");
	db_reset(st);
}

/* How far the working-day calendar reaches, and whether a due date
 * taken today, at the catalogue's longest time limit, would fall past
 * it: then the site must load next year's schedule. */
static void
add_calendar(struct req *r, cJSON *o)
{
	struct db_stmt	*st;
	char		 today[11], until[11], due[11];
	int		 longest = 0;

	clock_date(clock_now(), today);
	calendar_until(today, until);
	st = db_stmt(r->db, "SELECT max(time_limit_days) FROM services");
	if (db_step(st) == 1)
		longest = (int)db_int(st, 0);
	db_reset(st);
	if (*until == '\0') {
		cJSON_AddNullToObject(o, "calendar_until");
		cJSON_AddBoolToObject(o, "calendar_short", 1);
		return;
	}
	cJSON_AddStringToObject(o, "calendar_until", until);
	calendar_add_workdays(today, longest, due);
	cJSON_AddBoolToObject(o, "calendar_short", strcmp(due, until) > 0);
}

/* GET /stats/daily: one day of a centre in figures. */
static void
daily(struct req *r)
{
	static const char *const	 reached[] = { "accepted", "completed",
	    "rejected", "collected", NULL };
	struct day			 d;
	struct money_day		 m;
	cJSON				*o;
	size_t				 i;

	if (read_day(r, &d) != 0)
		return;
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "date", d.date);
	add_centre(r, o, d.centre);
	cJSON_AddNumberToObject(o, "received", (double)figure(r, "SELECT "
	    "count(*)" APP_J " WHERE a.created_date = ?2 AND " APP_F, &d,
	    NULL));
	for (i = 0; reached[i] != NULL; i++)
		cJSON_AddNumberToObject(o, reached[i], (double)figure(r,
		    REACHED, &d, reached[i]));
	cJSON_AddNumberToObject(o, "overdue", (double)figure(r, "SELECT "
	    "count(*)" APP_J " WHERE a.status IN ('submitted', 'accepted', "
	    "'forwarded') AND a.due_date < ?2 AND a.created_date <= ?2 AND "
	    APP_F, &d, NULL));
	add_counter_figures(r, o, &d);
	cJSON_AddItemToObject(o, "per_hour", per_hour(r, &d));
	cJSON_AddItemToObject(o, "per_service", per_service(r, &d));
	add_calendar(r, o);
	cJSON_AddItemToObject(o, "visits", visit_figures_centre(r->db,
	    d.centre, d.date));
	m.centre = d.centre;
	m.staff = d.staff;
	m.service = d.service;
	m.counter = d.counter;
	m.date = d.date;
	cJSON_AddItemToObject(o, "money", stats_money(r->db, &m));
	reply_json(r, 200, o);
}

/* The overdue list's filters as conditions; -1 having replied. */
static int
overdue_filters(struct req *r, struct listq *q, const char *today)
{
	static const char *const	 allowed[] = { "service_id", "staff_id",
	    "counter", "community_id", NULL };
	cJSON				*errors = NULL;
	const char			*s;
	long long			 v;

	q_check(r, allowed, 1, &errors);
	scope_list(q, r->staff, "c.centre_id = ?");
	listq_where(q, "a.status IN ('submitted', 'accepted', 'forwarded')",
	    "");
	listq_where(q, "a.due_date < ?", "t", today);
	if ((s = q_string(r, "counter", 1, 8, &errors)) != NULL)
		listq_where(q, "a.counter = ?", "t", s);
	if (q_int(r, "staff_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "a.staff_id = ?", "l", v);
	if (q_int(r, "service_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "a.service_id = ?", "l", v);
	if (q_int(r, "community_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "a.community_id = ?", "l", v);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* GET /stats/overdue: open applications past due, most overdue first. */
static void
overdue(struct req *r)
{
	struct listq	*q;
	struct db_stmt	*st;
	cJSON		*o;
	char		 today[11];

	if ((q = listq_req(r, APP_SUMMARY_COLS, APP_FROM)) == NULL)
		return;
	clock_date(clock_now(), today);
	if (overdue_filters(r, q, today) != 0) {
		listq_free(q);
		return;
	}
	listq_order(q, "a.due_date, a.id");
	while ((st = listq_next(q)) != NULL) {
		o = app_summary(st);
		cJSON_AddNumberToObject(o, "overdue_days",
		    calendar_workdays_between(db_text(st, 16), today));
		listq_add(q, o);
	}
	reply_json(r, 200, listq_page(q));
}

const struct route routes_stats[] = {
	{ "GET", "/api/v1/stats/daily", daily, 0, ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/stats/overdue", overdue, 0,
	    ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
