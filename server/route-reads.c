/* GET /residents/{id}/reads, the resident's 查询记录 (docs/api.md 23):
 * the departments' reads and the staff's full-ID reveals, newest
 * first. */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "json.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "views.h"

/* Both kinds in one shape: at, kind, staff id, name, username,
 * department code and name, purpose code, name, basis, records,
 * refused, reason; the newest 500. */
#define READS_SQL \
	"SELECT x.at, 'dept_read', s.id, s.name, s.username, d.code, " \
	"d.name, p.code, p.name, p.basis, x.records, x.refused, NULL " \
	"FROM data_reads x JOIN staff s ON s.id = x.staff_id JOIN " \
	"departments d ON d.code = x.department JOIN purposes p ON " \
	"p.id = x.purpose_id WHERE x.resident_id = ?1 AND x.at >= ?2 AND " \
	"x.at < ?3 " \
	"UNION ALL SELECT a.at, 'reveal', s.id, s.name, s.username, NULL, " \
	"NULL, NULL, NULL, NULL, 0, 0, a.detail FROM audit a JOIN staff s " \
	"ON s.id = a.staff_id WHERE a.action = 'reveal' AND a.object = ?4 " \
	"AND a.at >= ?2 AND a.at < ?3 " \
	"ORDER BY 1 DESC LIMIT 500"

/* A DataRead from a row of READS_SQL. */
static cJSON *
read_json(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject(), *s, *x;
	int	 dept = strcmp(db_text(st, 1), "dept_read") == 0;

	cJSON_AddStringToObject(o, "at", db_text(st, 0));
	cJSON_AddStringToObject(o, "kind", db_text(st, 1));
	s = cJSON_AddObjectToObject(o, "staff");
	cJSON_AddNumberToObject(s, "id", (double)db_int(st, 2));
	cJSON_AddStringToObject(s, "name", db_text(st, 3));
	cJSON_AddStringToObject(s, "username", db_text(st, 4));
	if (dept) {
		x = cJSON_AddObjectToObject(o, "department");
		cJSON_AddStringToObject(x, "code", db_text(st, 5));
		cJSON_AddStringToObject(x, "name", db_text(st, 6));
		x = cJSON_AddObjectToObject(o, "purpose");
		cJSON_AddStringToObject(x, "code", db_text(st, 7));
		cJSON_AddStringToObject(x, "name", db_text(st, 8));
		cJSON_AddStringToObject(x, "basis", db_text(st, 9));
	} else {
		cJSON_AddNullToObject(o, "department");
		cJSON_AddNullToObject(o, "purpose");
	}
	cJSON_AddNumberToObject(o, "records", (double)db_int(st, 10));
	cJSON_AddBoolToObject(o, "refused", db_int(st, 11) != 0);
	view_text_or_null(o, "reason", st, 12);
	return (o);
}

/* GET /residents/{id}/reads?from=&to=. */
static void
reads(struct req *r)
{
	static const char *const	 allowed[] = { "from", "to", NULL };
	struct db_stmt			*st;
	cJSON				*errors = NULL, *o, *items;
	const char			*from = NULL, *to = NULL;
	char				 lo[40] = "", hi[40] = "~", end[40],
					 object[48];
	long long			 id;
	int				 rc;

	if ((id = req_id(r, 0)) < 0)
		return;
	q_check(r, allowed, 0, &errors);
	q_date_range(r, &from, &to, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (from != NULL)
		clock_day_bounds(from, lo, end);
	if (to != NULL)
		clock_day_bounds(to, end, hi);
	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, id)) {
		reply_not_found(r);
		return;
	}
	if (db_query(r->db, &st, "SELECT name, id_number FROM residents "
	    "WHERE id = ?", "l", id) != 1) {
		db_reset(st);
		reply_not_found(r);
		return;
	}
	o = cJSON_CreateObject();
	view_resident(o, "resident", id, db_text(st, 0), db_text(st, 1));
	db_reset(st);
	items = cJSON_AddArrayToObject(o, "items");
	snprintf(object, sizeof object, "resident/%lld", id);
	rc = db_query(r->db, &st, READS_SQL, "lttt", id, lo, hi, object);
	while (rc == 1) {
		cJSON_AddItemToArray(items, read_json(st));
		rc = db_step(st);
	}
	db_reset(st);
	if (rc < 0) {
		cJSON_Delete(o);
		reply_unavailable(r, NULL);
		return;
	}
	reply_json(r, 200, o);
}

const struct route routes_reads[] = {
	{ "GET", "/api/v1/residents/{id}/reads", reads, 0,
	  ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
