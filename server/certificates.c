/* Certificate types and certificates as their routes, issuing, the
 * verification routes and the seed need them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certificates.h"
#include "db.h"
#include "json.h"
#include "promises.h"
#include "reply.h"
#include "route.h"
#include "scope.h"
#include "views.h"
#include "../util/xmalloc.h"

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

cJSON *
certificate_type_row(struct db_stmt *st)
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
	cJSON_AddBoolToObject(o, "promise", db_int(st, 11) != 0);
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
		o = certificate_type_row(st);
	db_reset(st);
	return (o);
}

cJSON *
certificate_summary(struct db_stmt *st)
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
	cJSON_AddStringToObject(o, "status", db_null(st, 22) ? "valid" :
	    "void");
	cJSON_AddNumberToObject(o, "corrections", db_int(st, 27));
	return (o);
}

/* The void record, or null, from a row of CERT_COLS. */
static void
void_json(cJSON *o, struct db_stmt *st)
{
	cJSON	*v;

	if (db_null(st, 22)) {
		cJSON_AddNullToObject(o, "void");
		return;
	}
	v = cJSON_AddObjectToObject(o, "void");
	cJSON_AddStringToObject(v, "at", db_text(st, 22));
	cJSON_AddStringToObject(v, "on", db_text(st, 23));
	view_ref(v, "staff", db_int(st, 24), db_text(st, 25));
	cJSON_AddStringToObject(v, "reason", db_text(st, 26));
}

/* The last correction, or null, from its read st. */
static void
correction_json(struct db_stmt *st, cJSON *o)
{
	cJSON	*c;

	if (db_step(st) != 1) {
		db_reset(st);
		cJSON_AddNullToObject(o, "correction");
		return;
	}
	c = cJSON_AddObjectToObject(o, "correction");
	cJSON_AddNumberToObject(c, "correction_no", db_int(st, 0));
	cJSON_AddStringToObject(c, "at", db_text(st, 1));
	view_ref(c, "staff", db_int(st, 2), db_text(st, 3));
	cJSON_AddStringToObject(c, "reason", db_text(st, 4));
	/* fields holds {"fields": [...], "old": {...}} */
	view_stored(c, "change", db_text(st, 5));
	db_reset(st);
	cJSON_AddItemToObject(c, "fields", cJSON_DetachItemFromObject(
	    cJSON_GetObjectItem(c, "change"), "fields"));
	cJSON_AddItemToObject(c, "old", cJSON_DetachItemFromObject(
	    cJSON_GetObjectItem(c, "change"), "old"));
	cJSON_DeleteItemFromObject(c, "change");
}

/* Its release to self-service (docs/api.md 25), or null. */
static void
kiosk_json(cJSON *o, struct db_stmt *st)
{
	cJSON	*k;

	if (db_null(st, 29)) {
		cJSON_AddNullToObject(o, "kiosk");
		return;
	}
	k = cJSON_AddObjectToObject(o, "kiosk");
	cJSON_AddStringToObject(k, "released_at", db_text(st, 29));
	json_add_nullable(k, "printed_at", db_null(st, 30) ? NULL :
	    db_text(st, 30));
}

/* The whole Certificate, with the stub, from a row of CERT_COLS. */
static cJSON *
full_json(struct db_stmt *st)
{
	cJSON	*o = certificate_summary(st), *stub;
	char	*url;

	view_stored(o, "data", db_text(st, 16));
	cJSON_AddStringToObject(o, "title", db_text(st, 17));
	cJSON_AddStringToObject(o, "body", db_text(st, 18));
	cJSON_AddStringToObject(o, "verify_token", db_text(st, 19));
	cJSON_AddStringToObject(o, "verify_code", db_text(st, 20));
	url = xasprintf("%s/verify/%s", public_url, db_text(st, 19));
	cJSON_AddStringToObject(o, "verify_url", url);
	free(url);
	url = xasprintf("%s/p/%s", public_url, db_text(st, 28));
	cJSON_AddStringToObject(o, "rate_url", url);
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
	void_json(o, st);
	kiosk_json(o, st);
	return (o);
}

/* The reads of a whole Certificate, sent ahead (db_read_ahead()) so
 * that they come back in one round trip with whatever is read next. */
struct cert_reads {
	struct db_stmt	*cert, *correction, *promise;
};

static void
cert_reads_send(struct db *db, long long id, struct cert_reads *rd)
{
	rd->correction = db_read_ahead(db, "SELECT p.correction_no, "
	    "p.corrected_at, s.id, s.name, p.reason, p.fields FROM "
	    "certificate_papers p JOIN staff s ON s.id = p.corrected_by WHERE "
	    "p.certificate_id = ? ORDER BY p.correction_no DESC LIMIT 1", "l",
	    id);
	rd->promise = promise_ref_read(db, id);
	rd->cert = db_read_ahead(db, "SELECT " CERT_COLS CERT_FROM " WHERE "
	    "x.id = ?", "l", id);
}

static void
cert_reads_drop(struct cert_reads *rd)
{
	db_reset(rd->cert);
	db_reset(rd->correction);
	db_reset(rd->promise);
}

static cJSON *
cert_view_of(struct cert_reads *rd)
{
	cJSON	*o;

	if (db_step(rd->cert) != 1) {
		cert_reads_drop(rd);
		return (NULL);
	}
	o = full_json(rd->cert);
	db_reset(rd->cert);
	correction_json(rd->correction, o);
	cJSON_AddItemToObject(o, "promise", promise_ref_of(rd->promise));
	return (o);
}

cJSON *
certificate_full_any(struct db *db, long long id)
{
	struct cert_reads	rd;

	cert_reads_send(db, id, &rd);
	return (cert_view_of(&rd));
}

cJSON *
certificate_full(struct req *r, long long id)
{
	struct cert_reads	rd;

	/* read with the scope's check, and dropped if it fails */
	cert_reads_send(r->db, id, &rd);
	if (!scope_sees(r->db, r->staff, SCOPE_CERTIFICATE, id)) {
		cert_reads_drop(&rd);
		return (NULL);
	}
	return (cert_view_of(&rd));
}

/* 409 certificate-void for a certificate void since on. */
static void
refuse_void(struct req *r, const char *on)
{
	cJSON	*ext = cJSON_CreateObject();
	char	 detail[96];

	snprintf(detail, sizeof detail, "该证明已于%s作废", on);
	cJSON_AddStringToObject(ext, "voided_on", on);
	reply_problem_ext(r, 409, "certificate-void", "Certificate void",
	    detail, ext);
}

int
certificate_refuse_void(struct req *r, const cJSON *c)
{
	const cJSON	*v = cJSON_GetObjectItem(c, "void");

	if (v == NULL || cJSON_IsNull(v))
		return (0);
	refuse_void(r, cJSON_GetStringValue(cJSON_GetObjectItem(v, "on")));
	return (-1);
}
