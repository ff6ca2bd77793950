/* The demo district's activity (seed-activity.c). */
#ifndef SERVER_SEED_ACTIVITY_H
#define SERVER_SEED_ACTIVITY_H

struct db;

/* Applications in every state, certificates and events over the seeded
 * residents, from the PRNG state given; inside the seed's transaction. */
int	seed_activity(struct db *db, unsigned long long seed, char **cause);

#endif
