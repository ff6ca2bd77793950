/* Tasks: the lists, one task and its items, an outcome, issuing one. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json.h"
#include "page.h"
#include "read.h"
#include "tasks.h"
#include "../util/xmalloc.h"

static void
progress_clear(void *p)
{
	struct task_progress	*g = p;

	free(g->assignee);
}

/* The counts of a TaskProgress; the assignee only where one is sent. */
static int
progress_fill(const cJSON *j, struct task_progress *g, const char **cause)
{
	int	bad = 0;

	bad |= work_int(j, "total", 0, &g->total, cause);
	bad |= work_int(j, "open", 0, &g->open, cause);
	bad |= work_int(j, "done", 0, &g->done, cause);
	bad |= work_int(j, "unreachable", 0, &g->unreachable, cause);
	bad |= work_int(j, "refused", 0, &g->refused, cause);
	bad |= work_int(j, "overdue", 0, &g->overdue, cause);
	return (bad);
}

static int
assignee_parse(const cJSON *j, void *p, const char **cause)
{
	struct task_progress	*g = p;
	int			 bad;

	bad = work_ref(j, "assignee", 1, &g->assignee, &g->assignee_id,
	    cause);
	bad |= progress_fill(j, g, cause);
	return (bad ? -1 : 0);
}

static const struct page_item assignee_item = {
	sizeof(struct task_progress), assignee_parse, progress_clear
};

static void
task_clear(void *p)
{
	struct task	*t = p;

	free(t->title);
	free(t->note);
	free(t->deadline);
	free(t->status);
	free(t->created_by);
	free(t->community);
	free(t->grid);
	free(t->tag);
	progress_clear(&t->progress);
	page_items_free(t->per_assignee, t->nper_assignee, &assignee_item);
}

static int
query_fill(const cJSON *q, struct task *t, const char **cause)
{
	int	bad = 0;

	if (q == NULL)
		return (mu_fail("a task has no query", cause));
	bad |= work_ref(q, "community", 1, &t->community, NULL, cause);
	bad |= work_ref(q, "grid", 1, &t->grid, NULL, cause);
	bad |= work_int(q, "min_age", 1, &t->min_age, cause);
	bad |= work_str(q, "tag", 1, &t->tag, cause);
	return (bad);
}

static int
task_fill(const cJSON *j, void *p, const char **cause)
{
	struct task	*t = p;
	const cJSON	*per = cJSON_GetObjectItemCaseSensitive(j,
			    "per_assignee");
	const cJSON	*g = json_obj(j, "progress");
	void		*items;
	int		 bad = 0;

	if (json_int(j, "id", &t->id) != 0 || t->id <= 0)
		bad |= mu_fail("a task has no id", cause);
	bad |= work_str(j, "title", 0, &t->title, cause);
	bad |= work_take(&t->note, json_text(j, "note", 1), "note", cause);
	bad |= work_str(j, "deadline", 0, &t->deadline, cause);
	bad |= work_str(j, "status", 0, &t->status, cause);
	bad |= work_ref(j, "created_by", 0, &t->created_by, NULL, cause);
	bad |= query_fill(json_obj(j, "query"), t, cause);
	t->progress.assignee = xstrdup("");
	if (g == NULL)
		bad |= mu_fail("a task has no progress", cause);
	else
		bad |= progress_fill(g, &t->progress, cause);
	if (per != NULL && cJSON_IsArray(per)) {
		bad |= page_items(per, &assignee_item, &items,
		    &t->nper_assignee, cause);
		t->per_assignee = items;
	}
	return (bad ? -1 : 0);
}

static const struct page_item task_item = {
	sizeof(struct task), task_fill, task_clear
};

int
model_task_parse(const cJSON *j, struct task *t, const char **cause)
{
	memset(t, 0, sizeof *t);
	*cause = NULL;
	return (task_fill(j, t, cause));
}

void
model_task_free(void *p)
{
	if (p == NULL)
		return;
	task_clear(p);
	free(p);
}

int
model_task_page_parse(const cJSON *j, struct task_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &task_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_task_page_free(void *ptr)
{
	struct task_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &task_item);
	free(p);
}

static void
item_clear(void *p)
{
	struct task_item	*it = p;

	free(it->resident);
	free(it->id_number_masked);
	free(it->address);
	free(it->phone_masked);
	free(it->grid);
	free(it->assignee);
	free(it->outcome);
	free(it->note);
	free(it->recorded_at);
	free(it->recorded_by);
}

