/* Households (户) as their routes show them (households.c). */
#ifndef SERVER_HOUSEHOLDS_H
#define SERVER_HOUSEHOLDS_H

#include <cjson/cJSON.h>

struct db_stmt;
struct req;

/* The columns of a HouseholdSummary, in this order, and the FROM they
 * are read from: h is the household, c its community, g its grid. */
#define HOUSEHOLD_COLS "h.id, h.address, c.id, c.name, g.id, g.name, " \
	"(SELECT r.id FROM residents r WHERE r.household_id = h.id AND " \
	"r.relation = '户主' ORDER BY r.id LIMIT 1) AS head, " \
	"(SELECT count(*) FROM residents r WHERE r.household_id = h.id), " \
	"h.version"
#define HOUSEHOLD_FROM " FROM households h JOIN communities c ON " \
	"c.id = h.community_id LEFT JOIN grids g ON g.id = h.grid_id"

/* A HouseholdSummary from a row of HOUSEHOLD_COLS. */
cJSON	*household_summary(struct req *, struct db_stmt *);
/* The Household with its members and its version, if the caller may
 * see it; else NULL. */
cJSON	*household_full(struct req *, long long id, long long *version);
/* Answers with a household just written (201 with its Location, or
 * 200) and commits the request's transaction; on failure rolls it back
 * and answers 503. */
void	 household_reply(struct req *, long long id, int status);
/* 412 precondition-failed with the household's current version. */
void	 household_stale(struct req *, long long version);

#endif
