/* /api/v1/certificate-types and /api/v1/certificates: the types as
 * server data, issuing with a gap-free serial per community and year,
 * the stub, verification token and code, and reprints. Issuing is in
 * certificate-issue.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "certificates.h"
#include "clock.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "residents.h"
#include "views.h"
#include "../util/xmalloc.h"

#define TYPE_COLS "id, code, name, status, basis, alternative, purpose, " \
	"validity_days, template, version, updated_at"
#define CERT_COLS "x.id, x.serial, t.id, t.code, t.name, r.id, r.name, " \
	"r.id_number, c.id, c.name, x.purpose, x.issued_at, s.id, s.name, " \
	"x.valid_until, x.reprints, x.data, x.title, x.body, " \
	"x.verify_token, x.verify_code, x.issued_date"
#define CERT_FROM " FROM certificates x JOIN certificate_types t ON " \
	"t.id = x.type_id JOIN residents r ON r.id = x.resident_id JOIN " \
	"communities c ON c.id = x.community_id JOIN staff s ON " \
	"s.id = x.issued_by"
#define CERT_WHERE " WHERE (?1 = 0 OR c.centre_id = ?1) AND (?2 IS NULL " \
	"OR x.resident_id = ?2) AND (?3 IS NULL OR x.type_id = ?3) AND " \
	"(?4 IS NULL OR x.serial = ?4) AND (?5 IS NULL OR x.issued_date >= " \
	"?5) AND (?6 IS NULL OR x.issued_date <= ?6)"

static char	public_url[512] = "http://127.0.0.1";

void
certificates_set_public_url(const char *url)
{
	size_t	n;

	snprintf(public_url, sizeof public_url, "%s", url);
	n = strlen(public_url);
	while (n > 0 && public_url[n - 1] == '/')
		public_url[--n] = '\0';
}

const char *
certificates_public_url(void)
{
	return (public_url);
}

/* A CertificateType from a row of TYPE_COLS. */
static cJSON *
type_json(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "code", db_text(st, 1));
	cJSON_AddStringToObject(o, "name", db_text(st, 2));
	cJSON_AddStringToObject(o, "status", db_text(st, 3));
	cJSON_AddStringToObject(o, "basis", db_text(st, 4));
	view_text_or_null(o, "alternative", st, 5);
	view_text_or_null(o, "purpose", st, 6);
	view_int_or_null(o, "validity_days", st, 7);
	if (db_null(st, 8))
		cJSON_AddNullToObject(o, "template");
	else
		view_stored(o, "template", db_text(st, 8));
	cJSON_AddNumberToObject(o, "version", db_int(st, 9));
	cJSON_AddStringToObject(o, "updated_at", db_text(st, 10));
	return (o);
}

cJSON *
certificate_type(struct db *db, long long id)
{
	struct db_stmt	*st;
	cJSON		*o = NULL;

	if (db_query(db, &st, "SELECT " TYPE_COLS " FROM certificate_types "
	    "WHERE id = ?", "l", id) == 1)
		o = type_json(st);
	db_reset(st);
	return (o);
}

/* GET /certificate-types: the retained ones, or all. */
static void
types(struct req *r)
{
	static const char *const	 allowed[] = { "include", NULL };
	static const char *const	 includes[] = { "cancelled", NULL };
	struct db_stmt			*st;
	cJSON				*errors = NULL, *items;
	const char			*inc[1];
	long long			 total = 0;
	int				 page, per_page, all;

	q_check(r, allowed, 1, &errors);
	all = q_options(r, "include", includes, inc, 1, &errors) == 1;
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (req_paging(r, &page, &per_page) != 0)
		return;
	if (db_query(r->db, &st, "SELECT count(*) FROM certificate_types "
	    "WHERE ? OR status = 'retained'", "d", all) == 1)
		total = db_int(st, 0);
	db_reset(st);
	items = cJSON_CreateArray();
	st = db_stmt(r->db, "SELECT " TYPE_COLS " FROM certificate_types "
	    "WHERE ? OR status = 'retained' ORDER BY code LIMIT ? OFFSET ?");
	db_bind_int(st, 1, all);
	db_bind_int(st, 2, per_page);
	db_bind_int(st, 3, (long long)(page - 1) * per_page);
	while (db_step(st) == 1)
		cJSON_AddItemToArray(items, type_json(st));
	db_reset(st);
	reply_json(r, 200, view_page(items, page, per_page, total));
}

