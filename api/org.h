/*
 * The organisation an event goes to: grids (docs/api.md 6) and the
 * centre's staff (15).
 */
#ifndef API_ORG_H
#define API_ORG_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "page.h"

struct grid {
	long long	 id;
	char		*name;
	char		*community;
	long long	 community_id;
	long long	 member_id;	/* 0 when vacant */
	char		*member;	/* "" */
};

struct grid_page {
	struct page_info pg;
	struct grid	*items;
	size_t		 n;
};

struct staff {
	long long	 id;
	char		*username;
	char		*name;
	char		*role;
};

struct staff_page {
	struct page_info pg;
	struct staff	*items;
	size_t		 n;
};

int	model_grid_page_parse(const cJSON *, struct grid_page *,
	    const char **);

void	model_grid_page_free(void *);

int	model_staff_page_parse(const cJSON *, struct staff_page *,
	    const char **);

void	model_staff_page_free(void *);

/* model: struct grid_page. */
struct api_call	*api_grids(struct api *, api_cb, void *);

/* Active staff of the caller's centre who may be assigned events.
 * model: struct staff_page. */
struct api_call	*api_staff(struct api *, api_cb, void *);

#endif
