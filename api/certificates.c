/* Certificate types, certificates, reprints and verification. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "http.h"
#include "json.h"
#include "page.h"
#include "read.h"
#include "certificates.h"
#include "../util/utf8.h"
#include "../util/xmalloc.h"

static void
type_clear(void *p)
{
	struct cert_type	*t = p;

	free(t->code);
	free(t->name);
	free(t->basis);
	free(t->alternative);
	free(t->purpose);
	cJSON_Delete(t->template);
}

/* A retained type needs a template to fill; a cancelled one has none. */
static int
type_template(const cJSON *j, struct cert_type *t, const char **cause)
{
	const cJSON	*tpl = cJSON_GetObjectItemCaseSensitive(j, "template");
	long long	 v = 0;

	if (!t->retained)
		return (0);
	if (!cJSON_IsObject(tpl) || !cJSON_IsArray(
	    cJSON_GetObjectItemCaseSensitive(tpl, "fields")))
		return (mu_fail("a retained type has no template", cause));
	if (mu_int(&v, j, "validity_days", 1, 36600,
	    "a retained type has no validity", cause) != 0)
		return (-1);
	t->validity_days = (int)v;
	t->template = cJSON_Duplicate(tpl, 1);
	return (0);
}

static int
type_parse(const cJSON *j, void *p, const char **cause)
{
	struct cert_type	*t = p;
	char	*status = NULL;
	int	 bad = 0;

	memset(t, 0, sizeof *t);
	bad |= mu_int(&t->id, j, "id", 1, ID_MAX, "a type has no id", cause);
	bad |= mu_str(&t->code, j, "code", 0, "a type has no code", cause);
	bad |= mu_str(&t->name, j, "name", 0, "a type has no name", cause);
	bad |= mu_str(&t->basis, j, "basis", 0, "a type has no basis", cause);
	bad |= mu_str(&t->alternative, j, "alternative", 1,
	    "bad alternative", cause);
	bad |= mu_str(&t->purpose, j, "purpose", 1, "bad purpose", cause);
	bad |= mu_str(&status, j, "status", 0, "a type has no status", cause);
	if (status != NULL && strcmp(status, "retained") != 0 &&
	    strcmp(status, "cancelled") != 0)
		bad |= mu_fail("a type's status is unknown", cause);
	t->retained = status != NULL && strcmp(status, "retained") == 0;
	t->promise = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j,
	    "promise"));
	free(status);
	if (bad)
		return (-1);
	return (type_template(j, t, cause));
}

static const struct page_item type_item = {
	sizeof(struct cert_type), type_parse, type_clear
};

int
model_cert_type_page_parse(const cJSON *j, struct cert_type_page *p,
    const char **cause)
{
	struct page_info	pg = { 0, 0, 0 };
	void			*items;
	int			 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &type_item, &items, &p->n, &pg, cause);
	p->items = items;
	p->total = pg.total;
	return (rc);
}

void
model_cert_type_page_free(void *ptr)
{
	struct cert_type_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &type_item);
	free(p);
}

/* The body is printed as lines: its line breaks are kept, nothing
 * else that a terminal would act on. */
static int
body_parse(const cJSON *j, char **out, const char **cause)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(j, "body");

	*out = NULL;
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return (mu_fail("the certificate has no body", cause));
	*out = utf8_sanitize(v->valuestring, 1);
	return (0);
}

/* The void record and the count of corrections; a server that has
 * neither sent none. */
static void
void_parse(const cJSON *j, struct certificate *c)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(j, "void");
	const cJSON	*n = cJSON_GetObjectItemCaseSensitive(j, "corrections");
	const char	*s;

	c->is_void = cJSON_IsObject(v);
	s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v, "on"));
	c->voided_on = utf8_sanitize(s != NULL ? s : "", 0);
	s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v,
	    "reason"));
	c->void_reason = utf8_sanitize(s != NULL ? s : "", 0);
	c->corrections = cJSON_IsNumber(n) && n->valuedouble >= 0 &&
	    n->valuedouble < 1000 ? (int)n->valuedouble : 0;
}

/* The promise it was issued on (告知承诺), if any: null or absent gives
 * none. */
static int
promise_parse(const cJSON *j, struct certificate *c, const char **cause)
{
	const cJSON	*p = cJSON_GetObjectItemCaseSensitive(j, "promise");
	int		 bad = 0;

	if (p == NULL || cJSON_IsNull(p)) {
		c->promise_at = xstrdup("");
		c->promise_status = xstrdup("");
		return (0);
	}
	bad |= mu_int(&c->promise_id, p, "id", 1, ID_MAX, "a promise has no "
	    "id", cause);
	bad |= mu_str(&c->promise_at, p, "made_at", 0, "a promise has no "
	    "time", cause);
	bad |= mu_str(&c->promise_status, p, "status", 0, "a promise has no "
	    "status", cause);
	if (cJSON_GetObjectItemCaseSensitive(p, "ban_days") != NULL)
		bad |= work_int(p, "ban_days", 0, &c->promise_ban_days, cause);
	return (bad ? -1 : 0);
}

