/* /api/v1/exchange/inbound: the departments' signed reports of the
 * results of applications forwarded to them (docs/api.md 24). No
 * session: the request is known by its signature only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "application-actions.h"
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "exchange-keys.h"
#include "json.h"
#include "ratelimit.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "../util/log.h"

/* Refusals an address may have in a minute before it is answered 429
 * unheard (docs/api.md 1.12), counted apart from the verification
 * routes' requests. */
#define REFUSAL_LIMIT	20
#define REFUSAL_WINDOW	60
/* The budgets' keys (an IPv6 address is at most 45 characters) */
#define REFUSAL_KEY	"exchange-refused %.46s"
#define LIMIT_LOG_KEY	"exchange-limited %.46s"

/* What the signature headers said, once checked. */
struct signed_req {
	const struct exchange_key	*key;
	char				 key_id[65];	/* as sent, or "-" */
	char				 message_id[65];
};

/* Counts a refusal against the address; the limit reached is logged
 * once a window. */
static void
count_refusal(struct req *r)
{
	char	key[64];
	int	wait;

	snprintf(key, sizeof key, REFUSAL_KEY, r->addr);
	if (ratelimit_hit(key, REFUSAL_LIMIT, REFUSAL_WINDOW) != 0 ||
	    (wait = ratelimit_wait(key, REFUSAL_LIMIT, REFUSAL_WINDOW)) == 0)
		return;
	snprintf(key, sizeof key, LIMIT_LOG_KEY, r->addr);
	if (ratelimit_hit(key, 1, REFUSAL_WINDOW) == 0)
		log_warn("exchange: inbound from %s refused %d times within "
		    "%d s: answered 429 without a hearing for %d s", r->addr,
		    REFUSAL_LIMIT, REFUSAL_WINDOW, wait);
}

/* 1 having answered 429 when the address has used up its refusals:
 * nothing else is looked at, logged (but the request's line) or
 * audited. */
static int
throttled(struct req *r)
{
	char	key[64], s[16];
	int	wait;

	snprintf(key, sizeof key, REFUSAL_KEY, r->addr);
	if ((wait = ratelimit_wait(key, REFUSAL_LIMIT, REFUSAL_WINDOW)) == 0)
		return (0);
	snprintf(s, sizeof s, "%d", wait);
	req_note(r, "refused unheard: too many refusals from the address");
	reply_problem(r, 429, "too-many-requests", "Too many requests",
	    "被拒绝的请求过多，请稍后再试", NULL);
	reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, s);
	return (1);
}

/* A refusal, logged and audited in its own transaction (what the
 * request wrote rolled back), and counted against the address. */
static void
note_refusal(struct req *r, const struct signed_req *s, const char *type)
{
	char	text[200];

	snprintf(text, sizeof text, "key %s, message %s: %s", s->key_id,
	    s->message_id, type);
	log_warn("exchange: inbound from %s refused: %s", r->addr, text);
	req_note(r, "refused: %s", text);
	if (db_in_transaction(r->db))
		db_rollback(r->db);
	audit_write(r->db, 0, NULL, "exchange_refused", NULL, text, r->addr);
	count_refusal(r);
}

/* The refusal, noted and answered. */
static void
refuse(struct req *r, const struct signed_req *s, int status,
    const char *type, const char *title, const char *detail, cJSON *ext)
{
	note_refusal(r, s, type);
	reply_problem_ext(r, status, type, title, detail, ext);
}

/* The header as a key or message id, "-" when missing or not one. */
static const char *
name_header(struct req *r, const char *name, char *out)
{
	const char	*v = req_header(r, name);

	snprintf(out, 65, "%s", v != NULL && exchange_name_valid(v) ? v :
	    "-");
	return (strcmp(out, "-") == 0 ? NULL : out);
}

