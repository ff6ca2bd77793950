/* The service catalog as the application routes need it. */
#ifndef SERVER_CATALOG_H
#define SERVER_CATALOG_H

#include <cjson/cJSON.h>

struct db;

/* The Service with id (or, when id is 0, with txcode); NULL if none.
 * The caller frees it. */
cJSON	*catalog_service(struct db *, long long id, const char *txcode,
	    long long *version);

#endif
