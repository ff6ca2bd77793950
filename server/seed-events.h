/* The demo district's grid events (seed-events.c). */
#ifndef SERVER_SEED_EVENTS_H
#define SERVER_SEED_EVENTS_H

#include <time.h>

struct db;

/* Events of 红旗社区 in every status of the loop, each with the steps
 * that led there in its timeline, deadlines by urgency (some overdue,
 * some due soon), a 延期 waiting, 督办 notes; reported by grid01 and
 * worked by super01 and grid01, by the seed's clock now, from the PRNG
 * state given; inside the seed's transaction. */
int	seed_events(struct db *, unsigned long long seed, time_t now,
	    char **cause);

#endif
