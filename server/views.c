/* Shared pieces of replies. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "valid.h"
#include "views.h"
#include "../util/xmalloc.h"

void
view_ref(cJSON *o, const char *key, long long id, const char *name)
{
	cJSON	*r;

	if (id == 0) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	r = cJSON_AddObjectToObject(o, key);
	cJSON_AddNumberToObject(r, "id", (double)id);
	cJSON_AddStringToObject(r, "name", name);
}

void
view_resident(cJSON *o, const char *key, long long id, const char *name,
    const char *id_number)
{
	cJSON	*r;

	if (id == 0) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	r = cJSON_AddObjectToObject(o, key);
	cJSON_AddNumberToObject(r, "id", (double)id);
	cJSON_AddStringToObject(r, "name", name);
	view_masked_id(r, "id_number_masked", id_number);
}

void
view_masked_id(cJSON *o, const char *key, const char *value)
{
	char	*m;

	if (value == NULL || *value == '\0') {
		cJSON_AddNullToObject(o, key);
		return;
	}
	m = mask_id(value);
	cJSON_AddStringToObject(o, key, m);
	free(m);
}

void
view_masked_phone(cJSON *o, const char *key, const char *value)
{
	char	*m;

	if (value == NULL || *value == '\0') {
		cJSON_AddNullToObject(o, key);
		return;
	}
	m = mask_phone(value);
	cJSON_AddStringToObject(o, key, m);
	free(m);
}

cJSON *
view_page(cJSON *items, int page, int per_page, long long total)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddItemToObject(o, "items", items);
	cJSON_AddNumberToObject(o, "page", page);
	cJSON_AddNumberToObject(o, "per_page", per_page);
	cJSON_AddNumberToObject(o, "total", (double)total);
	return (o);
}

void
view_stored(cJSON *o, const char *key, const char *text)
{
	cJSON	*v = text != NULL ? cJSON_Parse(text) : NULL;

	if (v == NULL)
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddItemToObject(o, key, v);
}

void
view_int_or_null(cJSON *o, const char *key, struct db_stmt *st, int col)
{
	if (db_null(st, col))
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddNumberToObject(o, key,
		    (double)db_int(st, col));
}

void
view_text_or_null(cJSON *o, const char *key, struct db_stmt *st, int col)
{
	if (db_null(st, col))
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddStringToObject(o, key, db_text(st, col));
}

void
view_tags(cJSON *o, const char *tags)
{
	cJSON	*list = cJSON_AddArrayToObject(o, "tags");
	char	*copy = xstrdup(tags), *p = copy, *t;

	while ((t = strsep(&p, ",")) != NULL) {
		if (*t != '\0')
			cJSON_AddItemToArray(list, cJSON_CreateString(t));
	}
	free(copy);
}
