/* Promises (告知承诺): their models and calls. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "page.h"
#include "promises.h"
#include "read.h"
#include "../util/xmalloc.h"

static void
promise_clear(void *p)
{
	struct promise	*x = p;

	free(x->kind);
	free(x->matter);
	free(x->subject);
	free(x->resident);
	free(x->id_masked);
	free(x->which);
	free(x->made_at);
	free(x->made_by);
	free(x->status);
	free(x->checked_on);
	free(x->note);
}

/* The application's number or the certificate's serial. */
static int
which_parse(const cJSON *j, struct promise *x, const char **cause)
{
	const cJSON	*a = cJSON_GetObjectItemCaseSensitive(j,
			    "application");

	if (cJSON_IsObject(a))
		return (mu_str(&x->which, a, "number", 0, "a promise's "
		    "application has no number", cause));
	return (mu_ref(&x->which, j, "certificate", "serial", "a promise "
	    "has neither application nor certificate", cause));
}

/* The check, once there is one. */
static int
check_parse(const cJSON *j, struct promise *x, const char **cause)
{
	const cJSON	*k = cJSON_GetObjectItemCaseSensitive(j, "check");
	int		 bad = 0;

	if (k == NULL || cJSON_IsNull(k)) {
		x->checked_on = xstrdup("");
		x->note = xstrdup("");
		return (0);
	}
	bad |= mu_str(&x->checked_on, k, "on", 0, "a check has no date",
	    cause);
	bad |= mu_str(&x->note, k, "note", 1, "a check's note is not text",
	    cause);
	return (bad);
}

static int
promise_parse(const cJSON *j, void *p, const char **cause)
{
	struct promise	*x = p;
	long long	 v = 0;
	int		 bad = 0;

	bad |= mu_int(&x->id, j, "id", 1, ID_MAX, "a promise has no id",
	    cause);
	bad |= mu_str(&x->kind, j, "kind", 0, "a promise has no kind", cause);
	bad |= mu_str(&x->matter, j, "matter", 0, "a promise has no matter",
	    cause);
	bad |= mu_str(&x->subject, j, "subject", 0, "a promise has no "
	    "subject", cause);
	bad |= mu_ref(&x->resident, j, "resident", "name", "a promise has no "
	    "resident", cause);
	bad |= mu_ref(&x->id_masked, j, "resident", "id_number_masked",
	    "a promise has no ID number", cause);
	bad |= which_parse(j, x, cause);
	bad |= mu_str(&x->made_at, j, "made_at", 0, "a promise has no time",
	    cause);
	bad |= mu_ref(&x->made_by, j, "made_by", "name", "a promise has no "
	    "clerk", cause);
	bad |= mu_int(&v, j, "ban_days", 1, 3650, "a promise has no period",
	    cause);
	x->ban_days = (int)v;
	bad |= mu_str(&x->status, j, "status", 0, "a promise has no status",
	    cause);
	bad |= check_parse(j, x, cause);
	return (bad ? -1 : 0);
}

static const struct page_item promise_item = {
	sizeof(struct promise), promise_parse, promise_clear
};

int
model_promise_parse(const cJSON *j, struct promise *x, const char **cause)
{
	memset(x, 0, sizeof *x);
	*cause = NULL;
	return (promise_parse(j, x, cause));
}

void
model_promise_free(void *p)
{
	if (p == NULL)
		return;
	promise_clear(p);
	free(p);
}

int
model_promise_page_parse(const cJSON *j, struct promise_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &promise_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_promise_page_free(void *ptr)
{
	struct promise_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &promise_item);
	free(p);
}

int
model_promise_ban_parse(const cJSON *j, struct promise_ban *b,
    const char **cause)
{
	const cJSON	*ban = cJSON_GetObjectItemCaseSensitive(j, "ban");
	int		 bad = 0;

	memset(b, 0, sizeof *b);
	*cause = NULL;
	if (!cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(j, "barred")))
		return (mu_fail("barred is not true or false", cause));
	b->barred = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j,
	    "barred"));
	if (!b->barred || !cJSON_IsObject(ban)) {
		b->barred = 0;
		b->since = xstrdup("");
		b->until = xstrdup("");
		b->reason = xstrdup("");
		return (0);
	}
	bad |= mu_str(&b->since, ban, "since", 0, "a ban has no start", cause);
	bad |= mu_str(&b->until, ban, "until", 0, "a ban has no end", cause);
	bad |= mu_str(&b->reason, ban, "reason", 0, "a ban has no reason",
	    cause);
	return (bad ? -1 : 0);
}

void
model_promise_ban_free(void *p)
{
	struct promise_ban	*b = p;

	if (b == NULL)
		return;
	free(b->since);
	free(b->until);
	free(b->reason);
	free(b);
}

API_KIND(kind_promise, struct promise, model_promise_parse,
    model_promise_free);
API_KIND(kind_promise_page, struct promise_page, model_promise_page_parse,
    model_promise_page_free);
API_KIND(kind_promise_ban, struct promise_ban, model_promise_ban_parse,
    model_promise_ban_free);

struct api_call *
api_promises_unchecked(struct api *a, int page, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_promise_page, cb,
	    arg, "/api/v1/promises?status=unchecked&page=%d&per_page=50",
	    page));
}

struct api_call *
api_promise_check(struct api *a, long long id, const char *outcome,
    const char *note, const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "outcome", outcome);
	if (note != NULL && *note != '\0')
		cJSON_AddStringToObject(b, "note", note);
	return (api_callf(a, "POST", b, key, 0, &kind_promise, cb, arg,
	    "/api/v1/promises/%lld/check", id));
}

struct api_call *
api_promise_ban(struct api *a, long long resident_id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_promise_ban, cb,
	    arg, "/api/v1/residents/%lld/promise-ban", resident_id));
}
