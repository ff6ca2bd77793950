/* The SQLite back end: a file in WAL mode with synchronous=FULL, the
 * schema version in user_version, BEGIN IMMEDIATE for every write
 * transaction (one writer at a time, so nothing else needs locking).
 * The process's writers queue for the file's write lock in the order
 * they come (a ticket lock), rather than polling for it in SQLite's
 * busy handler, whose sleeps grow to 100 ms and favour whoever asks
 * last: the busy handler is left to other processes. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db-backend.h"
#include "migrations.h"
#include "../util/buf.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

struct lite {
	struct db	 base;
	sqlite3		*h;
	int		 writing;	/* holds the writers' turn */
	sqlite3_stmt	*lone;		/* a write outside a transaction */
};

struct lite_stmt {
	struct db_stmt	 base;
	sqlite3_stmt	*st;
};

struct lite_copy {
	struct db_copy	 base;
	sqlite3_stmt	*st;
	int		 failed;
};

#define LITE(db)	((struct lite *)(db))
#define LSTMT(s)	(((struct lite_stmt *)(s))->st)

/* The writers' turns, first come first served, for every connection of
 * the process (one file per process). A thread that has the turn has
 * it for each of its connections. */
static pthread_mutex_t		lite_turn_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t		lite_turn_cond = PTHREAD_COND_INITIALIZER;
static unsigned long long	lite_next, lite_serving;
static _Thread_local int	lite_turns;

/* Waits for this connection's turn to write, if it has none yet. */
static void
lite_turn_take(struct lite *l)
{
	unsigned long long	mine;

	if (l->writing)
		return;
	l->writing = 1;
	if (lite_turns++ > 0)
		return;
	pthread_mutex_lock(&lite_turn_lock);
	mine = lite_next++;
	while (mine != lite_serving)
		pthread_cond_wait(&lite_turn_cond, &lite_turn_lock);
	pthread_mutex_unlock(&lite_turn_lock);
}

/* Gives the turn to the next writer once this connection is done: no
 * transaction open and no lone write running. SQLite may have ended a
 * transaction itself (an I/O error rolls back), so every path that
 * looks at the state comes here. */
static void
lite_turn_settle(struct lite *l)
{
	if (!l->writing || l->lone != NULL || !sqlite3_get_autocommit(l->h))
		return;
	l->writing = 0;
	if (--lite_turns > 0)
		return;
	pthread_mutex_lock(&lite_turn_lock);
	lite_serving++;
	pthread_cond_broadcast(&lite_turn_cond);
	pthread_mutex_unlock(&lite_turn_lock);
}

/* Records how the last call failed, for db_fault(). */
static void
lite_fault(struct db *db, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		db->fault = DB_OK;
		break;
	case SQLITE_CONSTRAINT:
		db->fault = DB_CONSTRAINT;
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		db->fault = DB_BUSY;
		db->busy = 1;
		break;
	default:
		db->fault = DB_ERROR;
		break;
	}
}

/* The file's settings, every time it is opened. */
static int
lite_pragmas(sqlite3 *h, char **cause)
{
	char	*err = NULL;

	sqlite3_busy_timeout(h, 5000);
	/* reads from the mapped file: every connection reads the same
	 * pages of the system's cache, where each would otherwise copy
	 * them into its own with a read() per page */
	if (sqlite3_exec(h, "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=FULL;"
	    "PRAGMA foreign_keys=ON;"
	    "PRAGMA mmap_size=268435456;", NULL, NULL, &err) != SQLITE_OK) {
		*cause = xasprintf("%s", err != NULL ? err : "pragma failed");
		sqlite3_free(err);
		return (-1);
	}
	return (0);
}

static struct db *
lite_open(const char *path, const char *password, char **cause)
{
	struct lite	*db;
	sqlite3		*h = NULL;

	(void)password;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*cause = xasprintf("%s: %s", path, h != NULL ?
		    sqlite3_errmsg(h) : "cannot open");
		sqlite3_close(h);
		return (NULL);
	}
	if (lite_pragmas(h, cause) != 0) {
		sqlite3_close(h);
		return (NULL);
	}
	db = xcalloc(1, sizeof *db);
	db_init(&db->base, &db_sqlite_ops);
	db->h = h;
	return (&db->base);
}

static void
lite_close(struct db *db)
{
	struct lite	*l = LITE(db);

	l->lone = NULL;
	if (!sqlite3_get_autocommit(l->h))
		sqlite3_exec(l->h, "ROLLBACK", NULL, NULL, NULL);
	lite_turn_settle(l);
	sqlite3_close(l->h);
	free(db);
}

