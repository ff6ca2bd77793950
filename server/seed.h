/*
 * The demo district: five districts of 铜川, 73 communities with one
 * centre each, 446 grids with their members, the demo accounts of the
 * README and as many residents as asked for, in plausible households.
 */
#ifndef SERVER_SEED_H
#define SERVER_SEED_H

struct db;

/* Fills an empty database with the demo district. residents: total number
 * of residents (>= 50); seed: the PRNG seed, same seed => identical data.
 * Refuses (-1, *cause set, caller frees) when the staff table is not empty.
 * Shows a progress line on stderr when stderr is a terminal. */
int	seed_demo(struct db *db, long residents, unsigned long seed,
	    char **cause);

#endif
