/* The service catalog's search (docs/api.md 7): summaries for lists; a
 * whole Service is struct service of model.h. */
#ifndef API_CATALOG_H
#define API_CATALOG_H

#include "work.h"

struct service_summary {
	long long	 id;
	char		*txcode;
	char		*name;
	char		*name_en;
	char		*category;
	int		 time_limit_days;
	long long	 fee_fen;
};

struct service_page {
	struct page_info	 pg;
	struct service_summary	*items;
	size_t			 n;
};

int	model_service_page_parse(const cJSON *, struct service_page *,
	    const char **cause);
void	model_service_page_free(void *);

/* q (may be NULL or "") matches a name, a code or pinyin initials;
 * category_id 0: all. model: struct service_page. */
struct api_call	*api_services(struct api *, const char *q,
		    long long category_id, int page, int per_page, api_cb,
		    void *);

#endif
