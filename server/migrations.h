/* Ordered schema migrations; migration i brings user_version to i + 1. */
#ifndef SERVER_MIGRATIONS_H
#define SERVER_MIGRATIONS_H

#include <stddef.h>

size_t		 migrations_count(void);
const char	*migrations_get(size_t);

#endif
