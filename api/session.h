/*
 * Sessions (docs/api.md 3): log in, log out, change one's password.
 * The token stays inside the API layer (http.c), never in the model.
 */
#ifndef API_SESSION_H
#define API_SESSION_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"

struct community_ref {
	long long	 id;
	char		*name;
};

struct api_session {
	char		*token;
	struct community_ref *communities;	/* the centre's */
	size_t		 ncommunities;
	char		*staff_name;
	char		*username;
	char		*role;
	char		*centre_name;	/* "" for staff of no centre */
	char		*counter;
	char		*time_zone;	/* the service's; NULL if not told */
	int		 idle_timeout_s;
	int		 must_change_password;	/* a first password */
};

/* Each parser fills its struct from JSON or returns -1 with *cause (a
 * static English description of the first thing wrong). */
int	model_session_parse(const cJSON *, struct api_session *,
	    const char **cause);

void	model_session_free(void *);

/* model: struct api_session (its token is kept here, not returned). */
struct api_call	*api_login(struct api *, const char *user,
		    const char *password, const char *counter, api_cb, void *);

/* model: none. */
struct api_call	*api_logout(struct api *, api_cb, void *);

/* Replaces the staff's password (a first one must be, before anything
 * else is allowed). model: none. */
struct api_call	*api_password_change(struct api *, const char *current,
		    const char *next, api_cb, void *);

#endif
