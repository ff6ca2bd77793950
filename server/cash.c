/* Cash sessions as the routes, payments and the day's figures show
 * them. */
#include <stdio.h>

#include "cash.h"
#include "db.h"
#include "json.h"
#include "views.h"

/* A StaffRef from two columns, or null. */
static void
add_staff(cJSON *o, const char *key, struct db_stmt *st, int col)
{
	view_ref(o, key, db_null(st, col) ? 0 : db_int(st, col),
	    db_text(st, col + 1));
}

/* The counted amount, and over or short against what was expected. */
static void
add_count(cJSON *o, struct db_stmt *st, long long expected)
{
	long long	counted = db_int(st, 9);

	if (db_null(st, 9)) {
		cJSON_AddNullToObject(o, "counted_fen");
		counted = expected;
	} else
		cJSON_AddNumberToObject(o, "counted_fen", (double)counted);
	cJSON_AddNumberToObject(o, "over_fen", (double)(counted > expected ?
	    counted - expected : 0));
	cJSON_AddNumberToObject(o, "short_fen", (double)(counted < expected ?
	    expected - counted : 0));
}

/* The supervisor's override that let the session open while an earlier
 * one was still open, or null. */
static void
add_override(cJSON *o, struct db_stmt *st)
{
	cJSON	*v;

	if (db_null(st, 21)) {
		cJSON_AddNullToObject(o, "override");
		return;
	}
	v = cJSON_AddObjectToObject(o, "override");
	cJSON_AddNumberToObject(v, "session_id", (double)db_int(st, 21));
	cJSON_AddStringToObject(v, "reason", db_text(st, 22));
	add_staff(v, "staff", st, 23);
	cJSON_AddStringToObject(v, "at", db_text(st, 25));
}

cJSON *
cash_row(struct db_stmt *st)
{
	cJSON		*o = cJSON_CreateObject();
	long long	 expected;

	cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
	view_ref(o, "centre", db_int(st, 1), db_text(st, 2));
	cJSON_AddStringToObject(o, "counter", db_text(st, 3));
	cJSON_AddStringToObject(o, "business_date", db_text(st, 4));
	cJSON_AddStringToObject(o, "status", db_text(st, 5));
	cJSON_AddNumberToObject(o, "float_fen", (double)db_int(st, 6));
	cJSON_AddNumberToObject(o, "cash_in_fen", (double)db_int(st, 7));
	cJSON_AddNumberToObject(o, "cash_out_fen", (double)db_int(st, 8));
	expected = db_int(st, 6) + db_int(st, 7) - db_int(st, 8);
	cJSON_AddNumberToObject(o, "expected_fen", (double)expected);
	add_count(o, st, expected);
	json_add_nullable(o, "reason", db_text(st, 10));
	cJSON_AddStringToObject(o, "opened_at", db_text(st, 11));
	add_staff(o, "opened_by", st, 12);
	json_add_nullable(o, "closed_at", db_text(st, 14));
	add_staff(o, "closed_by", st, 15);
	json_add_nullable(o, "signed_at", db_text(st, 17));
	add_staff(o, "signed_by", st, 18);
	json_add_nullable(o, "sign_note", db_text(st, 20));
	add_override(o, st);
	return (o);
}

cJSON *
cash_get(struct db *db, long long id, long long *centre)
{
	struct db_stmt	*st;
	cJSON		*o = NULL;

	if (db_query(db, &st, "SELECT " CASH_COLS CASH_FROM " WHERE s.id = ?",
	    "l", id) == 1) {
		o = cash_row(st);
		*centre = db_int(st, 1);
	}
	db_reset(st);
	return (o);
}

long long
cash_open_today(struct db *db, long long centre, const char *counter,
    const char *today)
{
	struct db_stmt	*st;
	long long	 id;
	int		 rc;

	rc = db_query(db, &st, "SELECT id FROM cash_sessions WHERE centre_id = "
	    "? AND counter = ? AND business_date = ? AND status = 'open' "
	    "ORDER BY id DESC LIMIT 1", "ltt", centre, counter, today);
	id = rc == 1 ? db_int(st, 0) : rc;
	db_reset(st);
	return (id);
}

long long
cash_expected(struct db *db, long long id)
{
	struct db_stmt	*st;
	long long	 n = -1;

	if (db_query(db, &st, "SELECT s.float_fen + " CASH_IN " - " CASH_OUT
	    " FROM cash_sessions s WHERE s.id = ?", "l", id) == 1)
		n = db_int(st, 0);
	db_reset(st);
	return (n);
}
