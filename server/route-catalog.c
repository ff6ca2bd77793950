/* /api/v1/service-categories and /api/v1/services: the service catalog,
 * the same for every centre and read-only (seed-catalog.c fills it). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "db.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "views.h"

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
	    "s.category_id = k.id AND s.withdrawn = 0) FROM service_categories "
	    "k ORDER BY k.code");
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

/* GET /services: by category and by name, code or pinyin. */
static void
services(struct req *r)
{
	static const char *const	 allowed[] = { "category_id", "q", NULL };
	struct listq			*q;
	struct db_stmt			*st;
	cJSON				*errors = NULL;
	const char			*text;
	char				 lower[160];
	long long			 category = 0;
	size_t				 i;

	q_check(r, allowed, 1, &errors);
	q_int(r, "category_id", 1, JSON_MAX_ID, &errors, &category);
	text = q_string(r, "q", 1, 32, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if ((q = listq_req(r, SERVICE_SUMMARY_COLS, SERVICE_FROM)) == NULL)
		return;
	listq_where(q, "s.withdrawn = 0", "");
	if (category != 0)
		listq_where(q, "s.category_id = ?", "l", category);
	if (text != NULL) {
		for (i = 0; text[i] != '\0' && i < sizeof lower - 1; i++)
			lower[i] = (char)tolower((unsigned char)text[i]);
		lower[i] = '\0';
		listq_where(q, "instr(lower(s.name), ?) > 0 OR "
		    "substr(s.txcode, 1, length(?)) = ? OR "
		    "substr(lower(s.item_code), 1, length(?)) = ? OR "
		    "substr(s.pinyin, 1, length(?)) = ?", "ttttttt", lower,
		    lower, lower, lower, lower, lower, lower);
	}
	listq_order(q, "s.txcode");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, catalog_summary(st));
	reply_json(r, 200, listq_page(q));
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
