/* Grid events: reports, assignment and updates. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json.h"
#include "page.h"
#include "read.h"
#include "events.h"
#include "../util/xmalloc.h"

static void
update_clear(void *p)
{
	struct event_update	*u = p;

	free(u->at);
	free(u->staff);
	free(u->status);
	free(u->assignee);
	free(u->note);
}

static int
update_parse(const cJSON *j, void *p, const char **cause)
{
	struct event_update	*u = p;
	int			 bad = 0;

	bad |= work_str(j, "at", 0, &u->at, cause);
	bad |= work_ref(j, "staff", 0, &u->staff, NULL, cause);
	bad |= work_str(j, "status", 1, &u->status, cause);
	bad |= work_ref(j, "assignee", 1, &u->assignee, NULL, cause);
	bad |= work_take(&u->note, json_text(j, "note", 1), "note", cause);
	return (bad ? -1 : 0);
}

static const struct page_item update_item = {
	sizeof(struct event_update), update_parse, update_clear
};

/* The history is only in single-event replies; lists leave it out. */
static int
updates_parse(const cJSON *list, struct event *e, const char **cause)
{
	void	*items;
	int	 rc;

	if (list == NULL)
		return (0);
	if (!cJSON_IsArray(list)) {
		*cause = "the updates are not a list";
		return (-1);
	}
	rc = page_items(list, &update_item, &items, &e->nupdates, cause);
	e->updates = items;
	return (rc);
}

static void
event_clear(void *p)
{
	struct event	*e = p;

	free(e->category);
	free(e->location);
	free(e->description);
	free(e->urgency);
	free(e->grid);
	free(e->community);
	free(e->resident);
	free(e->status);
	free(e->reporter);
	free(e->assignee);
	free(e->reported_at);
	free(e->updated_at);
	page_items_free(e->updates, e->nupdates, &update_item);
}

static int
event_fill(const cJSON *j, void *p, const char **cause)
{
	struct event	*e = p;
	int		 bad = 0;

	if (json_int(j, "id", &e->id) != 0 || e->id <= 0 ||
	    json_int(j, "version", &e->version) != 0 || e->version <= 0) {
		*cause = "an event has no id or version";
		bad = -1;
	}
	bad |= work_str(j, "category", 0, &e->category, cause);
	bad |= work_str(j, "location", 0, &e->location, cause);
	bad |= work_take(&e->description, json_text(j, "description", 0),
	    "description", cause);
	bad |= work_str(j, "urgency", 0, &e->urgency, cause);
	bad |= work_ref(j, "grid", 0, &e->grid, &e->grid_id, cause);
	bad |= work_ref(j, "community", 0, &e->community, NULL, cause);
	bad |= work_ref(j, "resident", 1, &e->resident, NULL, cause);
	bad |= work_str(j, "status", 0, &e->status, cause);
	bad |= work_ref(j, "reporter", 0, &e->reporter, NULL, cause);
	bad |= work_ref(j, "assignee", 1, &e->assignee, &e->assignee_id,
	    cause);
	bad |= work_str(j, "reported_at", 0, &e->reported_at, cause);
	bad |= work_str(j, "updated_at", 0, &e->updated_at, cause);
	if (bad == 0)
		bad |= updates_parse(cJSON_GetObjectItemCaseSensitive(j,
		    "updates"), e, cause);
	return (bad ? -1 : 0);
}

static const struct page_item event_item = {
	sizeof(struct event), event_fill, event_clear
};

int
model_event_parse(const cJSON *j, struct event *e, const char **cause)
{
	memset(e, 0, sizeof *e);
	*cause = NULL;
	return (event_fill(j, e, cause));
}

void
model_event_free(void *p)
{
	if (p == NULL)
		return;
	event_clear(p);
	free(p);
}

int
model_event_page_parse(const cJSON *j, struct event_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &event_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_event_page_free(void *ptr)
{
	struct event_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &event_item);
	free(p);
}

API_KIND(kind_event, struct event, model_event_parse, model_event_free);
API_KIND(kind_events, struct event_page, model_event_page_parse,
    model_event_page_free);

struct api_call *
api_events(struct api *a, const char *filter, int page, api_cb cb,
    void *arg)
{
	const char	*q = "";

	if (filter != NULL && strcmp(filter, "mine") == 0)
		q = "&assignee=me";
	else if (filter != NULL && strcmp(filter, "open") == 0)
		q = "&status=reported&status=assigned&status=in_progress"
		    "&status=resolved";
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_events, cb, arg,
	    "/api/v1/events?page=%d&per_page=50%s", page, q));
}

struct api_call *
api_event_get(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_event, cb, arg,
	    "/api/v1/events/%lld", id));
}

struct api_call *
api_event_report(struct api *a, const char *category, const char *location,
    const char *description, const char *urgency, long long grid_id,
    long long resident_id, const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "category", category);
	cJSON_AddStringToObject(b, "location", location);
	cJSON_AddStringToObject(b, "description", description);
	cJSON_AddStringToObject(b, "urgency", urgency);
	cJSON_AddNumberToObject(b, "grid_id", (double)grid_id);
	if (resident_id > 0)
		cJSON_AddNumberToObject(b, "resident_id", (double)resident_id);
	return (api_callf(a, "POST", b, key, 0, &kind_event, cb, arg,
	    "/api/v1/events"));
}

struct api_call *
api_event_assign(struct api *a, long long id, long long version,
    long long assignee_id, const char *note, const char *key, api_cb cb,
    void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddNumberToObject(b, "assignee_id", (double)assignee_id);
	if (note != NULL && *note != '\0')
		cJSON_AddStringToObject(b, "note", note);
	return (api_callf(a, "POST", b, key, version, &kind_event, cb, arg,
	    "/api/v1/events/%lld/assign", id));
}

struct api_call *
api_event_update(struct api *a, long long id, long long version,
    const char *status, const char *note, const char *key, api_cb cb,
    void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	if (status != NULL)
		cJSON_AddStringToObject(b, "status", status);
	if (note != NULL && *note != '\0')
		cJSON_AddStringToObject(b, "note", note);
	return (api_callf(a, "POST", b, key, version, &kind_event, cb, arg,
	    "/api/v1/events/%lld/updates", id));
}
