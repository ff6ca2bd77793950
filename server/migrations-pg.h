/* The schema for PostgreSQL (migrations-pg.c), step for step the
 * SQLite list of migrations.c, which answers for both dialects. */
#ifndef SERVER_MIGRATIONS_PG_H
#define SERVER_MIGRATIONS_PG_H

#include <stddef.h>

size_t		 migrations_pg_count(void);
/* Migration i's SQL, or NULL past the end. */
const char	*migrations_pg_get(size_t);

#endif
