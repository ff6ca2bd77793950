/* The outbox's SQLite storage. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "outbox.h"
#include "sqlite-load.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

struct outbox {
	sqlite3	*db;
};

/* SQLite's calls, set by the first outbox_open(): every outbox was
 * opened through them. */
static const struct sqlite_calls	*sq;

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS outbox ("
	"  id INTEGER PRIMARY KEY,"
	"  created_at INTEGER NOT NULL,"
	"  staff TEXT NOT NULL,"
	"  method TEXT NOT NULL,"
	"  path TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  idem_key TEXT NOT NULL UNIQUE,"
	"  label TEXT NOT NULL,"
	"  state INTEGER NOT NULL DEFAULT 0,"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_at INTEGER NOT NULL DEFAULT 0,"
	"  error TEXT NOT NULL DEFAULT '',"
	"  result TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX IF NOT EXISTS outbox_due ON outbox(state, staff, id);"
	"CREATE TABLE IF NOT EXISTS catalog ("
	"  txcode TEXT PRIMARY KEY,"
	"  version INTEGER NOT NULL,"
	"  saved_at INTEGER NOT NULL,"
	"  service TEXT NOT NULL);";

#define COLS "id, state, staff, method, path, body, idem_key, label, " \
	"attempts, created_at, next_at, error, result"

/* Prepares sql and binds fmt ('t' text, 'l' long long) from ap. */
static sqlite3_stmt *
prepare(struct outbox *o, const char *sql, const char *fmt, va_list ap)
{
	sqlite3_stmt	*st;
	int		 i;

	if (sq->prepare_v2(o->db, sql, -1, &st, NULL) != SQLITE_OK) {
		log_info("outbox: %s", sq->errmsg(o->db));
		return (NULL);
	}
	for (i = 1; *fmt != '\0'; fmt++, i++) {
		if (*fmt == 't')
			sq->bind_text(st, i, va_arg(ap, const char *), -1,
			    SQLITE_TRANSIENT);
		else
			sq->bind_int64(st, i, va_arg(ap, long long));
	}
	return (st);
}

/* Runs a statement without rows; 0 or -1. */
static int
run(struct outbox *o, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt	*st;
	va_list		 ap;
	int		 rc;

	va_start(ap, fmt);
	st = prepare(o, sql, fmt, ap);
	va_end(ap);
	if (st == NULL)
		return (-1);
	rc = sq->step(st);
	sq->finalize(st);
	if (rc != SQLITE_DONE) {
		log_info("outbox: %s", sq->errmsg(o->db));
		return (-1);
	}
	return (0);
}

static int
pragmas(sqlite3 *db)
{
	return (sq->exec(db, "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=FULL;", NULL, NULL, NULL) == SQLITE_OK &&
	    sq->exec(db, schema, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1);
}

/* Whether the file can be trusted. A damaged file is told apart from
 * one that cannot be read or written now (a full disk, an I/O error):
 * only the damaged one is moved aside, as what waits in the other must
 * still be sent once the disk has room again. */
enum health {
	HEALTH_OK,
	HEALTH_DAMAGED,
	HEALTH_UNREACHABLE
};

static enum health
damaged_or_not(int rc)
{
	rc &= 0xff;
	return (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ?
	    HEALTH_DAMAGED : HEALTH_UNREACHABLE);
}

static enum health
health(sqlite3 *db)
{
	sqlite3_stmt	*st;
	enum health	 h;
	int		 rc;

	sq->busy_timeout(db, 2000);
	if ((rc = sq->prepare_v2(db, "PRAGMA quick_check", -1, &st,
	    NULL)) != SQLITE_OK)
		return (damaged_or_not(rc));
	if ((rc = sq->step(st)) == SQLITE_ROW)
		h = strcmp((const char *)sq->column_text(st, 0), "ok") ==
		    0 ? HEALTH_OK : HEALTH_DAMAGED;
	else
		h = damaged_or_not(rc);
	sq->finalize(st);
	return (h);
}

/* Moves a damaged database (and its WAL) aside, for support. */
static char *
set_aside(const char *path)
{
	char		 stamp[32], *aside, *from, *to;
	const char	*suffix[] = { "-wal", "-shm" };
	time_t		 now = time(NULL);
	struct tm	 tm;
	size_t		 i;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	aside = xasprintf("%s.damaged-%s", path, stamp);
	if (rename(path, aside) != 0) {
		free(aside);
		return (NULL);
	}
	for (i = 0; i < 2; i++) {
		from = xasprintf("%s%s", path, suffix[i]);
		to = xasprintf("%s%s", aside, suffix[i]);
		rename(from, to);
		free(from);
		free(to);
	}
	return (aside);
}

static sqlite3 *
open_file(const char *path, enum health *h)
{
	sqlite3	*db = NULL;
	mode_t	 old = umask(077);
	int	 rc;

	rc = sq->open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL);
	umask(old);
	*h = rc == SQLITE_OK ? health(db) : damaged_or_not(rc);
	if (*h == HEALTH_OK && pragmas(db) != 0)
		*h = damaged_or_not(sq->errcode(db));
	if (*h != HEALTH_OK) {
		sq->close(db);
		return (NULL);
	}
	chmod(path, 0600);
	return (db);
}

struct outbox *
outbox_open(const char *path, char **warning, char **cause)
{
	struct outbox	*o;
	sqlite3		*db;
	enum health	 h;
	const char	*missing = NULL;
	char		*aside;

	*warning = NULL;
	if (sq == NULL && (sq = sqlite_calls(&missing)) == NULL) {
		*cause = xasprintf("%s", missing);
		return (NULL);
	}
	if ((db = open_file(path, &h)) == NULL && h == HEALTH_UNREACHABLE) {
		*cause = xasprintf("%s: cannot be read or written now (a full "
		    "disk?)", path);
		return (NULL);
	}
	if (db == NULL) {
		if ((aside = set_aside(path)) == NULL) {
			*cause = xasprintf("%s: cannot be opened or moved "
			    "aside: %s", path, strerror(errno));
			return (NULL);
		}
		*warning = aside;
		if ((db = open_file(path, &h)) == NULL) {
			*cause = xasprintf("%s: cannot be created", path);
			return (NULL);
		}
	}
	o = xcalloc(1, sizeof *o);
	o->db = db;
	return (o);
}

sqlite3 *
outbox_db(struct outbox *o)
{
	return (o->db);
}

void
outbox_close(struct outbox *o)
{
	if (o == NULL)
		return;
	sq->close(o->db);
	free(o);
}

static int
count_open(struct outbox *o)
{
	int	pending = 0, failed = 0;

	if (outbox_counts(o, &pending, &failed, NULL) != 0)
		return (-1);
	return (pending + failed);
}

static long long
find_key(struct outbox *o, const char *key)
{
	sqlite3_stmt	*st;
	long long	 id = 0;

	if (sq->prepare_v2(o->db, "SELECT id FROM outbox WHERE "
	    "idem_key = ?", -1, &st, NULL) != SQLITE_OK)
		return (-1);
	sq->bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (sq->step(st) == SQLITE_ROW)
		id = sq->column_int64(st, 0);
	sq->finalize(st);
	return (id);
}

long long
outbox_add(struct outbox *o, const char *staff, const char *method,
    const char *path, const char *body, const char *key, const char *label,
    char **cause)
{
	long long	id;
	int		n;

	/* saved once already (a crash between saving and clearing the
	 * draft): the same key is the same submission */
	if ((id = find_key(o, key)) != 0) {
		if (id < 0)
			*cause = xasprintf("%s", sq->errmsg(o->db));
		return (id);
	}
	n = count_open(o);

	if (n < 0) {
		*cause = xasprintf("%s", sq->errmsg(o->db));
		return (-1);
	}
	if (n >= OUTBOX_CAP) {
		log_info("outbox: full (%d open), %s %s refused", n, method,
		    path);
		return (0);
	}
	/* an autocommit statement: with synchronous=FULL, when it returns
	 * the row is on disk */
	if (run(o, "INSERT INTO outbox (created_at, staff, method, path, "
	    "body, idem_key, label) VALUES (?, ?, ?, ?, ?, ?, ?)", "ltttttt",
	    (long long)time(NULL), staff, method, path, body, key, label) != 0) {
		*cause = xasprintf("%s", sq->errmsg(o->db));
		return (-1);
	}
	id = sq->last_insert_rowid(o->db);
	log_info("outbox: item %lld queued: %s %s", id, method, path);
	return (id);
}

static char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sq->column_text(st, i);

	return (xstrdup(s != NULL ? (const char *)s : ""));
}

