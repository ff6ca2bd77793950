/* Whose consent a read under a purpose still wants (docs/api.md 23). */
#include <string.h>

#include "clock.h"
#include "consents.h"
#include "db.h"
#include "purposes.h"
#include "views.h"

cJSON *
consent_missing(struct db *db, const struct purpose *p, long long resident,
    time_t now)
{
	struct db_stmt	*st;
	cJSON		*missing = cJSON_CreateArray(), *o;
	char		 today[16];
	int		 rc, all;

	if (strcmp(p->consent, "none") == 0)
		return (missing);
	clock_date(now, today);
	all = strcmp(p->consent, "household_adults") == 0;
	/* the resident, then the household's other active members, each
	 * with whether a consent to the purpose is valid today */
	rc = db_query(db, &st, "SELECT r.id, r.name, r.id_number, "
	    "r.birth_date, EXISTS (SELECT 1 FROM consents k WHERE "
	    "k.resident_id = r.id AND k.purpose_id = ?3 AND k.withdrawn_on IS "
	    "NULL AND k.signed_on <= ?4 AND k.expires_on >= ?4) FROM "
	    "residents r WHERE r.id = ?1 OR (?2 = 1 AND r.household_id = "
	    "(SELECT household_id FROM residents WHERE id = ?1) AND r.status "
	    "= 'active') ORDER BY r.id = ?1 DESC, r.birth_date, r.id", "lllt",
	    resident, (long long)all, p->id, today);
	while (rc == 1) {
		if ((db_int(st, 0) == resident ||
		    clock_age(db_text(st, 3), now) >= 18) &&
		    db_int(st, 4) == 0) {
			o = cJSON_CreateObject();
			cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
			cJSON_AddStringToObject(o, "name", db_text(st, 1));
			view_masked_id(o, "id_number_masked", db_text(st, 2));
			cJSON_AddItemToArray(missing, o);
		}
		rc = db_step(st);
	}
	db_reset(st);
	if (rc < 0) {
		cJSON_Delete(missing);
		return (NULL);
	}
	return (missing);
}
