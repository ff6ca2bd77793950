/* Residents, shared between their route files and the routes that show
 * residents' applications and certificates. */
#ifndef SERVER_RESIDENTS_H
#define SERVER_RESIDENTS_H

#include <time.h>

#include <cjson/cJSON.h>

struct db;
struct db_stmt;
struct req;

/* A ResidentSummary from a row of the summary columns. */
cJSON	*resident_summary(struct db_stmt *, time_t now);
/* The Resident profile if the caller may see it, else NULL. */
cJSON	*resident_profile(struct req *, long long id, long long *version);
/* HouseholdMember list of one household, head first. */
cJSON	*resident_members(struct db *, long long household, time_t now);
/* 1 if the resident exists within the caller's communities. */
int	 resident_visible(struct req *, long long id);

/* Handlers in resident-edit.c, route-applications.c and
 * route-certificates.c. */
void	 resident_create(struct req *);
void	 resident_patch(struct req *);
void	 resident_reveal(struct req *);
void	 resident_applications(struct req *);
void	 resident_certificates(struct req *);

#endif
