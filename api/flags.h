/*
 * Data-error flags on residents (数据纠错, docs/api.md 4): raised by
 * anyone who finds the record wrong, resolved by a supervisor. Every
 * string was sanitized when it was parsed.
 */
#ifndef API_FLAGS_H
#define API_FLAGS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "page.h"

struct resident_flag {
	long long	 id;
	long long	 resident_id;
	char		*resident;	/* the name */
	char		*id_masked;
	char		*text;		/* line breaks kept */
	char		*status;	/* open, resolved */
	char		*raised_at;	/* RFC 3339, UTC */
	char		*raised_by;
	char		*resolution;	/* "" while open */
};

struct flag_page {
	struct resident_flag	*items;
	size_t			 n;
	struct page_info	 pg;
};

int	model_flag_page_parse(const cJSON *, struct flag_page *,
	    const char **cause);

void	model_flag_page_free(void *);

int	model_flag_parse(const cJSON *, struct resident_flag *,
	    const char **cause);

void	model_flag_free(void *);

/* Raises a flag on the resident, with the Idempotency-Key key. model:
 * struct resident_flag. */
struct api_call	*api_flag_raise(struct api *, long long resident_id,
		    const char *text, const char *key, api_cb, void *);

/* One page of 50 flags in status (open, resolved; NULL: all), oldest
 * first. model: struct flag_page. */
struct api_call	*api_flags(struct api *, const char *status, int page,
		    api_cb, void *);

/* A supervisor resolves the flag. model: struct resident_flag. */
struct api_call	*api_flag_resolve(struct api *, long long id,
		    const char *resolution, const char *key, api_cb, void *);

#endif
