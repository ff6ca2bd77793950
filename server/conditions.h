/*
 * A catalogue Condition (docs/api.md 7) tested against a resident: the
 * service's conditions at intake, and the conditions of its fee's
 * reliefs (免收/减收, docs/api.md 22).
 */
#ifndef SERVER_CONDITIONS_H
#define SERVER_CONDITIONS_H

#include <cjson/cJSON.h>

struct db;

/* What a condition looks at of a resident. */
struct cond_subject {
	int		 age;		/* full years today (local) */
	long long	 community;
	char		 tags[160];	/* comma-separated, as stored */
};

/* 1 if the resident meets the condition {type, value}: min_age,
 * max_age, tag or community. */
int	cond_holds(const cJSON *cond, const struct cond_subject *);
/* Reads the resident's age, community and tags; 0, or -1 when there
 * is no such resident. */
int	cond_subject_load(struct db *, long long resident_id,
	    struct cond_subject *);

#endif
