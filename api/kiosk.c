/* The self-service terminal's calls and their models. */
#include <stdlib.h>
#include <string.h>

#include "certificates.h"
#include "evaluations.h"
#include "http.h"
#include "kiosk.h"
#include "page.h"
#include "read.h"

/* Wipes and frees a string that may name the resident's affairs. */
static void
wipe(char *s)
{
	if (s != NULL)
		explicit_bzero(s, strlen(s));
	free(s);
}

static int
login_parse(const cJSON *j, void *m, const char **cause)
{
	struct kiosk_login	*k = m;
	const cJSON		*kiosk = cJSON_GetObjectItemCaseSensitive(j, "kiosk");
	int			 bad = 0;

	*cause = NULL;
	bad |= mu_str(&k->token, j, "token", 0, "no token", cause);
	bad |= mu_str(&k->name, kiosk, "name", 0, "no kiosk name", cause);
	bad |= mu_ref(&k->centre, kiosk, "centre", "name", "no centre", cause);
	return (bad ? -1 : 0);
}

static void
login_free(void *p)
{
	struct kiosk_login	*k = p;

	if (k == NULL)
		return;
	wipe(k->token);
	free(k->name);
	free(k->centre);
	free(k);
}

static int
guide_item_parse(const cJSON *o, void *v, const char **cause)
{
	struct kiosk_guide_item	*g = v;
	int			 bad = 0;

	bad |= mu_int(&g->no, o, "no", 1, ID_MAX, "bad no", cause);
	bad |= mu_int(&g->id, o, "id", 1, ID_MAX, "bad id", cause);
	bad |= mu_str(&g->name, o, "name", 0, "no name", cause);
	bad |= mu_str(&g->category, o, "category", 1, "no category", cause);
	return (bad ? -1 : 0);
}

static void
guide_item_clear(void *v)
{
	struct kiosk_guide_item	*g = v;

	free(g->name);
	free(g->category);
}

static const struct page_item guide_item = {
	sizeof(struct kiosk_guide_item), guide_item_parse, guide_item_clear
};

/* The "items" of j read with it (*n entries, the array for the caller
 * to free with page_items_free); *cause is set when the reply is bad. */
static void *
items_parse(const cJSON *j, const struct page_item *it, size_t *n,
    const char **cause)
{
	void	*v = NULL;

	*cause = NULL;
	(void)page_items(cJSON_GetObjectItemCaseSensitive(j, "items"), it, &v,
	    n, cause);
	return (v);
}

int
model_kiosk_guides_parse(const cJSON *j, struct kiosk_guides *m,
    const char **cause)
{
	m->items = items_parse(j, &guide_item, &m->n, cause);
	return (*cause != NULL ? -1 : 0);
}

void
model_kiosk_guides_free(void *p)
{
	struct kiosk_guides	*m = p;

	if (m == NULL)
		return;
	page_items_free(m->items, m->n, &guide_item);
	free(m);
}

static int
material_parse(const cJSON *it, void *v, const char **cause)
{
	struct kiosk_material	*m = v;

	if (mu_str(&m->name, it, "name", 0, "bad material", cause) != 0 ||
	    mu_int(&m->originals, it, "originals", 0, 1000, "bad originals",
	    cause) != 0 ||
	    mu_int(&m->copies, it, "copies", 0, 1000, "bad copies", cause) != 0)
		return (-1);
	m->required = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it,
	    "required"));
	return (0);
}

static void
material_clear(void *v)
{
	free(((struct kiosk_material *)v)->name);
}

static const struct page_item material_item = {
	sizeof(struct kiosk_material), material_parse, material_clear
};

static int
materials_parse(const cJSON *list, struct kiosk_guide *g, const char **cause)
{
	void	*v = NULL;
	int	 rc;

	if (!cJSON_IsArray(list))
		return (mu_fail("no materials", cause));
	rc = page_items(list, &material_item, &v, &g->nmaterials, cause);
	g->materials = v;
	return (rc);
}

int
model_kiosk_guide_parse(const cJSON *j, struct kiosk_guide *g,
    const char **cause)
{
	int	bad = 0;

	*cause = NULL;
	bad |= mu_int(&g->id, j, "id", 1, ID_MAX, "bad id", cause);
	bad |= mu_str(&g->name, j, "name", 0, "no name", cause);
	bad |= mu_str(&g->category, j, "category", 1, "no category", cause);
	bad |= mu_strings(&g->conditions, &g->nconditions,
	    cJSON_GetObjectItemCaseSensitive(j, "conditions"),
	    "bad conditions", cause);
	bad |= materials_parse(cJSON_GetObjectItemCaseSensitive(j,
	    "materials"), g, cause);
	bad |= mu_int(&g->time_limit_days, j, "time_limit_days", 0, 10000,
	    "bad time limit", cause);
	bad |= mu_int(&g->fee_fen, j, "fee_fen", 0, ID_MAX, "bad fee", cause);
	bad |= mu_str(&g->fee_basis, j, "fee_basis", 1, "bad basis", cause);
	return (bad ? -1 : 0);
}