static void
fill(sqlite3_stmt *st, struct outbox_item *it)
{
	it->id = sq->column_int64(st, 0);
	it->state = (enum outbox_state)sq->column_int(st, 1);
	it->staff = col(st, 2);
	it->method = col(st, 3);
	it->path = col(st, 4);
	it->body = col(st, 5);
	it->key = col(st, 6);
	it->label = col(st, 7);
	it->attempts = sq->column_int(st, 8);
	it->created_at = (time_t)sq->column_int64(st, 9);
	it->next_at = (time_t)sq->column_int64(st, 10);
	it->error = col(st, 11);
	it->result = col(st, 12);
}

void
outbox_item_clear(struct outbox_item *it)
{
	free(it->staff);
	free(it->method);
	free(it->path);
	free(it->body);
	free(it->key);
	free(it->label);
	free(it->error);
	free(it->result);
	memset(it, 0, sizeof *it);
}

/* Steps a query expected to give at most one row into it. */
static int
one(struct outbox *o, struct outbox_item *it, const char *sql,
    const char *fmt, ...)
{
	sqlite3_stmt	*st;
	va_list		 ap;
	int		 rc;

	va_start(ap, fmt);
	st = prepare(o, sql, fmt, ap);
	va_end(ap);
	if (st == NULL)
		return (-1);
	rc = sq->step(st);
	if (rc == SQLITE_ROW)
		fill(st, it);
	sq->finalize(st);
	return (rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1);
}