static int
item_fill(const cJSON *j, void *p, const char **cause)
{
	struct task_item	*it = p;
	const cJSON		*od = cJSON_GetObjectItemCaseSensitive(j,
				    "overdue");
	int			 bad = 0;

	if (json_int(j, "id", &it->id) != 0 || it->id <= 0 ||
	    json_int(j, "task_id", &it->task_id) != 0 ||
	    json_int(j, "version", &it->version) != 0 || it->version <= 0)
		bad |= mu_fail("a task item has no id or version", cause);
	bad |= work_ref(j, "resident", 0, &it->resident, &it->resident_id,
	    cause);
	bad |= mu_ref(&it->id_number_masked, j, "resident",
	    "id_number_masked", "resident", cause);
	bad |= work_int(j, "age", 0, &it->age, cause);
	bad |= work_str(j, "address", 0, &it->address, cause);
	bad |= work_str(j, "phone_masked", 1, &it->phone_masked, cause);
	bad |= work_ref(j, "grid", 1, &it->grid, NULL, cause);
	bad |= work_ref(j, "assignee", 1, &it->assignee, NULL, cause);
	bad |= work_str(j, "outcome", 1, &it->outcome, cause);
	bad |= work_take(&it->note, json_text(j, "note", 1), "note", cause);
	bad |= work_str(j, "recorded_at", 1, &it->recorded_at, cause);
	bad |= work_ref(j, "recorded_by", 1, &it->recorded_by, NULL, cause);
	if (!cJSON_IsBool(od))
		bad |= mu_fail("overdue", cause);
	it->overdue = cJSON_IsTrue(od);
	return (bad ? -1 : 0);
}

static const struct page_item item_item = {
	sizeof(struct task_item), item_fill, item_clear
};

int
model_task_item_parse(const cJSON *j, struct task_item *it,
    const char **cause)
{
	memset(it, 0, sizeof *it);
	*cause = NULL;
	return (item_fill(j, it, cause));
}

void
model_task_item_free(void *p)
{
	if (p == NULL)
		return;
	item_clear(p);
	free(p);
}

int
model_task_item_page_parse(const cJSON *j, struct task_item_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &item_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_task_item_page_free(void *ptr)
{
	struct task_item_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &item_item);
	free(p);
}

API_KIND(kind_task, struct task, model_task_parse, model_task_free);
API_KIND(kind_tasks, struct task_page, model_task_page_parse,
    model_task_page_free);
API_KIND(kind_item, struct task_item, model_task_item_parse,
    model_task_item_free);
API_KIND(kind_items, struct task_item_page, model_task_item_page_parse,
    model_task_item_page_free);

struct api_call *
api_tasks(struct api *a, int mine, int open_only, int page, api_cb cb,
    void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_tasks, cb, arg,
	    "/api/v1/tasks%s?page=%d&per_page=50%s", mine ? "/mine" : "",
	    page, open_only ? "&status=open&status=overdue" : ""));
}

struct api_call *
api_task_get(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_task, cb, arg,
	    "/api/v1/tasks/%lld", id));
}

struct api_call *
api_task_items(struct api *a, long long task_id, const char *filter,
    int page, api_cb cb, void *arg)
{
	const char	*q = "";

	if (filter != NULL && strcmp(filter, "open") == 0)
		q = "&outcome=open";
	else if (filter != NULL && strcmp(filter, "overdue") == 0)
		q = "&overdue=true";
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_items, cb, arg,
	    "/api/v1/tasks/%lld/items?page=%d&per_page=100%s", task_id, page,
	    q));
}

struct api_call *
api_task_outcome(struct api *a, long long item_id, long long version,
    const char *outcome, const char *note, const char *key, api_cb cb,
    void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "outcome", outcome);
	if (note != NULL && *note != '\0')
		cJSON_AddStringToObject(b, "note", note);
	return (api_callf(a, "POST", b, key, version, &kind_item, cb, arg,
	    "/api/v1/task-items/%lld/outcome", item_id));
}

struct api_call *
api_task_issue(struct api *a, const struct new_task *t, const char *key,
    api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject(), *q;

	cJSON_AddStringToObject(b, "title", t->title);
	if (t->note != NULL && *t->note != '\0')
		cJSON_AddStringToObject(b, "note", t->note);
	cJSON_AddStringToObject(b, "deadline", t->deadline);
	q = cJSON_AddObjectToObject(b, "query");
	if (t->community_id > 0)
		cJSON_AddNumberToObject(q, "community_id",
		    (double)t->community_id);
	if (t->grid_id > 0)
		cJSON_AddNumberToObject(q, "grid_id", (double)t->grid_id);
	if (t->min_age > 0)
		cJSON_AddNumberToObject(q, "min_age", t->min_age);
	if (t->tag != NULL && *t->tag != '\0')
		cJSON_AddStringToObject(q, "tag", t->tag);
	return (api_callf(a, "POST", b, key, 0, &kind_task, cb, arg,
	    "/api/v1/tasks"));
}
