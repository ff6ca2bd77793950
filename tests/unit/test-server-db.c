/* The storage layer's write transactions on SQLite (server/db.c,
 * server/db-sqlite.c): writers of several threads take turns, each
 * transaction's read-check-write seeing the one before it, with writes
 * outside a transaction among them; the work queued for the commit runs
 * in order before it and is dropped by a rollback; statements sent with
 * the COMMIT, and values quoted for them. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../server/db.h"
#include "../../server/db-open.h"

#define WRITERS		4
#define EACH		60

static char	path[64];

static struct db *
open_file(void)
{
	struct db	*db;
	char		*cause = NULL, target[80];

	snprintf(target, sizeof target, "sqlite:%s", path);
	if ((db = db_open(target, &cause)) == NULL)
		fail_msg("db_open: %s", cause);
	return (db);
}

static int
setup(void **state)
{
	struct db	*db;
	int		 fd;

	snprintf(path, sizeof path, "/tmp/bianmin-db-XXXXXX");
	if ((fd = mkstemp(path)) == -1)
		fail_msg("mkstemp");
	close(fd);
	unlink(path);
	db = open_file();
	assert_int_equal(db_script(db, "CREATE TABLE turns (n INTEGER NOT "
	    "NULL UNIQUE, writer INTEGER NOT NULL); CREATE TABLE lone (writer "
	    "INTEGER NOT NULL); CREATE TABLE notes (t TEXT)"), 0);
	*state = db;
	return (0);
}

static int
teardown(void **state)
{
	char	extra[80];

	db_close(*state);
	unlink(path);
	snprintf(extra, sizeof extra, "%s-wal", path);
	unlink(extra);
	snprintf(extra, sizeof extra, "%s-shm", path);
	unlink(extra);
	return (0);
}

/* One writer: EACH transactions that read the largest n and write the
 * next, each followed by a write outside a transaction. */
static void *
writer(void *arg)
{
	struct db	*db = open_file();
	struct db_stmt	*st;
	long long	 n;
	intptr_t	 me = (intptr_t)arg, failed = 0;
	int		 i;

	for (i = 0; i < EACH; i++) {
		if (db_begin_rows(db) != 0) {
			failed++;
			continue;
		}
		n = 0;
		if (db_query(db, &st, "SELECT coalesce(max(n), 0) FROM turns",
		    "") == 1)
			n = db_int(st, 0);
		db_reset(st);
		if (db_exec(db, "INSERT INTO turns (n, writer) VALUES (?, ?)",
		    "ll", n + 1, (long long)me) != 0 || db_commit(db) != 0) {
			db_rollback(db);
			failed++;
		}
		if (db_exec(db, "INSERT INTO lone (writer) VALUES (?)", "l",
		    (long long)me) != 0)
			failed++;
	}
	db_close(db);
	return ((void *)failed);
}

/* Every transaction sees the one before: n runs 1, 2, ... without a
 * duplicate, and no writer was refused as busy. */
static void
writers_take_turns(void **state)
{
	struct db	*db = *state;
	struct db_stmt	*st;
	pthread_t	 t[WRITERS];
	void		*failed;
	intptr_t	 i;

	for (i = 0; i < WRITERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, writer,
		    (void *)i), 0);
	for (i = 0; i < WRITERS; i++) {
		assert_int_equal(pthread_join(t[i], &failed), 0);
		assert_int_equal((intptr_t)failed, 0);
	}
	assert_int_equal(db_query(db, &st, "SELECT count(*), min(n), max(n) "
	    "FROM turns", ""), 1);
	assert_int_equal(db_int(st, 0), WRITERS * EACH);
	assert_int_equal(db_int(st, 1), 1);
	assert_int_equal(db_int(st, 2), WRITERS * EACH);
	db_reset(st);
	assert_int_equal(db_query(db, &st, "SELECT count(*) FROM lone", ""),
	    1);
	assert_int_equal(db_int(st, 0), WRITERS * EACH);
	db_reset(st);
}

static int	dropped;

static void
drop(void *arg)
{
	(void)arg;
	dropped++;
}

/* Notes arg's text, after the rows written before it. */
static int
note(struct db *db, void *arg)
{
	struct db_stmt	*st;
	char		 text[64];
	int		 rc;

	rc = db_query(db, &st, "SELECT count(*) FROM notes", "");
	snprintf(text, sizeof text, "%s after %lld", (const char *)arg,
	    rc == 1 ? db_int(st, 0) : -1);
	db_reset(st);
	return (db_exec(db, "INSERT INTO notes (t) VALUES (?)", "t", text));
}

