/* The service catalog and certificate types the seed writes: the code
 * (seed-catalog.c) that turns their fixed data (seed-catalog-data.h,
 * seed-certs-data.h) into rows. */
#ifndef SERVER_SEED_CATALOG_H
#define SERVER_SEED_CATALOG_H

#include <stddef.h>

struct db;
struct seed_field;

/* Writes the categories, services and certificate types, inside the
 * caller's transaction; 0, or -1 with *cause. */
int	seed_catalog(struct db *, const char *updated_at, char **cause);

/* The JSON text of a Field from its definition. Caller frees. */
char	*seed_field_json(const struct seed_field *, int certificate);

#endif
