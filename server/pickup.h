/*
 * Pickup codes (取件码, docs/api.md 25): six digits a resident types at
 * the self-service terminal with the ID number of the card. Only a
 * salted hash of each is kept (pickup.c says why not a slow one), valid
 * for 30 days.
 */
#ifndef SERVER_PICKUP_H
#define SERVER_PICKUP_H

struct db;

#define PICKUP_DAYS		30
/* The newest codes of a resident checked when identifying, at most. */
#define PICKUP_CHECKED		8

/* A new code for the resident (and the application, 0 for none) into
 * code[7] and its end into expires[32]; 0, or -1 on error. */
int	 pickup_issue(struct db *, long long resident, long long application,
	    char *code, char *expires);
/* 1 when code is one of the resident's codes in force, else 0. */
int	 pickup_check(struct db *, long long resident, const char *code);
/* 1 for six ASCII digits. */
int	 pickup_valid(const char *code);

#endif
