/* The public progress-and-rating page of an application or a
 * certificate (docs/api.md 19): the page the receipt's QR code opens, by
 * the application's unguessable rate_token, or the certificate's short
 * link, by its own. It tells the progress (of a certificate: its type,
 * community and date) and the name masked, nothing else of the person,
 * and takes one rating per occasion reached. Rate limited per address
 * with the verification routes. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "evaluation.h"
#include "ratelimit.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "valid.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define PAGE_LIMIT	30
#define PAGE_WINDOW	60
#define MAX_FORM_VALUES	16

/* What the page shows of an application or a certificate. */
struct progress {
	const char	*kind;		/* application, certificate */
	long long	 id, centre, staff;
	char		 number[40], service[128], status[24], name[8 * 4 + 1];
	char		 created[11], due[11], counter[16], community[128];
};

/* A form body, decoded. */
struct form {
	char	*names[MAX_FORM_VALUES], *values[MAX_FORM_VALUES];
	int	 n;
	char	*store;
};

static const char *const status_zh[][2] = {
	{ "submitted", "已收件" }, { "accepted", "已受理" },
	{ "materials_requested", "待补正" }, { "forwarded", "已转办" },
	{ "completed", "已办结" }, { "collected", "已出件" },
	{ "rejected", "不予受理" },
};

static const char *
zh_status(const char *s)
{
	size_t	i;

	for (i = 0; i < sizeof status_zh / sizeof *status_zh; i++) {
		if (strcmp(status_zh[i][0], s) == 0)
			return (status_zh[i][1]);
	}
	return (s);
}

/* 32 lowercase hex digits. */
static int
token_ok(const char *s)
{
	size_t	i;

	for (i = 0; i < 32; i++) {
		if (!isdigit((unsigned char)s[i]) && (s[i] < 'a' || s[i] > 'f'))
			return (0);
	}
	return (s[32] == '\0');
}

/* The certificate whose rate_token is token: its type as the service,
 * its issue date as created; 0 or -1. */
static int
load_certificate(struct db *db, const char *token, struct progress *p)
{
	struct db_stmt	*st;
	int		 rc;

	rc = db_query(db, &st, "SELECT x.id, t.name, r.name, x.issued_date, "
	    "c.centre_id, x.issued_by, c.name FROM certificates x JOIN "
	    "certificate_types t ON t.id = x.type_id JOIN residents r ON "
	    "r.id = x.resident_id JOIN communities c ON c.id = "
	    "x.community_id WHERE x.rate_token = ?", "t", token);
	if (rc == 1) {
		memset(p, 0, sizeof *p);
		p->kind = "certificate";
		p->id = db_int(st, 0);
		snprintf(p->service, sizeof p->service, "%s", db_text(st, 1));
		mask_name(db_text(st, 2), p->name, sizeof p->name);
		snprintf(p->created, sizeof p->created, "%s", db_text(st, 3));
		p->centre = db_int(st, 4);
		p->staff = db_int(st, 5);
		snprintf(p->community, sizeof p->community, "%s",
		    db_text(st, 6));
	}
	db_reset(st);
	return (rc == 1 ? 0 : -1);
}

