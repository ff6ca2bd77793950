/* Pieces of JSON that many replies share: the reference objects of
 * docs/api.md section 2, masked values and the page envelope. */
#ifndef SERVER_VIEWS_H
#define SERVER_VIEWS_H

#include <cjson/cJSON.h>

struct db_stmt;
struct req;

/* {id, name} as key of o, or null when id is 0. */
void	 view_ref(cJSON *o, const char *key, long long id, const char *name);
/* {id, name, id_number_masked}, or null when id is 0. */
void	 view_resident(cJSON *o, const char *key, long long id,
	     const char *name, const char *id_number);
/* A masked ID number or phone as key of o, null when value is empty. */
void	 view_masked_id(cJSON *o, const char *key, const char *value);
void	 view_masked_phone(cJSON *o, const char *key, const char *value);
/* The page envelope around items. */
cJSON	*view_page(cJSON *items, int page, int per_page, long long total);
/* A stored JSON text column as key of o (null when it does not parse). */
void	 view_stored(cJSON *o, const char *key, const char *text);
/* Column col as integer or null. */
void	 view_int_or_null(cJSON *o, const char *key, struct db_stmt *, int col);
/* Column col as text or null. */
void	 view_text_or_null(cJSON *o, const char *key, struct db_stmt *, int col);
/* The tags column as a JSON array. */
void	 view_tags(cJSON *o, const char *tags);

#endif
