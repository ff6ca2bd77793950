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
	free(u->action);
	free(u->staff);
	free(u->status);
	free(u->assignee);
	free(u->unit);
	free(u->until);
	free(u->note);
}

static int
update_parse(const cJSON *j, void *p, const char **cause)
{
	struct event_update	*u = p;
	int			 bad = 0;

	bad |= work_str(j, "at", 0, &u->at, cause);
	bad |= work_str(j, "action", 0, &u->action, cause);
	bad |= work_ref(j, "staff", 0, &u->staff, NULL, cause);
	bad |= work_str(j, "status", 1, &u->status, cause);
	bad |= work_ref(j, "assignee", 1, &u->assignee, NULL, cause);
	bad |= work_ref(j, "unit", 1, &u->unit, NULL, cause);
	bad |= work_int(j, "rating", 1, &u->rating, cause);
	bad |= work_str(j, "until", 1, &u->until, cause);
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

/* The pending 延期, or "" when none waits. */
static int
extension_parse(const cJSON *x, struct event *e, const char **cause)
{
	int	bad = 0;

	if (x == NULL) {
		e->ext_until = xstrdup("");
		e->ext_reason = xstrdup("");
		e->ext_by = xstrdup("");
		return (0);
	}
	bad |= work_str(x, "until", 0, &e->ext_until, cause);
	bad |= work_str(x, "reason", 0, &e->ext_reason, cause);
	bad |= work_ref(x, "requested_by", 0, &e->ext_by, NULL, cause);
	return (bad ? -1 : 0);
}

/* What the caller may do: only in single-event replies. */
static int
actions_parse(const cJSON *list, struct event *e, const char **cause)
{
	if (list == NULL)
		return (0);
	return (mu_strings(&e->actions, &e->nactions, list, "the actions",
	    cause));
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
	free(e->unit);
	free(e->reported_at);
	free(e->updated_at);
	free(e->due_date);
	free(e->ext_until);
	free(e->ext_reason);
	free(e->ext_by);
	page_items_free(e->updates, e->nupdates, &update_item);
	mu_strings_free(e->actions, e->nactions);
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
	bad |= work_ref(j, "unit", 1, &e->unit, NULL, cause);
	bad |= work_str(j, "reported_at", 0, &e->reported_at, cause);
	bad |= work_str(j, "updated_at", 0, &e->updated_at, cause);
	bad |= work_str(j, "due_date", 1, &e->due_date, cause);
	e->due_soon = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j,
	    "due_soon"));
	e->overdue = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j,
	    "overdue"));
	e->self_resolved = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j,
	    "self_resolved"));
	bad |= work_int(j, "rating", 1, &e->rating, cause);
	bad |= work_int(j, "supervisions", 0, &e->supervisions, cause);
	bad |= extension_parse(json_obj(j, "extension"), e, cause);
	if (bad == 0)
		bad |= updates_parse(cJSON_GetObjectItemCaseSensitive(j,
		    "updates"), e, cause);
	if (bad == 0)
		bad |= actions_parse(cJSON_GetObjectItemCaseSensitive(j,
		    "actions"), e, cause);
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

int
event_allows(const struct event *e, const char *name)
{
	size_t	i;

	for (i = 0; i < e->nactions; i++) {
		if (strcmp(e->actions[i], name) == 0)
			return (1);
	}
	return (0);
}

static void
unit_clear(void *p)
{
	struct event_unit	*u = p;

	free(u->code);
	free(u->name);
	free(u->level);
}

static int
unit_fill(const cJSON *j, void *p, const char **cause)
{
	struct event_unit	*u = p;
	int			 bad = 0;

	if (json_int(j, "id", &u->id) != 0 || u->id <= 0) {
		*cause = "a unit has no id";
		bad = -1;
	}
	bad |= work_str(j, "code", 0, &u->code, cause);
	bad |= work_str(j, "name", 0, &u->name, cause);
	bad |= work_str(j, "level", 0, &u->level, cause);
	return (bad ? -1 : 0);
}

static const struct page_item unit_item = {
	sizeof(struct event_unit), unit_fill, unit_clear
};

static int
unit_page_parse(const cJSON *j, struct event_unit_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &unit_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_event_unit_page_free(void *ptr)
{
	struct event_unit_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &unit_item);
	free(p);
}

API_KIND(kind_event, struct event, model_event_parse, model_event_free);
API_KIND(kind_events, struct event_page, model_event_page_parse,
    model_event_page_free);
API_KIND(kind_units, struct event_unit_page, unit_page_parse,
    model_event_unit_page_free);

struct api_call *
api_events(struct api *a, const char *filter, int page, api_cb cb,
    void *arg)
{
	const char	*q = "";

	if (filter != NULL && strcmp(filter, "mine") == 0)
		q = "&assignee=me";
	else if (filter != NULL && strcmp(filter, "open") == 0)
		q = "&status=reported&status=returned&status=assigned"
		    "&status=escalated&status=in_progress&status=resolved"
		    "&status=checked";
	else if (filter != NULL && strcmp(filter, "soon") == 0)
		q = "&due=soon";
	else if (filter != NULL && strcmp(filter, "overdue") == 0)
		q = "&due=overdue";
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

struct api_call *
api_event_act(struct api *a, long long id, long long version,
    const char *action, const char *note, int rating, long long unit_id,
    const char *until, const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "action", action);
	if (note != NULL && *note != '\0')
		cJSON_AddStringToObject(b, "note", note);
	if (rating > 0)
		cJSON_AddNumberToObject(b, "rating", rating);
	if (unit_id > 0)
		cJSON_AddNumberToObject(b, "unit_id", (double)unit_id);
	if (until != NULL && *until != '\0')
		cJSON_AddStringToObject(b, "until", until);
	return (api_callf(a, "POST", b, key, version, &kind_event, cb, arg,
	    "/api/v1/events/%lld/actions", id));
}

struct api_call *
api_event_units(struct api *a, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_units, cb, arg,
	    "/api/v1/event-units?per_page=100"));
}
