/* POST /api/v1/kiosk/identify: a resident at the self-service terminal
 * gives the card's ID number and a pickup code and gets a visit; wrong
 * codes are counted per card and per terminal (docs/api.md 25). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "json.h"
#include "kiosk-visit.h"
#include "pickup.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "valid.h"
#include "../util/xmalloc.h"

#define WRONG_WINDOW	(15 * 60)
/* A card gets five tries; a terminal in a busy hall serves many
 * residents who each may mistype, so it is stopped only past twenty,
 * which still leaves one terminal too slow a door for guessing. */
#define WRONG_MAX	5
#define WRONG_MAX_KIOSK	20

/* Wrong codes in the window under one key (sql's count and oldest):
 * their count, and when the oldest leaves the window into *until. */
static long long
wrong_count(struct req *r, long long *until, const char *sql,
    const char *fmt, ...)
{
	struct db_stmt	*st;
	va_list		 ap;
	long long	 n = 0;

	va_start(ap, fmt);
	if (db_vquery(r->db, &st, sql, fmt, ap) == 1) {
		n = db_int(st, 0);
		*until = db_int(st, 1) + WRONG_WINDOW;
	}
	va_end(ap);
	db_reset(st);
	return (n);
}

/* Wrong codes in the window for the card and for the kiosk: the tries
 * left before one of them reaches its limit, and when the oldest counted
 * one leaves the window into *until (of the one at its limit, when one
 * is). */
static long long
wrong_codes(struct req *r, const char *card, long long now,
    long long *until)
{
	long long	card_n, kiosk_n, card_at = 0, kiosk_at = 0, left;

	card_n = wrong_count(r, &card_at, "SELECT count(*), "
	    "coalesce(min(at), 0) FROM kiosk_failures WHERE card_hash = ? AND "
	    "at > ?", "tl", card, now - WRONG_WINDOW);
	kiosk_n = wrong_count(r, &kiosk_at, "SELECT count(*), "
	    "coalesce(min(at), 0) FROM kiosk_failures WHERE kiosk_id = ? AND "
	    "at > ?", "ll", r->staff->kiosk_id, now - WRONG_WINDOW);
	*until = 0;
	if (card_n >= WRONG_MAX)
		*until = card_at;
	if (kiosk_n >= WRONG_MAX_KIOSK && kiosk_at > *until)
		*until = kiosk_at;
	left = WRONG_MAX - card_n;
	if (WRONG_MAX_KIOSK - kiosk_n < left)
		left = WRONG_MAX_KIOSK - kiosk_n;
	return (left > 0 ? left : 0);
}

/* 429 with the wait, audited. */
static void
refuse_throttled(struct req *r, const char *masked, long long wait)
{
	cJSON	*ext = cJSON_CreateObject();
	char	 retry[24], detail[96];

	audit_req(r, "kiosk_identify", NULL, (snprintf(detail, sizeof detail,
	    "throttled %s", masked), detail));
	req_note(r, "kiosk identify throttled");
	snprintf(detail, sizeof detail, "取件码错误次数过多，请%lld分钟后再试"
	    "或到窗口办理", (wait + 59) / 60);
	cJSON_AddNumberToObject(ext, "retry_after", (double)wait);
	reply_problem_ext(r, 429, "too-many-requests", "Too many requests",
	    detail, ext);
	snprintf(retry, sizeof retry, "%lld", wait);
	reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, retry);
}

/* A wrong code: counted, audited, 422 with the attempts left. */
static void
refuse_wrong(struct req *r, const char *card, const char *masked)
{
	cJSON		*ext = cJSON_CreateObject();
	long long	 now = (long long)clock_now(), until, left;
	char		 detail[96];

	db_exec(r->db, "DELETE FROM kiosk_failures WHERE at <= ?", "l",
	    now - WRONG_WINDOW);
	db_exec(r->db, "INSERT INTO kiosk_failures (at, card_hash, "
	    "kiosk_id) VALUES (?, ?, ?)", "ltl", now, card,
	    r->staff->kiosk_id);
	left = wrong_codes(r, card, now, &until);
	snprintf(detail, sizeof detail, "wrong %s", masked);
	audit_req(r, "kiosk_identify", NULL, detail);
	req_note(r, "kiosk identify: wrong code, %lld left", left);
	snprintf(detail, sizeof detail, "身份证号或取件码不正确，还可尝试%lld次",
	    left);
	cJSON_AddNumberToObject(ext, "attempts_left", (double)left);
	reply_problem_ext(r, 422, "wrong-code", "Wrong code", detail, ext);
}

/* The resident with the ID number: id and masked name; 0 for none. */
static long long
resident_of(struct req *r, const char *id_number, char *name, size_t len)
{
	struct db_stmt	*st;
	long long	 id = 0;

	if (db_query(r->db, &st, "SELECT id, name FROM residents WHERE "
	    "id_number = ?", "t", id_number) == 1) {
		id = db_int(st, 0);
		mask_name(db_text(st, 1), name, len);
	}
	db_reset(st);
	return (id);
}

/* 201 with a new visit of the resident. */
static void
welcome(struct req *r, long long resident, const char *name,
    const char *masked)
{
	cJSON	*out, *o;
	char	 token[65], expires[32], object[40], detail[64];

	snprintf(object, sizeof object, "resident/%lld", resident);
	snprintf(detail, sizeof detail, "ok %s", masked);
	if (kiosk_visit_open(r, resident, token, expires) != 0 ||
	    audit_req(r, "kiosk_identify", object, detail) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "kiosk visit of resident %lld", resident);
	out = cJSON_CreateObject();
	cJSON_AddStringToObject(out, "visit", token);
	cJSON_AddStringToObject(out, "expires_at", expires);
	o = cJSON_AddObjectToObject(out, "resident");
	cJSON_AddStringToObject(o, "name", name);
	reply_json(r, 201, out);
	explicit_bzero(token, sizeof token);
}

static void
identify(struct req *r)
{
	static const char *const	 members[] = { "id_number", "code",
	    NULL };
	cJSON				*body = req_body(r), *errors = NULL;
	const char			*idn, *code, *bad;
	char				 norm[19], card[65], name[128];
	char				*masked;
	long long			 resident, until, now;

	json_members(body, members, NULL, &errors);
	idn = json_string(body, "id_number", 1, 18, NULL, &errors);
	code = json_string(body, "code", 1, 6, NULL, &errors);
	if (idn != NULL && (bad = valid_id_number(idn, norm)) != NULL)
		field_error(&errors, "id_number", bad, valid_id_message(bad));
	if (code != NULL && !pickup_valid(code))
		field_error(&errors, "code", "pattern", "取件码为6位数字");
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	auth_sha256_hex(norm, strlen(norm), card);
	masked = mask_id(norm);
	now = (long long)clock_now();
	wrong_codes(r, card, now, &until);
	if (until > 0)
		refuse_throttled(r, masked, until > now ? until - now : 1);
	else if ((resident = resident_of(r, norm, name, sizeof name)) == 0 ||
	    !pickup_check(r->db, resident, code))
		refuse_wrong(r, card, masked);
	else
		welcome(r, resident, name, masked);
	free(masked);
	explicit_bzero(norm, sizeof norm);
}

const struct route routes_kiosk_identify[] = {
	{ "POST", "/api/v1/kiosk/identify", identify, ROUTE_BODY,
	  ROLE_KIOSK },
	{ NULL, NULL, NULL, 0, 0 }
};
