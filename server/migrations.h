/*
 * Ordered schema migrations, one list per SQL dialect with the same
 * steps in the same order: migration i brings the schema version to
 * i + 1 (user_version on SQLite, the schema_version table on
 * PostgreSQL).
 */
#ifndef SERVER_MIGRATIONS_H
#define SERVER_MIGRATIONS_H

#include <stddef.h>

enum migrations_dialect { MIGRATIONS_SQLITE, MIGRATIONS_PG };

size_t		 migrations_count(enum migrations_dialect);
/* Migration i's SQL, or NULL past the end. */
const char	*migrations_get(enum migrations_dialect, size_t i);

#endif
