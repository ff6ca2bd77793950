/* Households: one read, its members changed, a split. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "households.h"
#include "json.h"
#include "read.h"
#include "residents.h"
#include "../util/xmalloc.h"

int
model_household_parse(const cJSON *j, struct household *h,
    const char **cause)
{
	int	bad = 0;

	memset(h, 0, sizeof *h);
	*cause = NULL;
	if (json_int(j, "id", &h->id) != 0 || json_int(j, "version",
	    &h->version) != 0) {
		*cause = "the household has no id or version";
		bad = -1;
	}
	bad |= work_take(&h->address, json_str(j, "address", 0), "address",
	    cause);
	bad |= work_ref(j, "community", 0, &h->community, NULL, cause);
	bad |= work_ref(j, "grid", 1, &h->grid, &h->grid_id, cause);
	bad |= work_ref(j, "head", 1, &h->head, NULL, cause);
	bad |= model_members_parse(cJSON_GetObjectItemCaseSensitive(j,
	    "members"), &h->members, &h->nmembers, cause);
	return (bad ? -1 : 0);
}

void
model_household_free(void *ptr)
{
	struct household	*h = ptr;

	if (h == NULL)
		return;
	free(h->address);
	free(h->community);
	free(h->grid);
	free(h->head);
	model_members_free(h->members, h->nmembers);
	free(h);
}

API_KIND(kind_household, struct household, model_household_parse,
    model_household_free);

struct api_call *
api_household_get(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_household, cb, arg,
	    "/api/v1/households/%lld", id));
}

static struct api_call *
post(struct api *a, long long id, const char *what, long long version,
    cJSON *body, const char *key, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*path;

	path = xasprintf("/api/v1/households/%lld/%s", id, what);
	c = api_call(a, "POST", path, body, key, version, &kind_household, cb,
	    arg);
	free(path);
	return (c);
}

struct api_call *
api_household_action(struct api *a, long long id, long long version,
    cJSON *body, const char *key, api_cb cb, void *arg)
{
	return (post(a, id, "actions", version, body, key, cb, arg));
}

struct api_call *
api_household_split(struct api *a, long long id, long long version,
    cJSON *body, const char *key, api_cb cb, void *arg)
{
	return (post(a, id, "split", version, body, key, cb, arg));
}