void
model_kiosk_guide_free(void *p)
{
	struct kiosk_guide	*g = p;

	if (g == NULL)
		return;
	free(g->name);
	free(g->category);
	mu_strings_free(g->conditions, g->nconditions);
	page_items_free(g->materials, g->nmaterials, &material_item);
	free(g->fee_basis);
	free(g);
}

static int
visit_parse(const cJSON *j, void *m, const char **cause)
{
	struct kiosk_visit	*v = m;
	int			 bad = 0;

	*cause = NULL;
	bad |= mu_str(&v->visit, j, "visit", 0, "no visit", cause);
	bad |= mu_ref(&v->name, j, "resident", "name", "no resident", cause);
	return (bad ? -1 : 0);
}

static void
visit_free(void *p)
{
	struct kiosk_visit	*v = p;

	if (v == NULL)
		return;
	wipe(v->visit);
	wipe(v->name);
	free(v);
}

static int
app_parse(const cJSON *o, void *v, const char **cause)
{
	struct kiosk_app	*a = v;
	int			 bad = 0;

	bad |= mu_int(&a->id, o, "id", 1, ID_MAX, "bad id", cause);
	bad |= mu_str(&a->number, o, "number", 0, "no number", cause);
	bad |= mu_str(&a->service, o, "service", 0, "no service", cause);
	bad |= mu_str(&a->status, o, "status", 0, "no status", cause);
	bad |= mu_str(&a->submitted_on, o, "submitted_on", 1, "bad date",
	    cause);
	bad |= mu_str(&a->due_on, o, "due_on", 1, "bad date", cause);
	bad |= mu_str(&a->completed_on, o, "completed_on", 1, "bad date",
	    cause);
	bad |= mu_strings(&a->rateable, &a->nrateable,
	    cJSON_GetObjectItemCaseSensitive(o, "rateable"), "bad rateable",
	    cause);
	return (bad ? -1 : 0);
}

/* Wipes every string of the application, then the item itself. */
static void
app_clear(void *v)
{
	struct kiosk_app	*a = v;
	size_t			 k;

	wipe(a->number);
	wipe(a->service);
	wipe(a->status);
	wipe(a->submitted_on);
	wipe(a->due_on);
	wipe(a->completed_on);
	for (k = 0; k < a->nrateable; k++)
		wipe(a->rateable[k]);
	free(a->rateable);
	explicit_bzero(a, sizeof *a);
}

static const struct page_item app_item = {
	sizeof(struct kiosk_app), app_parse, app_clear
};

int
model_kiosk_apps_parse(const cJSON *j, struct kiosk_apps *m,
    const char **cause)
{
	m->items = items_parse(j, &app_item, &m->n, cause);
	return (*cause != NULL ? -1 : 0);
}

void
model_kiosk_apps_free(void *p)
{
	struct kiosk_apps	*m = p;

	if (m == NULL)
		return;
	page_items_free(m->items, m->n, &app_item);
	free(m);
}

static int
cert_parse(const cJSON *it, void *v, const char **cause)
{
	struct kiosk_cert	*c = v;

	if (mu_int(&c->id, it, "id", 1, ID_MAX, "bad id", cause) != 0 ||
	    mu_str(&c->type, it, "type", 0, "no type", cause) != 0 ||
	    mu_str(&c->serial, it, "serial", 0, "no serial", cause) != 0 ||
	    mu_str(&c->issued_on, it, "issued_on", 1, "bad date", cause) != 0)
		return (-1);
	return (0);
}

static void
cert_clear(void *v)
{
	struct kiosk_cert	*c = v;

	wipe(c->type);
	wipe(c->serial);
	wipe(c->issued_on);
}

static const struct page_item cert_item = {
	sizeof(struct kiosk_cert), cert_parse, cert_clear
};

int
model_kiosk_certs_parse(const cJSON *j, struct kiosk_certs *m,
    const char **cause)
{
	m->items = items_parse(j, &cert_item, &m->n, cause);
	return (*cause != NULL ? -1 : 0);
}

void
model_kiosk_certs_free(void *p)
{
	struct kiosk_certs	*m = p;

	if (m == NULL)
		return;
	page_items_free(m->items, m->n, &cert_item);
	free(m);
}

/* The kiosk's token goes to the HTTP layer, and nowhere else. */
static void
login_keep(struct api *a, void *m)
{
	struct kiosk_login	*k = m;

	http_set_token(api_http(a), k->token);
	explicit_bzero(k->token, strlen(k->token));
}

static void
visit_keep(struct api *a, void *m)
{
	struct kiosk_visit	*v = m;

	http_set_visit(api_http(a), v->visit);
	explicit_bzero(v->visit, strlen(v->visit));
}

