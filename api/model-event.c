/* Grid events and their history from server JSON. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "work-int.h"
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

/* The history is only in single-event replies; lists leave it out. */
static int
updates_parse(const cJSON *list, struct event *e, const char **cause)
{
	const cJSON	*it;

	if (list == NULL)
		return (0);
	if (!cJSON_IsArray(list)) {
		*cause = "the updates are not a list";
		return (-1);
	}
	e->updates = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *e->updates);
	cJSON_ArrayForEach(it, list) {
		if (update_parse(it, &e->updates[e->nupdates], cause) != 0) {
			update_clear(&e->updates[e->nupdates]);
			return (-1);
		}
		e->nupdates++;
	}
	return (0);
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
	work_items_free(e->updates, e->nupdates, sizeof *e->updates,
	    update_clear);
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
	rc = work_page(j, sizeof *p->items, event_fill, event_clear, &items,
	    &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_event_page_free(void *ptr)
{
	struct event_page	*p = ptr;

	if (p == NULL)
		return;
	work_items_free(p->items, p->n, sizeof *p->items, event_clear);
	free(p);
}
