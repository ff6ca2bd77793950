/*
 * How well a grid's households are visited, as of a day (docs/api.md
 * 20): households visited on one of the 30 or 90 days ending that day,
 * and those never visited up to it. The coverage route and the
 * supervisor's daily figures both count with it.
 */
#ifndef SERVER_VISIT_FIGURES_H
#define SERVER_VISIT_FIGURES_H

#include <cjson/cJSON.h>

struct db;

/* The figures of one grid (grid != 0) or of a centre's households
 * (centre != 0; neither: every household), as of date (YYYY-MM-DD),
 * added to o: households, visited_30d, visited_90d, never_visited.
 * 0, or -1 when the database failed. */
int	visit_figures(struct db *, long long grid, long long centre,
	    const char *date, cJSON *o);

/* The supervisor's figures of a centre (0: every centre) as of date:
 * visit_figures() of all its households, and per_grid, each of its
 * grids by id with its community and member. The caller owns it. */
cJSON	*visit_figures_centre(struct db *, long long centre,
	    const char *date);

#endif
