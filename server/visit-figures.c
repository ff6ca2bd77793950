/* Households visited in the last 30 and 90 days, and never, per grid or
 * centre (docs/api.md 20). */
#include <stdio.h>

#include "clock.h"
#include "db.h"
#include "views.h"
#include "visit-figures.h"

#define VISITED(since) "sum(CASE WHEN EXISTS (SELECT 1 FROM visits v " \
	"WHERE v.household_id = h.id AND v.visited_date >= " since " AND " \
	"v.visited_date <= ?5) THEN 1 ELSE 0 END)"

int
visit_figures(struct db *db, long long grid, long long centre,
    const char *date, cJSON *o)
{
	struct db_stmt	*st;
	char		 d30[11], d90[11];
	int		 rc;

	clock_add_days(date, -29, d30);
	clock_add_days(date, -89, d90);
	rc = db_query(db, &st, "SELECT count(*), " VISITED("?3") ", "
	    VISITED("?4") ", sum(CASE WHEN NOT EXISTS (SELECT 1 FROM visits "
	    "v WHERE v.household_id = h.id AND v.visited_date <= ?5) THEN 1 "
	    "ELSE 0 END) FROM households h JOIN communities c ON c.id = "
	    "h.community_id WHERE (?1 = 0 OR h.grid_id = ?1) AND (?2 = 0 OR "
	    "c.centre_id = ?2)", "llttt", grid, centre, d30, d90, date);
	cJSON_AddNumberToObject(o, "households", rc == 1 ?
	    (double)db_int(st, 0) : 0);
	cJSON_AddNumberToObject(o, "visited_30d", rc == 1 ?
	    (double)db_int(st, 1) : 0);
	cJSON_AddNumberToObject(o, "visited_90d", rc == 1 ?
	    (double)db_int(st, 2) : 0);
	cJSON_AddNumberToObject(o, "never_visited", rc == 1 ?
	    (double)db_int(st, 3) : 0);
	db_reset(st);
	return (rc < 0 ? -1 : 0);
}

cJSON *
visit_figures_centre(struct db *db, long long centre, const char *date)
{
	struct db_stmt	*st;
	cJSON		*o = cJSON_CreateObject(), *list, *g;

	visit_figures(db, 0, centre, date, o);
	list = cJSON_AddArrayToObject(o, "per_grid");
	st = db_stmt(db, "SELECT g.id, g.name, c.id, c.name, m.id, m.name "
	    "FROM grids g JOIN communities c ON c.id = g.community_id LEFT "
	    "JOIN staff m ON m.id = g.member_id WHERE ?1 = 0 OR c.centre_id "
	    "= ?1 ORDER BY g.id");
	db_bind_int(st, 1, centre);
	while (db_step(st) == 1) {
		g = cJSON_CreateObject();
		view_ref(g, "grid", db_int(st, 0), db_text(st, 1));
		view_ref(g, "community", db_int(st, 2), db_text(st, 3));
		view_ref(g, "member", db_int(st, 4), db_text(st, 5));
		cJSON_AddItemToArray(list, g);
	}
	db_reset(st);
	cJSON_ArrayForEach(g, list)
		visit_figures(db, (long long)cJSON_GetNumberValue(
		    cJSON_GetObjectItem(cJSON_GetObjectItem(g, "grid"), "id")),
		    0, date, g);
	return (o);
}
