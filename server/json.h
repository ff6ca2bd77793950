/* Reading request JSON with field errors that name the field. */
#ifndef SERVER_JSON_H
#define SERVER_JSON_H

#include <cjson/cJSON.h>

/* The string member key of o, between min and max characters; else NULL
 * and an error for field appended to *errors. min 0 means optional. */
const char	*json_string(cJSON *o, const char *key, size_t min, size_t max,
		    const char *field, cJSON **errors);

#endif