/* The application, else the certificate, whose rate_token is token. */
static int
load(struct db *db, const char *token, struct progress *p)
{
	struct db_stmt	*st;
	int		 rc;

	rc = db_query(db, &st, "SELECT a.id, a.number, s.name, a.status, "
	    "x.name, a.created_date, a.due_date, c.centre_id, a.counter, "
	    "a.staff_id FROM applications a JOIN services s ON s.id = "
	    "a.service_id JOIN residents x ON x.id = a.resident_id JOIN "
	    "communities c ON c.id = a.community_id WHERE a.rate_token = ?",
	    "t", token);
	if (rc == 1) {
		memset(p, 0, sizeof *p);
		p->kind = "application";
		p->id = db_int(st, 0);
		snprintf(p->number, sizeof p->number, "%s", db_text(st, 1));
		snprintf(p->service, sizeof p->service, "%s", db_text(st, 2));
		snprintf(p->status, sizeof p->status, "%s", db_text(st, 3));
		mask_name(db_text(st, 4), p->name, sizeof p->name);
		snprintf(p->created, sizeof p->created, "%s", db_text(st, 5));
		snprintf(p->due, sizeof p->due, "%s", db_text(st, 6));
		p->centre = db_int(st, 7);
		snprintf(p->counter, sizeof p->counter, "%s", db_text(st, 8));
		p->staff = db_int(st, 9);
	}
	db_reset(st);
	if (rc == 1)
		return (0);
	return (load_certificate(db, token, p));
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

static void
reply_page(struct req *r, int status, const char *inner)
{
	struct buf	b;

	buf_init(&b);
	buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\""
	    "width=device-width, initial-scale=1\"><title>办件进度与评价"
	    "</title><style>body{font-family:sans-serif;margin:1.5em;"
	    "line-height:1.6}h1{font-size:1.4em}table{border-collapse:"
	    "collapse}th,td{text-align:left;padding:.3em .8em .3em 0;"
	    "vertical-align:top}.ok{color:#060}.bad{color:#a00}fieldset"
	    "{margin:1em 0}</style></head><body><h1>办件进度与评价</h1>\n%s"
	    "\n</body></html>\n", inner);
	reply_raw(r, status, "text/html; charset=utf-8", b.data, b.len);
	reply_header(r, "Content-Security-Policy",
	    "default-src 'none'; style-src 'unsafe-inline'; form-action "
	    "'self'");
	reply_header(r, "Referrer-Policy", "no-referrer");
}

/* 0, or 429 answered. */
static int
throttled(struct req *r)
{
	char	s[16];
	int	retry;

	if ((retry = ratelimit_hit(r->addr, PAGE_LIMIT, PAGE_WINDOW)) == 0)
		return (0);
	reply_page(r, 429, "<p class=\"bad\">访问过于频繁，请稍后再试。</p>");
	snprintf(s, sizeof s, "%d", retry);
	reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, s);
	return (1);
}

static void
row(struct buf *b, const char *label, const char *value)
{
	buf_printf(b, "<tr><th>%s</th><td>", label);
	escaped(b, value);
	buf_adds(b, "</td></tr>");
}

/* The steps so far, by date. */
static void
steps(struct req *r, struct buf *b, const struct progress *p)
{
	struct db_stmt	*st;
	char		 date[11];
	int		 rc;

	buf_adds(b, "<h2>办理进度</h2><table>");
	row(b, "收件", p->created);
	rc = db_query(r->db, &st, "SELECT at, to_status FROM timeline WHERE "
	    "application_id = ? AND to_status IS NOT NULL AND action <> "
	    "'create' ORDER BY at, id", "l", p->id);
	for (; rc == 1; rc = db_step(st)) {
		clock_date_of(db_text(st, 0), date);
		row(b, zh_status(db_text(st, 1)), date);
	}
	db_reset(st);
	buf_adds(b, "</table>");
}

/* 1 when the application or certificate has reached the occasion: a
 * certificate's is its issue, reached when it exists. */
static int
reached(const struct progress *p, const char *occasion)
{
	if (strcmp(p->kind, "certificate") == 0)
		return (strcmp(occasion, "certificate") == 0);
	if (strcmp(occasion, "completed") == 0)
		return (strcmp(p->status, "completed") == 0 ||
		    strcmp(p->status, "collected") == 0);
	return (strcmp(occasion, "collected") == 0 &&
	    strcmp(p->status, "collected") == 0);
}

static int
rated(struct req *r, const struct progress *p, const char *occasion)
{
	struct db_stmt	*st;
	char		 object[48];
	int		 rc;

	snprintf(object, sizeof object, "%s/%lld", p->kind, p->id);
	rc = db_query(r->db, &st, "SELECT 1 FROM ratings WHERE object = ? "
	    "AND occasion = ?", "tt", object, occasion);
	db_reset(st);
	return (rc == 1);
}

