/* One household and its members. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json.h"
#include "page.h"
#include "read.h"
#include "households.h"
#include "../util/xmalloc.h"

static void
member_clear(void *p)
{
	struct household_member	*m = p;

	free(m->name);
	free(m->relation);
	free(m->sex);
	free(m->id_number_masked);
}

static int
member_parse(const cJSON *j, void *p, const char **cause)
{
	struct household_member	*m = p;
	int			 bad = 0;

	if (json_int(j, "id", &m->id) != 0 || m->id <= 0)
		bad |= mu_fail("a member has no id", cause);
	bad |= work_int(j, "age", 0, &m->age, cause);
	bad |= work_str(j, "name", 0, &m->name, cause);
	bad |= work_str(j, "relation", 1, &m->relation, cause);
	bad |= work_str(j, "sex", 0, &m->sex, cause);
	bad |= work_str(j, "id_number_masked", 0, &m->id_number_masked,
	    cause);
	return (bad ? -1 : 0);
}

static const struct page_item member_item = {
	sizeof(struct household_member), member_parse, member_clear
};

int
model_household_parse(const cJSON *j, struct household *h,
    const char **cause)
{
	const cJSON	*list = cJSON_GetObjectItemCaseSensitive(j, "members");
	void		*items = NULL;
	int		 bad = 0;

	memset(h, 0, sizeof *h);
	*cause = NULL;
	if (json_int(j, "id", &h->id) != 0 || h->id <= 0)
		bad |= mu_fail("a household has no id", cause);
	bad |= work_str(j, "address", 0, &h->address, cause);
	bad |= work_ref(j, "community", 0, &h->community, NULL, cause);
	bad |= work_ref(j, "grid", 1, &h->grid, &h->grid_id, cause);
	bad |= work_ref(j, "head", 1, &h->head, NULL, cause);
	if (!cJSON_IsArray(list))
		return (mu_fail("a household has no members", cause));
	bad |= page_items(list, &member_item, &items, &h->nmembers, cause);
	h->members = items;
	return (bad ? -1 : 0);
}

void
model_household_free(void *p)
{
	struct household	*h = p;

	if (h == NULL)
		return;
	free(h->address);
	free(h->community);
	free(h->grid);
	free(h->head);
	page_items_free(h->members, h->nmembers, &member_item);
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
