/* POST /api/v1/certificates: a cancelled type is refused with its basis
 * before anything else about the request is looked at; a retained one
 * is filled in from its template and issued with the next serial of
 * the community's year, in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "audit.h"
#include "auth.h"
#include "certificate-issue.h"
#include "certificates.h"
#include "clock.h"
#include "db.h"
#include "evaluation.h"
#include "form.h"
#include "idempotency.h"
#include "json-print.h"
#include "json.h"
#include "promises.h"
#include "queue.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define CODE_ALPHABET	"23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

/* A certificate being issued. */
struct issue {
	cJSON		*type;		/* the CertificateType */
	long long	 type_id, resident_id, ticket_id, community;
	const char	*purpose;
	cJSON		*data;
	int		 promise;	/* issued on a promise (告知承诺) */
	char		 name[64], id_number[19], sex[4], birth[11];
	char		 address[256], community_name[64];
};

/* 422 for a cancelled type, audited as refuse. */
static void
refuse(struct req *r, const cJSON *t)
{
	cJSON	*ext = cJSON_CreateObject(), *ref;
	char	 detail[160], object[48];

	snprintf(detail, sizeof detail, "%s已不由居民委员会出具",
	    cJSON_GetStringValue(cJSON_GetObjectItem(t, "name")));
	ref = cJSON_AddObjectToObject(ext, "certificate_type");
	cJSON_AddItemToObject(ref, "id", cJSON_Duplicate(cJSON_GetObjectItem(t,
	    "id"), 1));
	cJSON_AddItemToObject(ref, "code", cJSON_Duplicate(
	    cJSON_GetObjectItem(t, "code"), 1));
	cJSON_AddItemToObject(ref, "name", cJSON_Duplicate(
	    cJSON_GetObjectItem(t, "name"), 1));
	cJSON_AddItemToObject(ext, "basis", cJSON_Duplicate(
	    cJSON_GetObjectItem(t, "basis"), 1));
	cJSON_AddItemToObject(ext, "alternative", cJSON_Duplicate(
	    cJSON_GetObjectItem(t, "alternative"), 1));
	snprintf(object, sizeof object, "certificate_type/%lld",
	    (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(t, "id")));
	audit_req(r, "refuse", object, cJSON_GetStringValue(
	    cJSON_GetObjectItem(t, "name")));
	req_note(r, "refused: certificate type %s is cancelled",
	    cJSON_GetStringValue(cJSON_GetObjectItem(t, "code")));
	reply_problem_ext(r, 422, "certificate-not-issued",
	    "Certificate not issued", detail, ext);
}

/* The resident, if the caller may see them: read with the scope's
 * check, in one round trip, and dropped if it fails. */
static int
load_resident(struct req *r, struct issue *x)
{
	struct db_stmt	*st;
	int		 rc;

	st = db_read_ahead(r->db, "SELECT r.name, r.id_number, r.sex, "
	    "r.birth_date, r.address, c.id, c.name FROM residents r JOIN "
	    "communities c ON c.id = r.community_id WHERE r.id = ?", "l",
	    x->resident_id);
	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, x->resident_id)) {
		db_reset(st);
		return (-1);
	}
	if ((rc = db_step(st)) == 1) {
		snprintf(x->name, sizeof x->name, "%s", db_text(st, 0));
		snprintf(x->id_number, sizeof x->id_number, "%s",
		    db_text(st, 1));
		snprintf(x->sex, sizeof x->sex, "%s", strcmp(db_text(st, 2),
		    "M") == 0 ? "男" : "女");
		snprintf(x->birth, sizeof x->birth, "%s", db_text(st, 3));
		snprintf(x->address, sizeof x->address, "%s", db_text(st, 4));
		x->community = db_int(st, 5);
		snprintf(x->community_name, sizeof x->community_name, "%s",
		    db_text(st, 6));
	}
	db_reset(st);
	return (rc == 1 ? 0 : -1);
}

/* The type first: unknown is a field error, cancelled a 422. 0 to go
 * on, -1 having replied. */
