/* /api/v1/service-categories and /api/v1/services: the service catalog,
 * the same for every centre and read-only (seed-catalog.c fills it). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "views.h"

#define SUMMARY_COLS "s.id, s.txcode, s.item_code, s.name, s.name_en, " \
	"s.pinyin, k.id, k.code, k.name, s.time_limit_days, s.fee_fen, " \
	"s.version"
#define DETAIL_COLS SUMMARY_COLS ", s.conditions, s.materials, " \
	"s.department, s.approval_chain, s.form, s.updated_at, s.one_open"
#define FROM " FROM services s JOIN service_categories k ON " \
	"k.id = s.category_id"
#define SEARCH " WHERE (?1 = 0 OR s.category_id = ?1) AND (?2 IS NULL OR " \
	"instr(lower(s.name), ?2) > 0 OR substr(s.txcode, 1, length(?2)) " \
	"= ?2 OR substr(lower(s.item_code), 1, length(?2)) = ?2 OR " \
	"substr(s.pinyin, 1, length(?2)) = ?2)"

/* GET /service-categories: all twelve, in one page. */
static void
categories(struct req *r)
{
	struct db_stmt	*st;
	cJSON		*errors = NULL, *items = cJSON_CreateArray(), *o;
	static const char *const none[] = { NULL };
	int		 n = 0;

	q_check(r, none, 0, &errors);
	if (errors != NULL) {
		cJSON_Delete(items);
		reply_validation(r, errors);
		return;
	}
	st = db_stmt(r->db, "SELECT k.id, k.code, k.name, k.name_en, "
	    "k.queue_prefix, (SELECT count(*) FROM services s WHERE "
	    "s.category_id = k.id) FROM service_categories k ORDER BY k.code");
	while (db_step(st) == 1) {
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", db_int(st, 0));
		cJSON_AddStringToObject(o, "code", db_text(st, 1));
		cJSON_AddStringToObject(o, "name", db_text(st, 2));
		cJSON_AddStringToObject(o, "name_en", db_text(st, 3));
		cJSON_AddStringToObject(o, "queue_prefix", db_text(st, 4));
		cJSON_AddNumberToObject(o, "service_count",
		    db_int(st, 5));
		cJSON_AddItemToArray(items, o);
		n++;
	}
	db_reset(st);
	reply_json(r, 200, view_page(items, 1, n, n));
}

/* A ServiceSummary from the first columns of a row. */
static cJSON *
summary_json(struct db_stmt *st)
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

/* GET /services: by category and by name, code or pinyin. */
static void
services(struct req *r)
{
	static const char *const	 allowed[] = { "category_id", "q", NULL };
	struct db_stmt			*st;
	cJSON				*errors = NULL, *items;
	const char			*q;
	char				 lower[160];
	long long			 category = 0, total = 0;
	int				 page, per_page;
	size_t				 i;

	q_check(r, allowed, 1, &errors);
	q_int(r, "category_id", 1, JSON_MAX_ID, &errors, &category);
	q = q_string(r, "q", 1, 32, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (req_paging(r, &page, &per_page) != 0)
		return;
	if (q != NULL) {
		for (i = 0; q[i] != '\0' && i < sizeof lower - 1; i++)
			lower[i] = (char)tolower((unsigned char)q[i]);
		lower[i] = '\0';
		q = lower;
	}
	if (db_query(r->db, &st, "SELECT count(*)" FROM SEARCH, "lt",
	    category, q) == 1)
		total = db_int(st, 0);
	db_reset(st);
	items = cJSON_CreateArray();
	st = db_stmt(r->db, "SELECT " SUMMARY_COLS FROM SEARCH
	    " ORDER BY s.txcode LIMIT ?3 OFFSET ?4");
	db_bind_int(st, 1, category);
	if (q != NULL)
		db_bind_text(st, 2, q);
	db_bind_int(st, 3, per_page);
	db_bind_int(st, 4, (long long)(page - 1) * per_page);
	while (db_step(st) == 1)
		cJSON_AddItemToArray(items, summary_json(st));
	db_reset(st);
	reply_json(r, 200, view_page(items, page, per_page, total));
}

cJSON *
catalog_service(struct db *db, long long id, const char *txcode,
    long long *version)
{
	struct db_stmt	*st;
	cJSON		*o;

	if (db_query(db, &st, "SELECT " DETAIL_COLS FROM " WHERE s.id = ?1 "
	    "OR s.txcode = ?2", "lt", id, txcode) != 1) {
		db_reset(st);
		return (NULL);
	}
	o = summary_json(st);
	*version = db_int(st, 11);
	view_stored(o, "conditions", db_text(st, 12));
	view_stored(o, "materials", db_text(st, 13));
	cJSON_AddStringToObject(o, "department", db_text(st, 14));
	view_stored(o, "approval_chain", db_text(st, 15));
	view_stored(o, "form", db_text(st, 16));
	cJSON_AddStringToObject(o, "updated_at", db_text(st, 17));
	cJSON_AddBoolToObject(o, "one_open", db_int(st, 18));
	db_reset(st);
	return (o);
}

/* GET /services/{id}, with its ETag. */
static void
service(struct req *r)
{
	cJSON		*o;
	long long	 id, version;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = catalog_service(r->db, id, NULL, &version)) == NULL)
		reply_not_found(r);
	else
		reply_versioned(r, 200, o, version);
}

/* GET /services/by-code/{txcode}: the four digits a clerk types. */
static void
service_by_code(struct req *r)
{
	const char	*code = r->params[0];
	cJSON		*o;
	long long	 version;

	if (strlen(code) != 4 || strspn(code, "0123456789") != 4 ||
	    (o = catalog_service(r->db, 0, code, &version)) == NULL)
		reply_not_found(r);
	else
		reply_versioned(r, 200, o, version);
}

const struct route routes_catalog[] = {
	{ "GET", "/api/v1/service-categories", categories, 0, ROLE_ANY },
	{ "GET", "/api/v1/services", services, 0, ROLE_ANY },
	{ "GET", "/api/v1/services/{id}", service, 0, ROLE_ANY },
	{ "GET", "/api/v1/services/by-code/{txcode}", service_by_code, 0,
	    ROLE_ANY },
	{ NULL, NULL, NULL, 0, 0 }
};
