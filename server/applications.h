/* Applications (办件) as their routes, hand-offs, statistics and the
 * seed need them (applications.c). */
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
	"st.name, a.created_at, a.updated_at, a.due_date, a.version, " \
	"a.deferred_due"
#define APP_SUMMARY_NCOLS 19
#define APP_FROM " FROM applications a JOIN services s ON " \
	"s.id = a.service_id JOIN residents r ON r.id = a.resident_id " \
	"JOIN communities c ON c.id = a.community_id JOIN staff st ON " \
	"st.id = a.staff_id"

/* An ApplicationSummary from a row starting with APP_SUMMARY_COLS. */
cJSON	*app_summary(struct db_stmt *);
/* Collector as stored (name, full number, time) as key "collector" of
 * o, from three columns from col on; or null. */
void	 app_add_collector(cJSON *o, struct db_stmt *, int col);
/* The full Application if the caller may see it, else NULL. */
cJSON	*app_full(struct req *, long long id, long long *version);
/* The same without asking the caller's scope: for the request that
 * created the application, having asked it of the resident. promised
 * 0 when that request made no promises: they are then not read. */
cJSON	*app_view(struct db *, long long id, int promised,
	    long long *version);
/* 1 if the status is open and today is after due_date. */
int	 app_overdue(const char *status, const char *due_date);
/* The statuses, in the order of the state table. */
extern const char *const app_statuses[];
/* A status's Chinese name (已收件 ... 已撤回); the code if unknown. */
const char	*app_status_zh(const char *status);

#endif
