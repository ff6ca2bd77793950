/* /api/v1/kiosk/guides: the 办事指南 of every service at the
 * self-service terminal, without a card (docs/api.md 25). */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "json.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"

/* GET /kiosk/guides: the services not withdrawn, numbered in catalog
 * order; the number is what a resident types on the keypad. */
static void
guides(struct req *r)
{
	static const char *const	 none[] = { NULL };
	struct db_stmt			*st;
	cJSON				*errors = NULL, *out, *items, *o;
	int				 rc, no = 0;

	q_check(r, none, 0, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	out = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(out, "items");
	rc = db_query(r->db, &st, "SELECT s.id, s.name, k.name FROM services "
	    "s JOIN service_categories k ON k.id = s.category_id WHERE "
	    "s.withdrawn = 0 ORDER BY s.txcode", "");
	for (; rc == 1; rc = db_step(st)) {
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "no", ++no);
		cJSON_AddNumberToObject(o, "id", db_int(st, 0));
		cJSON_AddStringToObject(o, "name", db_text(st, 1));
		cJSON_AddStringToObject(o, "category", db_text(st, 2));
		cJSON_AddItemToArray(items, o);
	}
	db_reset(st);
	if (rc < 0) {
		cJSON_Delete(out);
		reply_unavailable(r, NULL);
		return;
	}
	reply_json(r, 200, out);
}

/* The conditions' messages, in the order the catalog keeps them. */
static void
guide_conditions(cJSON *o, const char *stored)
{
	cJSON	*all = cJSON_Parse(stored), *c, *m, *list;

	list = cJSON_AddArrayToObject(o, "conditions");
	cJSON_ArrayForEach(c, all) {
		m = cJSON_GetObjectItemCaseSensitive(c, "message");
		if (cJSON_IsString(m))
			cJSON_AddItemToArray(list,
			    cJSON_CreateString(m->valuestring));
	}
	cJSON_Delete(all);
}

/* GET /kiosk/guides/{id}: one service's guide, audited. */
static void
guide(struct req *r)
{
	struct db_stmt	*st;
	cJSON		*o;
	char		 object[40];
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if (db_query(r->db, &st, "SELECT s.id, s.name, k.name, s.conditions, "
	    "s.materials, s.time_limit_days, s.fee_fen, s.fee_basis FROM "
	    "services s JOIN service_categories k ON k.id = s.category_id "
	    "WHERE s.id = ? AND s.withdrawn = 0", "l", id) != 1) {
		db_reset(st);
		reply_not_found(r);
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "name", db_text(st, 1));
	cJSON_AddStringToObject(o, "category", db_text(st, 2));
	guide_conditions(o, db_text(st, 3));
	cJSON_AddItemToObject(o, "materials", cJSON_Parse(db_text(st, 4)));
	cJSON_AddNumberToObject(o, "time_limit_days", db_int(st, 5));
	cJSON_AddNumberToObject(o, "fee_fen", db_int(st, 6));
	json_add_nullable(o, "fee_basis", db_text(st, 7));
	db_reset(st);
	snprintf(object, sizeof object, "service/%lld", id);
	if (audit_req(r, "kiosk_guide", object, NULL) != 0) {
		cJSON_Delete(o);
		reply_unavailable(r, NULL);
		return;
	}
	reply_json(r, 200, o);
}

const struct route routes_kiosk_guides[] = {
	{ "GET", "/api/v1/kiosk/guides", guides, 0, ROLE_KIOSK },
	{ "GET", "/api/v1/kiosk/guides/{id}", guide, 0, ROLE_KIOSK },
	{ NULL, NULL, NULL, 0, 0 }
};
