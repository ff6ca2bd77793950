/* Strict readers for server JSON: a wrong type is an error, never a
 * silent zero, and every string comes back sanitized for display. */
#ifndef API_JSON_H
#define API_JSON_H

#include <cjson/cJSON.h>

/* A sanitized copy of string member key; NULL if missing or not a
 * string (or null, when nullable: then ""). */
char	*json_str(const cJSON *, const char *key, int nullable);
/* As json_str, for a multi-line member (a note, a description): its
 * line breaks are kept, for the screen to draw as breaks or marks. */
char	*json_text(const cJSON *, const char *key, int nullable);
/* Integer member key into *out; -1 if missing, not a number, or not a
 * whole number in range. */
int	 json_int(const cJSON *, const char *key, long long *out);
/* The object member key, or NULL. */
const cJSON *json_obj(const cJSON *, const char *key);

#endif
