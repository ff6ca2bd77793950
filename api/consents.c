/* Purposes, consents and the 查询记录 (docs/api.md 23). */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "consents.h"
#include "json.h"
#include "page.h"
#include "read.h"
#include "../util/xmalloc.h"

static void
purpose_clear(void *ptr)
{
	struct dept_purpose	*p = ptr;

	free(p->code);
	free(p->name);
	free(p->dept);
	free(p->basis);
	free(p->consent);
	mu_strings_free(p->fields, p->nfields);
}

static int
purpose_parse(const cJSON *j, void *ptr, const char **cause)
{
	struct dept_purpose	*p = ptr;
	const cJSON	*d = cJSON_GetObjectItemCaseSensitive(j,
			    "consent_days");
	int		 bad = 0;

	memset(p, 0, sizeof *p);
	bad |= mu_str(&p->code, j, "code", 0, "a purpose's code", cause);
	bad |= mu_str(&p->name, j, "name", 0, "a purpose's name", cause);
	bad |= mu_ref(&p->dept, j, "department", "name", "a purpose's "
	    "department", cause);
	bad |= mu_str(&p->basis, j, "basis", 0, "a purpose's basis", cause);
	bad |= mu_str(&p->consent, j, "consent", 0, "a purpose's consent",
	    cause);
	if (cJSON_IsNumber(d))
		bad |= mu_int(&p->consent_days, j, "consent_days", 1, 100000,
		    "a purpose's consent_days", cause);
	bad |= mu_strings(&p->fields, &p->nfields,
	    cJSON_GetObjectItemCaseSensitive(j, "fields"), "a purpose's fields",
	    cause);
	return (bad ? -1 : 0);
}

static const struct page_item purpose_item = {
	sizeof(struct dept_purpose), purpose_parse, purpose_clear
};

static void
consent_clear(void *ptr)
{
	struct consent	*c = ptr;

	free(c->resident);
	free(c->id_masked);
	free(c->purpose);
	free(c->purpose_name);
	free(c->dept);
	free(c->scope);
	free(c->signed_on);
	free(c->expires_on);
	free(c->withdrawn_on);
	free(c->withdraw_reason);
	free(c->recorded_by);
}

static int
consent_parse(const cJSON *j, void *ptr, const char **cause)
{
	struct consent	*c = ptr;
	const cJSON	*p = json_obj(j, "purpose");
	int		 bad = 0;

	memset(c, 0, sizeof *c);
	bad |= mu_int(&c->id, j, "id", 1, ID_MAX, "a consent's id", cause);
	bad |= mu_ref(&c->resident, j, "resident", "name", "a consent's "
	    "resident", cause);
	bad |= mu_ref(&c->id_masked, j, "resident", "id_number_masked",
	    "a consent's resident", cause);
	bad |= mu_ref(&c->purpose, j, "purpose", "code", "a consent's "
	    "purpose", cause);
	bad |= mu_ref(&c->purpose_name, j, "purpose", "name", "a consent's "
	    "purpose", cause);
	bad |= p != NULL ? mu_ref(&c->dept, p, "department", "name",
	    "a consent's department", cause) : mu_fail("a consent's purpose",
	    cause);
	bad |= mu_str(&c->scope, j, "scope", 1, "a consent's scope", cause);
	bad |= mu_str(&c->signed_on, j, "signed_on", 0, "signed_on", cause);
	bad |= mu_str(&c->expires_on, j, "expires_on", 0, "expires_on",
	    cause);
	bad |= mu_str(&c->withdrawn_on, j, "withdrawn_on", 1, "withdrawn_on",
	    cause);
	bad |= mu_str(&c->withdraw_reason, j, "withdraw_reason", 1,
	    "withdraw_reason", cause);
	bad |= mu_ref(&c->recorded_by, j, "recorded_by", "name",
	    "a consent's recorded_by", cause);
	c->valid = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "valid"));
	return (bad ? -1 : 0);
}

static const struct page_item consent_item = {
	sizeof(struct consent), consent_parse, consent_clear
};

static void
read_clear(void *ptr)
{
	struct data_read	*r = ptr;

	free(r->at);
	free(r->kind);
	free(r->staff);
	free(r->username);
	free(r->dept);
	free(r->purpose);
	free(r->basis);
	free(r->reason);
}

/* A member object's string member, "" when the object is null. */
static int
opt_ref(char **dst, const cJSON *j, const char *obj, const char *key,
    const char **cause)
{
	const cJSON	*o = cJSON_GetObjectItemCaseSensitive(j, obj);

	if (cJSON_IsNull(o)) {
		*dst = xstrdup("");
		return (0);
	}
	return (mu_ref(dst, j, obj, key, "a read's reference", cause));
}

