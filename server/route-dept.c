/* The departments' purpose-bound reads of residents (docs/api.md 23):
 * the purpose named on each request, only its fields answered, the
 * consent it needs checked, and every read audited and kept for the
 * resident's 查询记录. */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "consents.h"
#include "db.h"
#include "json.h"
#include "purposes.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "views.h"

#define DEPT_COLS "r.id, r.name, r.sex, r.birth_date, r.id_number, " \
	"r.phone, r.address, c.id, c.name, r.household_id, r.tags, r.status"

/* GET /purposes: the caller's department's, or every department's. */
static void
purposes(struct req *r)
{
	static const char *const	 allowed[] = { NULL };
	cJSON				*errors = NULL, *o, *items;
	char				 dept[16] = "";

	q_check(r, allowed, 0, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (scope_role(r->staff) == ROLE_DEPT &&
	    purpose_staff_department(r->db, r->staff->id, dept) != 0) {
		reply_forbidden(r, NULL);
		return;
	}
	o = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(o, "items");
	if (purpose_list(r->db, dept, items) != 0) {
		cJSON_Delete(o);
		reply_unavailable(r, NULL);
		return;
	}
	reply_json(r, 200, o);
}

/* Begins a read's transaction and loads the purpose named by
 * ?purpose= if it is the caller's department's; else answers (503 or
 * 403, nothing left open) and returns -1. */
static int
begin_read(struct req *r, const char *code, struct purpose *p)
{
	char	dept[16];

	if (db_begin(r->db) != 0) {
		reply_unavailable(r, NULL);
		return (-1);
	}
	if (purpose_staff_department(r->db, r->staff->id, dept) != 0 ||
	    purpose_load(r->db, code, p) != 0 || strcmp(p->dept, dept) != 0) {
		db_rollback(r->db);
		reply_problem(r, 403, "purpose-refused", "Purpose refused",
		    "该用途不属于本部门或未启用", NULL);
		return (-1);
	}
	return (0);
}

/* The household's members as the purpose sees them. */
static void
add_household(struct req *r, cJSON *o, long long household, time_t now)
{
	struct db_stmt	*st;
	cJSON		*h, *list, *m;
	int		 rc;

	if (household == 0) {
		cJSON_AddNullToObject(o, "household");
		return;
	}
	h = cJSON_AddObjectToObject(o, "household");
	cJSON_AddNumberToObject(h, "id", (double)household);
	list = cJSON_AddArrayToObject(h, "members");
	rc = db_query(r->db, &st, "SELECT name, relation, birth_date FROM "
	    "residents WHERE household_id = ? AND status = 'active' ORDER BY "
	    "relation <> '户主', birth_date, id", "l", household);
	while (rc == 1) {
		m = cJSON_CreateObject();
		cJSON_AddStringToObject(m, "name", db_text(st, 0));
		cJSON_AddStringToObject(m, "relation", db_text(st, 1));
		cJSON_AddNumberToObject(m, "age", clock_age(db_text(st, 2),
		    now));
		cJSON_AddItemToArray(list, m);
		rc = db_step(st);
	}
	db_reset(st);
}

/* A DeptResident from a row of DEPT_COLS: the purpose's fields only. */
static cJSON *
dept_resident(struct req *r, struct db_stmt *st, const struct purpose *p,
    time_t now)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
	cJSON_AddStringToObject(o, "purpose", p->code);
	if (purpose_has_field(p, "name"))
		cJSON_AddStringToObject(o, "name", db_text(st, 1));
	if (purpose_has_field(p, "sex"))
		cJSON_AddStringToObject(o, "sex", strcmp(db_text(st, 2),
		    "M") == 0 ? "M" : "F");
	if (purpose_has_field(p, "birth_date"))
		cJSON_AddStringToObject(o, "birth_date", db_text(st, 3));
	if (purpose_has_field(p, "age"))
		cJSON_AddNumberToObject(o, "age", clock_age(db_text(st, 3),
		    now));
	if (purpose_has_field(p, "id_number"))
		cJSON_AddStringToObject(o, "id_number", db_text(st, 4));
	else
		view_masked_id(o, "id_number_masked", db_text(st, 4));
	if (purpose_has_field(p, "phone"))
		json_add_nullable(o, "phone", db_text(st, 5));
	if (purpose_has_field(p, "address"))
		cJSON_AddStringToObject(o, "address", db_text(st, 6));
	if (purpose_has_field(p, "community"))
		view_ref(o, "community", db_int(st, 7), db_text(st, 8));
	if (purpose_has_field(p, "household"))
		add_household(r, o, db_null(st, 9) ? 0 : db_int(st, 9), now);
	if (purpose_has_field(p, "tags"))
		view_tags(o, db_text(st, 10));
	if (purpose_has_field(p, "status"))
		cJSON_AddStringToObject(o, "status", db_text(st, 11));
	return (o);
}

/* The audit row and the read record of one answered read; resident 0
 * when a search found none. */
