/* Public verification of a certificate (docs/api.md 10): by the token in
 * its QR code or by the typed 核验码, as JSON, and as the small HTML
 * page the QR code opens on a phone. Nothing but validity, type, dates
 * and the issuing community is told; every route is rate limited per
 * address. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "json.h"
#include "ratelimit.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define VERIFY_LIMIT	30
#define VERIFY_WINDOW	60
#define CODE_ALPHABET	"23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

/* What a verification tells. */
struct found {
	int	valid;
	char	status[12], voided_on[11], superseded_on[11];
	char	type[64], issued_on[11], community[64], valid_until[11];
};

/* The certificate's paper in force, or (from) one replaced by a
 * correction, by token or code. */
#define FOUND_COLS "SELECT t.name, x.issued_date, c.name, x.valid_until, "
#define FOUND_JOIN " JOIN certificate_types t ON t.id = x.type_id JOIN " \
	"communities c ON c.id = x.community_id "

/* Fills f from a row of FOUND_COLS, what ends it being the void date
 * and the date the paper was replaced. */
static void
found_row(struct db_stmt *st, struct found *f)
{
	char	today[11];

	snprintf(f->type, sizeof f->type, "%s", db_text(st, 0));
	snprintf(f->issued_on, sizeof f->issued_on, "%s", db_text(st, 1));
	snprintf(f->community, sizeof f->community, "%s", db_text(st, 2));
	snprintf(f->valid_until, sizeof f->valid_until, "%s", db_text(st, 3));
	snprintf(f->voided_on, sizeof f->voided_on, "%s", db_null(st, 4) ?
	    "" : db_text(st, 4));
	snprintf(f->superseded_on, sizeof f->superseded_on, "%s",
	    db_null(st, 5) ? "" : db_text(st, 5));
	clock_date(clock_now(), today);
	if (*f->voided_on != '\0')
		snprintf(f->status, sizeof f->status, "void");
	else if (*f->superseded_on != '\0')
		snprintf(f->status, sizeof f->status, "superseded");
	else if (strcmp(today, f->valid_until) > 0)
		snprintf(f->status, sizeof f->status, "expired");
	else
		snprintf(f->status, sizeof f->status, "valid");
	f->valid = strcmp(f->status, "valid") == 0;
}

/* Looks up by token or code; 0 if found. A void certificate is void
 * whichever of its papers is shown. */
static int
lookup(struct req *r, const char *token, const char *code, struct found *f)
{
	struct db_stmt	*st;
	int		 rc;

	memset(f, 0, sizeof *f);
	rc = db_query(r->db, &st, FOUND_COLS "x.voided_date, NULL FROM "
	    "certificates x" FOUND_JOIN "WHERE x.verify_token = ?1 OR "
	    "x.verify_code = ?2", "tt", token, code);
	if (rc == 1)
		found_row(st, f);
	db_reset(st);
	if (rc != 0)
		return (rc == 1 ? 0 : -1);
	rc = db_query(r->db, &st, FOUND_COLS "x.voided_date, p.corrected_date "
	    "FROM certificate_papers p JOIN certificates x ON x.id = "
	    "p.certificate_id" FOUND_JOIN "WHERE p.verify_token = ?1 OR "
	    "p.verify_code = ?2", "tt", token, code);
	if (rc == 1)
		found_row(st, f);
	db_reset(st);
	return (rc == 1 ? 0 : -1);
}

/* 43 characters of base64url. */
static int
token_ok(const char *s)
{
	size_t	i;

	if (strlen(s) != 43)
		return (0);
	for (i = 0; i < 43; i++) {
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return (0);
	}
	return (1);
}

/* The budget of this address; 0, or the seconds to wait. */
static int
throttled(struct req *r)
{
	return (ratelimit_hit(r->addr, VERIFY_LIMIT, VERIFY_WINDOW));
}

/* 429 as problem+json with Retry-After. */
static void
too_many(struct req *r, int retry)
{
	char	s[16];

	snprintf(s, sizeof s, "%d", retry);
	reply_problem(r, 429, "too-many-requests", "Too many requests",
	    "核验过于频繁，请稍后再试", NULL);
	reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, s);
}

/* A VerifyResult. */
static void
reply_found(struct req *r, const struct found *f)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddBoolToObject(o, "valid", f->valid);
	cJSON_AddStringToObject(o, "status", f->status);
	cJSON_AddStringToObject(o, "type", f->type);
	cJSON_AddStringToObject(o, "issued_on", f->issued_on);
	cJSON_AddStringToObject(o, "community", f->community);
	cJSON_AddStringToObject(o, "valid_until", f->valid_until);
	if (*f->voided_on != '\0')
		cJSON_AddStringToObject(o, "voided_on", f->voided_on);
	else
		cJSON_AddNullToObject(o, "voided_on");
	if (*f->superseded_on != '\0')
		cJSON_AddStringToObject(o, "superseded_on", f->superseded_on);
	else
		cJSON_AddNullToObject(o, "superseded_on");
	reply_json(r, 200, o);
}

