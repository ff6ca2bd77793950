/* The departments and their purposes (docs/api.md 23). */
#include "db.h"
#include "purposes.h"

void
purpose_add_department(struct db *db, cJSON *o, long long staff_id)
{
	struct db_stmt	*st;
	cJSON		*d;

	if (db_query(db, &st, "SELECT d.code, d.name FROM staff s JOIN "
	    "departments d ON d.code = s.department WHERE s.id = ?", "l",
	    staff_id) == 1) {
		d = cJSON_AddObjectToObject(o, "department");
		cJSON_AddStringToObject(d, "code", db_text(st, 0));
		cJSON_AddStringToObject(d, "name", db_text(st, 1));
	} else
		cJSON_AddNullToObject(o, "department");
	db_reset(st);
}