static int
refuse(struct db *db, void *arg)
{
	(void)db;
	(void)arg;
	return (-1);
}

static long long
count(struct db *db, const char *sql)
{
	struct db_stmt	*st;
	long long	 n = -1;

	if (db_query(db, &st, sql, "") == 1)
		n = db_int(st, 0);
	db_reset(st);
	return (n);
}

/* Queued work runs at the commit, in order, after the transaction's
 * statements; a rollback drops it, a failure of it rolls back. */
static void
work_at_commit(void **state)
{
	struct db	*db = *state;
	struct db_stmt	*st;

	dropped = 0;
	assert_int_equal(db_at_commit(db, note, drop, "outside"), -1);
	assert_int_equal(db_begin_rows(db), 0);
	assert_int_equal(db_at_commit(db, note, drop, "first"), 0);
	assert_int_equal(db_at_commit(db, note, drop, "second"), 0);
	assert_int_equal(db_exec(db, "INSERT INTO notes (t) VALUES ('row')",
	    ""), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM notes"), 1);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(dropped, 2);
	assert_int_equal(db_query(db, &st, "SELECT t FROM notes ORDER BY "
	    "rowid", ""), 1);
	assert_string_equal(db_text(st, 0), "row");
	assert_int_equal(db_step(st), 1);
	assert_string_equal(db_text(st, 0), "first after 1");
	assert_int_equal(db_step(st), 1);
	assert_string_equal(db_text(st, 0), "second after 2");
	db_reset(st);

	assert_int_equal(db_begin(db), 0);
	assert_int_equal(db_at_commit(db, note, drop, "dropped"), 0);
	db_rollback(db);
	assert_int_equal(dropped, 3);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM notes"), 3);

	assert_int_equal(db_begin_rows(db), 0);
	assert_int_equal(db_exec(db, "INSERT INTO notes (t) VALUES ('gone')",
	    ""), 0);
	assert_int_equal(db_at_commit(db, refuse, NULL, NULL), 0);
	assert_int_equal(db_commit(db), -1);
	assert_int_equal(db_in_transaction(db), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM notes"), 3);
}

/* Statements sent with the COMMIT, their values quoted: all or
 * nothing with the transaction. */
static void
sql_with_commit(void **state)
{
	struct db	*db = *state;
	struct db_stmt	*st;
	char		*q, *sql;

	q = db_quote(db, "O'Brien \"居住\" \\ 证明");
	assert_string_equal(q, "'O''Brien \"居住\" \\ 证明'");
	sql = db_quote(db, NULL);
	assert_string_equal(sql, "NULL");
	free(sql);
	assert_int_equal(db_at_commit_sql(db, "SELECT 1"), -1);
	assert_int_equal(db_begin_rows(db), 0);
	assert_int_equal(db_lock_name(db, "open:1:2"), 0);
	sql = NULL;
	if (asprintf(&sql, "INSERT INTO notes (t) VALUES (%s)", q) < 0)
		fail_msg("asprintf");
	assert_int_equal(db_at_commit_sql(db, sql), 0);
	assert_int_equal(db_at_commit_sql(db, "INSERT INTO notes (t) VALUES "
	    "('two')"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM notes WHERE t = "
	    "'two'"), 0);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(db_query(db, &st, "SELECT t FROM notes WHERE rowid > "
	    "(SELECT max(rowid) - 2 FROM notes) ORDER BY rowid", ""), 1);
	assert_string_equal(db_text(st, 0), "O'Brien \"居住\" \\ 证明");
	assert_int_equal(db_step(st), 1);
	assert_string_equal(db_text(st, 0), "two");
	db_reset(st);

	assert_int_equal(db_begin_rows(db), 0);
	assert_int_equal(db_exec(db, "INSERT INTO notes (t) VALUES ('gone')",
	    ""), 0);
	assert_int_equal(db_at_commit_sql(db, sql), 0);
	assert_int_equal(db_at_commit_sql(db, "INSERT INTO no_such_table "
	    "VALUES (1)"), 0);
	assert_int_equal(db_commit(db), -1);
	assert_int_equal(db_in_transaction(db), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM notes WHERE t = "
	    "'gone'"), 0);
	free(sql);
	free(q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(writers_take_turns, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(work_at_commit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(sql_with_commit, setup,
		    teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
