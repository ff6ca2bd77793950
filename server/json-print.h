/*
 * Replies' JSON text. cJSON_PrintUnformatted() writes each number with
 * sprintf("%1.15g") and reads it back with sscanf() to see whether 15
 * digits were enough: most of the cost of a small reply, whose numbers
 * are ids, counts and ages. This writes the same bytes, integers
 * directly.
 */
#ifndef SERVER_JSON_PRINT_H
#define SERVER_JSON_PRINT_H

#include <cjson/cJSON.h>

/* The text of json as cJSON_PrintUnformatted() gives it (malloc'd), or
 * NULL where that gives NULL: an invalid item, a raw item without
 * text. */
char	*json_print(const cJSON *json);
/* The same with member key of the object written null: the answer a
 * replay gives of a reply that shows a secret once (reply.h). */
char	*json_print_null(cJSON *object, const char *key);

#endif