static int
read_parse(const cJSON *j, void *ptr, const char **cause)
{
	struct data_read	*r = ptr;
	const cJSON		*n = cJSON_GetObjectItemCaseSensitive(j,
				    "records");
	int			 bad = 0;

	memset(r, 0, sizeof *r);
	bad |= mu_str(&r->at, j, "at", 0, "a read's time", cause);
	bad |= mu_str(&r->kind, j, "kind", 0, "a read's kind", cause);
	bad |= mu_ref(&r->staff, j, "staff", "name", "a read's staff", cause);
	bad |= mu_ref(&r->username, j, "staff", "username", "a read's staff",
	    cause);
	bad |= opt_ref(&r->dept, j, "department", "name", cause);
	bad |= opt_ref(&r->purpose, j, "purpose", "name", cause);
	bad |= opt_ref(&r->basis, j, "purpose", "basis", cause);
	if (cJSON_IsNumber(n))
		bad |= mu_int(&r->records, j, "records", 0, ID_MAX,
		    "a read's records", cause);
	r->refused = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j,
	    "refused"));
	bad |= mu_str(&r->reason, j, "reason", 1, "a read's reason", cause);
	return (bad ? -1 : 0);
}

static const struct page_item read_item = {
	sizeof(struct data_read), read_parse, read_clear
};

int
model_purpose_list_parse(const cJSON *j, struct dept_purpose_list *l,
    const char **cause)
{
	void	*v = NULL;
	int	 rc;

	memset(l, 0, sizeof *l);
	*cause = NULL;
	rc = page_items(cJSON_GetObjectItemCaseSensitive(j, "items"),
	    &purpose_item, &v, &l->n, cause);
	l->items = v;
	return (rc);
}

void
model_purpose_list_free(void *ptr)
{
	struct dept_purpose_list	*l = ptr;

	if (l == NULL)
		return;
	page_items_free(l->items, l->n, &purpose_item);
	free(l);
}

int
model_consent_parse(const cJSON *j, struct consent *c, const char **cause)
{
	*cause = NULL;
	return (consent_parse(j, c, cause));
}

void
model_consent_free(void *ptr)
{
	if (ptr == NULL)
		return;
	consent_clear(ptr);
	free(ptr);
}

int
model_consent_list_parse(const cJSON *j, struct consent_list *l,
    const char **cause)
{
	void	*v = NULL;
	int	 rc;

	memset(l, 0, sizeof *l);
	*cause = NULL;
	rc = page_items(cJSON_GetObjectItemCaseSensitive(j, "items"),
	    &consent_item, &v, &l->n, cause);
	l->items = v;
	return (rc);
}

void
model_consent_list_free(void *ptr)
{
	struct consent_list	*l = ptr;

	if (l == NULL)
		return;
	page_items_free(l->items, l->n, &consent_item);
	free(l);
}

int
model_read_list_parse(const cJSON *j, struct read_list *l,
    const char **cause)
{
	void	*v = NULL;
	int	 bad = 0;

	memset(l, 0, sizeof *l);
	*cause = NULL;
	bad |= mu_ref(&l->resident, j, "resident", "name", "the resident",
	    cause);
	bad |= mu_ref(&l->id_masked, j, "resident", "id_number_masked",
	    "the resident", cause);
	bad |= page_items(cJSON_GetObjectItemCaseSensitive(j, "items"),
	    &read_item, &v, &l->n, cause);
	l->items = v;
	return (bad ? -1 : 0);
}

void
model_read_list_free(void *ptr)
{
	struct read_list	*l = ptr;

	if (l == NULL)
		return;
	free(l->resident);
	free(l->id_masked);
	page_items_free(l->items, l->n, &read_item);
	free(l);
}

API_KIND(kind_purposes, struct dept_purpose_list, model_purpose_list_parse,
    model_purpose_list_free);
API_KIND(kind_consent, struct consent, model_consent_parse,
    model_consent_free);
API_KIND(kind_consents, struct consent_list, model_consent_list_parse,
    model_consent_list_free);
API_KIND(kind_reads, struct read_list, model_read_list_parse,
    model_read_list_free);

struct api_call *
api_purposes(struct api *a, api_cb cb, void *arg)
{
	return (api_call(a, "GET", "/api/v1/purposes", NULL, NULL, 0,
	    &kind_purposes, cb, arg));
}

struct api_call *
api_consents(struct api *a, long long resident_id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_consents, cb, arg,
	    "/api/v1/residents/%lld/consents", resident_id));
}

struct api_call *
api_consent_record(struct api *a, long long resident_id, const char *purpose,
    const char *scope, const char *signed_on, const char *expires_on,
    const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "purpose", purpose);
	cJSON_AddStringToObject(b, "scope", scope);
	cJSON_AddStringToObject(b, "signed_on", signed_on);
	if (expires_on != NULL && *expires_on != '\0')
		cJSON_AddStringToObject(b, "expires_on", expires_on);
	return (api_callf(a, "POST", b, key, 0, &kind_consent, cb, arg,
	    "/api/v1/residents/%lld/consents", resident_id));
}

struct api_call *
api_consent_withdraw(struct api *a, long long id, const char *reason,
    const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "reason", reason);
	return (api_callf(a, "POST", b, key, 0, &kind_consent, cb, arg,
	    "/api/v1/consents/%lld/withdraw", id));
}

struct api_call *
api_resident_reads(struct api *a, long long resident_id, api_cb cb,
    void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_reads, cb, arg,
	    "/api/v1/residents/%lld/reads", resident_id));
}
