/* `bianmind admin exchange status | retry`: the exchange outbox as the
 * database holds it (docs/api.md 24), so it works while bianmind
 * runs: the endpoint, the backlog, the failed attempts and the last
 * delivery; and every held message made due at once. */
#include <stdio.h>
#include <string.h>

#include "admin-common.h"
#include "db.h"
#include "options.h"

#define FAILED_SHOWN	50

/* The backlog: messages not delivered, their streams, the oldest. */
static int
show_backlog(struct db *db)
{
	struct db_stmt	*st;

	if (db_query(db, &st, "SELECT count(*), count(DISTINCT stream), "
	    "coalesce(min(created_at), '') FROM exchange_outbox WHERE "
	    "delivered_at IS NULL", "") != 1) {
		db_reset(st);
		return (-1);
	}
	if (db_int(st, 0) == 0)
		printf("backlog: none\n");
	else
		printf("backlog: %lld message(s) not delivered in %lld "
		    "stream(s), the oldest written %s\n", db_int(st, 0),
		    db_int(st, 1), db_text(st, 2));
	db_reset(st);
	return (0);
}

/* The undelivered messages with failed attempts, oldest first. */
static int
show_failed(struct db *db)
{
	struct db_stmt	*st;
	int		 rc, n = 0;

	rc = db_query(db, &st, "SELECT stream, sequence, attempts, "
	    "coalesce(last_error, ''), coalesce(next_attempt_at, 'now') FROM "
	    "exchange_outbox WHERE delivered_at IS NULL AND attempts > 0 "
	    "ORDER BY id", "");
	for (; rc == 1; rc = db_step(st)) {
		if (n++ == 0)
			printf("failed attempts:\n");
		if (n <= FAILED_SHOWN)
			printf("  %s #%lld: %lld attempt(s), last error: %s; "
			    "next attempt %s\n", db_text(st, 0), db_int(st, 1),
			    db_int(st, 2), db_text(st, 3), db_text(st, 4));
	}
	db_reset(st);
	if (n > FAILED_SHOWN)
		printf("  ... and %d more\n", n - FAILED_SHOWN);
	if (n == 0 && rc == 0)
		printf("failed attempts: none\n");
	return (rc == 0 ? 0 : -1);
}

/* The last delivery to each endpoint. */
static int
show_deliveries(struct db *db)
{
	struct db_stmt	*st;
	int		 rc, n = 0;

	rc = db_query(db, &st, "SELECT endpoint, max(delivered_at), "
	    "count(*) FROM exchange_outbox WHERE delivered_at IS NOT NULL "
	    "GROUP BY endpoint ORDER BY endpoint", "");
	for (; rc == 1; rc = db_step(st)) {
		if (n++ == 0)
			printf("last delivery:\n");
		printf("  %s: %s (%lld delivered)\n", db_text(st, 0),
		    db_text(st, 1), db_int(st, 2));
	}
	db_reset(st);
	if (n == 0 && rc == 0)
		printf("last delivery: never\n");
	return (rc == 0 ? 0 : -1);
}

/* bianmind admin exchange status. */
static int
status(struct admin *a)
{
	if (a->o->exchange_url != NULL)
		printf("endpoint: %s\n", a->o->exchange_url);
	else
		printf("endpoint: none configured (exchange-url); messages "
		    "are kept, not sent\n");
	if (show_backlog(a->db) != 0 || show_failed(a->db) != 0 ||
	    show_deliveries(a->db) != 0)
		return (admin_fail("cannot read the outbox: %s",
		    db_error(a->db)));
	return (0);
}

/* bianmind admin exchange retry: every message waiting out a back-off
 * is due now. */
static int
retry(struct admin *a)
{
	struct db_stmt	*st;
	long long	 n = 0;
	char		 detail[48];

	if (db_begin(a->db) != 0)
		return (admin_fail("%s", db_error(a->db)));
	if (db_query(a->db, &st, "SELECT count(*) FROM exchange_outbox WHERE "
	    "delivered_at IS NULL AND next_attempt_at IS NOT NULL", "") == 1)
		n = db_int(st, 0);
	db_reset(st);
	snprintf(detail, sizeof detail, "%lld message(s)", n);
	if (db_exec(a->db, "UPDATE exchange_outbox SET next_attempt_at = "
	    "NULL WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL",
	    "") != 0 || admin_audit(a, "exchange_retry", NULL, detail) != 0 ||
	    db_commit(a->db) != 0) {
		db_rollback(a->db);
		return (admin_fail("cannot retry: %s", db_error(a->db)));
	}
	printf("%lld held message(s) due now\n", n);
	return (0);
}

static int
admin_exchange(struct admin *a)
{
	int	rc;

	if (a->argc != 2 || (strcmp(a->argv[1], "status") != 0 &&
	    strcmp(a->argv[1], "retry") != 0))
		return (ADMIN_USAGE);
	if ((rc = admin_open(a)) != 0)
		return (rc);
	return (strcmp(a->argv[1], "status") == 0 ? status(a) : retry(a));
}

const struct admin_command admin_exchange_command = {
	"exchange", admin_exchange,
	"exchange status | retry"
};
