/* Services as last read from the server, kept in the client's state
 * database, so that a form still opens when the link is down. The
 * catalog is public: nothing personal is stored here. */
#ifndef API_CATALOG_CACHE_H
#define API_CATALOG_CACHE_H

#include <cjson/cJSON.h>

struct outbox;

/* Keeps the Service object (docs/api.md 7) under its txcode; 0 or -1. */
int	 catalog_cache_put(struct outbox *, const cJSON *service);
/* The kept Service with that txcode (caller deletes), or NULL; *saved_at
 * (may be NULL) when it was read from the server. */
cJSON	*catalog_cache_get(struct outbox *, const char *txcode,
	    long long *saved_at);

#endif
