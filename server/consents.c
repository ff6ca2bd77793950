/* Whose consent a read under a purpose still wants (docs/api.md 23). */
#include <string.h>

#include "clock.h"
#include "consents.h"
#include "db.h"
#include "purposes.h"
#include "views.h"

/* 1 when the resident holds a consent to the purpose valid on today. */
static int
has_consent(struct db *db, long long purpose, long long resident,
    const char *today)
{
	struct db_stmt	*st;
	int		 rc;

	rc = db_query(db, &st, "SELECT 1 FROM consents WHERE resident_id = ? "
	    "AND purpose_id = ? AND withdrawn_on IS NULL AND signed_on <= ? "
	    "AND expires_on >= ?", "lltt", resident, purpose, today, today);
	db_reset(st);
	return (rc == 1);
}

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
	/* the resident, then the household's other active members */
	rc = db_query(db, &st, "SELECT id, name, id_number, birth_date FROM "
	    "residents WHERE id = ?1 OR (?2 = 1 AND household_id = (SELECT "
	    "household_id FROM residents WHERE id = ?1) AND status = "
	    "'active') ORDER BY id = ?1 DESC, birth_date, id", "ll",
	    resident, (long long)all);
	while (rc == 1) {
		if ((db_int(st, 0) == resident ||
		    clock_age(db_text(st, 3), now) >= 18) &&
		    !has_consent(db, p->id, db_int(st, 0), today)) {
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
