/* A resident's history: written by every change of a resident or of
 * their household, read by GET /api/v1/residents/{id}/history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "resident-history.h"
#include "route.h"
#include "scope.h"
#include "views.h"

int
history_add(struct req *r, long long resident, const char *action,
    const char *field, const char *old, const char *new,
    const char *reason)
{
	char	at[32];

	clock_rfc3339(clock_now(), at);
	if (old != NULL && *old == '\0')
		old = NULL;
	if (new != NULL && *new == '\0')
		new = NULL;
	return (db_exec(r->db, "INSERT INTO resident_history (resident_id, "
	    "at, staff_id, action, field, old_value, new_value, reason) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "ltLttttt", resident, at,
	    r->staff != NULL ? r->staff->id : 0, action, field, old, new,
	    reason));
}

int
history_add_ids(struct req *r, long long resident, const char *action,
    const char *field, long long old, long long new, const char *reason)
{
	char	o[24] = "", n[24] = "";

	if (old != 0)
		snprintf(o, sizeof o, "%lld", old);
	if (new != 0)
		snprintf(n, sizeof n, "%lld", new);
	return (history_add(r, resident, action, field, o, n, reason));
}

#define HISTORY_COLS "h.id, h.at, s.id, s.name, h.action, h.field, " \
	"h.old_value, h.new_value, h.reason"
#define HISTORY_FROM " FROM resident_history h LEFT JOIN staff s ON " \
	"s.id = h.staff_id"

/* A HistoryEntry from a row of HISTORY_COLS. */
static cJSON *
entry_json(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
	cJSON_AddStringToObject(o, "at", db_text(st, 1));
	view_ref(o, "staff", db_int(st, 2), db_text(st, 3));
	cJSON_AddStringToObject(o, "action", db_text(st, 4));
	cJSON_AddStringToObject(o, "field", db_text(st, 5));
	view_text_or_null(o, "old_value", st, 6);
	view_text_or_null(o, "new_value", st, 7);
	view_text_or_null(o, "reason", st, 8);
	return (o);
}

/* GET /residents/{id}/history: newest first. */
static void
history(struct req *r)
{
	static const char *const	 none[] = { NULL };
	struct listq			*q;
	struct db_stmt			*st;
	cJSON				*errors = NULL;
	long long			 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	q_check(r, none, 1, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, id)) {
		reply_not_found(r);
		return;
	}
	if ((q = listq_req(r, HISTORY_COLS, HISTORY_FROM)) == NULL)
		return;
	listq_where(q, "h.resident_id = ?", "l", id);
	listq_order(q, "h.id DESC");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, entry_json(st));
	reply_json(r, 200, listq_page(q));
}

const struct route routes_resident_history[] = {
	{ "GET", "/api/v1/residents/{id}/history", history, 0, ROLE_ANY },
	{ NULL, NULL, NULL, 0, 0 }
};
