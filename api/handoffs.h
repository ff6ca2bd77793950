/*
 * Hand-offs (docs/api.md 9): applications handed to another office.
 */
#ifndef API_HANDOFFS_H
#define API_HANDOFFS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "applications.h"

struct handoff {
	long long		 id;
	char			*number;
	char			*to;
	char			*note;		/* "" when none */
	char			*centre;
	char			*staff;
	char			*created_at;
	struct app_summary	*items;
	size_t			 n;
};

int	model_handoff_parse(const cJSON *, struct handoff *,
	    const char **cause);

void	model_handoff_free(void *);

/* model: struct handoff. */
struct api_call	*api_handoff_create(struct api *, const long long *ids,
		    size_t n, const char *to, const char *key, api_cb, void *);

#endif
