/* Residents as their routes and others show them: the summary of a
 * row, the profile with grid and household, a household's members. */
#include <string.h>
#include <time.h>

#include "clock.h"
#include "db.h"
#include "json.h"
#include "residents.h"
#include "route.h"
#include "scope.h"
#include "views.h"

cJSON *
resident_summary(struct db_stmt *st, time_t now)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "name", db_text(st, 1));
	cJSON_AddStringToObject(o, "sex", strcmp(db_text(st, 2), "M") == 0 ?
	    "M" : "F");
	cJSON_AddNumberToObject(o, "age", clock_age(db_text(st, 3), now));
	view_masked_id(o, "id_number_masked", db_text(st, 4));
	view_masked_phone(o, "phone_masked", db_text(st, 5));
	view_ref(o, "community", db_int(st, 6), db_text(st, 7));
	cJSON_AddStringToObject(o, "address", db_text(st, 8));
	return (o);
}

/* The resident's grid with its member, or null. */
static void
add_grid(struct req *r, cJSON *o, long long grid_id)
{
	struct db_stmt	*st;
	cJSON		*g, *m;

	if (grid_id == 0 || db_query(r->db, &st, "SELECT g.id, g.name, "
	    "s.name, s.phone FROM grids g LEFT JOIN staff s ON "
	    "s.id = g.member_id WHERE g.id = ?", "l", grid_id) != 1) {
		if (grid_id != 0)
			db_reset(st);
		cJSON_AddNullToObject(o, "grid");
		return;
	}
	g = cJSON_AddObjectToObject(o, "grid");
	cJSON_AddNumberToObject(g, "id", db_int(st, 0));
	cJSON_AddStringToObject(g, "name", db_text(st, 1));
	if (db_null(st, 2))
		cJSON_AddNullToObject(g, "member");
	else {
		m = cJSON_AddObjectToObject(g, "member");
		cJSON_AddStringToObject(m, "name", db_text(st, 2));
		view_masked_phone(m, "phone_masked", db_text(st, 3));
	}
	db_reset(st);
}

cJSON *
resident_members(struct db *db, long long hh_id, time_t now)
{
	struct db_stmt	*st;
	cJSON		*list = cJSON_CreateArray(), *m;
	int		 rc;

	rc = db_query(db, &st, "SELECT id, name, relation, sex, birth_date, "
	    "id_number FROM residents WHERE household_id = ? ORDER BY "
	    "relation <> '户主', birth_date, id", "l", hh_id);
	while (rc == 1) {
		m = cJSON_CreateObject();
		cJSON_AddNumberToObject(m, "id", db_int(st, 0));
		cJSON_AddStringToObject(m, "name", db_text(st, 1));
		cJSON_AddStringToObject(m, "relation", db_text(st, 2));
		cJSON_AddStringToObject(m, "sex", db_text(st, 3));
		cJSON_AddNumberToObject(m, "age",
		    clock_age(db_text(st, 4), now));
		view_masked_id(m, "id_number_masked", db_text(st, 5));
		cJSON_AddItemToArray(list, m);
		rc = db_step(st) == 1;
	}
	db_reset(st);
	return (list);
}

/* The resident's household with its members, or null. */
static void
add_household(struct req *r, cJSON *o, long long hh_id, time_t now)
{
	struct db_stmt	*st;
	cJSON		*h;

	if (hh_id == 0 || db_query(r->db, &st, "SELECT id, address FROM "
	    "households WHERE id = ?", "l", hh_id) != 1) {
		if (hh_id != 0)
			db_reset(st);
		cJSON_AddNullToObject(o, "household");
		return;
	}
	h = cJSON_AddObjectToObject(o, "household");
	cJSON_AddNumberToObject(h, "id", db_int(st, 0));
	cJSON_AddStringToObject(h, "address", db_text(st, 1));
	db_reset(st);
	cJSON_AddItemToObject(h, "members", resident_members(r->db, hh_id,
	    now));
}

cJSON *
resident_profile(struct req *r, long long id, long long *version)
{
	struct db_stmt	*st;
	cJSON		*o;
	long long	 grid_id, hh_id;
	time_t		 now = clock_now();

	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, id))
		return (NULL);
	if (db_query(r->db, &st, "SELECT " RESIDENT_SUMMARY_COLS ", "
	    "r.ethnicity, r.grid_id, r.household_id, r.tags, r.version, "
	    "r.updated_at" RESIDENT_FROM " WHERE r.id = ?", "l", id) != 1) {
		db_reset(st);
		return (NULL);
	}
	o = resident_summary(st, now);
	json_add_nullable(o, "ethnicity", db_text(st, 9));
	grid_id = db_int(st, 10);
	hh_id = db_int(st, 11);
	view_tags(o, db_text(st, 12));
	*version = db_int(st, 13);
	cJSON_AddNumberToObject(o, "version", (double)*version);
	cJSON_AddStringToObject(o, "updated_at", db_text(st, 14));
	db_reset(st);
	add_grid(r, o, grid_id);
	add_household(r, o, hh_id, now);
	return (o);
}