/* The signature headers and the window; 0, or -1 having refused. */
static int
check_signature(struct req *r, struct signed_req *s)
{
	const char	*kid = name_header(r, "X-Bianmin-Key-Id", s->key_id);
	const char	*mid = name_header(r, "X-Bianmin-Message-Id",
			    s->message_id);
	const char	*ts = req_header(r, "X-Bianmin-Timestamp");
	const char	*sig = req_header(r, "X-Bianmin-Signature");
	long long	 t, now = (long long)clock_now();
	size_t		 n = ts != NULL ? strlen(ts) : 0;

	if (kid == NULL || mid == NULL || n < 1 || n > 12 || strspn(ts,
	    "0123456789") != n || sig == NULL || (s->key =
	    exchange_keys_find(kid)) == NULL || !exchange_sign_check(s->key->key,
	    ts, mid, r->body.data != NULL ? r->body.data : "", r->body.len,
	    sig)) {
		refuse(r, s, 401, "bad-signature", "Bad signature",
		    "签名缺失、格式错误或不符", NULL);
		return (-1);
	}
	t = strtoll(ts, NULL, 10);
	if (t < now - exchange_keys_window() ||
	    t > now + exchange_keys_window()) {
		refuse(r, s, 401, "stale-timestamp", "Stale timestamp",
		    "签名时间超出允许范围", NULL);
		return (-1);
	}
	return (0);
}

/* The report's body: 0, or -1 having refused. */
static int
read_report(struct req *r, const struct signed_req *s, cJSON *body,
    struct app_action *a, const char **number)
{
	static const char *const	 members[] = { "application_number",
	    "result", "reason", "note", NULL };
	static const char *const	 results[] = { "approved", "refused",
	    "progress", NULL };
	cJSON				*errors = NULL;
	const char			*result;

	memset(a, 0, sizeof *a);
	json_members(body, members, NULL, &errors);
	*number = json_string(body, "application_number", 1, 32, NULL,
	    &errors);
	result = json_option(body, "result", results, JF_REQUIRED, NULL,
	    &errors);
	a->note = json_text(body, "note", 0, 500, JF_MULTILINE, NULL,
	    &errors);
	if (result != NULL && strcmp(result, "refused") == 0)
		a->reason = json_string(body, "reason", 2, 200, NULL, &errors);
	else if (cJSON_GetObjectItem(body, "reason") != NULL)
		field_error(&errors, "reason", "unknown_field",
		    "只有 refused 需要理由");
	if (errors != NULL) {
		note_refusal(r, s, "validation");
		reply_validation(r, errors);
		return (-1);
	}
	a->action = strcmp(result, "approved") == 0 ? "complete" :
	    strcmp(result, "refused") == 0 ? "reject" : "department_note";
	a->department = s->key->department;
	return (0);
}

/* A message id the key has sent before: 1 having refused 409 replay. */
static int
replayed(struct req *r, const struct signed_req *s)
{
	struct db_stmt	*st;
	cJSON		*ext;
	int		 rc;

	rc = db_query(r->db, &st, "SELECT received_at FROM exchange_inbound "
	    "WHERE key_id = ? AND message_id = ?", "tt", s->key->id,
	    s->message_id);
	if (rc != 1) {
		db_reset(st);
		return (0);
	}
	ext = cJSON_CreateObject();
	cJSON_AddStringToObject(ext, "first_received_at", db_text(st, 0));
	db_reset(st);
	refuse(r, s, 409, "replay", "Replay", "此消息已处理过", ext);
	return (1);
}

/* The application by its number, forwarded to the key's department,
 * its row locked: its id and status, or 0. */
static long long
load_forwarded(struct req *r, const struct signed_req *s,
    const char *number, char *status)
{
	struct db_stmt	*st;
	long long	 id = 0;

	if (db_query(r->db, &st, "SELECT id, status FROM applications WHERE "
	    "number = ? AND department = ? FOR UPDATE", "tt", number,
	    s->key->department) == 1) {
		id = db_int(st, 0);
		snprintf(status, 24, "%s", db_text(st, 1));
	}
	db_reset(st);
	return (id);
}

