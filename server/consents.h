/* Whose consent a read under a purpose still wants (docs/api.md 23). */
#ifndef SERVER_CONSENTS_H
#define SERVER_CONSENTS_H

#include <time.h>

#include <cjson/cJSON.h>

struct db;
struct purpose;

/* The residents ({id, name, id_number_masked}) whose valid consent to
 * p is wanting for a read of resident on today's Beijing date: none
 * for consent "none", the resident for "subject", every active member
 * of the household aged 18 or over (the resident among them) for
 * "household_adults". An empty array when the read may go on; NULL on
 * a database fault. */
cJSON	*consent_missing(struct db *, const struct purpose *p,
	    long long resident, time_t now);

#endif
