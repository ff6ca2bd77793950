/*
 * The service catalog (docs/api.md 7): a whole service (struct service,
 * with its JSON for the form engine), the search's summaries, and the
 * service categories.
 */
#ifndef API_CATALOG_H
#define API_CATALOG_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "page.h"

/* A service of the catalog: the parts the client reads directly, and the
 * whole JSON for the form engine and drafts. */
struct service {
	long long	 id;
	char		*txcode;
	char		*name;
	char		*name_en;
	cJSON		*json;		/* the Service object, owned */
};

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

struct category {
	long long	 id;
	char		*code;		/* "05" */
	char		*name;		/* 养老服务 */
	char		*name_en;
	char		*queue_prefix;	/* "E" */
};

struct category_list {
	struct category	*items;
	size_t		 n;
};

int	model_service_parse(const cJSON *, struct service *,
	    const char **cause);

void	model_service_free(void *);

int	model_service_page_parse(const cJSON *, struct service_page *,
	    const char **cause);

void	model_service_page_free(void *);

/* Models: each parser fills a zeroed struct or returns -1 with a static
 * English *cause; each free accepts NULL. */
int	model_category_list_parse(const cJSON *, struct category_list *,
	    const char **);

void	model_category_list_free(void *);

/* model: struct service. */
struct api_call	*api_service_by_code(struct api *, const char *txcode,
		    api_cb, void *);

struct api_call	*api_service_get(struct api *, long long id, api_cb, void *);

/* q (may be NULL or "") matches a name, a code or pinyin initials;
 * category_id 0: all. model: struct service_page. */
struct api_call	*api_services(struct api *, const char *q,
		    long long category_id, int page, int per_page, api_cb,
		    void *);

/* The queue. Every action takes an Idempotency-Key (key), kept by the
 * caller and used again when the same action is retried after no
 * answer. model: struct ticket, unless said otherwise. */
/* model: struct category_list. */
struct api_call	*api_categories(struct api *, api_cb, void *);

#endif
