/* /api/v1/households: the households (户) of the caller's communities. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "residents.h"
#include "route.h"
#include "scope.h"
#include "views.h"

#define HOUSEHOLD_COLS "h.id, h.address, c.id, c.name, g.id, g.name, " \
	"(SELECT r.id FROM residents r WHERE r.household_id = h.id AND " \
	"r.relation = '户主' ORDER BY r.id LIMIT 1) AS head, " \
	"(SELECT count(*) FROM residents r WHERE r.household_id = h.id)"
#define HOUSEHOLD_FROM " FROM households h JOIN communities c ON " \
	"c.id = h.community_id LEFT JOIN grids g ON g.id = h.grid_id"
/* A HouseholdSummary from a row of HOUSEHOLD_COLS. */
static cJSON *
household_json(struct req *r, struct db_stmt *st)
{
	cJSON		*o = cJSON_CreateObject();
	struct db_stmt	*hs;
	long long	 head = db_int(st, 6);

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "address", db_text(st, 1));
	view_ref(o, "community", db_int(st, 2), db_text(st, 3));
	view_ref(o, "grid", db_int(st, 4), db_text(st, 5));
	if (head != 0 && db_query(r->db, &hs, "SELECT name, id_number FROM "
	    "residents WHERE id = ?", "l", head) == 1)
		view_resident(o, "head", head, db_text(hs, 0), db_text(hs, 1));
	else
		cJSON_AddNullToObject(o, "head");
	if (head != 0)
		db_reset(hs);
	cJSON_AddNumberToObject(o, "member_count",
	    (double)db_int(st, 7));
	return (o);
}

/* GET /households: the caller's, by id. */
static void
households(struct req *r)
{
	static const char *const	 allowed[] = { "community_id",
	    "grid_id", "address", NULL };
	struct listq			*q;
	struct db_stmt			*st;
	cJSON				*errors = NULL;
	const char			*address;
	long long			 community = 0, grid = 0;

	q_check(r, allowed, 1, &errors);
	q_int(r, "community_id", 1, JSON_MAX_ID, &errors, &community);
	q_int(r, "grid_id", 1, JSON_MAX_ID, &errors, &grid);
	address = q_string(r, "address", 2, 100, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if ((q = listq_req(r, HOUSEHOLD_COLS, HOUSEHOLD_FROM)) == NULL)
		return;
	scope_list(q, r->staff, "c.centre_id = ?");
	scope_list_grid(q, r->staff, "h.grid_id IN (SELECT id FROM grids "
	    "WHERE member_id = ?)");
	if (community != 0)
		listq_where(q, "h.community_id = ?", "l", community);
	if (grid != 0)
		listq_where(q, "h.grid_id = ?", "l", grid);
	if (address != NULL)
		listq_where(q, "instr(h.address, ?) > 0", "t", address);
	listq_order(q, "h.id");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, household_json(r, st));
	reply_json(r, 200, listq_page(q));
}

/* GET /households/{id} with its members, head first. */
static void
household(struct req *r)
{
	struct db_stmt	*st;
	cJSON		*o;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if (!scope_sees(r->db, r->staff, SCOPE_HOUSEHOLD, id)) {
		reply_not_found(r);
		return;
	}
	if (db_query(r->db, &st, "SELECT " HOUSEHOLD_COLS HOUSEHOLD_FROM
	    " WHERE h.id = ?", "l", id) != 1) {
		db_reset(st);
		reply_not_found(r);
		return;
	}
	o = household_json(r, st);
	db_reset(st);
	cJSON_AddItemToObject(o, "members", resident_members(r->db, id,
	    clock_now()));
	reply_json(r, 200, o);
}

const struct route routes_households[] = {
	{ "GET", "/api/v1/households", households, 0, ROLE_ANY },
	{ "GET", "/api/v1/households/{id}", household, 0, ROLE_ANY },
	{ NULL, NULL, NULL, 0, 0 }
};