int
model_certificate_parse(const cJSON *j, struct certificate *c,
    const char **cause)
{
	long long	v = 0;
	int		bad = 0;

	memset(c, 0, sizeof *c);
	*cause = NULL;
	bad |= mu_int(&c->id, j, "id", 1, ID_MAX, "the certificate has no id",
	    cause);
	bad |= mu_str(&c->serial, j, "serial", 0, "no serial", cause);
	bad |= mu_ref(&c->type_name, j, "type", "name", "no type", cause);
	bad |= mu_ref(&c->resident, j, "resident", "name", "no resident",
	    cause);
	bad |= mu_ref(&c->id_masked, j, "resident", "id_number_masked",
	    "no masked ID number", cause);
	bad |= mu_ref(&c->community, j, "community", "name", "no community",
	    cause);
	bad |= mu_ref(&c->issued_by, j, "issued_by", "name", "no issuer",
	    cause);
	bad |= mu_str(&c->purpose, j, "purpose", 0, "no purpose", cause);
	bad |= mu_str(&c->issued_at, j, "issued_at", 0, "no issue time",
	    cause);
	bad |= mu_str(&c->valid_until, j, "valid_until", 0, "no validity",
	    cause);
	bad |= mu_str(&c->title, j, "title", 0, "no title", cause);
	bad |= body_parse(j, &c->body, cause);
	bad |= mu_str(&c->verify_code, j, "verify_code", 0, "no code", cause);
	bad |= mu_str(&c->verify_url, j, "verify_url", 0, "no URL", cause);
	bad |= mu_str(&c->rate_url, j, "rate_url", 1, "no rating link", cause);
	bad |= mu_int(&v, j, "reprints", 0, 1000000, "no reprint count",
	    cause);
	c->reprints = (int)v;
	void_parse(j, c);
	bad |= promise_parse(j, c, cause);
	return (bad ? -1 : 0);
}

void
model_certificate_free(void *p)
{
	struct certificate	*c = p;

	if (c == NULL)
		return;
	free(c->serial);
	free(c->type_name);
	free(c->resident);
	free(c->id_masked);
	free(c->community);
	free(c->purpose);
	free(c->issued_at);
	free(c->issued_by);
	free(c->valid_until);
	free(c->title);
	free(c->body);
	free(c->verify_code);
	free(c->verify_url);
	free(c->rate_url);
	free(c->voided_on);
	free(c->void_reason);
	free(c->promise_at);
	free(c->promise_status);
	free(c);
}

/* A CertificateSummary: what a list shows, no body, no codes. */
static int
summary_parse(const cJSON *j, void *p, const char **cause)
{
	struct cert_summary	*c = p;
	long long	v = 0;
	int		bad = 0;

	memset(c, 0, sizeof *c);
	bad |= mu_int(&c->id, j, "id", 1, ID_MAX, "a certificate has no id",
	    cause);
	bad |= mu_str(&c->serial, j, "serial", 0, "no serial", cause);
	bad |= mu_ref(&c->type_name, j, "type", "name", "no type", cause);
	bad |= mu_str(&c->issued_at, j, "issued_at", 0, "no issue time",
	    cause);
	bad |= mu_str(&c->valid_until, j, "valid_until", 0, "no validity",
	    cause);
	bad |= mu_int(&v, j, "reprints", 0, 1000000, "no reprint count",
	    cause);
	c->reprints = (int)v;
	return (bad ? -1 : 0);
}

static void
summary_clear(void *p)
{
	struct cert_summary	*c = p;

	free(c->serial);
	free(c->type_name);
	free(c->issued_at);
	free(c->valid_until);
}

static const struct page_item summary_item = {
	sizeof(struct cert_summary), summary_parse, summary_clear
};

int
model_cert_page_parse(const cJSON *j, struct cert_page *p,
    const char **cause)
{
	struct page_info	pg = { 0, 0, 0 };
	void			*items;
	int			 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &summary_item, &items, &p->n, &pg, cause);
	p->items = items;
	p->total = pg.total;
	return (rc);
}

void
model_cert_page_free(void *ptr)
{
	struct cert_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &summary_item);
	free(p);
}

int
model_reprint_parse(const cJSON *j, struct reprint *r, const char **cause)
{
	long long	v = 0;
	int		bad = 0;

	memset(r, 0, sizeof *r);
	*cause = NULL;
	bad |= mu_int(&r->id, j, "id", 1, ID_MAX, "the reprint has no id",
	    cause);
	bad |= mu_int(&r->certificate_id, j, "certificate_id", 1, ID_MAX,
	    "no certificate id", cause);
	bad |= mu_int(&v, j, "reprint_no", 1, 1000000, "no reprint number",
	    cause);
	r->reprint_no = (int)v;
	bad |= mu_str(&r->at, j, "at", 0, "no time", cause);
	bad |= mu_str(&r->reason, j, "reason", 0, "no reason", cause);
	return (bad ? -1 : 0);
}

