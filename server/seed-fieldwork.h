/* The demo's visits and tasks (bianmind --seed demo), made after its
 * residents, households and grid events. */
#ifndef SERVER_SEED_FIELDWORK_H
#define SERVER_SEED_FIELDWORK_H

#include <time.h>

struct db;

/* Visits to households of 红旗社区's first two grids, with findings of
 * every type, and tasks open, overdue and done, by the clock now. 0, or
 * -1 with *cause (the caller frees it). */
int	seed_fieldwork(struct db *, time_t now, char **cause);

#endif