int
outbox_next(struct outbox *o, const char *staff, time_t now,
    struct outbox_item *it)
{
	memset(it, 0, sizeof *it);
	/* strictly in order: the oldest pending item, only once it is due */
	return (one(o, it, "SELECT " COLS " FROM outbox WHERE state = 0 AND "
	    "staff = ? AND id = (SELECT min(id) FROM outbox WHERE state = 0 "
	    "AND staff = ?) AND next_at <= ?", "ttl", staff, staff,
	    (long long)now));
}

int
outbox_waiting(struct outbox *o, const char *method, const char *path,
    struct outbox_item *it)
{
	memset(it, 0, sizeof *it);
	return (one(o, it, "SELECT " COLS " FROM outbox WHERE state < 2 AND "
	    "method = ? AND path = ? ORDER BY id DESC LIMIT 1", "tt", method,
	    path));
}

time_t
outbox_next_due(struct outbox *o, const char *staff)
{
	struct outbox_item	it;
	time_t			due = 0;

	memset(&it, 0, sizeof it);
	if (one(o, &it, "SELECT " COLS " FROM outbox WHERE state = 0 AND "
	    "staff = ? ORDER BY id LIMIT 1", "t", staff) == 1)
		due = it.next_at > 0 ? it.next_at : 1;
	outbox_item_clear(&it);
	return (due);
}

int
outbox_done(struct outbox *o, long long id, const char *result)
{
	/* the body (personal data) goes as soon as the server has it */
	return (run(o, "UPDATE outbox SET state = 2, body = '', result = ?, "
	    "attempts = attempts + 1, error = '' WHERE id = ?", "tl", result,
	    id));
}

int
outbox_fail(struct outbox *o, long long id, const char *error)
{
	return (run(o, "UPDATE outbox SET state = 1, error = ?, attempts = "
	    "attempts + 1 WHERE id = ?", "tl", error, id));
}

int
outbox_defer(struct outbox *o, long long id, time_t next_at,
    const char *error)
{
	return (run(o, "UPDATE outbox SET next_at = ?, error = ?, attempts = "
	    "attempts + 1 WHERE id = ?", "ltl", (long long)next_at, error,
	    id));
}

int
outbox_wake(struct outbox *o, const char *staff)
{
	return (run(o, "UPDATE outbox SET next_at = 0 WHERE state = 0 AND "
	    "staff = ?", "t", staff));
}

int
outbox_retry(struct outbox *o, long long id)
{
	log_info("outbox: item %lld to be sent again", id);
	return (run(o, "UPDATE outbox SET state = 0, next_at = 0 WHERE id = ? "
	    "AND state = 1", "l", id));
}

int
outbox_discard(struct outbox *o, long long id)
{
	log_info("outbox: item %lld discarded", id);
	return (run(o, "DELETE FROM outbox WHERE id = ? AND state <> 0", "l",
	    id));
}

int
outbox_counts(struct outbox *o, int *pending, int *failed, int *done)
{
	sqlite3_stmt	*st;
	int		*out[3] = { pending, failed, done }, i;

	for (i = 0; i < 3; i++) {
		if (out[i] != NULL)
			*out[i] = 0;
	}
	if (sq->prepare_v2(o->db, "SELECT state, count(*) FROM outbox "
	    "GROUP BY state", -1, &st, NULL) != SQLITE_OK)
		return (-1);
	while (sq->step(st) == SQLITE_ROW) {
		i = sq->column_int(st, 0);
		if (i >= 0 && i < 3 && out[i] != NULL)
			*out[i] = sq->column_int(st, 1);
	}
	sq->finalize(st);
	return (0);
}

int
outbox_list(struct outbox *o, struct outbox_item *items, int max)
{
	sqlite3_stmt	*st;
	int		 n = 0;

	if (sq->prepare_v2(o->db, "SELECT " COLS " FROM outbox ORDER BY "
	    "state = 2, id DESC LIMIT ?", -1, &st, NULL) != SQLITE_OK)
		return (0);
	sq->bind_int(st, 1, max);
	while (n < max && sq->step(st) == SQLITE_ROW)
		fill(st, &items[n++]);
	sq->finalize(st);
	return (n);
}

int
outbox_expire(struct outbox *o, time_t now, time_t age)
{
	return (run(o, "DELETE FROM outbox WHERE state = 2 AND created_at < ?",
	    "l", (long long)(now - age)));
}
