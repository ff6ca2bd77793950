/* Catalogue conditions against a resident's record and tags. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "conditions.h"
#include "db.h"
#include "../util/xmalloc.h"

int
cond_holds(const cJSON *c, const struct cond_subject *s)
{
	const char	*type = cJSON_GetStringValue(cJSON_GetObjectItem(c,
	    "type"));
	const cJSON	*v = cJSON_GetObjectItem(c, "value"), *id;
	char		*wrapped, *needle;
	int		 ok;

	if (type == NULL)
		return (0);
	if (strcmp(type, "min_age") == 0)
		return (s->age >= cJSON_GetNumberValue(v));
	if (strcmp(type, "max_age") == 0)
		return (s->age <= cJSON_GetNumberValue(v));
	if (strcmp(type, "community") == 0) {
		cJSON_ArrayForEach(id, v) {
			if ((long long)cJSON_GetNumberValue(id) == s->community)
				return (1);
		}
		return (0);
	}
	if (strcmp(type, "tag") != 0 || !cJSON_IsString(v))
		return (0);
	wrapped = xasprintf(",%s,", s->tags);
	needle = xasprintf(",%s,", v->valuestring);
	ok = strstr(wrapped, needle) != NULL;
	free(wrapped);
	free(needle);
	return (ok);
}

int
cond_subject_load(struct db *db, long long resident_id,
    struct cond_subject *s)
{
	struct db_stmt	*st;
	int		 rc;

	memset(s, 0, sizeof *s);
	rc = db_query(db, &st, "SELECT birth_date, community_id, tags FROM "
	    "residents WHERE id = ?", "l", resident_id);
	if (rc == 1) {
		s->age = clock_age(db_text(st, 0), clock_now());
		s->community = db_int(st, 1);
		snprintf(s->tags, sizeof s->tags, "%s", db_text(st, 2));
	}
	db_reset(st);
	return (rc == 1 ? 0 : -1);
}