static int
read_type(struct req *r, struct issue *x, cJSON **errors)
{
	if (json_integer(req_body(r), "type_id", 1, JSON_MAX_ID, JF_REQUIRED,
	    NULL, errors, &x->type_id) != 1)
		return (0);
	if ((x->type = certificate_type(r->db, x->type_id)) == NULL) {
		field_error(errors, "type_id", "not_found", "没有这种证明");
		return (0);
	}
	if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(x->type,
	    "status")), "cancelled") == 0) {
		cJSON_Delete(*errors);
		*errors = NULL;
		refuse(r, x->type);
		return (-1);
	}
	return (0);
}

/* Every 400 check; 0, or -1 having replied. */
static int
read_request(struct req *r, struct issue *x)
{
	static const char *const	 members[] = { "type_id", "resident_id",
	    "purpose", "ticket_id", "data", "promise", NULL };
	cJSON				*body = req_body(r), *errors = NULL;
	cJSON				*data, *tpl;

	json_members(body, members, NULL, &errors);
	if (read_type(r, x, &errors) != 0)
		return (-1);
	if (json_integer(body, "resident_id", 1, JSON_MAX_ID, JF_REQUIRED,
	    NULL, &errors, &x->resident_id) == 1 && load_resident(r, x) != 0)
		field_error(&errors, "resident_id", "not_found",
		    "没有这位居民或不在你的社区");
	x->purpose = json_string(body, "purpose", 0, 100, NULL, &errors);
	if (x->purpose != NULL && *x->purpose == '\0')
		x->purpose = NULL;	/* an empty string is not given */
	if (x->purpose == NULL && x->type != NULL && (x->purpose =
	    cJSON_GetStringValue(
	    cJSON_GetObjectItem(x->type, "purpose"))) == NULL)
		field_error(&errors, "purpose", "required", "请填写证明用途");
	json_integer(body, "ticket_id", 1, JSON_MAX_ID, 0, NULL, &errors,
	    &x->ticket_id);
	if (json_bool(body, "promise", 0, NULL, &errors, &x->promise) == 1 &&
	    x->promise && x->type != NULL && !cJSON_IsTrue(
	    cJSON_GetObjectItem(x->type, "promise")))
		field_error(&errors, "promise", "mismatch",
		    "这种证明不适用告知承诺制");
	data = cJSON_GetObjectItem(body, "data");
	if (data == NULL || cJSON_IsNull(data))
		field_error(&errors, "data", "required", "缺少证明数据");
	else if (!cJSON_IsObject(data))
		field_error(&errors, "data", "type", "证明数据须为对象");
	else if (x->type != NULL) {
		tpl = cJSON_GetObjectItem(x->type, "template");
		x->data = form_check(cJSON_GetObjectItem(tpl, "fields"), data,
		    NULL, &errors);
	}
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* The text of {{data.name}}: dates in Chinese, selects by label. */
static void
data_value(const struct issue *x, const char *name, struct buf *b)
{
	const cJSON	*tpl = cJSON_GetObjectItem(x->type, "template");
	const cJSON	*f, *v = cJSON_GetObjectItem(x->data, name), *o;
	const char	*type = NULL;
	char		 date[32];

	cJSON_ArrayForEach(f, cJSON_GetObjectItem(tpl, "fields")) {
		if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(f,
		    "name")), name) == 0)
			type = cJSON_GetStringValue(cJSON_GetObjectItem(f,
			    "type"));
		if (type != NULL && strcmp(type, "select") == 0 &&
		    cJSON_IsString(v)) {
			cJSON_ArrayForEach(o, cJSON_GetObjectItem(f,
			    "options")) {
				if (strcmp(cJSON_GetStringValue(
				    cJSON_GetObjectItem(o, "value")),
				    v->valuestring) == 0) {
					buf_adds(b, cJSON_GetStringValue(
					    cJSON_GetObjectItem(o, "label")));
					return;
				}
			}
		}
		if (type != NULL)
			break;
	}
	if (cJSON_IsNumber(v))
		buf_printf(b, "%lld", (long long)v->valuedouble);
	else if (cJSON_IsString(v) && type != NULL && strcmp(type,
	    "date") == 0) {
		clock_chinese_date(v->valuestring, date);
		buf_adds(b, date);
	} else if (cJSON_IsString(v))
		buf_adds(b, v->valuestring);
}

/* The value of one placeholder. */
static void
placeholder(const struct issue *x, const char *name, const char *today,
    struct buf *b)
{
	char	date[32];

