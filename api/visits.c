/* Visits to households: the lists, one visit, recording one. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json.h"
#include "page.h"
#include "read.h"
#include "visits.h"
#include "../util/xmalloc.h"

static void
finding_clear(void *p)
{
	struct visit_finding	*f = p;

	free(f->type);
	free(f->note);
	free(f->followup);
	free(f->event_status);
}

static int
finding_parse(const cJSON *j, void *p, const char **cause)
{
	struct visit_finding	*f = p;
	const cJSON		*ev = json_obj(j, "event");
	int			 bad = 0;

	bad |= work_str(j, "type", 0, &f->type, cause);
	bad |= work_take(&f->note, json_text(j, "note", 1), "note", cause);
	bad |= work_take(&f->followup, json_text(j, "followup", 1),
	    "followup", cause);
	if (ev == NULL) {
		f->event_status = xstrdup("");
		return (bad ? -1 : 0);
	}
	if (json_int(ev, "id", &f->event_id) != 0 || f->event_id <= 0)
		bad |= mu_fail("a finding's event has no id", cause);
	bad |= work_str(ev, "status", 0, &f->event_status, cause);
	return (bad ? -1 : 0);
}

static const struct page_item finding_item = {
	sizeof(struct visit_finding), finding_parse, finding_clear
};

/* The names of whom the visit met. */
static int
met_parse(const cJSON *list, struct visit *v, const char **cause)
{
	const cJSON	*it;
	int		 bad = 0;

	if (!cJSON_IsArray(list))
		return (mu_fail("met is not a list", cause));
	v->met = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *v->met);
	cJSON_ArrayForEach(it, list)
		bad |= work_take(&v->met[v->nmet++], json_str(it, "name", 0),
		    "met", cause);
	return (bad ? -1 : 0);
}

static void
visit_clear(void *p)
{
	struct visit	*v = p;

	free(v->address);
	free(v->grid);
	free(v->staff);
	free(v->visited_at);
	free(v->met_note);
	free(v->recorded_at);
	mu_strings_free(v->met, v->nmet);
	page_items_free(v->findings, v->nfindings, &finding_item);
}

static int
visit_fill(const cJSON *j, void *p, const char **cause)
{
	struct visit	*v = p;
	const cJSON	*h = json_obj(j, "household");
	const cJSON	*list = cJSON_GetObjectItemCaseSensitive(j,
			    "findings");
	void		*items;
	int		 bad = 0;

	if (json_int(j, "id", &v->id) != 0 || v->id <= 0 || h == NULL ||
	    json_int(h, "id", &v->household_id) != 0)
		bad |= mu_fail("a visit has no id or household", cause);
	bad |= mu_str(&v->address, h, "address", 0, "address", cause);
	bad |= work_ref(j, "grid", 1, &v->grid, NULL, cause);
	bad |= work_ref(j, "staff", 0, &v->staff, NULL, cause);
	bad |= work_str(j, "visited_at", 0, &v->visited_at, cause);
	bad |= work_str(j, "met_note", 1, &v->met_note, cause);
	bad |= work_str(j, "recorded_at", 0, &v->recorded_at, cause);
	bad |= met_parse(cJSON_GetObjectItemCaseSensitive(j, "met"), v,
	    cause);
	if (!cJSON_IsArray(list))
		return (mu_fail("a visit has no findings", cause));
	bad |= page_items(list, &finding_item, &items, &v->nfindings, cause);
	v->findings = items;
	return (bad ? -1 : 0);
}

static const struct page_item visit_item = {
	sizeof(struct visit), visit_fill, visit_clear
};

int
model_visit_parse(const cJSON *j, struct visit *v, const char **cause)
{
	memset(v, 0, sizeof *v);
	*cause = NULL;
	return (visit_fill(j, v, cause));
}

void
model_visit_free(void *p)
{
	if (p == NULL)
		return;
	visit_clear(p);
	free(p);
}

int
model_visit_page_parse(const cJSON *j, struct visit_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &visit_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_visit_page_free(void *ptr)
{
	struct visit_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &visit_item);
	free(p);
}

static void
unvisited_clear(void *p)
{
	struct unvisited	*u = p;

	free(u->address);
	free(u->number);
	free(u->grid);
	free(u->head);
	free(u->last_visit_at);
}

