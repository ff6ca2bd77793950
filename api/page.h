/*
 * The one page parser: every list reply of the API (docs/api.md 1.7) is
 * {"items": [...], "page", "per_page", "total"}, read here into an array
 * of models, never half a list: one bad item refuses the whole reply.
 */
#ifndef API_PAGE_H
#define API_PAGE_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* Where a list is in its paging. */
struct page_info {
	long long	 total;
	int		 page;
	int		 per_page;
};

/* How to read one item: parse fills a zeroed item of size bytes or
 * returns -1 with *cause (the first thing wrong, kept if already set);
 * clear releases what an item holds (not the item itself), also after
 * a failed parse. */
struct page_item {
	size_t	  size;
	int	(*parse)(const cJSON *, void *, const char **);
	void	(*clear)(void *);
};

/* Reads the JSON array list with it into a new array *items (*n
 * entries; the caller frees with page_items_free, also after a
 * failure). */
int	page_items(const cJSON *list, const struct page_item *it,
	    void **items, size_t *n, const char **cause);
/* Reads a list reply j: its items as page_items, then its paging into
 * *pg (may be NULL). */
int	page_parse(const cJSON *j, const struct page_item *it, void **items,
	    size_t *n, struct page_info *pg, const char **cause);
/* Releases n items with it->clear, then the array. */
void	page_items_free(void *items, size_t n, const struct page_item *it);

#endif
