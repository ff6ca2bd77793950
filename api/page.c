/* The one page parser: items, then paging that makes sense. */
#include <stdlib.h>

#include "json.h"
#include "page.h"
#include "../util/xmalloc.h"

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

int
page_items(const cJSON *list, const struct page_item *it, void **items,
    size_t *n, const char **cause)
{
	const cJSON	*v;
	char		*a;

	*items = NULL;
	*n = 0;
	if (!cJSON_IsArray(list)) {
		if (*cause == NULL)
			*cause = "the reply has no items";
		return (-1);
	}
	a = xcalloc((size_t)cJSON_GetArraySize(list) + 1, it->size);
	*items = a;
	cJSON_ArrayForEach(v, list) {
		if (it->parse(v, a + *n * it->size, cause) != 0) {
			it->clear(a + *n * it->size);
			return (-1);
		}
		(*n)++;
	}
	return (0);
}

int
page_parse(const cJSON *j, const struct page_item *it, void **items,
    size_t *n, struct page_info *pg, const char **cause)
{
	struct page_info	ignored;

	if (page_items(cJSON_GetObjectItemCaseSensitive(j, "items"), it,
	    items, n, cause) != 0)
		return (-1);
	return (paging(j, pg != NULL ? pg : &ignored, cause));
}

void
page_items_free(void *items, size_t n, const struct page_item *it)
{
	size_t	i;

	for (i = 0; i < n; i++)
		it->clear((char *)items + i * it->size);
	free(items);
}
