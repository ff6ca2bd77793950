/* The transitions of an application (docs/api.md 8): its state table,
 * and applying an action, as POST /applications/{id}/transitions does
 * and a hand-off does for each of its applications. */
#ifndef SERVER_APPLICATION_ACTIONS_H
#define SERVER_APPLICATION_ACTIONS_H

#include <cjson/cJSON.h>

struct req;

/* What an action carries besides its name. */
struct app_action {
	const char	*action;
	const char	*reason, *department, *note;
	const char	*material;	/* receive_deferred: its name */
	cJSON		*missing;	/* array of strings, or NULL */
	const char	*collector_name;
	char		 collector_id[19];
};

/* The status an action leads to from status ("=" actions: the same),
 * or NULL if the status rules do not allow it. */
const char *app_next(const char *status, const char *action);
/* When the status rules refuse the action (409 invalid-transition, or
 * deferred-outstanding for a complete while a 容缺 material is owed):
 * 1 having replied; else 0. */
int	 app_refused(struct req *, long long id, const char *status,
	    const char *action);
/* Applies an action to an application inside the caller's transaction:
 * the new status and fields, version + 1 and a timeline entry. 0, or -1
 * (a database error). The caller has checked that it is allowed. A
 * request without staff (a department's, docs/api.md 24) writes an
 * entry without staff. */
int	 app_apply(struct req *, long long id, const char *from,
	    const struct app_action *);

#endif
