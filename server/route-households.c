/* /api/v1/households: the households (户) of the caller's communities. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "households.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "residents.h"
#include "route.h"
#include "scope.h"
#include "views.h"

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
		listq_add(q, household_summary(r, st));
	reply_json(r, 200, listq_page(q));
}

/* GET /households/{id} with its members, head first. */
static void
household(struct req *r)
{
	cJSON		*o;
	long long	 id, version;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = household_full(r, id, &version)) == NULL) {
		reply_not_found(r);
		return;
	}
	reply_versioned(r, 200, o, version);
}

const struct route routes_households[] = {
	{ "GET", "/api/v1/households", households, 0, ROLE_ANY },
	{ "GET", "/api/v1/households/{id}", household, 0, ROLE_ANY },
	{ NULL, NULL, NULL, 0, 0 }
};