/* Records the message as taken, and audits it: the timeline entry's id,
 * or 0. */
static long long
record(struct req *r, const struct signed_req *s, long long id,
    const char *result)
{
	struct db_stmt	*st;
	char		 now[32], object[48], detail[200];
	long long	 entry = 0;

	if (db_query(r->db, &st, "SELECT max(id) FROM timeline WHERE "
	    "application_id = ?", "l", id) == 1)
		entry = db_int(st, 0);
	db_reset(st);
	clock_rfc3339(clock_now(), now);
	snprintf(object, sizeof object, "application/%lld", id);
	snprintf(detail, sizeof detail, "key %s, message %s: %s", s->key->id,
	    s->message_id, result);
	if (entry == 0 || db_exec(r->db, "INSERT INTO exchange_inbound "
	    "(key_id, message_id, received_at, application_id, result, "
	    "timeline_id) VALUES (?, ?, ?, ?, ?, ?)", "tttltl", s->key->id,
	    s->message_id, now, id, result, entry) != 0 ||
	    audit_req(r, "exchange_inbound", object, detail) != 0)
		return (0);
	return (entry);
}

/* The answer: the message, the application and its status now. */
static void
answer(struct req *r, const struct signed_req *s, const char *number,
    const char *status, long long entry)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "message_id", s->message_id);
	cJSON_AddStringToObject(o, "application_number", number);
	cJSON_AddStringToObject(o, "status", status);
	cJSON_AddNumberToObject(o, "timeline_id", (double)entry);
	req_note(r, "application %s: %s from %s (message %s)", number,
	    status, s->key->id, s->message_id);
	reply_json(r, 200, o);
}

/* Applies the report in one transaction; the caller has checked the
 * signature and the body. */
static void
take(struct req *r, const struct signed_req *s, const char *number,
    const struct app_action *a, const char *result)
{
	char		 status[24], name[160];
	long long	 id, entry;

	snprintf(name, sizeof name, "exchange-inbound:%s:%s", s->key->id,
	    s->message_id);
	if (db_begin_rows(r->db) != 0 || db_lock_name(r->db, name) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	if (replayed(r, s))
		return;
	if ((id = load_forwarded(r, s, number, status)) == 0) {
		refuse(r, s, 404, "unknown-application", "Unknown application",
		    "没有转办给本部门的此办件", NULL);
		return;
	}
	if (app_refused(r, id, status, a->action)) {
		note_refusal(r, s, app_next(status, a->action) == NULL ?
		    "invalid-transition" : "deferred-outstanding");
		return;
	}
	if (app_apply(r, id, status, a) != 0 ||
	    (entry = record(r, s, id, result)) == 0 || db_commit(r->db) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	answer(r, s, number, app_next(status, a->action), entry);
}

/* POST /exchange/inbound. */
static void
inbound(struct req *r)
{
	struct signed_req	 s;
	struct app_action	 a;
	cJSON			*body;
	const char		*number;

	memset(&s, 0, sizeof s);
	if (exchange_keys_count() == 0) {
		reply_not_found(r);
		return;
	}
	if (throttled(r) || check_signature(r, &s) != 0)
		return;
	if (r->body.len > 0 && !req_media_type_ok(r, 0)) {
		refuse(r, &s, 415, "unsupported-media-type",
		    "Unsupported media type", "请求体须为 application/json",
		    NULL);
		return;
	}
	if ((body = req_json(r)) == NULL) {
		note_refusal(r, &s, "invalid-request");
		return;
	}
	if (read_report(r, &s, body, &a, &number) == 0)
		take(r, &s, number, &a, cJSON_GetStringValue(
		    cJSON_GetObjectItem(body, "result")));
	cJSON_Delete(body);
}

const struct route routes_exchange[] = {
	{ "POST", "/api/v1/exchange/inbound", inbound, ROUTE_PUBLIC, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
