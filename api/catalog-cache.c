/* The catalog cache: one row per service, replaced when a newer version
 * is read, never consulted while the server answers. */
#include <time.h>

#include "catalog-cache.h"
#include "outbox.h"
#include "sqlite-load.h"
#include "../util/log.h"

/* SQLite's calls: loaded already, since the outbox beside the cache was
 * opened through them. */
static const struct sqlite_calls *
calls(void)
{
	const char	*cause;

	return (sqlite_calls(&cause));
}

int
catalog_cache_put(struct outbox *o, const cJSON *service)
{
	const struct sqlite_calls *sq;
	sqlite3_stmt	*st;
	const char	*txcode;
	char		*text;
	int		 rc;

	txcode = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
	    service, "txcode"));
	if (o == NULL || txcode == NULL ||
	    (text = cJSON_PrintUnformatted(service)) == NULL)
		return (-1);
	sq = calls();
	if (sq->prepare_v2(outbox_db(o), "INSERT OR REPLACE INTO catalog "
	    "(txcode, version, saved_at, service) VALUES (?, ?, ?, ?)", -1,
	    &st, NULL) != SQLITE_OK) {
		cJSON_free(text);
		return (-1);
	}
	sq->bind_text(st, 1, txcode, -1, SQLITE_TRANSIENT);
	sq->bind_int64(st, 2, (sqlite3_int64)cJSON_GetNumberValue(
	    cJSON_GetObjectItemCaseSensitive(service, "version")));
	sq->bind_int64(st, 3, (sqlite3_int64)time(NULL));
	sq->bind_text(st, 4, text, -1, SQLITE_TRANSIENT);
	rc = sq->step(st) == SQLITE_DONE ? 0 : -1;
	sq->finalize(st);
	cJSON_free(text);
	if (rc != 0)
		log_info("catalog cache: %s", sq->errmsg(outbox_db(o)));
	return (rc);
}

cJSON *
catalog_cache_get(struct outbox *o, const char *txcode, long long *saved_at)
{
	const struct sqlite_calls *sq;
	sqlite3_stmt	*st;
	cJSON		*j = NULL;

	if (o == NULL)
		return (NULL);
	sq = calls();
	if (sq->prepare_v2(outbox_db(o), "SELECT service, saved_at FROM "
	    "catalog WHERE txcode = ?", -1, &st, NULL) != SQLITE_OK)
		return (NULL);
	sq->bind_text(st, 1, txcode, -1, SQLITE_TRANSIENT);
	if (sq->step(st) == SQLITE_ROW) {
		j = cJSON_Parse((const char *)sq->column_text(st, 0));
		if (saved_at != NULL)
			*saved_at = sq->column_int64(st, 1);
	}
	sq->finalize(st);
	return (j);
}
