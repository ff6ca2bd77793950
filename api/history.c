/* A resident's history: who changed what, when, why, from what. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "history.h"
#include "json.h"
#include "page.h"
#include "read.h"
#include "../util/xmalloc.h"

static void
entry_clear(void *p)
{
	struct history_entry	*e = p;

	free(e->at);
	free(e->staff);
	free(e->action);
	free(e->field);
	free(e->old_value);
	free(e->new_value);
	free(e->reason);
}

/* A value member: text, or null (none). */
static int
value_parse(const cJSON *j, const char *key, char **dst, int *none,
    const char **cause)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(j, key);

	*none = v == NULL || cJSON_IsNull(v);
	return (work_take(dst, json_text(j, key, 1), key, cause));
}

static int
entry_parse(const cJSON *j, void *p, const char **cause)
{
	struct history_entry	*e = p;
	const cJSON		*st = json_obj(j, "staff");
	int			 bad = 0, none;

	memset(e, 0, sizeof *e);
	if (json_int(j, "id", &e->id) != 0) {
		*cause = "a history entry has no id";
		bad = -1;
	}
	bad |= work_take(&e->at, json_str(j, "at", 0), "at", cause);
	bad |= work_take(&e->staff, st != NULL ? json_str(st, "name", 0) :
	    xstrdup(""), "staff", cause);
	bad |= work_take(&e->action, json_str(j, "action", 0), "action",
	    cause);
	bad |= work_take(&e->field, json_str(j, "field", 0), "field", cause);
	bad |= value_parse(j, "old_value", &e->old_value, &e->old_null, cause);
	bad |= value_parse(j, "new_value", &e->new_value, &e->new_null, cause);
	bad |= value_parse(j, "reason", &e->reason, &none, cause);
	return (bad ? -1 : 0);
}

static const struct page_item entry_item = {
	sizeof(struct history_entry), entry_parse, entry_clear
};

int
model_history_parse(const cJSON *j, struct history_page *h,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(h, 0, sizeof *h);
	*cause = NULL;
	rc = page_parse(j, &entry_item, &items, &h->n, &h->pg, cause);
	h->items = items;
	return (rc);
}

void
model_history_free(void *ptr)
{
	struct history_page	*h = ptr;

	if (h == NULL)
		return;
	page_items_free(h->items, h->n, &entry_item);
	free(h);
}

API_KIND(kind_history, struct history_page, model_history_parse,
    model_history_free);

struct api_call *
api_resident_history(struct api *a, long long id, int page, api_cb cb,
    void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_history, cb, arg,
	    "/api/v1/residents/%lld/history?page=%d&per_page=50", id, page));
}
