/* The supervisor's rules for certificates already issued (docs/api.md
 * 10): voiding one (作废), never valid again, and correcting one (更正),
 * reissued under the same serial with new verification data while each
 * earlier paper is kept and verifies as superseded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "certificate-issue.h"
#include "certificates.h"
#include "clock.h"
#include "db.h"
#include "form.h"
#include "idempotency.h"
#include "json-print.h"
#include "json.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "../util/xmalloc.h"

/* The reason of a void or a correction, with the other members allowed;
 * NULL having replied 400. */
static const char *
read_reason(struct req *r, const char *const *members, cJSON **errors)
{
	const char	*reason;

	json_members(req_body(r), members, NULL, errors);
	reason = json_string(req_body(r), "reason", 2, 200, NULL, errors);
	return (reason);
}

/* Opens the transaction with the certificate the caller may see, not
 * void; NULL having replied (and rolled back). Beside other writers:
 * the certificate's row stays locked until the transaction ends, so
 * its void, corrections and reprints take turns and a correction's
 * number follows the last one (db.h). */
static cJSON *
begin_with(struct req *r, long long id)
{
	struct db_stmt	*st;
	cJSON		*c;
	int		 rc;

	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return (NULL);
	}
	rc = db_query(r->db, &st, "SELECT id FROM certificates WHERE id = ? "
	    "FOR UPDATE", "l", id);
	db_reset(st);
	if (rc < 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return (NULL);
	}
	if ((c = certificate_full(r, id)) == NULL) {
		db_rollback(r->db);
		reply_not_found(r);
		return (NULL);
	}
	if (certificate_refuse_void(r, c) != 0) {
		db_rollback(r->db);
		cJSON_Delete(c);
		return (NULL);
	}
	return (c);
}

