/* Applications (办件) as their routes, hand-offs and statistics show
 * them: the summary of a row, the whole application, overdue. */
#include <stdlib.h>
#include <string.h>

#include "applications.h"
#include "certificates.h"
#include "clock.h"
#include "db.h"
#include "fees.h"
#include "promises.h"
#include "route.h"
#include "scope.h"
#include "views.h"
#include "../util/xmalloc.h"

const char *const app_statuses[] = {
	"submitted", "accepted", "materials_requested", "forwarded",
	"completed", "collected", "rejected", "withdrawn", NULL
};

const char *
app_status_zh(const char *s)
{
	static const char *const	zh[] = { "已收件", "已受理", "待补正",
	    "已转办", "已办结", "已出件", "不予受理", "已撤回" };
	int				i;

	for (i = 0; app_statuses[i] != NULL; i++) {
		if (strcmp(app_statuses[i], s) == 0)
			return (zh[i]);
	}
	return (s);
}

int
app_overdue(const char *status, const char *due_date)
{
	char	today[11];

	if (strcmp(status, "submitted") != 0 && strcmp(status,
	    "accepted") != 0 && strcmp(status, "forwarded") != 0)
		return (0);
	clock_date(clock_now(), today);
	return (strcmp(today, due_date) > 0);
}

cJSON *
app_summary(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject(), *s;

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "number", db_text(st, 1));
	s = cJSON_AddObjectToObject(o, "service");
	cJSON_AddNumberToObject(s, "id", db_int(st, 2));
	cJSON_AddStringToObject(s, "txcode", db_text(st, 3));
	cJSON_AddStringToObject(s, "name", db_text(st, 4));
	view_resident(o, "resident", db_int(st, 5),
	    db_text(st, 6), db_text(st, 7));
	view_ref(o, "community", db_int(st, 8), db_text(st, 9));
	cJSON_AddStringToObject(o, "status", db_text(st, 10));
	cJSON_AddStringToObject(o, "counter", db_text(st, 11));
	view_ref(o, "staff", db_int(st, 12), db_text(st, 13));
	cJSON_AddStringToObject(o, "created_at", db_text(st, 14));
	cJSON_AddStringToObject(o, "updated_at", db_text(st, 15));
	cJSON_AddStringToObject(o, "due_date", db_text(st, 16));
	cJSON_AddBoolToObject(o, "overdue", app_overdue(db_text(st, 10),
	    db_text(st, 16)));
	cJSON_AddNumberToObject(o, "version", db_int(st, 17));
	view_text_or_null(o, "deferred_due", st, 18);
	return (o);
}

void
app_add_collector(cJSON *o, struct db_stmt *st, int col)
{
	cJSON	*c;

	if (db_null(st, col)) {
		cJSON_AddNullToObject(o, "collector");
		return;
	}
	c = cJSON_AddObjectToObject(o, "collector");
	cJSON_AddStringToObject(c, "name", db_text(st, col));
	view_masked_id(c, "id_number_masked", db_text(st, col + 1));
	cJSON_AddStringToObject(c, "collected_at", db_text(st, col + 2));
}

/* The reads of an application's view, sent ahead (db_read_ahead()) so
 * that they come back in one round trip with whatever is read next. */
struct app_reads {
	struct db_stmt	*app;
	struct db_stmt	*promises;	/* NULL when none were made */
};

static void
app_reads_send(struct db *db, long long id, int promised,
    struct app_reads *rd)
{
	rd->promises = promised ? promise_refs_read(db, id) : NULL;
	rd->app = db_read_ahead(db, "SELECT " APP_SUMMARY_COLS ", "
	    "a.ticket_id, a.fee_fen, a.form_version, a.data_masked, "
	    "a.materials, a.note, a.reason, a.missing_materials, "
	    "a.department, a.collector_name, a.collector_id_number, "
	    "a.collected_at, a.client_request_id, a.rate_token, a.deferred, "
	    FEE_STATE_COLS APP_FROM FEE_STATE_JOIN " WHERE a.id = ?", "l",
	    id);
}

static void
app_reads_drop(struct app_reads *rd)
{
	db_reset(rd->app);
	if (rd->promises != NULL)
		db_reset(rd->promises);
}

/* The Application from the reads of app_reads_send(). */
static cJSON *
app_view_of(struct app_reads *rd, long long *version)
{
	struct db_stmt	*st = rd->app;
	cJSON		*o;
	char		*url;
	const int	 n = APP_SUMMARY_NCOLS;

	if (db_step(st) != 1) {
		app_reads_drop(rd);
		return (NULL);
	}
	o = app_summary(st);
	*version = db_int(st, 17);
	view_int_or_null(o, "ticket_id", st, n);
	cJSON_AddNumberToObject(o, "fee_fen", db_int(st, n + 1));
	cJSON_AddNumberToObject(o, "form_version",
	    db_int(st, n + 2));
	view_stored(o, "data", db_text(st, n + 3));
	view_stored(o, "materials", db_text(st, n + 4));
	view_text_or_null(o, "note", st, n + 5);
	view_text_or_null(o, "reason", st, n + 6);
	view_stored(o, "missing_materials", db_text(st, n + 7));
	view_text_or_null(o, "department", st, n + 8);
	app_add_collector(o, st, n + 9);
	cJSON_AddStringToObject(o, "client_request_id", db_text(st, n + 12));
	url = xasprintf("%s/p/%s", certificates_public_url(), db_text(st,
	    n + 13));
	cJSON_AddStringToObject(o, "progress_url", url);
	free(url);
	view_stored(o, "deferred", db_text(st, n + 14));
	cJSON_AddItemToObject(o, "fee", fee_state(st, n + 15));
	db_reset(st);
	cJSON_AddItemToObject(o, "promises", rd->promises != NULL ?
	    promise_refs_of(rd->promises) : cJSON_CreateArray());
	return (o);
}

cJSON *
app_full(struct req *r, long long id, long long *version)
{
	struct app_reads	rd;

	/* read with the scope's check, and dropped if it fails */
	app_reads_send(r->db, id, 1, &rd);
	if (!scope_sees(r->db, r->staff, SCOPE_APPLICATION, id)) {
		app_reads_drop(&rd);
		return (NULL);
	}
	return (app_view_of(&rd, version));
}

cJSON *
app_view(struct db *db, long long id, int promised, long long *version)
{
	struct app_reads	rd;

	app_reads_send(db, id, promised, &rd);
	return (app_view_of(&rd, version));
}
