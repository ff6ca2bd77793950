/* /api/v1/staff: the accounts of a centre, for supervisors (their own
 * centre) and admins (every centre). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "views.h"

#define STAFF_COLS "s.id, s.username, s.name, s.role, e.id, e.name, " \
	"s.active, s.phone"
#define STAFF_FROM " FROM staff s LEFT JOIN centres e ON e.id = s.centre_id"

static const char *const roles[] = {
	"clerk", "grid", "supervisor", "admin", NULL
};

/* The filters as conditions; -1 having replied 400. */
static int
filters(struct req *r, struct listq *q)
{
	static const char *const	 allowed[] = { "centre_id", "role",
	    "active", "q", NULL };
	static const char *const	 bools[] = { "true", "false", NULL };
	const char			*v[1], *text;
	cJSON				*errors = NULL;
	long long			 centre = 0;
	int				 active;

	q_check(r, allowed, 1, &errors);
	q_int(r, "centre_id", 1, JSON_MAX_ID, &errors, &centre);
	scope_list(q, r->staff, "s.centre_id = ?");
	if (centre != 0)
		listq_where(q, "s.centre_id = ?", "l", centre);
	if (q_options(r, "role", roles, v, 1, &errors) == 1)
		listq_where(q, "s.role = ?", "t", v[0]);
	active = q_options(r, "active", bools, v, 1, &errors) != 1 ||
	    strcmp(v[0], "true") == 0;
	listq_where(q, "s.active = ?", "d", active);
	/* a name or a username that starts so */
	if ((text = q_string(r, "q", 1, 30, &errors)) != NULL)
		listq_where(q, "(s.name >= ? AND s.name < ? || char(1114111)) "
		    "OR (s.username >= ? AND s.username < ? || "
		    "char(1114111))", "tttt", text, text, text, text);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* A Staff row. */
static cJSON *
staff_json(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "username", db_text(st, 1));
	cJSON_AddStringToObject(o, "name", db_text(st, 2));
	cJSON_AddStringToObject(o, "role", db_text(st, 3));
	view_ref(o, "centre", db_int(st, 4), db_text(st, 5));
	cJSON_AddBoolToObject(o, "active", db_int(st, 6));
	view_masked_phone(o, "phone_masked", db_text(st, 7));
	return (o);
}

/* GET /staff: accounts by id, for supervisors their centre's. */
static void
list(struct req *r)
{
	struct listq	*q;
	struct db_stmt	*st;

	if ((q = listq_req(r, STAFF_COLS, STAFF_FROM)) == NULL)
		return;
	if (filters(r, q) != 0) {
		listq_free(q);
		return;
	}
	listq_order(q, "s.id");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, staff_json(st));
	reply_json(r, 200, listq_page(q));
}

const struct route routes_staff[] = {
	{ "GET", "/api/v1/staff", list, 0, ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