/* GET /api/v1/verify/{token}: the QR code's check, as JSON. */
static void
by_token(struct req *r)
{
	struct found	f;
	int		retry;

	if ((retry = throttled(r)) != 0) {
		too_many(r, retry);
		return;
	}
	if (!token_ok(r->params[0]) || lookup(r, r->params[0], NULL, &f) != 0)
		reply_not_found(r);
	else
		reply_found(r, &f);
}

/* GET /api/v1/verify?code=: the typed 核验码, spaces and hyphens ignored. */
static void
by_code(struct req *r)
{
	static const char *const	 allowed[] = { "code", NULL };
	struct found			 f;
	cJSON				*errors = NULL;
	const char			*s = req_arg(r, "code");
	char				 code[9];
	size_t				 n = 0;
	int				 retry;

	if ((retry = throttled(r)) != 0) {
		too_many(r, retry);
		return;
	}
	q_check(r, allowed, 0, &errors);
	if (s == NULL || *s == '\0')
		field_error(&errors, "code", "required", "请输入核验码");
	for (; s != NULL && *s != '\0' && errors == NULL; s++) {
		if (*s == ' ' || *s == '-')
			continue;
		if (n == 8 || strchr(CODE_ALPHABET,
		    toupper((unsigned char)*s)) == NULL) {
			n = 9;
			break;
		}
		code[n++] = (char)toupper((unsigned char)*s);
	}
	if (errors == NULL && n != 8)
		field_error(&errors, "code", "pattern", "核验码为 8 位字母数字");
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	code[8] = '\0';
	if (lookup(r, NULL, code, &f) != 0)
		reply_not_found(r);
	else
		reply_found(r, &f);
}

/* The page around a body, with the headers docs/api.md asks for. */
static void
reply_html(struct req *r, int status, const char *inner)
{
	struct buf	b;

	buf_init(&b);
	buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\""
	    "width=device-width, initial-scale=1\"><title>证明核验</title>"
	    "<style>body{font-family:sans-serif;margin:1.5em;line-height:1.6}"
	    "h1{font-size:1.4em}table{border-collapse:collapse}"
	    "th,td{text-align:left;padding:.3em .8em .3em 0;"
	    "vertical-align:top}.ok{color:#060}.bad{color:#a00}</style>"
	    "</head><body><h1>证明核验</h1>\n%s\n</body></html>\n", inner);
	reply_raw(r, status, "text/html; charset=utf-8", b.data, b.len);
	reply_header(r, "Content-Security-Policy",
	    "default-src 'none'; style-src 'unsafe-inline'");
	reply_header(r, "Referrer-Policy", "no-referrer");
}

/* Appends s with &, <, >, " escaped. */
static void
escaped(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '&')
			buf_adds(b, "&amp;");
		else if (*s == '<')
			buf_adds(b, "&lt;");
		else if (*s == '>')
			buf_adds(b, "&gt;");
		else if (*s == '"')
			buf_adds(b, "&quot;");
		else
			buf_add(b, s, 1);
	}
}

/* One row of the result table. */
static void
row(struct buf *b, const char *label, const char *value)
{
	buf_printf(b, "<tr><th>%s</th><td>", label);
	escaped(b, value);
	buf_adds(b, "</td></tr>");
}

/* The result in a word: 有效, 已过期, 已作废 or 已更正. */
static const char *
verdict(const struct found *f)
{
	if (strcmp(f->status, "void") == 0)
		return ("已作废");
	if (strcmp(f->status, "superseded") == 0)
		return ("已更正");
	return (f->valid ? "有效" : "已过期");
}

/* GET /verify/{token}: the page a phone opens from the QR code. */
static void
page(struct req *r)
{
	struct found	f;
	struct buf	b;
	char		s[16];
	int		retry;

	if ((retry = throttled(r)) != 0) {
		reply_html(r, 429, "<p class=\"bad\">核验过于频繁，请稍后再试。"
		    "</p>");
		snprintf(s, sizeof s, "%d", retry);
		reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, s);
		return;
	}
	if (!token_ok(r->params[0]) || lookup(r, r->params[0], NULL,
	    &f) != 0) {
		reply_html(r, 404, "<p class=\"bad\">未找到该证明。</p>");
		return;
	}
	buf_init(&b);
	buf_printf(&b, "<table><tr><th>核验结果</th><td class=\"%s\">%s</td>"
	    "</tr>", f.valid ? "ok" : "bad", verdict(&f));
	row(&b, "证明类型", f.type);
	row(&b, "开具单位", f.community);
	row(&b, "开具日期", f.issued_on);
	row(&b, "有效期至", f.valid_until);
	if (*f.voided_on != '\0')
		row(&b, "作废日期", f.voided_on);
	else if (*f.superseded_on != '\0') {
		row(&b, "更正日期", f.superseded_on);
		buf_adds(&b, "<tr><td colspan=\"2\" class=\"bad\">本证明已被更正"
		    "后的证明取代，以更正后的证明为准。</td></tr>");
	}
	buf_adds(&b, "</table>");
	reply_html(r, 200, b.data);
	buf_free(&b);
}

const struct route routes_verify[] = {
	{ "GET", "/api/v1/verify/{token}", by_token, ROUTE_PUBLIC, 0 },
	{ "GET", "/api/v1/verify", by_code, ROUTE_PUBLIC, 0 },
	{ "GET", "/verify/{token}", page, ROUTE_PUBLIC, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
