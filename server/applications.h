/* Applications (办件), shared by their routes, hand-offs, statistics and
 * the seed. */
#ifndef SERVER_APPLICATIONS_H
#define SERVER_APPLICATIONS_H

#include <cjson/cJSON.h>

struct db;
struct db_stmt;
struct req;

/* The ApplicationSummary columns and joins; a.* is the application,
 * c.* its community (whose centre_id scopes it). */
#define APP_SUMMARY_COLS "a.id, a.number, s.id, s.txcode, s.name, r.id, " \
	"r.name, r.id_number, c.id, c.name, a.status, a.counter, st.id, " \
	"st.name, a.created_at, a.updated_at, a.due_date, a.version"
#define APP_SUMMARY_NCOLS 18
#define APP_FROM " FROM applications a JOIN services s ON " \
	"s.id = a.service_id JOIN residents r ON r.id = a.resident_id " \
	"JOIN communities c ON c.id = a.community_id JOIN staff st ON " \
	"st.id = a.staff_id"

/* What an action carries besides its name. */
struct app_action {
	const char	*action;
	const char	*reason, *department, *note;
	cJSON		*missing;	/* array of strings, or NULL */
	const char	*collector_name;
	char		 collector_id[19];
};

/* An ApplicationSummary from a row starting with APP_SUMMARY_COLS. */
cJSON	*app_summary(struct db_stmt *);
/* The full Application if the caller may see it, else NULL. */
cJSON	*app_full(struct req *, long long id, long long *version);
/* 1 if the status is open and today is after due_date. */
int	 app_overdue(const char *status, const char *due_date);
/* The statuses, in the order of the state table. */
extern const char *const app_statuses[];
/* Applies an action to an application inside the caller's transaction:
 * the new status and fields, version + 1 and a timeline entry. 0, or -1
 * (a database error). The caller has checked that it is allowed. */
int	 app_apply(struct req *, long long id, const char *from,
	    const struct app_action *);
/* The actions allowed from a status, as a JSON array. */
cJSON	*app_allowed(const char *status);
/* The status an action leads to from status, or NULL if not allowed. */
const char *app_next(const char *status, const char *action);

/* Handlers in application-actions.c and application-new.c. */
void	 app_transition(struct req *);
void	 app_create(struct req *);

#endif
