/* Certificate types, certificates, reprints and verification results
 * from server JSON. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "model-cases.h"
#include "model-util.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

#define ID_MAX	(1LL << 53)

static void
type_clear(struct cert_type *t)
{
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
type_parse(const cJSON *j, struct cert_type *t, const char **cause)
{
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
	free(status);
	if (bad)
		return (-1);
	return (type_template(j, t, cause));
}

int
model_cert_type_page_parse(const cJSON *j, struct cert_type_page *p,
    const char **cause)
{
	const cJSON	*list = cJSON_GetObjectItemCaseSensitive(j, "items");
	const cJSON	*it;
	int		 page, per_page;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	if (!cJSON_IsArray(list))
		return (mu_fail("the reply has no items", cause));
	p->items = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *p->items);
	cJSON_ArrayForEach(it, list) {
		if (type_parse(it, &p->items[p->n], cause) != 0) {
			type_clear(&p->items[p->n]);
			return (-1);
		}
		p->n++;
	}
	return (mu_paging(j, &page, &per_page, &p->total, cause));
}

void
model_cert_type_page_free(void *ptr)
{
	struct cert_type_page	*p = ptr;
	size_t			 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		type_clear(&p->items[i]);
	free(p->items);
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
	*out = text_sanitize(v->valuestring, 1);
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
	c->voided_on = text_sanitize(s != NULL ? s : "", 0);
	s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v,
	    "reason"));
	c->void_reason = text_sanitize(s != NULL ? s : "", 0);
	c->corrections = cJSON_IsNumber(n) && n->valuedouble >= 0 &&
	    n->valuedouble < 1000 ? (int)n->valuedouble : 0;
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
	bad |= mu_int(&v, j, "reprints", 0, 1000000, "no reprint count",
	    cause);
	c->reprints = (int)v;
	void_parse(j, c);
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
	free(c->voided_on);
	free(c->void_reason);
	free(c);
}

/* A CertificateSummary: what a list shows, no body, no codes. */
static int
summary_parse(const cJSON *j, struct cert_summary *c, const char **cause)
{
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
summary_clear(struct cert_summary *c)
{
	free(c->serial);
	free(c->type_name);
	free(c->issued_at);
	free(c->valid_until);
}

int
model_cert_page_parse(const cJSON *j, struct cert_page *p,
    const char **cause)
{
	const cJSON	*list = cJSON_GetObjectItemCaseSensitive(j, "items"), *it;
	int		 page, per_page;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	if (!cJSON_IsArray(list))
		return (mu_fail("the reply has no items", cause));
	p->items = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *p->items);
	cJSON_ArrayForEach(it, list) {
		if (summary_parse(it, &p->items[p->n], cause) != 0) {
			summary_clear(&p->items[p->n]);
			return (-1);
		}
		p->n++;
	}
	return (mu_paging(j, &page, &per_page, &p->total, cause));
}

void
model_cert_page_free(void *ptr)
{
	struct cert_page	*p = ptr;
	size_t			 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		summary_clear(&p->items[i]);
	free(p->items);
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
	v->status = text_sanitize(s != NULL ? s : v->valid ? "valid" :
	    "expired", 0);
	s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j,
	    strcmp(v->status, "void") == 0 ? "voided_on" : "superseded_on"));
	v->ended_on = text_sanitize(s != NULL ? s : "", 0);
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

/* "610202001-20261129-0011 (submitted)" for each application in the way
 * of a hand-off. */
static void
conflicts_parse(const cJSON *list, struct problem_ext *e)
{
	const cJSON	*it;
	char		*number, *status;

	e->conflicts = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *e->conflicts);
	cJSON_ArrayForEach(it, list) {
		number = json_str(it, "number", 0);
		status = json_str(it, "status", 0);
		if (number != NULL && status != NULL)
			e->conflicts[e->nconflicts++] = xasprintf("%s (%s)",
			    number, status);
		free(number);
		free(status);
	}
}

struct problem_ext *
problem_ext_parse(const cJSON *j)
{
	struct problem_ext	*e = xcalloc(1, sizeof *e);
	const cJSON		*list;
	const char		*cause = NULL;
	char			*s;

	e->current_version = -1;
	if ((e->current_status = json_str(j, "current_status", 1)) == NULL)
		e->current_status = xstrdup("");
	if (mu_strings(&e->allowed, &e->nallowed,
	    cJSON_GetObjectItemCaseSensitive(j, "allowed"), "", &cause) != 0) {
		mu_strings_free(e->allowed, e->nallowed);
		e->allowed = NULL;
		e->nallowed = 0;
	}
	if (json_int(j, "current_version", &e->current_version) != 0)
		e->current_version = -1;
	e->type_name = json_obj(j, "certificate_type") != NULL ?
	    json_str(json_obj(j, "certificate_type"), "name", 1) : NULL;
	if (e->type_name == NULL)
		e->type_name = xstrdup("");
	e->basis = (s = json_str(j, "basis", 1)) != NULL ? s : xstrdup("");
	e->alternative = (s = json_str(j, "alternative", 1)) != NULL ? s :
	    xstrdup("");
	list = cJSON_GetObjectItemCaseSensitive(j, "conflicts");
	if (cJSON_IsArray(list))
		conflicts_parse(list, e);
	return (e);
}

void
problem_ext_free(struct problem_ext *e)
{
	if (e == NULL)
		return;
	free(e->current_status);
	mu_strings_free(e->allowed, e->nallowed);
	free(e->type_name);
	free(e->basis);
	free(e->alternative);
	mu_strings_free(e->conflicts, e->nconflicts);
	free(e);
}
