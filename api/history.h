/*
 * A resident's history (docs/api.md 4): every change of the record,
 * newest first, with who, when, why and the old and new value. Every
 * string was sanitized when it was parsed.
 */
#ifndef API_HISTORY_H
#define API_HISTORY_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "page.h"

struct history_entry {
	long long	 id;
	char		*at;		/* RFC 3339, UTC */
	char		*staff;		/* "" for the operator's */
	char		*action;	/* update, move_in, ... household */
	char		*field;		/* phone, status, ... */
	char		*old_value;	/* "" for none: each of these */
	char		*new_value;
	char		*reason;
	int		 old_null;	/* the value was none, not "" */
	int		 new_null;
};

struct history_page {
	struct history_entry	*items;
	size_t			 n;
	struct page_info	 pg;
};

int	model_history_parse(const cJSON *, struct history_page *,
	    const char **cause);

void	model_history_free(void *);

/* One page of 50 of the resident's history. model: struct
 * history_page. */
struct api_call	*api_resident_history(struct api *, long long id, int page,
		    api_cb, void *);

#endif