static int
unvisited_parse(const cJSON *j, void *p, const char **cause)
{
	struct unvisited	*u = p;
	int			 bad = 0;

	if (json_int(j, "id", &u->id) != 0 || u->id <= 0)
		bad |= mu_fail("a household has no id", cause);
	bad |= work_str(j, "address", 0, &u->address, cause);
	bad |= work_str(j, "number", 1, &u->number, cause);
	bad |= work_ref(j, "grid", 1, &u->grid, &u->grid_id, cause);
	bad |= work_ref(j, "head", 1, &u->head, NULL, cause);
	bad |= work_int(j, "member_count", 0, &u->member_count, cause);
	bad |= work_str(j, "last_visit_at", 1, &u->last_visit_at, cause);
	return (bad ? -1 : 0);
}

static const struct page_item unvisited_item = {
	sizeof(struct unvisited), unvisited_parse, unvisited_clear
};

/* Never visited first, then the longest unvisited: who to go to next.
 * Instants of one form (RFC 3339, UTC) sort as text. */
static int
unvisited_cmp(const void *a, const void *b)
{
	const struct unvisited	*x = a, *y = b;
	int			 c = strcmp(x->last_visit_at,
				    y->last_visit_at);

	if (c != 0)
		return (c);
	return (x->id < y->id ? -1 : x->id > y->id);
}

int
model_unvisited_page_parse(const cJSON *j, struct unvisited_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &unvisited_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	if (rc == 0 && p->n > 1)
		qsort(p->items, p->n, sizeof *p->items, unvisited_cmp);
	return (rc);
}

void
model_unvisited_page_free(void *ptr)
{
	struct unvisited_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &unvisited_item);
	free(p);
}

API_KIND(kind_visit, struct visit, model_visit_parse, model_visit_free);
API_KIND(kind_visits, struct visit_page, model_visit_page_parse,
    model_visit_page_free);
API_KIND(kind_unvisited, struct unvisited_page, model_unvisited_page_parse,
    model_unvisited_page_free);

struct api_call *
api_visits_of(struct api *a, long long household_id, int page, api_cb cb,
    void *arg)
{
	if (household_id <= 0)
		return (api_callf(a, "GET", NULL, NULL, 0, &kind_visits, cb,
		    arg, "/api/v1/visits?page=%d&per_page=50", page));
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_visits, cb, arg,
	    "/api/v1/visits?household_id=%lld&page=%d&per_page=50",
	    household_id, page));
}

struct api_call *
api_visits_unvisited(struct api *a, int days, int page, api_cb cb,
    void *arg)
{
	if (days <= 0)
		return (api_callf(a, "GET", NULL, NULL, 0, &kind_unvisited,
		    cb, arg, "/api/v1/visits/unvisited?page=%d&per_page=100",
		    page));
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_unvisited, cb, arg,
	    "/api/v1/visits/unvisited?days=%d&page=%d&per_page=100", days,
	    page));
}

static void
add_text(cJSON *o, const char *key, const char *value)
{
	if (value != NULL && *value != '\0')
		cJSON_AddStringToObject(o, key, value);
}

struct api_call *
api_visit_record(struct api *a, long long household_id,
    const long long *met, size_t n_met, const char *met_note,
    const struct new_finding *f, size_t nfindings, const char *key,
    api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject(), *list, *o;
	size_t	 i;

	cJSON_AddNumberToObject(b, "household_id", (double)household_id);
	list = cJSON_AddArrayToObject(b, "met");
	for (i = 0; i < n_met; i++)
		cJSON_AddItemToArray(list, cJSON_CreateNumber((double)met[i]));
	add_text(b, "met_note", met_note);
	list = cJSON_AddArrayToObject(b, "findings");
	for (i = 0; i < nfindings; i++) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", f[i].type);
		add_text(o, "note", f[i].note);
		add_text(o, "followup", f[i].followup);
		if (f[i].event_id > 0)
			cJSON_AddNumberToObject(o, "event_id",
			    (double)f[i].event_id);
		cJSON_AddItemToArray(list, o);
	}
	return (api_callf(a, "POST", b, key, 0, &kind_visit, cb, arg,
	    "/api/v1/visits"));
}
