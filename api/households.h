/*
 * Households (户, docs/api.md 5): one household with its members, for
 * the visit that meets them.
 */
#ifndef API_HOUSEHOLDS_H
#define API_HOUSEHOLDS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "residents.h"

struct household {
	long long		 id;
	char			*address;
	char			*community;
	long long		 grid_id;	/* 0: none */
	char			*grid;		/* "" */
	char			*head;		/* "" */
	struct household_member	*members;	/* head first */
	size_t			 nmembers;
};

int	model_household_parse(const cJSON *, struct household *,
	    const char **);
void	model_household_free(void *);

/* model: struct household. */
struct api_call	*api_household_get(struct api *, long long id, api_cb,
		    void *);

#endif
