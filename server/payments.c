/* Payment records, their receipts' serials and their status. */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "json.h"
#include "payments.h"
#include "views.h"

/* in_force, reversal_pending, refunded or voided for a payment;
 * red_letter for a refund's or a void's own record. */
static const char *
payment_status(struct db_stmt *st)
{
	if (strcmp(db_text(st, 2), "payment") != 0)
		return ("red_letter");
	if (!db_null(st, 23))
		return (strcmp(db_text(st, 25), "void") == 0 ? "voided" :
		    "refunded");
	return (db_int(st, 28) > 0 ? "reversal_pending" : "in_force");
}

/* {id, serial} from two columns, or null. */
static void
add_record_ref(cJSON *o, const char *key, struct db_stmt *st, int col)
{
	cJSON	*v;

	if (db_null(st, col)) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	v = cJSON_AddObjectToObject(o, key);
	cJSON_AddNumberToObject(v, "id", (double)db_int(st, col));
	cJSON_AddStringToObject(v, "serial", db_text(st, col + 1));
}

cJSON *
payment_row(struct db_stmt *st)
{
	cJSON	*o = cJSON_CreateObject(), *v;

	cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
	cJSON_AddStringToObject(o, "serial", db_text(st, 1));
	cJSON_AddStringToObject(o, "kind", db_text(st, 2));
	cJSON_AddStringToObject(o, "status", payment_status(st));
	v = cJSON_AddObjectToObject(o, "application");
	cJSON_AddNumberToObject(v, "id", (double)db_int(st, 3));
	cJSON_AddStringToObject(v, "number", db_text(st, 4));
	v = cJSON_AddObjectToObject(o, "service");
	cJSON_AddNumberToObject(v, "id", (double)db_int(st, 5));
	cJSON_AddStringToObject(v, "txcode", db_text(st, 6));
	cJSON_AddStringToObject(v, "name", db_text(st, 7));
	view_resident(o, "resident", db_int(st, 8), db_text(st, 9),
	    db_text(st, 10));
	view_ref(o, "centre", db_int(st, 29), db_text(st, 30));
	cJSON_AddStringToObject(o, "channel", db_text(st, 11));
	cJSON_AddNumberToObject(o, "amount_fen", (double)db_int(st, 12));
	json_add_nullable(o, "reference", db_text(st, 13));
	json_add_nullable(o, "reason", db_text(st, 14));
	cJSON_AddStringToObject(o, "counter", db_text(st, 15));
	view_ref(o, "staff", db_int(st, 16), db_text(st, 17));
	cJSON_AddStringToObject(o, "at", db_text(st, 18));
	cJSON_AddStringToObject(o, "date", db_text(st, 19));
	view_int_or_null(o, "session_id", st, 20);
	add_record_ref(o, "original", st, 21);
	add_record_ref(o, "reversed_by", st, 23);
	view_ref(o, "approved_by", db_null(st, 26) ? 0 : db_int(st, 26),
	    db_text(st, 27));
	cJSON_AddNumberToObject(o, "reprints", (double)db_int(st, 31));
	return (o);
}

cJSON *
payment_get(struct db *db, long long id, long long *application)
{
	struct db_stmt	*st;
	cJSON		*o = NULL;

	if (db_query(db, &st, "SELECT " PAYMENT_COLS PAYMENT_FROM
	    " WHERE p.id = ?", "l", id) == 1) {
		o = payment_row(st);
		if (application != NULL)
			*application = db_int(st, 3);
	}
	db_reset(st);
	return (o);
}

/* The next serial of the centre's day: its code, the date, four
 * digits; -1 when used up, -2 on error. */
static int
next_serial(struct db *db, long long centre, const char *today, char *out,
    size_t len)
{
	struct db_stmt	*st;
	char		 name[48], code[40] = "", date[9];
	long long	 n = 0;

	if (db_query(db, &st, "SELECT code FROM centres WHERE id = ?", "l",
	    centre) == 1)
		snprintf(code, sizeof code, "%s", db_text(st, 0));
	db_reset(st);
	snprintf(name, sizeof name, "pay:%lld:%s", centre, today);
	if (db_query(db, &st, "INSERT INTO sequences (name, last) VALUES "
	    "(?, 1) ON CONFLICT (name) DO UPDATE SET last = sequences.last + 1 "
	    "RETURNING last", "t", name) == 1)
		n = db_int(st, 0);
	db_reset(st);
	if (n < 1 || *code == '\0')
		return (-2);
	if (n > 9999)
		return (-1);
	snprintf(date, sizeof date, "%.4s%.2s%.2s", today, today + 5,
	    today + 8);
	snprintf(out, len, "%s-%s-%04lld", code, date, n);
	return (0);
}

long long
payment_insert(struct db *db, const struct payment_new *p)
{
	char	now[32], today[11], serial[64];
	int	rc;

	clock_rfc3339(clock_now(), now);
	clock_date(clock_now(), today);
	if ((rc = next_serial(db, p->centre_id, today, serial,
	    sizeof serial)) != 0)
		return (rc == -1 ? -1 : 0);
	return (db_insert(db, "INSERT INTO payments (serial, kind, "
	    "application_id, centre_id, channel, amount_fen, reference, "
	    "reason, counter, staff_id, at, local_date, session_id, "
	    "original_id, approved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?) RETURNING id", "ttlltltttlttLLL", serial, p->kind,
	    p->application_id, p->centre_id, p->channel, p->amount_fen,
	    p->reference, p->reason, p->counter, p->staff_id, now, today,
	    p->session_id, p->original_id, p->approved_by));
}
