/* Grids and staff, for the assignment of events. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json.h"
#include "page.h"
#include "read.h"
#include "org.h"
#include "../util/xmalloc.h"

static void
grid_clear(void *p)
{
	struct grid	*g = p;

	free(g->name);
	free(g->community);
	free(g->member);
}

static int
grid_parse(const cJSON *j, void *p, const char **cause)
{
	struct grid	*g = p;
	int		 bad = 0;

	if (json_int(j, "id", &g->id) != 0 || g->id <= 0) {
		*cause = "a grid has no id";
		bad = -1;
	}
	bad |= work_str(j, "name", 0, &g->name, cause);
	bad |= work_ref(j, "community", 0, &g->community, &g->community_id,
	    cause);
	bad |= work_ref(j, "member", 1, &g->member, &g->member_id, cause);
	return (bad ? -1 : 0);
}

static const struct page_item grid_item = {
	sizeof(struct grid), grid_parse, grid_clear
};

int
model_grid_page_parse(const cJSON *j, struct grid_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &grid_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_grid_page_free(void *ptr)
{
	struct grid_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &grid_item);
	free(p);
}

static void
staff_clear(void *p)
{
	struct staff	*s = p;

	free(s->username);
	free(s->name);
	free(s->role);
}

static int
staff_parse(const cJSON *j, void *p, const char **cause)
{
	struct staff	*s = p;
	int		 bad = 0;

	if (json_int(j, "id", &s->id) != 0 || s->id <= 0) {
		*cause = "a staff member has no id";
		bad = -1;
	}
	bad |= work_str(j, "username", 0, &s->username, cause);
	bad |= work_str(j, "name", 0, &s->name, cause);
	bad |= work_str(j, "role", 0, &s->role, cause);
	return (bad ? -1 : 0);
}

static const struct page_item staff_item = {
	sizeof(struct staff), staff_parse, staff_clear
};

int
model_staff_page_parse(const cJSON *j, struct staff_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &staff_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_staff_page_free(void *ptr)
{
	struct staff_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &staff_item);
	free(p);
}

API_KIND(kind_grids, struct grid_page, model_grid_page_parse,
    model_grid_page_free);
API_KIND(kind_staff, struct staff_page, model_staff_page_parse,
    model_staff_page_free);

struct api_call *
api_grids(struct api *a, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_grids, cb, arg,
	    "/api/v1/grids?per_page=100"));
}

struct api_call *
api_staff(struct api *a, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_staff, cb, arg,
	    "/api/v1/staff?per_page=100"));
}