/* GET /certificate-types/{id}, retained or cancelled. */
static void
type(struct req *r)
{
	cJSON		*o;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = certificate_type(r->db, id)) == NULL) {
		reply_not_found(r);
		return;
	}
	reply_versioned(r, 200, o, (long long)cJSON_GetNumberValue(
	    cJSON_GetObjectItem(o, "version")));
}

/* A CertificateSummary from a row of CERT_COLS. */
static cJSON *
summary_json(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject(), *t;

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "serial", db_text(st, 1));
	t = cJSON_AddObjectToObject(o, "type");
	cJSON_AddNumberToObject(t, "id", db_int(st, 2));
	cJSON_AddStringToObject(t, "code", db_text(st, 3));
	cJSON_AddStringToObject(t, "name", db_text(st, 4));
	view_resident(o, "resident", db_int(st, 5),
	    db_text(st, 6), db_text(st, 7));
	view_ref(o, "community", db_int(st, 8), db_text(st, 9));
	cJSON_AddStringToObject(o, "purpose", db_text(st, 10));
	cJSON_AddStringToObject(o, "issued_at", db_text(st, 11));
	view_ref(o, "issued_by", db_int(st, 12),
	    db_text(st, 13));
	cJSON_AddStringToObject(o, "valid_until", db_text(st, 14));
	cJSON_AddNumberToObject(o, "reprints", db_int(st, 15));
	return (o);
}

/* The whole Certificate, with the stub, from a row of CERT_COLS. */
static cJSON *
full_json(struct db_stmt *st)
{
	cJSON	*o = summary_json(st), *stub;
	char	*url;

	view_stored(o, "data", db_text(st, 16));
	cJSON_AddStringToObject(o, "title", db_text(st, 17));
	cJSON_AddStringToObject(o, "body", db_text(st, 18));
	cJSON_AddStringToObject(o, "verify_token", db_text(st, 19));
	cJSON_AddStringToObject(o, "verify_code", db_text(st, 20));
	url = xasprintf("%s/verify/%s", public_url, db_text(st, 19));
	cJSON_AddStringToObject(o, "verify_url", url);
	free(url);
	stub = cJSON_AddObjectToObject(o, "stub");
	cJSON_AddStringToObject(stub, "serial", db_text(st, 1));
	cJSON_AddStringToObject(stub, "type_name", db_text(st, 4));
	cJSON_AddStringToObject(stub, "resident_name", db_text(st, 6));
	view_masked_id(stub, "id_number_masked", db_text(st, 7));
	cJSON_AddStringToObject(stub, "purpose", db_text(st, 10));
	cJSON_AddStringToObject(stub, "issued_on", db_text(st, 21));
	cJSON_AddStringToObject(stub, "issued_by", db_text(st, 13));
	cJSON_AddStringToObject(stub, "verify_code", db_text(st, 20));
	return (o);
}

cJSON *
certificate_full(struct req *r, long long id)
{
	struct db_stmt	*st;
	cJSON		*o = NULL;

	if (db_query(r->db, &st, "SELECT " CERT_COLS CERT_FROM " WHERE "
	    "x.id = ?2 AND (?1 = 0 OR c.centre_id = ?1)", "ll",
	    req_centre(r), id) == 1)
		o = full_json(st);
	db_reset(st);
	return (o);
}