	if (strncmp(name, "data.", 5) == 0)
		data_value(x, name + 5, b);
	else if (strcmp(name, "name") == 0)
		buf_adds(b, x->name);
	else if (strcmp(name, "id_number") == 0)
		buf_adds(b, x->id_number);
	else if (strcmp(name, "sex") == 0)
		buf_adds(b, x->sex);
	else if (strcmp(name, "birth_date") == 0) {
		clock_chinese_date(x->birth, date);
		buf_adds(b, date);
	} else if (strcmp(name, "address") == 0)
		buf_adds(b, x->address);
	else if (strcmp(name, "community") == 0)
		buf_adds(b, x->community_name);
	else if (strcmp(name, "purpose") == 0)
		buf_adds(b, x->purpose);
	else if (strcmp(name, "issue_date") == 0) {
		clock_chinese_date(today, date);
		buf_adds(b, date);
	} else if (strcmp(name, "validity") == 0)
		buf_printf(b, "自开具之日起%d日内有效",
		    (int)cJSON_GetNumberValue(cJSON_GetObjectItem(x->type,
		    "validity_days")));
}

/* The template's body with every placeholder replaced. Caller frees. */
static char *
fill(const struct issue *x, const char *today)
{
	const char	*p = cJSON_GetStringValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(x->type, "template"), "body")), *end;
	struct buf	 b;
	char		 name[64];

	buf_init(&b);
	buf_add(&b, "", 0);
	while (*p != '\0') {
		if (strncmp(p, "{{", 2) == 0 && (end = strstr(p, "}}")) !=
		    NULL && end - p - 2 < (long)sizeof name) {
			snprintf(name, sizeof name, "%.*s", (int)(end - p - 2),
			    p + 2);
			placeholder(x, name, today, &b);
			p = end + 2;
		} else
			buf_add(&b, p++, 1);
	}
	return (buf_steal(&b));
}

/* 256 random bits as 43 characters of base64url, and an 8-character
 * code from an alphabet without 0, 1, I and O. */
int
certificate_tokens(char *token, char *code)
{
	static const char	b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij"
	    "klmnopqrstuvwxyz0123456789-_";
	unsigned char		raw[41];
	int			i, bit;

	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
		return (-1);
	for (i = 0; i < 43; i++) {
		bit = i * 6;
		token[i] = b64[((raw[bit / 8] << 8 | raw[bit / 8 + 1]) >>
		    (10 - bit % 8)) & 63];
	}
	token[43] = '\0';
	for (i = 0; i < 8; i++)
		code[i] = CODE_ALPHABET[raw[33 + i] & 31];
	code[8] = '\0';
	return (0);
}

/* The next serial of the community's year; -1 on error. The
 * sequence's row stays locked until the transaction ends, so serials
 * of one community are given in turns and without gaps, while other
 * communities' go on beside them. */
static int
next_serial(struct req *r, const struct issue *x, const char *today,
    char *out, size_t len)
{
	struct db_stmt	*st;
	char		 name[48];
	long long	 n = 0;

	snprintf(name, sizeof name, "cert:%lld:%.4s", x->community, today);
	if (db_query(r->db, &st, "INSERT INTO sequences (name, last) VALUES "
	    "(?, 1) ON CONFLICT (name) DO UPDATE SET last = sequences.last + 1 "
	    "RETURNING last", "t", name) == 1)
		n = db_int(st, 0);
	db_reset(st);
	if (n < 1 || n > 999999)
		return (-1);
	snprintf(out, len, "%s〔%.4s〕第%06lld号", x->community_name, today, n);
	return (0);
}

/* Inserts the certificate; its id, or 0. */
static long long
insert(struct req *r, struct issue *x)
{
	char		 now[32], today[11], until[11], serial[128];
	char		 token[44], code[9], *body, *data;
	long long	 id = 0;
	int		 tries;

	clock_rfc3339(clock_now(), now);
	clock_date(clock_now(), today);
	clock_add_days(today, (int)cJSON_GetNumberValue(cJSON_GetObjectItem(
	    x->type, "validity_days")), until);
	if (next_serial(r, x, today, serial, sizeof serial) != 0)
		return (0);
	body = fill(x, today);
	data = json_print(x->data);
	for (tries = 0; tries < 5 && id == 0; tries++) {
		if (certificate_tokens(token, code) != 0)
			break;
		id = db_insert(r->db, "INSERT INTO certificates (serial, "
		    "type_id, resident_id, community_id, purpose, data, "
		    "issued_at, issued_date, issued_by, valid_until, title, "
		    "body, verify_token, verify_code, ticket_id) VALUES (?, ?, "
		    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		    "tlllttttltttttL", serial,
		    x->type_id, x->resident_id, x->community, x->purpose, data,
		    now, today, r->staff->id, until, cJSON_GetStringValue(
		    cJSON_GetObjectItem(cJSON_GetObjectItem(x->type,
		    "template"), "title")), body, token, code,
		    x->ticket_id);
	}
	free(body);
	free(data);
	return (id);
}

