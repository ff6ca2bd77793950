/* The catalog cache: one row per service, replaced when a newer version
 * is read, never consulted while the server answers. */
#include <time.h>

#include <sqlite3.h>

#include "catalog-cache.h"
#include "outbox.h"
#include "../util/log.h"

int
catalog_cache_put(struct outbox *o, const cJSON *service)
{
	sqlite3_stmt	*st;
	const char	*txcode;
	char		*text;
	int		 rc;

	txcode = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
	    service, "txcode"));
	if (o == NULL || txcode == NULL ||
	    (text = cJSON_PrintUnformatted(service)) == NULL)
		return (-1);
	if (sqlite3_prepare_v2(outbox_db(o), "INSERT OR REPLACE INTO catalog "
	    "(txcode, version, saved_at, service) VALUES (?, ?, ?, ?)", -1,
	    &st, NULL) != SQLITE_OK) {
		cJSON_free(text);
		return (-1);
	}
	sqlite3_bind_text(st, 1, txcode, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)cJSON_GetNumberValue(
	    cJSON_GetObjectItemCaseSensitive(service, "version")));
	sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
	sqlite3_bind_text(st, 4, text, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	cJSON_free(text);
	if (rc != 0)
		log_info("catalog cache: %s", sqlite3_errmsg(outbox_db(o)));
	return (rc);
}

cJSON *
catalog_cache_get(struct outbox *o, const char *txcode, long long *saved_at)
{
	sqlite3_stmt	*st;
	cJSON		*j = NULL;

	if (o == NULL || sqlite3_prepare_v2(outbox_db(o), "SELECT service, "
	    "saved_at FROM catalog WHERE txcode = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return (NULL);
	sqlite3_bind_text(st, 1, txcode, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		j = cJSON_Parse((const char *)sqlite3_column_text(st, 0));
		if (saved_at != NULL)
			*saved_at = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return (j);
}
