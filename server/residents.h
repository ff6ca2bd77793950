/* Residents as their routes and the routes that show residents'
 * applications, households and certificates need them (residents.c). */
#ifndef SERVER_RESIDENTS_H
#define SERVER_RESIDENTS_H

#include <time.h>

#include <cjson/cJSON.h>

struct db;
struct db_stmt;
struct req;

/* The columns of a ResidentSummary, in this order, and the FROM they
 * are read from: r is the resident, c its community. */
#define RESIDENT_SUMMARY_COLS "r.id, r.name, r.sex, r.birth_date, " \
	"r.id_number, r.phone, c.id, c.name, r.address, r.status"
#define RESIDENT_FROM " FROM residents r JOIN communities c ON " \
	"c.id = r.community_id"

/* A ResidentSummary from a row of RESIDENT_SUMMARY_COLS. */
cJSON	*resident_summary(struct db_stmt *, time_t now);
/* The Resident profile if the caller may see it, else NULL. */
cJSON	*resident_profile(struct req *, long long id, long long *version);
/* Answers with the profile of a resident just written (201 with its
 * Location, or 200) and commits the request's transaction; on failure
 * rolls it back and answers 503. */
void	 resident_reply(struct req *, long long id, int status);
/* 412 precondition-failed with the current version. */
void	 resident_stale(struct req *, long long version);
/* HouseholdMember list of one household, head first. */
cJSON	*resident_members(struct db *, long long household, time_t now);

#endif
