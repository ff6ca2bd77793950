/* The service catalog, the same for every centre and read-only: a
 * service's summary and the whole service. */
#include "catalog.h"
#include "db.h"
#include "json.h"
#include "views.h"

cJSON *
catalog_summary(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject(), *c;

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "txcode", db_text(st, 1));
	cJSON_AddStringToObject(o, "item_code", db_text(st, 2));
	cJSON_AddStringToObject(o, "name", db_text(st, 3));
	cJSON_AddStringToObject(o, "name_en", db_text(st, 4));
	cJSON_AddStringToObject(o, "pinyin", db_text(st, 5));
	c = cJSON_AddObjectToObject(o, "category");
	cJSON_AddNumberToObject(c, "id", db_int(st, 6));
	cJSON_AddStringToObject(c, "code", db_text(st, 7));
	cJSON_AddStringToObject(c, "name", db_text(st, 8));
	cJSON_AddNumberToObject(o, "time_limit_days",
	    db_int(st, 9));
	cJSON_AddNumberToObject(o, "fee_fen", db_int(st, 10));
	cJSON_AddNumberToObject(o, "version", db_int(st, 11));
	return (o);
}

cJSON *
catalog_service(struct db *db, long long id, const char *txcode,
    long long *version)
{
	return (catalog_service_of(catalog_service_read(db, id, txcode),
	    version));
}

struct db_stmt *
catalog_service_read(struct db *db, long long id, const char *txcode)
{
	return (db_read_ahead(db, "SELECT " SERVICE_DETAIL_COLS SERVICE_FROM
	    " WHERE s.id = ?1 OR s.txcode = ?2", "lt", id, txcode));
}

cJSON *
catalog_service_of(struct db_stmt *st, long long *version)
{
	cJSON	*o;

	if (db_step(st) != 1) {
		db_reset(st);
		return (NULL);
	}
	o = catalog_summary(st);
	*version = db_int(st, 11);
	view_stored(o, "conditions", db_text(st, 12));
	view_stored(o, "materials", db_text(st, 13));
	cJSON_AddStringToObject(o, "department", db_text(st, 14));
	view_stored(o, "approval_chain", db_text(st, 15));
	view_stored(o, "form", db_text(st, 16));
	cJSON_AddStringToObject(o, "updated_at", db_text(st, 17));
	cJSON_AddBoolToObject(o, "withdrawn", db_int(st, 18) != 0);
	cJSON_AddBoolToObject(o, "one_open", db_int(st, 19) != 0);
	json_add_nullable(o, "fee_basis", db_text(st, 20));
	view_stored(o, "fee_reliefs", db_text(st, 21));
	view_stored(o, "fee_cases", db_text(st, 22));
	db_reset(st);
	return (o);
}