void
model_reprint_free(void *p)
{
	struct reprint	*r = p;

	if (r == NULL)
		return;
	free(r->at);
	free(r->reason);
	free(r);
}

int
model_verify_parse(const cJSON *j, struct verify_result *v,
    const char **cause)
{
	const cJSON	*valid = cJSON_GetObjectItemCaseSensitive(j, "valid");
	const char	*s;
	int		 bad = 0;

	memset(v, 0, sizeof *v);
	*cause = NULL;
	if (!cJSON_IsBool(valid))
		bad |= mu_fail("the result has no validity", cause);
	v->valid = cJSON_IsTrue(valid);
	bad |= mu_str(&v->type, j, "type", 0, "no type", cause);
	bad |= mu_str(&v->issued_on, j, "issued_on", 0, "no date", cause);
	bad |= mu_str(&v->community, j, "community", 0, "no community",
	    cause);
	bad |= mu_str(&v->valid_until, j, "valid_until", 0, "no validity",
	    cause);
	s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j,
	    "status"));
	v->status = utf8_sanitize(s != NULL ? s : v->valid ? "valid" :
	    "expired", 0);
	s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j,
	    strcmp(v->status, "void") == 0 ? "voided_on" : "superseded_on"));
	v->ended_on = utf8_sanitize(s != NULL ? s : "", 0);
	return (bad ? -1 : 0);
}

void
model_verify_free(void *p)
{
	struct verify_result	*v = p;

	if (v == NULL)
		return;
	free(v->type);
	free(v->issued_on);
	free(v->community);
	free(v->valid_until);
	free(v->status);
	free(v->ended_on);
	free(v);
}

API_KIND(kind_cert_types, struct cert_type_page, model_cert_type_page_parse,
    model_cert_type_page_free);
API_KIND(kind_certificate, struct certificate, model_certificate_parse,
    model_certificate_free);
API_KIND(kind_cert_page, struct cert_page, model_cert_page_parse,
    model_cert_page_free);
API_KIND(kind_reprint, struct reprint, model_reprint_parse,
    model_reprint_free);
API_KIND(kind_verify, struct verify_result, model_verify_parse,
    model_verify_free);

struct api_call *
api_cert_types(struct api *a, int with_cancelled, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_cert_types, cb, arg,
	    "/api/v1/certificate-types?per_page=100%s",
	    with_cancelled ? "&include=cancelled" : ""));
}

struct api_call *
api_certificate_issue(struct api *a, long long type_id, long long resident_id,
    const char *purpose, cJSON *data, int promise, const char *key,
    api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddNumberToObject(b, "type_id", (double)type_id);
	cJSON_AddNumberToObject(b, "resident_id", (double)resident_id);
	if (purpose != NULL && *purpose != '\0')
		cJSON_AddStringToObject(b, "purpose", purpose);
	cJSON_AddItemToObject(b, "data", data != NULL ? data :
	    cJSON_CreateObject());
	if (promise)
		cJSON_AddTrueToObject(b, "promise");
	return (api_call(a, "POST", "/api/v1/certificates", b, key, 0,
	    &kind_certificate, cb, arg));
}

struct api_call *
api_certificate_get(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_certificate, cb, arg,
	    "/api/v1/certificates/%lld", id));
}

struct api_call *
api_certificates_of(struct api *a, long long resident_id, api_cb cb,
    void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_cert_page, cb, arg,
	    "/api/v1/certificates?resident_id=%lld&per_page=50", resident_id));
}

struct api_call *
api_certificate_reprint(struct api *a, long long id, const char *reason,
    const char *key, api_cb cb, void *arg)
{
	cJSON		*b = cJSON_CreateObject();
	struct api_call	*c;
	char		*path;

	cJSON_AddStringToObject(b, "reason", reason);
	path = xasprintf("/api/v1/certificates/%lld/reprints", id);
	c = api_call(a, "POST", path, b, key, 0, &kind_reprint, cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_certificate_void(struct api *a, long long id, const char *reason,
    const char *key, api_cb cb, void *arg)
{
	cJSON		*b = cJSON_CreateObject();
	struct api_call	*c;
	char		*path;

	cJSON_AddStringToObject(b, "reason", reason);
	path = xasprintf("/api/v1/certificates/%lld/void", id);
	c = api_call(a, "POST", path, b, key, 0, &kind_certificate, cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_certificate_correct(struct api *a, long long id, const char *purpose,
    const char *reason, const char *key, api_cb cb, void *arg)
{
	cJSON		*b = cJSON_CreateObject();
	struct api_call	*c;
	char		*path;

	cJSON_AddStringToObject(b, "reason", reason);
	cJSON_AddStringToObject(b, "purpose", purpose);
	path = xasprintf("/api/v1/certificates/%lld/corrections", id);
	c = api_call(a, "POST", path, b, key, 0, &kind_certificate, cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_verify_code(struct api *a, const char *code, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*v = http_escape(code);

	c = api_callf(a, "GET", NULL, NULL, 0, &kind_verify, cb, arg,
	    "/api/v1/verify?code=%s", v);
	free(v);
	return (c);
}
