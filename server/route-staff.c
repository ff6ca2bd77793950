/* /api/v1/staff: the accounts of a centre, for supervisors (their own
 * centre) and admins (every centre). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "views.h"

#define STAFF_WHERE " FROM staff s LEFT JOIN centres e ON e.id = " \
	"s.centre_id WHERE (?1 = 0 OR s.centre_id = ?1) AND (?2 = 0 OR " \
	"s.centre_id = ?2) AND (?3 IS NULL OR s.role = ?3) AND s.active = ?4 " \
	"AND (?5 IS NULL OR (s.name >= ?5 AND s.name < ?5 || char(1114111)) " \
	"OR (s.username >= ?5 AND s.username < ?5 || char(1114111)))"

static const char *const roles[] = {
	"clerk", "grid", "supervisor", "admin", NULL
};

/* Binds the filters; -1 having replied 400. */
static int
filters(struct req *r, struct db_stmt *st)
{
	static const char *const	 allowed[] = { "centre_id", "role",
	    "active", "q", NULL };
	static const char *const	 bools[] = { "true", "false", NULL };
	const char			*v[1], *q;
	cJSON				*errors = NULL;
	long long			 centre = 0;

	q_check(r, allowed, 1, &errors);
	q_int(r, "centre_id", 1, JSON_MAX_ID, &errors, &centre);
	db_bind_int(st, 1, req_centre(r));
	db_bind_int(st, 2, centre);
	if (q_options(r, "role", roles, v, 1, &errors) == 1)
		db_bind_text(st, 3, v[0]);
	db_bind_int(st, 4, q_options(r, "active", bools, v, 1,
	    &errors) != 1 || strcmp(v[0], "true") == 0);
	if ((q = q_string(r, "q", 1, 30, &errors)) != NULL)
		db_bind_text(st, 5, q);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* GET /staff: accounts by id, for supervisors their centre's. */
static void
list(struct req *r)
{
	struct db_stmt	*st;
	cJSON		*items, *o;
	long long	 total = 0;
	int		 page, per_page;

	if (req_paging(r, &page, &per_page) != 0)
		return;
	st = db_stmt(r->db, "SELECT count(*)" STAFF_WHERE);
	if (filters(r, st) != 0)
		return;
	if (db_step(st) == 1)
		total = db_int(st, 0);
	db_reset(st);
	st = db_stmt(r->db, "SELECT s.id, s.username, s.name, s.role, e.id, "
	    "e.name, s.active, s.phone" STAFF_WHERE " ORDER BY s.id LIMIT ?6 "
	    "OFFSET ?7");
	filters(r, st);
	db_bind_int(st, 6, per_page);
	db_bind_int(st, 7, (long long)(page - 1) * per_page);
	items = cJSON_CreateArray();
	while (db_step(st) == 1) {
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", db_int(st, 0));
		cJSON_AddStringToObject(o, "username", db_text(st, 1));
		cJSON_AddStringToObject(o, "name", db_text(st, 2));
		cJSON_AddStringToObject(o, "role", db_text(st, 3));
		view_ref(o, "centre", db_int(st, 4),
		    db_text(st, 5));
		cJSON_AddBoolToObject(o, "active", db_int(st, 6));
		view_masked_phone(o, "phone_masked", db_text(st, 7));
		cJSON_AddItemToArray(items, o);
	}
	db_reset(st);
	reply_json(r, 200, view_page(items, page, per_page, total));
}

const struct route routes_staff[] = {
	{ "GET", "/api/v1/staff", list, 0, ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