char *
certificate_fill(const cJSON *tmpl, const cJSON *data, int validity_days,
    const char *name, const char *id_number, const char *sex,
    const char *birth, const char *address, const char *community,
    const char *purpose, const char *date)
{
	struct issue	 x;
	char		*body;

	memset(&x, 0, sizeof x);
	x.type = cJSON_CreateObject();
	cJSON_AddItemToObject(x.type, "template", cJSON_Duplicate(tmpl, 1));
	cJSON_AddNumberToObject(x.type, "validity_days", validity_days);
	x.data = (cJSON *)data;
	x.purpose = purpose;
	snprintf(x.name, sizeof x.name, "%s", name);
	snprintf(x.id_number, sizeof x.id_number, "%s", id_number);
	snprintf(x.sex, sizeof x.sex, "%s", strcmp(sex, "M") == 0 ? "男" :
	    "女");
	snprintf(x.birth, sizeof x.birth, "%s", birth);
	snprintf(x.address, sizeof x.address, "%s", address);
	snprintf(x.community_name, sizeof x.community_name, "%s", community);
	body = fill(&x, date);
	cJSON_Delete(x.type);
	return (body);
}

/* The certificate's promise (告知承诺), when it is issued on one. */
static int
make_promise(struct req *r, const struct issue *x, long long id)
{
	struct promise_new	p;

	if (!x->promise)
		return (0);
	memset(&p, 0, sizeof p);
	p.kind = "certificate";
	p.matter = p.subject = cJSON_GetStringValue(cJSON_GetObjectItem(
	    x->type, "name"));
	p.resident_id = x->resident_id;
	p.community_id = x->community;
	p.certificate_id = id;
	return (promise_make(r, &p) != 0 ? 0 : -1);
}

/* POST /certificates: a certificate of a retained type, or 422 with
 * the type's basis. */
static void
certificate_issue(struct req *r)
{
	struct issue	 x;
	cJSON		*o;
	long long	 id;
	char		 object[48], loc[64];

	memset(&x, 0, sizeof x);
	if (read_request(r, &x) != 0 || (x.promise &&
	    promise_refuse_barred(r, x.resident_id) != 0))
		goto out;
	/* beside other writers: the ticket's row, the community's year's
	 * sequence, then the counter's pending evaluation (db.h) */
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		goto out;
	}
	if (x.promise && promise_recheck_barred(r, x.resident_id) != 0)
		goto out;
	if (x.ticket_id != 0 && queue_serve(r, x.ticket_id) != 0) {
		db_rollback(r->db);
		goto out;
	}
	if ((id = insert(r, &x)) == 0 || (snprintf(object, sizeof object,
	    "certificate/%lld", id), audit_req(r, "issue", object,
	    NULL)) != 0 || eval_pend(r, "certificate", id, "certificate") !=
	    0 || make_promise(r, &x, id) != 0 ||
	    (o = certificate_full(r, id)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		goto out;
	}
	req_note(r, "certificate %s issued: type %s, resident %lld",
	    cJSON_GetStringValue(cJSON_GetObjectItem(o, "serial")),
	    cJSON_GetStringValue(cJSON_GetObjectItem(x.type, "code")),
	    x.resident_id);
	reply_json(r, 201, o);
	snprintf(loc, sizeof loc, "/api/v1/certificates/%lld", id);
	reply_header(r, MHD_HTTP_HEADER_LOCATION, loc);
	idem_commit(r);
out:
	cJSON_Delete(x.type);
	cJSON_Delete(x.data);
}

const struct route routes_certificate_issue[] = {
	{ "POST", "/api/v1/certificates", certificate_issue,
	    ROUTE_IDEM | ROUTE_BODY, ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