static int
record_read(struct req *r, const struct purpose *p, long long resident,
    int records, int refused)
{
	char	at[32], object[64], detail[128];

	clock_rfc3339(clock_now(), at);
	if (resident != 0)
		snprintf(object, sizeof object, "resident/%lld", resident);
	else
		snprintf(object, sizeof object, "purpose/%s", p->code);
	snprintf(detail, sizeof detail, "purpose=%s department=%s records=%d",
	    p->code, p->dept, records);
	if (audit_req(r, "dept_read", object, detail) != 0 ||
	    db_exec(r->db, "INSERT INTO data_reads (at, staff_id, department, "
	    "purpose_id, resident_id, records, refused) VALUES (?, ?, ?, ?, "
	    "?, ?, ?)", "tltlLdd", at, r->staff->id, p->dept, p->id, resident,
	    records, refused) != 0)
		return (-1);
	return (0);
}

/* 409 consent-required naming whose consent is wanting. */
static void
refuse_consent(struct req *r, cJSON *missing)
{
	cJSON	*ext = cJSON_CreateObject();

	cJSON_AddItemToObject(ext, "missing", missing);
	reply_problem_ext(r, 409, "consent-required", "Consent required",
	    "缺少有效的核对授权", ext);
}

/* Reads the resident of row st (found by the caller's query) for the
 * purpose and answers: the DeptResident (in a search's envelope when
 * search), or 409; audited. Ends the statement. */
static void
answer_read(struct req *r, struct db_stmt *st, const struct purpose *p,
    int search)
{
	time_t		 now = clock_now();
	cJSON		*missing, *item, *o;
	long long	 id = db_int(st, 0);

	if ((missing = consent_missing(r->db, p, id, now)) == NULL) {
		db_reset(st);
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	if (cJSON_GetArraySize(missing) > 0) {
		db_reset(st);
		if (record_read(r, p, id, 0, 1) != 0 || db_commit(r->db) != 0) {
			cJSON_Delete(missing);
			db_rollback(r->db);
			reply_unavailable(r, NULL);
			return;
		}
		refuse_consent(r, missing);
		return;
	}
	cJSON_Delete(missing);
	item = dept_resident(r, st, p, now);
	db_reset(st);
	if (record_read(r, p, id, 1, 0) != 0 || db_commit(r->db) != 0) {
		cJSON_Delete(item);
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "purpose %s: resident %lld read", p->code, id);
	if (!search) {
		reply_json(r, 200, item);
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "purpose", purpose_json(p));
	cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "items"), item);
	cJSON_AddNumberToObject(o, "count", 1);
	reply_json(r, 200, o);
}

/* GET /dept/residents?purpose=&id_number=: a search by ID number. */
static void
dept_search(struct req *r)
{
	static const char *const	 allowed[] = { "purpose", "id_number",
	    NULL };
	struct db_stmt			*st;
	struct purpose			 p;
	cJSON				*errors = NULL, *o;
	const char			*code, *idn;
	int				 rc;

	q_check(r, allowed, 0, &errors);
	code = q_string(r, "purpose", 1, 32, &errors);
	idn = q_string(r, "id_number", 18, 18, &errors);
	if (errors == NULL && code == NULL)
		field_error(&errors, "purpose", "required", "须写明用途");
	if (errors == NULL && idn == NULL)
		field_error(&errors, "id_number", "required", "须写明身份证号");
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (begin_read(r, code, &p) != 0)
		return;
	rc = db_query(r->db, &st, "SELECT " DEPT_COLS " FROM residents r JOIN "
	    "communities c ON c.id = r.community_id WHERE r.id_number = ?",
	    "t", idn);
	if (rc == 1) {
		answer_read(r, st, &p, 1);
		return;
	}
	db_reset(st);
	if (rc < 0 || record_read(r, &p, 0, 0, 0) != 0 ||
	    db_commit(r->db) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "purpose", purpose_json(&p));
	cJSON_AddArrayToObject(o, "items");
	cJSON_AddNumberToObject(o, "count", 0);
	reply_json(r, 200, o);
}

/* GET /dept/residents/{id}?purpose=: one resident. */
static void
dept_resident_get(struct req *r)
{
	static const char *const	 allowed[] = { "purpose", NULL };
	struct db_stmt			*st;
	struct purpose			 p;
	cJSON				*errors = NULL;
	const char			*code;
	long long			 id;
	int				 rc;

	if ((id = req_id(r, 0)) < 0)
		return;
	q_check(r, allowed, 0, &errors);
	code = q_string(r, "purpose", 1, 32, &errors);
	if (errors == NULL && code == NULL)
		field_error(&errors, "purpose", "required", "须写明用途");
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (begin_read(r, code, &p) != 0)
		return;
	rc = db_query(r->db, &st, "SELECT " DEPT_COLS " FROM residents r JOIN "
	    "communities c ON c.id = r.community_id WHERE r.id = ?", "l", id);
	if (rc == 1) {
		answer_read(r, st, &p, 0);
		return;
	}
	db_reset(st);
	db_rollback(r->db);
	if (rc < 0)
		reply_unavailable(r, NULL);
	else
		reply_not_found(r);
}

const struct route routes_dept[] = {
	{ "GET", "/api/v1/purposes", purposes, 0,
	  ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN | ROLE_DEPT },
	{ "GET", "/api/v1/dept/residents", dept_search, 0, ROLE_DEPT },
	{ "GET", "/api/v1/dept/residents/{id}", dept_resident_get,
	  ROUTE_QUERY, ROLE_DEPT },
	{ NULL, NULL, NULL, 0, 0 }
};
