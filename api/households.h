/*
 * Households (户, docs/api.md 5): one with its members and version,
 * and the changes made at that version: a member added, moved or
 * removed, a relation set, the head changed, members split off into a
 * new household (and who a visit meets). Every string was sanitized
 * when it was parsed.
 */
#ifndef API_HOUSEHOLDS_H
#define API_HOUSEHOLDS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "residents.h"

struct household {
	long long		 id;
	long long		 version;
	char			*address;
	char			*community;
	long long		 grid_id;	/* 0: none */
	char			*grid;		/* "" */
	char			*head;		/* "" */
	struct household_member	*members;	/* head first */
	size_t			 nmembers;
};

int	model_household_parse(const cJSON *, struct household *,
	    const char **cause);

void	model_household_free(void *);

/* model: struct household. */
struct api_call	*api_household_get(struct api *, long long id, api_cb,
		    void *);

/* One action (add_member, remove_member, set_relation, change_head;
 * takes body) at the household's version, with the Idempotency-Key
 * key. model: struct household. */
struct api_call	*api_household_action(struct api *, long long id,
		    long long version, cJSON *body, const char *key, api_cb,
		    void *);

/* Splits members off into a new household (takes body). model: the
 * new struct household. */
struct api_call	*api_household_split(struct api *, long long id,
		    long long version, cJSON *body, const char *key, api_cb,
		    void *);

#endif
