/*
 * The departments and the purposes they read residents for (docs/api.md
 * 23): a department account belongs to one department, and each
 * purpose names its department, legal basis, the fields it may see and
 * whose consent it needs.
 */
#ifndef SERVER_PURPOSES_H
#define SERVER_PURPOSES_H

#include <cjson/cJSON.h>

struct db;

/* Adds "department" ({code, name}, or null when it has none) of the
 * staff account to o. */
void	 purpose_add_department(struct db *, cJSON *o, long long staff_id);

#endif
