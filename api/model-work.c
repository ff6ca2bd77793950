/* The shared parsing of api/work.h, and its small lists: service
 * categories, grids and staff. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "work-int.h"
#include "../util/xmalloc.h"

int
work_take(char **dst, char *value, const char *what, const char **cause)
{
	*dst = value;
	if (value == NULL && *cause == NULL)
		*cause = what;
	return (value == NULL ? -1 : 0);
}

int
work_str(const cJSON *o, const char *key, int nullable, char **dst,
    const char **cause)
{
	return (work_take(dst, json_str(o, key, nullable), key, cause));
}

int
work_int(const cJSON *o, const char *key, int nullable, int *out,
    const char **cause)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);
	long long	 n;

	if (nullable && cJSON_IsNull(v)) {
		*out = -1;
		return (0);
	}
	if (json_int(o, key, &n) != 0 || n < -1 || n > 1000000000) {
		*out = 0;
		if (*cause == NULL)
			*cause = key;
		return (-1);
	}
	*out = (int)n;
	return (0);
}

int
work_ref(const cJSON *o, const char *key, int nullable, char **name,
    long long *id, const char **cause)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);
	long long	 n = 0;

	if (nullable && (v == NULL || cJSON_IsNull(v))) {
		*name = xstrdup("");
		if (id != NULL)
			*id = 0;
		return (0);
	}
	if (!cJSON_IsObject(v) || json_int(v, "id", &n) != 0 || n <= 0) {
		*name = NULL;
		if (*cause == NULL)
			*cause = key;
		return (-1);
	}
	if (id != NULL)
		*id = n;
	return (work_take(name, json_str(v, "name", 0), key, cause));
}

void
work_items_free(void *items, size_t n, size_t size, void (*clear)(void *))
{
	size_t	i;

	for (i = 0; i < n; i++)
		clear((char *)items + i * size);
	free(items);
}

/* Paging must make sense, or the screens' page arithmetic would not. */
static int
paging(const cJSON *j, struct page_info *pg, const char **cause)
{
	long long	v;

	if (json_int(j, "total", &pg->total) != 0 || pg->total < 0 ||
	    json_int(j, "page", &v) != 0 || v < 1 || v > 1000000) {
		*cause = "the reply has no paging";
		return (-1);
	}
	pg->page = (int)v;
	if (json_int(j, "per_page", &v) != 0 || v < 1 || v > 1000) {
		*cause = "the reply has no paging";
		return (-1);
	}
	pg->per_page = (int)v;
	return (0);
}

/* Never half a list: one bad item refuses the whole reply. */
int
work_page(const cJSON *j, size_t size,
    int (*parse)(const cJSON *, void *, const char **),
    void (*clear)(void *), void **items, size_t *n, struct page_info *pg,
    const char **cause)
{
	const cJSON	*list = cJSON_GetObjectItemCaseSensitive(j, "items");
	const cJSON	*it;
	char		*a;

	*items = NULL;
	*n = 0;
	if (!cJSON_IsArray(list)) {
		*cause = "the reply has no items";
		return (-1);
	}
	a = xcalloc((size_t)cJSON_GetArraySize(list) + 1, size);
	*items = a;
	cJSON_ArrayForEach(it, list) {
		if (parse(it, a + *n * size, cause) != 0) {
			clear(a + *n * size);
			return (-1);
		}
		(*n)++;
	}
	return (paging(j, pg, cause));
}

static void
category_clear(void *p)
{
	struct category	*c = p;

	free(c->code);
	free(c->name);
	free(c->name_en);
	free(c->queue_prefix);
}

static int
category_parse(const cJSON *j, void *p, const char **cause)
{
	struct category	*c = p;
	int		 bad = 0;

	if (json_int(j, "id", &c->id) != 0 || c->id <= 0) {
		*cause = "a category has no id";
		bad = -1;
	}
	bad |= work_str(j, "code", 0, &c->code, cause);
	bad |= work_str(j, "name", 0, &c->name, cause);
	bad |= work_str(j, "name_en", 1, &c->name_en, cause);
	bad |= work_str(j, "queue_prefix", 0, &c->queue_prefix, cause);
	return (bad ? -1 : 0);
}

int
model_category_list_parse(const cJSON *j, struct category_list *l,
    const char **cause)
{
	struct page_info	pg;
	void			*items;
	int			 rc;

	memset(l, 0, sizeof *l);
	*cause = NULL;
	rc = work_page(j, sizeof *l->items, category_parse, category_clear,
	    &items, &l->n, &pg, cause);
	l->items = items;
	return (rc);
}

void
model_category_list_free(void *p)
{
	struct category_list	*l = p;

	if (l == NULL)
		return;
	work_items_free(l->items, l->n, sizeof *l->items, category_clear);
	free(l);
}

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
	bad |= work_ref(j, "community", 0, &g->community, NULL, cause);
	bad |= work_ref(j, "member", 1, &g->member, &g->member_id, cause);
	return (bad ? -1 : 0);
}

int
model_grid_page_parse(const cJSON *j, struct grid_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = work_page(j, sizeof *p->items, grid_parse, grid_clear, &items,
	    &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_grid_page_free(void *ptr)
{
	struct grid_page	*p = ptr;

	if (p == NULL)
		return;
	work_items_free(p->items, p->n, sizeof *p->items, grid_clear);
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

int
model_staff_page_parse(const cJSON *j, struct staff_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = work_page(j, sizeof *p->items, staff_parse, staff_clear, &items,
	    &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_staff_page_free(void *ptr)
{
	struct staff_page	*p = ptr;

	if (p == NULL)
		return;
	work_items_free(p->items, p->n, sizeof *p->items, staff_clear);
	free(p);
}