/* Audits, answers with the certificate as it now is, and commits. */
static void
finish(struct req *r, long long id, const char *action, const char *reason)
{
	cJSON	*o;
	char	 object[48];

	snprintf(object, sizeof object, "certificate/%lld", id);
	if (audit_req(r, action, object, reason) != 0 ||
	    (o = certificate_full(r, id)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "certificate %lld: %s", id, action);
	reply_json(r, 200, o);
	idem_commit(r);
}

/* POST /certificates/{id}/void: the supervisor voids it, with a reason. */
static void
void_certificate(struct req *r)
{
	static const char *const	 members[] = { "reason", NULL };
	cJSON				*errors = NULL, *c;
	const char			*reason;
	char				 now[32], today[11];
	long long			 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	reason = read_reason(r, members, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if ((c = begin_with(r, id)) == NULL)
		return;
	cJSON_Delete(c);
	clock_rfc3339(clock_now(), now);
	clock_date(clock_now(), today);
	if (db_exec(r->db, "UPDATE certificates SET voided_at = ?, "
	    "voided_date = ?, voided_by = ?, void_reason = ? WHERE id = ?",
	    "ttltl", now, today, r->staff->id, reason, id) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	finish(r, id, "void", reason);
}

/* What a correction needs of the stored certificate and its type. */
struct fix {
	cJSON		*cert, *type;
	char		 name[64], id_number[19], sex[4], birth[11];
	char		 address[256];
	const char	*purpose;
	cJSON		*data, *fields, *old;
};

/* The type and the resident's record as it is now. */
static int
load_fix(struct req *r, struct fix *f)
{
	struct db_stmt	*st;
	int		 rc;

	f->type = certificate_type(r->db, (long long)cJSON_GetNumberValue(
	    cJSON_GetObjectItem(cJSON_GetObjectItem(f->cert, "type"), "id")));
	rc = db_query(r->db, &st, "SELECT name, id_number, sex, birth_date, "
	    "address FROM residents WHERE id = ?", "l",
	    (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(f->cert, "resident"), "id")));
	if (rc == 1) {
		snprintf(f->name, sizeof f->name, "%s", db_text(st, 0));
		snprintf(f->id_number, sizeof f->id_number, "%s",
		    db_text(st, 1));
		snprintf(f->sex, sizeof f->sex, "%s", db_text(st, 2));
		snprintf(f->birth, sizeof f->birth, "%s", db_text(st, 3));
		snprintf(f->address, sizeof f->address, "%s", db_text(st, 4));
	}
	db_reset(st);
	return (rc == 1 && f->type != NULL ? 0 : -1);
}

/* Notes a changed member: its name in fields, its old value in old. */
static void
changed(struct fix *f, const char *name, const cJSON *old)
{
	cJSON_AddItemToArray(f->fields, cJSON_CreateString(name));
	cJSON_AddItemToObject(f->old, name, old != NULL ?
	    cJSON_Duplicate(old, 1) : cJSON_CreateNull());
}

/* The corrected purpose and data, checked by the template; what
 * changed. 0, or -1 with errors. */
static int
read_fix(struct req *r, struct fix *f, cJSON **errors)
{
	cJSON		*body = req_body(r), *given, *merged, *it, *was;
	const cJSON	*tpl = cJSON_GetObjectItem(f->type, "template");
	const char	*p, *cur;
	char		 name[80];

	cur = cJSON_GetStringValue(cJSON_GetObjectItem(f->cert, "purpose"));
	f->purpose = cur;
	p = json_string(body, "purpose", 0, 100, NULL, errors);
	if (p != NULL && *p != '\0' && strcmp(p, cur) != 0) {
		changed(f, "purpose", cJSON_GetObjectItem(f->cert, "purpose"));
		f->purpose = p;
	}
	merged = cJSON_Duplicate(cJSON_GetObjectItem(f->cert, "data"), 1);
	given = cJSON_GetObjectItem(body, "data");
	if (given != NULL && !cJSON_IsNull(given) && !cJSON_IsObject(given))
		field_error(errors, "data", "type", "证明数据须为对象");
	else if (given != NULL && cJSON_IsObject(given)) {
		cJSON_ArrayForEach(it, given) {
			cJSON_DeleteItemFromObject(merged, it->string);
			cJSON_AddItemToObject(merged, it->string,
			    cJSON_Duplicate(it, 1));
		}
	}
	f->data = form_check(cJSON_GetObjectItem(tpl, "fields"), merged, NULL,
	    errors);
	cJSON_Delete(merged);
	cJSON_ArrayForEach(it, f->data) {
		was = cJSON_GetObjectItem(cJSON_GetObjectItem(f->cert, "data"),
		    it->string);
		if (was == NULL || !cJSON_Compare(was, it, 1)) {
			snprintf(name, sizeof name, "data.%s", it->string);
			changed(f, name, was);
		}
	}
	if (*errors == NULL && cJSON_GetArraySize(f->fields) == 0)
		field_error(errors, "data", "required", "没有要更正的内容");
	return (*errors == NULL ? 0 : -1);
}

/* Keeps the paper being replaced, then reissues the certificate. */
static int
reissue(struct req *r, long long id, struct fix *f, const char *reason)
{
	const cJSON	*c = f->cert;
	char		 now[32], today[11], token[44], code[9];
	char		*body, *data, *change;
	cJSON		*ch = cJSON_CreateObject();
	long long	 n;
	int		 rc;

	clock_rfc3339(clock_now(), now);
	clock_date(clock_now(), today);
	n = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(c,
	    "corrections")) + 1;
	if (certificate_tokens(token, code) != 0)
		return (-1);
	cJSON_AddItemReferenceToObject(ch, "fields", f->fields);
	cJSON_AddItemReferenceToObject(ch, "old", f->old);
	change = json_print(ch);
	cJSON_Delete(ch);
	data = json_print(cJSON_GetObjectItem(c, "data"));
	rc = db_exec(r->db, "INSERT INTO certificate_papers (certificate_id, "
	    "correction_no, purpose, data, body, verify_token, verify_code, "
	    "corrected_at, corrected_date, corrected_by, reason, fields) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "lltttttttltt",
	    id, n, cJSON_GetStringValue(cJSON_GetObjectItem(c,
	    "purpose")), data, cJSON_GetStringValue(cJSON_GetObjectItem(c,
	    "body")), cJSON_GetStringValue(cJSON_GetObjectItem(c,
	    "verify_token")), cJSON_GetStringValue(cJSON_GetObjectItem(c,
	    "verify_code")), now, today, r->staff->id, reason, change);
	free(data);
	free(change);
	if (rc != 0)
		return (-1);
	body = certificate_fill(cJSON_GetObjectItem(f->type, "template"),
	    f->data, (int)cJSON_GetNumberValue(cJSON_GetObjectItem(f->type,
	    "validity_days")), f->name, f->id_number, f->sex, f->birth,
	    f->address, cJSON_GetStringValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(c, "community"), "name")), f->purpose,
	    cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(c,
	    "stub"), "issued_on")));
	data = json_print(f->data);
	rc = db_exec(r->db, "UPDATE certificates SET purpose = ?, data = ?, "
	    "body = ?, verify_token = ?, verify_code = ?, corrections = ? "
	    "WHERE id = ?", "tttttll", f->purpose, data, body, token, code,
	    n, id);
	free(body);
	free(data);
	return (rc);
}

/* POST /certificates/{id}/corrections: the supervisor corrects it. */
static void
correct_certificate(struct req *r)
{
	static const char *const	 members[] = { "reason", "purpose",
	    "data", NULL };
	struct fix			 f;
	cJSON				*errors = NULL;
	const char			*reason;
	long long			 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	memset(&f, 0, sizeof f);
	reason = read_reason(r, members, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if ((f.cert = begin_with(r, id)) == NULL)
		return;
	f.fields = cJSON_CreateArray();
	f.old = cJSON_CreateObject();
	if (load_fix(r, &f) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
	} else if (read_fix(r, &f, &errors) != 0) {
		db_rollback(r->db);
		reply_validation(r, errors);
	} else if (reissue(r, id, &f, reason) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
	} else
		finish(r, id, "correct", reason);
	cJSON_Delete(f.cert);
	cJSON_Delete(f.type);
	cJSON_Delete(f.data);
	cJSON_Delete(f.fields);
	cJSON_Delete(f.old);
}

const struct route routes_certificate_rules[] = {
	{ "POST", "/api/v1/certificates/{id}/void", void_certificate,
	    ROUTE_IDEM | ROUTE_BODY, ROLE_SUPER | ROLE_ADMIN },
	{ "POST", "/api/v1/certificates/{id}/corrections",
	    correct_certificate, ROUTE_IDEM | ROUTE_BODY,
	    ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
