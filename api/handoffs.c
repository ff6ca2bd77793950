/* Hand-offs of applications to another office. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json.h"
#include "read.h"
#include "handoffs.h"
#include "../util/xmalloc.h"

int
model_handoff_parse(const cJSON *j, struct handoff *h, const char **cause)
{
	int	bad = 0;

	memset(h, 0, sizeof *h);
	*cause = NULL;
	bad |= mu_int(&h->id, j, "id", 1, ID_MAX, "the hand-off has no id",
	    cause);
	bad |= mu_str(&h->number, j, "number", 0, "no number", cause);
	bad |= mu_str(&h->to, j, "to", 0, "no receiving office", cause);
	if ((h->note = json_text(j, "note", 1)) == NULL)
		bad |= mu_fail("bad note", cause);
	bad |= mu_ref(&h->centre, j, "centre", "name", "no centre", cause);
	bad |= mu_ref(&h->staff, j, "staff", "name", "no staff", cause);
	bad |= mu_str(&h->created_at, j, "created_at", 0, "no created_at",
	    cause);
	if (bad)
		return (-1);
	return (app_summaries_parse(cJSON_GetObjectItemCaseSensitive(j,
	    "applications"), &h->items, &h->n, cause));
}

void
model_handoff_free(void *p)
{
	struct handoff	*h = p;

	if (h == NULL)
		return;
	free(h->number);
	free(h->to);
	free(h->note);
	free(h->centre);
	free(h->staff);
	free(h->created_at);
	app_summaries_free(h->items, h->n);
	free(h);
}

API_KIND(kind_handoff, struct handoff, model_handoff_parse,
    model_handoff_free);

struct api_call *
api_handoff_create(struct api *a, const long long *ids, size_t n,
    const char *to, const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject(), *list;
	size_t	 i;

	list = cJSON_AddArrayToObject(b, "application_ids");
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(list, cJSON_CreateNumber((double)ids[i]));
	cJSON_AddStringToObject(b, "to", to);
	return (api_call(a, "POST", "/api/v1/handoffs", b, key, 0,
	    &kind_handoff, cb, arg));
}
