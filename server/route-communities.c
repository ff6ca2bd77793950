/* /api/v1/communities and /api/v1/grids: the places of the caller's
 * centre (an admin's: all), with their counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "views.h"

#define COMMUNITY_COLS "c.id, c.code, c.name, d.code, d.name, e.id, e.name"
#define COMMUNITY_FROM " FROM communities c JOIN districts d ON " \
	"d.code = c.district_code JOIN centres e ON e.id = c.centre_id"
#define GRID_COLS "g.id, g.name, c.id, c.name, s.id, s.name, s.phone, " \
	"(SELECT count(*) FROM residents WHERE grid_id = g.id), " \
	"(SELECT count(*) FROM households WHERE grid_id = g.id)"
#define GRID_FROM " FROM grids g JOIN communities c ON c.id = " \
	"g.community_id LEFT JOIN staff s ON s.id = g.member_id"

/* A Community from a row of COMMUNITY_COLS. */
static cJSON *
community_json(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject(), *d;

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "code", db_text(st, 1));
	cJSON_AddStringToObject(o, "name", db_text(st, 2));
	d = cJSON_AddObjectToObject(o, "district");
	cJSON_AddStringToObject(d, "code", db_text(st, 3));
	cJSON_AddStringToObject(d, "name", db_text(st, 4));
	view_ref(o, "centre", db_int(st, 5), db_text(st, 6));
	return (o);
}

/* The query's errors, if any, answered; 0 when there were none. */
static int
query_done(struct req *r, cJSON *errors)
{
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* GET /communities: the caller's, by code. */
static void
communities(struct req *r)
{
	static const char *const	 allowed[] = { "centre_id", NULL };
	struct listq			*q;
	struct db_stmt			*st;
	cJSON				*errors = NULL;
	long long			 centre = 0;

	q_check(r, allowed, 1, &errors);
	q_int(r, "centre_id", 1, JSON_MAX_ID, &errors, &centre);
	if (query_done(r, errors) != 0 || (q = listq_req(r, COMMUNITY_COLS,
	    COMMUNITY_FROM)) == NULL)
		return;
	scope_list(q, r->staff, "c.centre_id = ?");
	if (centre != 0)
		listq_where(q, "c.centre_id = ?", "l", centre);
	listq_order(q, "c.code");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, community_json(st));
	reply_json(r, 200, listq_page(q));
}

/* The community's grids, by id. */
static void
add_grid_refs(struct req *r, cJSON *o, long long id)
{
	struct db_stmt	*st;
	cJSON		*list = cJSON_AddArrayToObject(o, "grids"), *g;
	int		 rc;

	rc = db_query(r->db, &st, "SELECT id, name FROM grids WHERE "
	    "community_id = ? ORDER BY id", "l", id);
	while (rc == 1) {
		g = cJSON_CreateObject();
		cJSON_AddNumberToObject(g, "id", db_int(st, 0));
		cJSON_AddStringToObject(g, "name", db_text(st, 1));
		cJSON_AddItemToArray(list, g);
		rc = db_step(st) == 1;
	}
	db_reset(st);
}

/* GET /communities/{id} with its grids and counts. */
static void
community(struct req *r)
{
	struct db_stmt	*st;
	cJSON		*o, *street;
	long long	 id;
	char		 code[10];

	if ((id = req_id(r, 0)) < 0)
		return;
	if (!scope_sees(r->db, r->staff, SCOPE_COMMUNITY, id)) {
		reply_not_found(r);
		return;
	}
	if (db_query(r->db, &st, "SELECT " COMMUNITY_COLS ", "
	    "(SELECT count(*) FROM residents WHERE community_id = c.id), "
	    "(SELECT count(*) FROM households WHERE community_id = c.id), "
	    "(SELECT name FROM streets WHERE code = substr(c.code, 1, 9))"
	    COMMUNITY_FROM " WHERE c.id = ?", "l", id) != 1) {
		db_reset(st);
		reply_not_found(r);
		return;
	}
	o = community_json(st);
	snprintf(code, sizeof code, "%.9s", db_text(st, 1));
	street = cJSON_AddObjectToObject(o, "street");
	cJSON_AddStringToObject(street, "code", code);
	cJSON_AddStringToObject(street, "name", db_text(st, 9));
	cJSON_AddNumberToObject(o, "resident_count",
	    (double)db_int(st, 7));
	cJSON_AddNumberToObject(o, "household_count",
	    (double)db_int(st, 8));
	db_reset(st);
	add_grid_refs(r, o, id);
	reply_json(r, 200, o);
}

/* A Grid from a row of GRID_COLS. */
static cJSON *
grid_json(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject(), *m;

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "name", db_text(st, 1));
	view_ref(o, "community", db_int(st, 2), db_text(st, 3));
	if (db_null(st, 4))
		cJSON_AddNullToObject(o, "member");
	else {
		m = cJSON_AddObjectToObject(o, "member");
		cJSON_AddNumberToObject(m, "id", db_int(st, 4));
		cJSON_AddStringToObject(m, "name", db_text(st, 5));
		view_masked_phone(m, "phone_masked", db_text(st, 6));
	}
	cJSON_AddNumberToObject(o, "resident_count",
	    (double)db_int(st, 7));
	cJSON_AddNumberToObject(o, "household_count",
	    (double)db_int(st, 8));
	return (o);
}

/* GET /grids: the caller's grids, by id. */
static void
grids(struct req *r)
{
	static const char *const	 allowed[] = { "community_id", NULL };
	struct listq			*q;
	struct db_stmt			*st;
	cJSON				*errors = NULL;
	long long			 community = 0;

	q_check(r, allowed, 1, &errors);
	q_int(r, "community_id", 1, JSON_MAX_ID, &errors, &community);
	if (query_done(r, errors) != 0 || (q = listq_req(r, GRID_COLS,
	    GRID_FROM)) == NULL)
		return;
	scope_list(q, r->staff, "c.centre_id = ?");
	if (community != 0)
		listq_where(q, "c.id = ?", "l", community);
	listq_order(q, "g.id");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, grid_json(st));
	reply_json(r, 200, listq_page(q));
}

/* GET /grids/{id} with its member and counts. */
static void
grid(struct req *r)
{
	struct db_stmt	*st;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if (!scope_sees(r->db, r->staff, SCOPE_GRID, id)) {
		reply_not_found(r);
		return;
	}
	if (db_query(r->db, &st, "SELECT " GRID_COLS GRID_FROM " WHERE "
	    "g.id = ?", "l", id) != 1) {
		db_reset(st);
		reply_not_found(r);
		return;
	}
	reply_json(r, 200, grid_json(st));
	db_reset(st);
}

const struct route routes_communities[] = {
	{ "GET", "/api/v1/communities", communities, 0, ROLE_ANY },
	{ "GET", "/api/v1/communities/{id}", community, 0, ROLE_ANY },
	{ "GET", "/api/v1/grids", grids, 0, ROLE_ANY },
	{ "GET", "/api/v1/grids/{id}", grid, 0, ROLE_ANY },
	{ NULL, NULL, NULL, 0, 0 }
};