/* Binds the list's filters; -1 having replied 400. */
static int
list_filters(struct req *r, struct db_stmt *st, long long resident)
{
	static const char *const	 allowed[] = { "resident_id", "type_id",
	    "serial", "from", "to", NULL };
	static const char *const	 sub[] = { "type_id", NULL };
	cJSON				*errors = NULL;
	const char			*s, *from, *to;
	long long			 v;

	q_check(r, resident != 0 ? sub : allowed, 1, &errors);
	db_bind_int(st, 1, req_centre(r));
	if (resident != 0)
		db_bind_int(st, 2, resident);
	else if (q_int(r, "resident_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		db_bind_int(st, 2, v);
	if (q_int(r, "type_id", 1, JSON_MAX_ID, &errors, &v) == 1)
		db_bind_int(st, 3, v);
	if ((s = q_string(r, "serial", 1, 60, &errors)) != NULL)
		db_bind_text(st, 4, s);
	if ((from = q_date(r, "from", &errors)) != NULL)
		db_bind_text(st, 5, from);
	if ((to = q_date(r, "to", &errors)) != NULL)
		db_bind_text(st, 6, to);
	if (from != NULL && to != NULL && strcmp(from, to) > 0)
		field_error(&errors, "to", "date", "结束日期早于开始日期");
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* A page of certificates, newest first; resident 0 for any. */
static void
list_page(struct req *r, long long resident)
{
	struct db_stmt	*st;
	cJSON		*items;
	long long	 total = 0;
	int		 page, per_page;

	if (req_paging(r, &page, &per_page) != 0)
		return;
	st = db_stmt(r->db, "SELECT count(*)" CERT_FROM CERT_WHERE);
	if (list_filters(r, st, resident) != 0)
		return;
	if (db_step(st) == 1)
		total = db_int(st, 0);
	db_reset(st);
	st = db_stmt(r->db, "SELECT " CERT_COLS CERT_FROM CERT_WHERE
	    " ORDER BY x.issued_at DESC, x.id DESC LIMIT ?7 OFFSET ?8");
	list_filters(r, st, resident);
	db_bind_int(st, 7, per_page);
	db_bind_int(st, 8, (long long)(page - 1) * per_page);
	items = cJSON_CreateArray();
	while (db_step(st) == 1)
		cJSON_AddItemToArray(items, summary_json(st));
	db_reset(st);
	reply_json(r, 200, view_page(items, page, per_page, total));
}

/* GET /certificates: the caller's communities', newest first. */
static void
list(struct req *r)
{
	list_page(r, 0);
}

void
resident_certificates(struct req *r)
{
	long long	id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if (!resident_visible(r, id)) {
		reply_not_found(r);
		return;
	}
	list_page(r, id);
}

/* GET /certificates/{id}: complete, for reprinting. */
static void
get(struct req *r)
{
	cJSON		*o;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = certificate_full(r, id)) == NULL)
		reply_not_found(r);
	else
		reply_json(r, 200, o);
}

/* POST /certificates/{id}/reprints: records a 补打 before it is printed. */
static void
reprint(struct req *r)
{
	static const char *const	 members[] = { "reason", NULL };
	cJSON				*errors = NULL, *o, *c;
	const char			*reason;
	long long			 id, n, rid;
	char				 now[32], object[48];

	if ((id = req_id(r, 0)) < 0)
		return;
	json_members(req_body(r), members, NULL, &errors);
	reason = json_string(req_body(r), "reason", 2, 200, NULL, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (db_begin(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if ((c = certificate_full(r, id)) == NULL) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	n = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(c,
	    "reprints")) + 1;
	cJSON_Delete(c);
	clock_rfc3339(clock_now(), now);
	snprintf(object, sizeof object, "certificate/%lld", id);
	if (db_exec(r->db, "UPDATE certificates SET reprints = ? WHERE id = ?",
	    "ll", n, id) != 0 || (rid = db_insert(r->db, "INSERT INTO "
	    "reprints (certificate_id, reprint_no, at, staff_id, reason) "
	    "VALUES (?, ?, ?, ?, ?) RETURNING id", "lltlt", id, n, now,
	    r->staff->id, reason)) == 0 ||
	    audit_req(r, "reprint", object, reason) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)rid);
	cJSON_AddNumberToObject(o, "certificate_id", (double)id);
	cJSON_AddNumberToObject(o, "reprint_no", (double)n);
	cJSON_AddStringToObject(o, "at", now);
	view_ref(o, "staff", r->staff->id, r->staff->name);
	cJSON_AddStringToObject(o, "reason", reason);
	reply_json(r, 201, o);
	req_commit(r);
}

#define CERT_ROLES	(ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN)

const struct route routes_certificates[] = {
	{ "GET", "/api/v1/certificate-types", types, 0, ROLE_ANY },
	{ "GET", "/api/v1/certificate-types/{id}", type, 0, ROLE_ANY },
	{ "POST", "/api/v1/certificates", certificate_issue,
	    ROUTE_IDEM | ROUTE_BODY, CERT_ROLES },
	{ "GET", "/api/v1/certificates", list, 0, CERT_ROLES },
	{ "GET", "/api/v1/certificates/{id}", get, 0, CERT_ROLES },
	{ "POST", "/api/v1/certificates/{id}/reprints", reprint,
	    ROUTE_IDEM | ROUTE_BODY, CERT_ROLES },
	{ NULL, NULL, NULL, 0, 0 }
};
