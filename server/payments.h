/*
 * Payments against an application (docs/api.md 22): a payment, or the
 * red-letter record (冲红) of a refund or a void of one, each with the
 * serial of its printed receipt (收款收据). Records are never changed
 * or deleted: a reversal is a record of its own pointing at the
 * payment. How a record looks, its serial and its writing (payments.c;
 * the routes are in route-payments.c and route-reversals.c).
 */
#ifndef SERVER_PAYMENTS_H
#define SERVER_PAYMENTS_H

#include <cjson/cJSON.h>

struct db;
struct db_stmt;
struct req;

/* The columns of a Payment (p) with its centre (e), application (a),
 * service (s), resident (r), staff (st), the payment it reverses (o),
 * the record reversing it (x), who approved it (ab), whether a
 * reversal waits, and its receipt's reprints; and their FROM. */
#define PAYMENT_COLS "p.id, p.serial, p.kind, a.id, a.number, s.id, " \
	"s.txcode, s.name, r.id, r.name, r.id_number, p.channel, " \
	"p.amount_fen, p.reference, p.reason, p.counter, st.id, st.name, " \
	"p.at, p.local_date, p.session_id, o.id, o.serial, x.id, x.serial, " \
	"x.kind, ab.id, ab.name, (SELECT count(*) FROM payment_reversals v " \
	"WHERE v.payment_id = p.id AND v.status = 'pending'), e.id, e.name, " \
	"(SELECT count(*) FROM payment_reprints pr WHERE pr.payment_id = p.id)"
#define PAYMENT_FROM " FROM payments p JOIN centres e ON e.id = " \
	"p.centre_id JOIN applications a ON a.id = p.application_id JOIN " \
	"services s ON s.id = a.service_id JOIN residents r ON r.id = " \
	"a.resident_id JOIN staff st ON st.id = p.staff_id LEFT JOIN " \
	"payments o ON o.id = p.original_id LEFT JOIN payments x ON " \
	"x.original_id = p.id LEFT JOIN staff ab ON ab.id = p.approved_by"

/* A record being written. */
struct payment_new {
	const char	*kind;		/* payment, refund, void */
	long long	 application_id, centre_id;
	const char	*channel;	/* cash, code, waived */
	long long	 amount_fen;
	const char	*reference, *reason, *counter;
	long long	 staff_id;
	long long	 session_id;	/* 0: none */
	long long	 original_id;	/* the payment reversed, or 0 */
	long long	 approved_by;	/* 0: none */
};

/* A Payment from a row of PAYMENT_COLS. */
cJSON		*payment_row(struct db_stmt *);
/* The Payment with id, and its application in *application (may be
 * NULL); NULL if none. */
cJSON		*payment_get(struct db *, long long id, long long *application);
/* Writes the record inside the caller's transaction with the next
 * serial of its centre's day (whose row stays locked until the
 * transaction ends); its id, 0 on error, -1 when the day's 9999
 * serials are used. */
long long	 payment_insert(struct db *, const struct payment_new *);

#endif
