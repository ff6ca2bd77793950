/* The demo district's residents in each status (seed-status.c). */
#ifndef SERVER_SEED_STATUS_H
#define SERVER_SEED_STATUS_H

#include <time.h>

struct db;

/* A few made-up residents of grid01's grid given a residence type, a
 * 人户 state, a move, a death reported or confirmed, a data-error flag,
 * with their history; inside the seed's transaction. */
int	seed_status(struct db *db, time_t now, char **cause);

#endif