static const struct api_kind kind_login = {
	.parse = login_parse, .size = sizeof(struct kiosk_login),
	.free = login_free, .keep = login_keep
};
static const struct api_kind kind_visit = {
	.parse = visit_parse, .size = sizeof(struct kiosk_visit),
	.free = visit_free, .keep = visit_keep
};
API_KIND(kind_guides, struct kiosk_guides, model_kiosk_guides_parse,
    model_kiosk_guides_free);
API_KIND(kind_guide, struct kiosk_guide, model_kiosk_guide_parse,
    model_kiosk_guide_free);
API_KIND(kind_apps, struct kiosk_apps, model_kiosk_apps_parse,
    model_kiosk_apps_free);
API_KIND(kind_certs, struct kiosk_certs, model_kiosk_certs_parse,
    model_kiosk_certs_free);
API_KIND(kind_cert, struct certificate, model_certificate_parse,
    model_certificate_free);
API_KIND(kind_rating, struct rating, model_rating_parse, model_rating_free);
API_KIND(kind_pickup, struct pickup_code, model_pickup_code_parse,
    model_pickup_code_free);

struct api_call *
api_kiosk_login(struct api *a, const char *user, const char *password,
    api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "username", user);
	cJSON_AddStringToObject(b, "password", password);
	return (api_call(a, "POST", "/api/v1/kiosk/sessions", b, NULL, 0,
	    &kind_login, cb, arg));
}

struct api_call *
api_kiosk_guides(struct api *a, api_cb cb, void *arg)
{
	return (api_call(a, "GET", "/api/v1/kiosk/guides", NULL, NULL, 0,
	    &kind_guides, cb, arg));
}

struct api_call *
api_kiosk_guide(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_guide, cb, arg,
	    "/api/v1/kiosk/guides/%lld", id));
}

struct api_call *
api_kiosk_identify(struct api *a, const char *id_number, const char *code,
    api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "id_number", id_number);
	cJSON_AddStringToObject(b, "code", code);
	return (api_call(a, "POST", "/api/v1/kiosk/identify", b, NULL, 0,
	    &kind_visit, cb, arg));
}

struct api_call *
api_kiosk_end_visit(struct api *a, api_cb cb, void *arg)
{
	struct api_call	*c;

	c = api_call(a, "DELETE", "/api/v1/kiosk/visit", NULL, NULL, 0, NULL,
	    cb, arg);
	http_set_visit(api_http(a), NULL);
	return (c);
}

struct api_call *
api_kiosk_apps(struct api *a, api_cb cb, void *arg)
{
	return (api_call(a, "GET", "/api/v1/kiosk/visit/applications", NULL,
	    NULL, 0, &kind_apps, cb, arg));
}

struct api_call *
api_kiosk_certs(struct api *a, api_cb cb, void *arg)
{
	return (api_call(a, "GET", "/api/v1/kiosk/visit/certificates", NULL,
	    NULL, 0, &kind_certs, cb, arg));
}

struct api_call *
api_kiosk_print(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "POST", NULL, NULL, 0, &kind_cert, cb, arg,
	    "/api/v1/kiosk/visit/certificates/%lld/print", id));
}

struct api_call *
api_kiosk_rate(struct api *a, long long application_id,
    const char *occasion, const char *level, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddNumberToObject(b, "application_id", (double)application_id);
	cJSON_AddStringToObject(b, "occasion", occasion);
	cJSON_AddStringToObject(b, "level", level);
	cJSON_AddItemToObject(b, "reasons", cJSON_CreateArray());
	return (api_call(a, "POST", "/api/v1/kiosk/visit/ratings", b, NULL, 0,
	    &kind_rating, cb, arg));
}

int
model_pickup_code_parse(const cJSON *j, struct pickup_code *p,
    const char **cause)
{
	int	bad = 0;

	*cause = NULL;
	/* null ("") in a replay: the server keeps no code to show again */
	bad |= mu_str(&p->code, j, "code", 1, "no code", cause);
	bad |= mu_str(&p->expires_at, j, "expires_at", 0, "no expiry", cause);
	if (!bad && *p->code != '\0' && (strlen(p->code) != 6 ||
	    strspn(p->code, "0123456789") != 6)) {
		*cause = "bad code";
		bad = 1;
	}
	return (bad ? -1 : 0);
}

void
model_pickup_code_free(void *v)
{
	struct pickup_code	*p = v;

	if (p == NULL)
		return;
	if (p->code != NULL)
		explicit_bzero(p->code, strlen(p->code));
	free(p->code);
	free(p->expires_at);
	free(p);
}

struct api_call *
api_pickup_code_new(struct api *a, long long resident, const char *key,
    api_cb cb, void *arg)
{
	return (api_callf(a, "POST", NULL, key, 0, &kind_pickup, cb, arg,
	    "/api/v1/residents/%lld/pickup-codes", resident));
}

struct api_call *
api_certificate_kiosk_release(struct api *a, long long id, const char *key,
    api_cb cb, void *arg)
{
	return (api_callf(a, "POST", NULL, key, 0, &kind_cert, cb, arg,
	    "/api/v1/certificates/%lld/kiosk-release", id));
}
