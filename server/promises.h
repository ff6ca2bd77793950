/*
 * 告知承诺 (docs/api.md 8): a proof replaced by the resident's written
 * promise. What taking an application and issuing a certificate need
 * of it (the resident's ban, a promise made, the promises of a case)
 * and the Promise and PromiseBan as the routes show them (promises.c;
 * the routes are in route-promises.c).
 */
#ifndef SERVER_PROMISES_H
#define SERVER_PROMISES_H

#include <cjson/cJSON.h>

struct db;
struct db_stmt;
struct req;

/* The columns of a Promise (p) with its resident (r), community (c),
 * maker (m), application (a), certificate (x) and checker (k), and
 * their FROM. */
#define PROMISE_COLS "p.id, p.kind, p.matter, p.subject, r.id, r.name, " \
	"r.id_number, c.id, c.name, a.id, a.number, x.id, x.serial, " \
	"p.made_at, m.id, m.name, p.ban_days, p.outcome, p.check_note, " \
	"p.checked_at, p.checked_date, k.id, k.name"
#define PROMISE_FROM " FROM promises p JOIN residents r ON r.id = " \
	"p.resident_id JOIN communities c ON c.id = p.community_id JOIN " \
	"staff m ON m.id = p.made_by LEFT JOIN applications a ON a.id = " \
	"p.application_id LEFT JOIN certificates x ON x.id = " \
	"p.certificate_id LEFT JOIN staff k ON k.id = p.checked_by"

/* A promise being made: kind "material" (of application_id) or
 * "certificate" (of certificate_id); position orders an application's. */
struct promise_new {
	const char	*kind;
	const char	*matter;	/* the material, or the type's name */
	const char	*subject;	/* the service, or the type's name */
	long long	 resident_id, community_id;
	long long	 application_id, certificate_id;
	int		 position;
};

/* For a resident barred from 告知承诺 today: replies 422 promise-barred
 * (the ban in force that ends last), audits it as promise_refused and
 * returns -1; 0 when they are free (or -1 having replied 503). */
int		 promise_refuse_barred(struct req *, long long resident_id);
/* The same, asked again inside the caller's write transaction, so that
 * a ban recorded since the first asking is seen: 0 when free; else
 * rolls the transaction back, replies as promise_refuse_barred() (the
 * refusal audited) and returns -1. */
int		 promise_recheck_barred(struct req *, long long resident_id);
/* Records the promise inside the caller's transaction, with today's
 * promise_ban_days, and audits it as promise; its id, or 0. */
long long	 promise_make(struct req *, const struct promise_new *);
/* The PromiseRefs of an application, in their order (an array), in
 * two steps: their read of application id, sent ahead
 * (db_read_ahead()), then the list it reads. */
struct db_stmt	*promise_refs_read(struct db *, long long id);
cJSON		*promise_refs_of(struct db_stmt *);
/* The PromiseRef of a certificate, or a JSON null, in the same two
 * steps. */
struct db_stmt	*promise_ref_read(struct db *, long long id);
cJSON		*promise_ref_of(struct db_stmt *);
/* A Promise from a row of PROMISE_COLS. */
cJSON		*promise_row(struct db_stmt *);
/* The PromiseBan status of a resident (barred, ban, records). */
cJSON		*promise_ban_status(struct db *, long long resident_id);

#endif
