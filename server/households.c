/* Households as their routes show them: the summary of a row, the
 * household with its members, the answer to a write. */
#include <stdio.h>

#include "clock.h"
#include "db.h"
#include "households.h"
#include "idempotency.h"
#include "reply.h"
#include "residents.h"
#include "route.h"
#include "scope.h"
#include "views.h"

cJSON *
household_summary(struct req *r, struct db_stmt *st)
{
	cJSON		*o = cJSON_CreateObject();
	struct db_stmt	*hs;
	long long	 head = db_int(st, 6);

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "address", db_text(st, 1));
	view_ref(o, "community", db_int(st, 2), db_text(st, 3));
	view_ref(o, "grid", db_int(st, 4), db_text(st, 5));
	if (head != 0 && db_query(r->db, &hs, "SELECT name, id_number FROM "
	    "residents WHERE id = ?", "l", head) == 1)
		view_resident(o, "head", head, db_text(hs, 0), db_text(hs, 1));
	else
		cJSON_AddNullToObject(o, "head");
	if (head != 0)
		db_reset(hs);
	cJSON_AddNumberToObject(o, "member_count",
	    (double)db_int(st, 7));
	cJSON_AddNumberToObject(o, "version", (double)db_int(st, 8));
	return (o);
}

cJSON *
household_full(struct req *r, long long id, long long *version)
{
	struct db_stmt	*st;
	cJSON		*o;

	if (!scope_sees(r->db, r->staff, SCOPE_HOUSEHOLD, id))
		return (NULL);
	if (db_query(r->db, &st, "SELECT " HOUSEHOLD_COLS HOUSEHOLD_FROM
	    " WHERE h.id = ?", "l", id) != 1) {
		db_reset(st);
		return (NULL);
	}
	o = household_summary(r, st);
	*version = db_int(st, 8);
	db_reset(st);
	cJSON_AddItemToObject(o, "members", resident_members(r->db, id,
	    clock_now()));
	return (o);
}

void
household_reply(struct req *r, long long id, int status)
{
	cJSON		*o;
	long long	 version = 1;
	char		 loc[64];

	if ((o = household_full(r, id, &version)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	reply_versioned(r, status, o, version);
	if (status == 201) {
		snprintf(loc, sizeof loc, "/api/v1/households/%lld", id);
		reply_header(r, MHD_HTTP_HEADER_LOCATION, loc);
	}
	idem_commit(r);
}

void
household_stale(struct req *r, long long version)
{
	cJSON	*ext = cJSON_CreateObject();

	cJSON_AddNumberToObject(ext, "current_version", (double)version);
	reply_problem_ext(r, 412, "precondition-failed",
	    "Precondition failed", "该户已被他人修改，请刷新后重试", ext);
}