/* The rating form of one occasion. */
static void
rating_form(struct buf *b, const char *token, const char *occasion,
    const char *label)
{
	static const char *const	 levels[] = { "very_satisfied",
	    "satisfied", "basic", "dissatisfied", "very_dissatisfied", NULL };
	int				 i;

	buf_printf(b, "<form method=\"post\" action=\"/p/%s\"><fieldset>"
	    "<legend>请对本次服务（%s）进行评价</legend><input type=\"hidden\" "
	    "name=\"occasion\" value=\"%s\">", token, label, occasion);
	for (i = 0; levels[i] != NULL; i++)
		buf_printf(b, "<label><input type=\"radio\" name=\"level\" "
		    "value=\"%s\"%s> %s</label><br>", levels[i], i == 0 ?
		    " required" : "", eval_level_zh(levels[i]));
	buf_adds(b, "<p>不满意或非常不满意时，请选择或填写原因：</p>");
	for (i = 0; eval_reason_codes[i] != NULL; i++)
		buf_printf(b, "<label><input type=\"checkbox\" name=\"reason\" "
		    "value=\"%s\"> %s</label><br>", eval_reason_codes[i],
		    eval_reason_zh(eval_reason_codes[i]));
	buf_adds(b, "<textarea name=\"comment\" maxlength=\"200\" rows=\"3\" "
	    "cols=\"30\"></textarea><br><button type=\"submit\">提交评价"
	    "</button></fieldset></form>");
}

/* The page of a certificate: what it is, whose (masked), and the form
 * until it is rated. */
static void
certificate_page(struct req *r, const struct progress *p, struct buf *b)
{
	buf_adds(b, "<table>");
	row(b, "证明类型", p->service);
	row(b, "开具单位", p->community);
	row(b, "开具日期", p->created);
	row(b, "申请人", p->name);
	buf_adds(b, "</table>");
	if (!rated(r, p, "certificate"))
		rating_form(b, r->params[0], "certificate", "开具证明");
	else
		buf_adds(b, "<p class=\"ok\">本次服务已评价，感谢您的参与。</p>");
}

/* GET /p/{token}. */
static void
page(struct req *r)
{
	struct progress	 p;
	struct buf	 b;

	if (throttled(r))
		return;
	if (!token_ok(r->params[0]) || load(r->db, r->params[0], &p) != 0) {
		reply_page(r, 404, "<p class=\"bad\">未找到该办件。</p>");
		return;
	}
	buf_init(&b);
	if (strcmp(p.kind, "certificate") == 0) {
		certificate_page(r, &p, &b);
		reply_page(r, 200, b.data);
		buf_free(&b);
		return;
	}
	buf_adds(&b, "<table>");
	row(&b, "申请编号", p.number);
	row(&b, "办理事项", p.service);
	row(&b, "申请人", p.name);
	row(&b, "当前状态", zh_status(p.status));
	row(&b, "承诺办结日期", p.due);
	buf_adds(&b, "</table>");
	steps(r, &b, &p);
	if (reached(&p, "completed") && !rated(r, &p, "completed"))
		rating_form(&b, r->params[0], "completed", "办结");
	if (reached(&p, "collected") && !rated(r, &p, "collected"))
		rating_form(&b, r->params[0], "collected", "出件");
	reply_page(r, 200, b.data);
	buf_free(&b);
}

/* A %XX digit's value, or -1. */
static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/* Decodes one name or value in place. */
static void
urldecode(char *s)
{
	char	*o = s;

	for (; *s != '\0'; s++) {
		if (*s == '+')
			*o++ = ' ';
		else if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			*o++ = (char)(hexval(s[1]) * 16 + hexval(s[2]));
			s += 2;
		} else
			*o++ = *s;
	}
	*o = '\0';
}

