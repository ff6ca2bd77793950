/*
 * The cash session of a counter (docs/api.md 22): a day's drawer, opened
 * with a float, holding the cash payments and paying out the cash
 * refunds approved at that counter, closed with the counted amount
 * (over or short with a reason) and signed off by the supervisor. How a
 * session looks and what it should hold (cash.c; the routes are in
 * route-cash.c).
 */
#ifndef SERVER_CASH_H
#define SERVER_CASH_H

#include <cjson/cJSON.h>

struct db;
struct db_stmt;

/* The columns of a CashSession (s) with its centre (e), the staff who
 * opened (o), closed (c), signed (g) and overrode (v), and the cash it
 * took in and paid out; and their FROM. */
#define CASH_IN "(SELECT CAST(coalesce(sum(amount_fen), 0) AS BIGINT) " \
	"FROM payments WHERE session_id = s.id AND channel = 'cash' AND " \
	"kind = 'payment')"
#define CASH_OUT "(SELECT CAST(coalesce(sum(amount_fen), 0) AS BIGINT) " \
	"FROM payments WHERE session_id = s.id AND channel = 'cash' AND " \
	"kind <> 'payment')"
#define CASH_COLS "s.id, e.id, e.name, s.counter, s.business_date, " \
	"s.status, s.float_fen, " CASH_IN ", " CASH_OUT ", s.counted_fen, " \
	"s.reason, s.opened_at, o.id, o.name, s.closed_at, c.id, c.name, " \
	"s.signed_at, g.id, g.name, s.sign_note, s.override_of, " \
	"s.override_reason, v.id, v.name, s.override_at"
#define CASH_FROM " FROM cash_sessions s JOIN centres e ON e.id = " \
	"s.centre_id JOIN staff o ON o.id = s.opened_by LEFT JOIN staff c " \
	"ON c.id = s.closed_by LEFT JOIN staff g ON g.id = s.signed_by " \
	"LEFT JOIN staff v ON v.id = s.override_by"

/* A CashSession from a row of CASH_COLS. */
cJSON		*cash_row(struct db_stmt *);
/* The CashSession with id, and its centre in *centre; NULL if none. */
cJSON		*cash_get(struct db *, long long id, long long *centre);
/* The session of the counter open for today (local), or 0; -1 on
 * error. */
long long	 cash_open_today(struct db *, long long centre,
		    const char *counter, const char *today);
/* The cash the session should hold now: float, plus cash taken, less
 * cash paid out. */
long long	 cash_expected(struct db *, long long id);

#endif
