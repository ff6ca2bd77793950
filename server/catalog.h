/* The service catalog as its routes and the application routes need it
 * (catalog.c). */
#ifndef SERVER_CATALOG_H
#define SERVER_CATALOG_H

#include <cjson/cJSON.h>

struct db;
struct db_stmt;

/* The columns of a ServiceSummary (s the service, k its category), of a
 * whole Service, and their FROM. */
#define SERVICE_SUMMARY_COLS "s.id, s.txcode, s.item_code, s.name, " \
	"s.name_en, s.pinyin, k.id, k.code, k.name, s.time_limit_days, " \
	"s.fee_fen, s.version"
#define SERVICE_DETAIL_COLS SERVICE_SUMMARY_COLS ", s.conditions, " \
	"s.materials, s.department, s.approval_chain, s.form, " \
	"s.updated_at, s.withdrawn, s.one_open, s.fee_basis, s.fee_reliefs, " \
	"s.fee_cases"
#define SERVICE_FROM " FROM services s JOIN service_categories k ON " \
	"k.id = s.category_id"

/* A ServiceSummary from a row of SERVICE_SUMMARY_COLS. */
cJSON	*catalog_summary(struct db_stmt *);
/* The Service with id (or, when id is 0, with txcode); NULL if none.
 * The caller frees it. */
cJSON	*catalog_service(struct db *, long long id, const char *txcode,
	    long long *version);
/* The same in two steps: its read, sent ahead (db_read_ahead()), then
 * the Service it reads. */
struct db_stmt	*catalog_service_read(struct db *, long long id,
		    const char *txcode);
cJSON		*catalog_service_of(struct db_stmt *, long long *version);

#endif
