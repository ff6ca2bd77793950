/* /api/v1/visits/coverage and /api/v1/visits/unvisited: how well each
 * grid's households are visited, and the households no one has visited
 * (lately), for the grid member's round and the supervisor's figures
 * (docs/api.md 20). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "fieldwork.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "views.h"
#include "visit-figures.h"

#define GRID_COLS "g.id, g.name, c.id, c.name, m.id, m.name"
#define GRID_FROM " FROM grids g JOIN communities c ON c.id = " \
	"g.community_id LEFT JOIN staff m ON m.id = g.member_id"

#define HOME_COLS "h.id, h.address, h.number, g.id, g.name, c.id, c.name, " \
	"(SELECT r.id FROM residents r WHERE r.household_id = h.id AND " \
	"r.relation = '户主' ORDER BY r.id LIMIT 1), (SELECT count(*) FROM " \
	"residents r WHERE r.household_id = h.id), (SELECT max(v.visited_at) " \
	"FROM visits v WHERE v.household_id = h.id)"
#define HOME_FROM " FROM households h JOIN communities c ON c.id = " \
	"h.community_id LEFT JOIN grids g ON g.id = h.grid_id"

/* The last visit to any household of the grid, or null. */
static void
add_last_visit(struct req *r, cJSON *o, long long grid)
{
	struct db_stmt	*st;

	if (db_query(r->db, &st, "SELECT max(v.visited_at) FROM visits v JOIN "
	    "households h ON h.id = v.household_id WHERE h.grid_id = ?", "l",
	    grid) == 1)
		view_text_or_null(o, "last_visit_at", st, 0);
	else
		cJSON_AddNullToObject(o, "last_visit_at");
	db_reset(st);
}

/* GET /visits/coverage: per grid, by the grid's id. */
static void
coverage(struct req *r)
{
	static const char *const	 allowed[] = { "community_id",
	    "grid_id", NULL };
	struct listq			*q;
	struct db_stmt			*st;
	cJSON				*errors = NULL, *o;
	long long			 v;
	char				 today[11];

	if ((q = listq_req(r, GRID_COLS, GRID_FROM)) == NULL)
		return;
	q_check(r, allowed, 1, &errors);
	fieldwork_list(q, r->staff, "c.centre_id = ?",
	    FIELDWORK_GRID("g.id"));
	if (q_int(r, "community_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "g.community_id = ?", "l", v);
	if (q_int(r, "grid_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "g.id = ?", "l", v);
	if (errors != NULL) {
		listq_free(q);
		reply_validation(r, errors);
		return;
	}
	clock_date(clock_now(), today);
	listq_order(q, "g.id");
	while ((st = listq_next(q)) != NULL) {
		o = cJSON_CreateObject();
		view_ref(o, "grid", db_int(st, 0), db_text(st, 1));
		view_ref(o, "community", db_int(st, 2), db_text(st, 3));
		view_ref(o, "member", db_int(st, 4), db_text(st, 5));
		visit_figures(r->db, db_int(st, 0), 0, today, o);
		add_last_visit(r, o, db_int(st, 0));
		listq_add(q, o);
	}
	reply_json(r, 200, listq_page(q));
}

/* An UnvisitedHousehold from a row of HOME_COLS. */
static cJSON *
home_json(struct req *r, struct db_stmt *st)
{
	cJSON		*o = cJSON_CreateObject();
	struct db_stmt	*hs;
	long long	 head = db_int(st, 7);

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "address", db_text(st, 1));
	view_text_or_null(o, "number", st, 2);
	view_ref(o, "grid", db_int(st, 3), db_text(st, 4));
	view_ref(o, "community", db_int(st, 5), db_text(st, 6));
	if (head != 0 && db_query(r->db, &hs, "SELECT name, id_number FROM "
	    "residents WHERE id = ?", "l", head) == 1)
		view_resident(o, "head", head, db_text(hs, 0), db_text(hs, 1));
	else
		cJSON_AddNullToObject(o, "head");
	if (head != 0)
		db_reset(hs);
	cJSON_AddNumberToObject(o, "member_count", db_int(st, 8));
	view_text_or_null(o, "last_visit_at", st, 9);
	return (o);
}

/* GET /visits/unvisited: households with no visit on the last days
 * days, or none ever, by id. */
static void
unvisited(struct req *r)
{
	static const char *const	 allowed[] = { "community_id",
	    "grid_id", "days", NULL };
	struct listq			*q;
	struct db_stmt			*st;
	cJSON				*errors = NULL;
	long long			 v, days = 0;
	char				 since[11];

	if ((q = listq_req(r, HOME_COLS, HOME_FROM)) == NULL)
		return;
	q_check(r, allowed, 1, &errors);
	fieldwork_list(q, r->staff, "c.centre_id = ?",
	    FIELDWORK_GRID("h.grid_id"));
	if (q_int(r, "community_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "h.community_id = ?", "l", v);
	if (q_int(r, "grid_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		listq_where(q, "h.grid_id = ?", "l", v);
	q_int(r, "days", 1, 3650, &errors, &days);
	if (errors != NULL) {
		listq_free(q);
		reply_validation(r, errors);
		return;
	}
	if (days == 0)
		listq_where(q, "NOT EXISTS (SELECT 1 FROM visits v WHERE "
		    "v.household_id = h.id)", "");
	else {
		clock_date(clock_now(), since);
		clock_add_days(since, 1 - (int)days, since);
		listq_where(q, "NOT EXISTS (SELECT 1 FROM visits v WHERE "
		    "v.household_id = h.id AND v.visited_date >= ?)", "t",
		    since);
	}
	listq_order(q, "h.id");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, home_json(r, st));
	reply_json(r, 200, listq_page(q));
}

const struct route routes_visit_coverage[] = {
	{ "GET", "/api/v1/visits/coverage", coverage, 0, ROLE_ANY },
	{ "GET", "/api/v1/visits/unvisited", unvisited, 0, ROLE_ANY },
	{ NULL, NULL, NULL, 0, 0 }
};