static void
form_parse(struct req *r, struct form *f)
{
	char	*p, *pair, *eq;

	memset(f, 0, sizeof *f);
	f->store = xmalloc(r->body.len + 1);
	memcpy(f->store, r->body.data, r->body.len);
	f->store[r->body.len] = '\0';
	for (p = f->store; (pair = strsep(&p, "&")) != NULL &&
	    f->n < MAX_FORM_VALUES;) {
		if (*pair == '\0')
			continue;
		if ((eq = strchr(pair, '=')) != NULL)
			*eq++ = '\0';
		urldecode(pair);
		if (eq != NULL)
			urldecode(eq);
		f->names[f->n] = pair;
		f->values[f->n++] = eq != NULL ? eq : pair + strlen(pair);
	}
}

static const char *
form_get(const struct form *f, const char *name)
{
	int	i;

	for (i = 0; i < f->n; i++) {
		if (strcmp(f->names[i], name) == 0)
			return (f->values[i]);
	}
	return (NULL);
}

/* The rating the form asks for, checked; 0 or -1 (page answered). */
static int
form_rating(struct req *r, const struct form *f, const struct progress *p,
    struct eval_rating *x)
{
	cJSON	*errors = NULL;
	int	 i;

	memset(x, 0, sizeof x[0]);
	x->occasion = form_get(f, "occasion");
	x->level = form_get(f, "level");
	x->comment = form_get(f, "comment");
	for (i = 0; i < f->n && x->nreasons < EVAL_MAX_REASONS; i++) {
		if (strcmp(f->names[i], "reason") == 0)
			x->reasons[x->nreasons++] = f->values[i];
	}
	if (x->occasion == NULL || !reached(p, x->occasion)) {
		reply_page(r, 400, "<p class=\"bad\">该办件尚未到可评价的环节。"
		    "</p>");
		return (-1);
	}
	if (x->comment != NULL && strlen(x->comment) > 600)
		x->comment = NULL;
	eval_check(x, &errors);
	if (errors == NULL)
		return (0);
	cJSON_Delete(errors);
	reply_page(r, 400, "<p class=\"bad\">请选择评价等级；不满意时请选择或"
	    "填写原因。</p>");
	return (-1);
}

/* POST /p/{token}: one rating from the page. */
static void
rate(struct req *r)
{
	struct progress		 p;
	struct eval_rating	 x;
	struct form		 f;
	char			 object[48], first_at[21];
	long long		 id, first;

	if (throttled(r))
		return;
	if (!token_ok(r->params[0]) || load(r->db, r->params[0], &p) != 0) {
		reply_page(r, 404, "<p class=\"bad\">未找到该办件。</p>");
		return;
	}
	form_parse(r, &f);
	if (form_rating(r, &f, &p, &x) != 0)
		goto out;
	snprintf(object, sizeof object, "%s/%lld", p.kind, p.id);
	x.object = object;
	x.channel = "web";
	x.centre = p.centre;
	/* a certificate keeps no counter */
	x.counter = strcmp(p.kind, "certificate") == 0 ? NULL : p.counter;
	x.service = p.service;
	x.staff = p.staff;
	/* beside other writers: eval_record() takes the occasion's lock */
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		goto out;
	}
	if ((id = eval_record(r, &x, &first, first_at)) <= 0 ||
	    db_commit(r->db) != 0) {
		db_rollback(r->db);
		if (id == 0)
			reply_page(r, 409, "<p class=\"bad\">该环节已评价，"
			    "感谢您的参与。</p>");
		else
			reply_unavailable(r, NULL);
		goto out;
	}
	req_note(r, "rating %lld from the page: %s %s", id, object,
	    x.level);
	reply_page(r, 200, "<p class=\"ok\">感谢您的评价！</p>");
out:
	free(f.store);
}

const struct route routes_progress[] = {
	{ "GET", "/p/{token}", page, ROUTE_PUBLIC, 0 },
	{ "POST", "/p/{token}", rate, ROUTE_PUBLIC, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