static int
lite_version(struct db *db)
{
	sqlite3_stmt	*st;
	int		 v = -1;

	if (sqlite3_prepare_v2(LITE(db)->h, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return (v);
}

/* Applies the migrations this file has not seen yet, each in its own
 * transaction together with its user_version bump. */
static int
lite_migrate(struct db *db, char **cause)
{
	sqlite3	*h = LITE(db)->h;
	size_t	 i, n = migrations_count(MIGRATIONS_SQLITE);
	char	*err = NULL, *sql;
	int	 have, rc;

	if ((have = lite_version(db)) < 0) {
		*cause = xasprintf("reading schema version: %s",
		    sqlite3_errmsg(h));
		return (-1);
	}
	if ((size_t)have > n) {
		*cause = xasprintf("database schema %d is newer than this "
		    "server (%zu)", have, n);
		return (-1);
	}
	for (i = (size_t)have; i < n; i++) {
		sql = xasprintf("BEGIN IMMEDIATE; %s; PRAGMA user_version=%zu;"
		    " COMMIT;", migrations_get(MIGRATIONS_SQLITE, i), i + 1);
		rc = sqlite3_exec(h, sql, NULL, NULL, &err);
		free(sql);
		if (rc != SQLITE_OK) {
			*cause = xasprintf("migration %zu: %s", i + 1, err);
			sqlite3_free(err);
			sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
			return (-1);
		}
		log_info("database migrated to schema %zu", i + 1);
	}
	return (0);
}

/* A file is there or not: nothing to reconnect. */
static int
lite_check(struct db *db)
{
	(void)db;
	return (0);
}

/* Prepares sql without the FOR UPDATE a PostgreSQL row lock needs:
 * BEGIN IMMEDIATE already excludes every other writer. */
static struct db_stmt *
lite_prepare(struct db *db, const char *sql)
{
	struct lite_stmt	*s;
	const char		*lock = strstr(sql, " FOR UPDATE");
	int			 len = lock != NULL ? (int)(lock - sql) : -1;

	s = xcalloc(1, sizeof *s);
	s->base.db = db;
	if (sqlite3_prepare_v3(LITE(db)->h, sql, len,
	    SQLITE_PREPARE_PERSISTENT, &s->st, NULL) != SQLITE_OK)
		fatal("preparing statement: %s: %s",
		    sqlite3_errmsg(LITE(db)->h), sql);
	return (&s->base);
}

static void
lite_finalize(struct db_stmt *st)
{
	sqlite3_finalize(LSTMT(st));
	free(st);
}

static void
lite_bind(struct db_stmt *st, int i, const struct db_value *v)
{
	sqlite3_stmt	*s = LSTMT(st);

	if (v->is_null)
		sqlite3_bind_null(s, i);
	else if (v->type == DB_TINT)
		sqlite3_bind_int64(s, i, v->i);
	else if (v->type == DB_TTEXT)
		sqlite3_bind_text(s, i, v->s, (int)v->len, SQLITE_TRANSIENT);
	else if (v->type == DB_TBLOB)
		sqlite3_bind_blob(s, i, v->s, (int)v->len, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

/* Ends a lone write's turn when its statement is done. */
static void
lite_lone_done(struct lite *l, sqlite3_stmt *s)
{
	if (l->lone != s)
		return;
	l->lone = NULL;
	lite_turn_settle(l);
}

/* A write outside a transaction is a transaction of its own: it waits
 * for its turn like the others, until its statement is done. */
static int
lite_step(struct db_stmt *st)
{
	struct lite	*l = LITE(st->db);
	sqlite3_stmt	*s = LSTMT(st);
	int		 rc;

	if (!l->writing && !sqlite3_stmt_readonly(s) &&
	    !sqlite3_stmt_busy(s) && sqlite3_get_autocommit(l->h)) {
		lite_turn_take(l);
		l->lone = s;
	}
	rc = sqlite3_step(s);
	lite_fault(st->db, rc);
	if (rc != SQLITE_ROW) {
		lite_lone_done(l, s);
		lite_turn_settle(l);
	}
	if (rc == SQLITE_ROW)
		return (1);
	return (rc == SQLITE_DONE ? 0 : -1);
}

static void
lite_reset(struct db_stmt *st)
{
	sqlite3_reset(LSTMT(st));
	sqlite3_clear_bindings(LSTMT(st));
	lite_lone_done(LITE(st->db), LSTMT(st));
}

static int
lite_null(struct db_stmt *st, int col)
{
	return (sqlite3_column_type(LSTMT(st), col) == SQLITE_NULL);
}

static long long
lite_integer(struct db_stmt *st, int col)
{
	return (sqlite3_column_int64(LSTMT(st), col));
}

static const char *
lite_text(struct db_stmt *st, int col)
{
	const unsigned char	*s = sqlite3_column_text(LSTMT(st), col);

	return (s != NULL ? (const char *)s : "");
}

static const void *
lite_blob(struct db_stmt *st, int col, size_t *len)
{
	const void	*p = sqlite3_column_blob(LSTMT(st), col);

	*len = (size_t)sqlite3_column_bytes(LSTMT(st), col);
	return (p);
}

/* Both kinds of write transaction are BEGIN IMMEDIATE, in turn. */
static int
lite_command(struct db *db, enum db_command c)
{
	static const char *const	 sql[] = { "BEGIN IMMEDIATE",
	    "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK" };
	struct lite			*l = LITE(db);
	struct buf			 with;
	size_t				 i;
	int				 rc;

	if (c == DB_BEGIN || c == DB_BEGIN_ROWS)
		lite_turn_take(l);
	if (c == DB_COMMIT && db->ncommit_sql > 0) {
		/* sqlite3_exec() stops at the first that fails */
		buf_init(&with);
		for (i = 0; i < db->ncommit_sql; i++) {
			buf_adds(&with, db->commit_sql[i]);
			buf_adds(&with, "; ");
		}
		buf_adds(&with, "COMMIT");
		rc = sqlite3_exec(l->h, with.data, NULL, NULL, NULL);
		buf_free(&with);
	} else
		rc = sqlite3_exec(l->h, sql[c], NULL, NULL, NULL);
	lite_fault(db, rc);
	lite_turn_settle(l);
	return (rc == SQLITE_OK ? 0 : -1);
}

static int
lite_in_transaction(struct db *db)
{
	lite_turn_settle(LITE(db));
	return (!sqlite3_get_autocommit(LITE(db)->h));
}

/* BEGIN IMMEDIATE holds the database: every lock is already taken. */
static int
lite_lock(struct db *db, long long key)
{
	(void)db;
	(void)key;
	return (0);
}

/* One process per file: the process's own bookkeeping is enough. */
static int
lite_try_lock(struct db *db, long long key, struct db_stmt *then)
{
	(void)db;
	(void)key;
	(void)then;
	return (1);
}

static void
lite_unlock(struct db *db, long long key)
{
	(void)db;
	(void)key;
}

/* A script may write: it waits for its turn. */
static int
lite_script(struct db *db, const char *sql)
{
	struct lite	*l = LITE(db);
	int		 rc;

	lite_turn_take(l);
	rc = sqlite3_exec(l->h, sql, NULL, NULL, NULL);
	lite_fault(db, rc);
	lite_turn_settle(l);
	return (rc == SQLITE_OK ? 0 : -1);
}

static char *
lite_quote(struct db *db, const char *s)
{
	char	*q, *copy;

	(void)db;
	if ((q = sqlite3_mprintf("%Q", s)) == NULL)
		fatal("out of memory quoting a value");
	copy = xstrdup(q);
	sqlite3_free(q);
	return (copy);
}

static const char *
lite_error(struct db *db)
{
	return (sqlite3_errmsg(LITE(db)->h));
}

/* A copy is a prepared INSERT run once per row. */
static struct db_copy *
lite_copy_begin(struct db *db, const char *table, const char *columns)
{
	struct lite_copy	*c;
	struct buf		 sql;
	size_t			 i;

	buf_init(&sql);
	buf_printf(&sql, "INSERT INTO %s (%s) VALUES (?", table, columns);
	for (i = 0; columns[i] != '\0'; i++) {
		if (columns[i] == ',')
			buf_adds(&sql, ", ?");
	}
	buf_adds(&sql, ")");
	c = xcalloc(1, sizeof *c);
	c->base.db = db;
	if (sqlite3_prepare_v2(LITE(db)->h, sql.data, -1, &c->st, NULL) !=
	    SQLITE_OK)
		c->failed = 1;
	buf_free(&sql);
	return (&c->base);
}

static int
lite_copy_row(struct db_copy *base, const struct db_value *v, int n)
{
	struct lite_copy	*c = (struct lite_copy *)base;
	struct lite_stmt	 s = { .base.db = base->db, .st = c->st };
	int			 i, rc;

	if (c->failed)
		return (-1);
	for (i = 0; i < n; i++)
		lite_bind(&s.base, i + 1, &v[i]);
	rc = sqlite3_step(c->st);
	sqlite3_reset(c->st);
	if (rc != SQLITE_DONE) {
		lite_fault(base->db, rc);
		c->failed = 1;
		return (-1);
	}
	return (0);
}

static int
lite_copy_end(struct db_copy *base)
{
	struct lite_copy	*c = (struct lite_copy *)base;
	int			 rc = c->failed ? -1 : 0;

	sqlite3_finalize(c->st);
	free(c);
	return (rc);
}

/* INTEGER PRIMARY KEY always follows the largest id. */
static int
lite_ids_written(struct db *db)
{
	(void)db;
	return (0);
}

const struct db_ops db_sqlite_ops = {
	.name = "sqlite",
	.open = lite_open,
	.close = lite_close,
	.migrate = lite_migrate,
	.version = lite_version,
	.check = lite_check,
	.prepare = lite_prepare,
	.finalize = lite_finalize,
	.drop = lite_finalize,
	.bind = lite_bind,
	.step = lite_step,
	.reset = lite_reset,
	.null = lite_null,
	.integer = lite_integer,
	.text = lite_text,
	.blob = lite_blob,
	.command = lite_command,
	.in_transaction = lite_in_transaction,
	.lock = lite_lock,
	.try_lock = lite_try_lock,
	.unlock = lite_unlock,
	.script = lite_script,
	.error = lite_error,
	.quote = lite_quote,
	.copy_begin = lite_copy_begin,
	.copy_row = lite_copy_row,
	.copy_end = lite_copy_end,
	.ids_written = lite_ids_written,
};
