/* SQLite connections, migrations and the per-connection statement cache. */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "migrations.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

struct cached {
	const char	*sql;
	sqlite3_stmt	*stmt;
};

struct db {
	sqlite3		*handle;
	struct cached	*cache;
	size_t		 ncache;
	struct db	*next;		/* in the list of thread connections */
};

static char			*db_path;
static pthread_mutex_t		 db_list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db		*db_list;
static _Thread_local struct db	*db_mine;

void
db_configure(const char *path)
{
	free(db_path);
	db_path = xstrdup(path);
}

static int
db_pragmas(sqlite3 *h, char **cause)
{
	char	*err = NULL;

	sqlite3_busy_timeout(h, 5000);
	if (sqlite3_exec(h, "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=FULL;"
	    "PRAGMA foreign_keys=ON;", NULL, NULL, &err) != SQLITE_OK) {
		*cause = xasprintf("%s", err != NULL ? err : "pragma failed");
		sqlite3_free(err);
		return (-1);
	}
	return (0);
}

/* Applies the migrations this file has not seen yet, each in its own
 * transaction together with its user_version bump. */
static int
db_migrate(struct db *db, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 have, i;
	char		*err = NULL, *sql;
	int		 rc;

	st = db_stmt(db, "PRAGMA user_version");
	if (sqlite3_step(st) != SQLITE_ROW) {
		*cause = xasprintf("reading schema version: %s", db_error(db));
		return (-1);
	}
	have = (size_t)sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (have > migrations_count()) {
		*cause = xasprintf("database schema %zu is newer than this "
		    "server (%zu)", have, migrations_count());
		return (-1);
	}
	for (i = have; i < migrations_count(); i++) {
		sql = xasprintf("BEGIN IMMEDIATE; %s; PRAGMA user_version=%zu;"
		    " COMMIT;", migrations_get(i), i + 1);
		rc = sqlite3_exec(db->handle, sql, NULL, NULL, &err);
		free(sql);
		if (rc != SQLITE_OK) {
			*cause = xasprintf("migration %zu: %s", i + 1, err);
			sqlite3_free(err);
			sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
			return (-1);
		}
		log_info("database migrated to schema %zu", i + 1);
	}
	return (0);
}

struct db *
db_open(const char *path, char **cause)
{
	struct db	*db;
	sqlite3		*h = NULL;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*cause = xasprintf("%s: %s", path, h != NULL ?
		    sqlite3_errmsg(h) : "cannot open");
		sqlite3_close(h);
		return (NULL);
	}
	db = xcalloc(1, sizeof *db);
	db->handle = h;
	if (db_pragmas(h, cause) != 0 || db_migrate(db, cause) != 0) {
		db_close(db);
		return (NULL);
	}
	return (db);
}

void
db_close(struct db *db)
{
	size_t	i;

	if (db == NULL)
		return;
	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].stmt);
	free(db->cache);
	sqlite3_close(db->handle);
	free(db);
}

struct db *
db_thread(void)
{
	char	*cause = NULL;

	if (db_mine != NULL)
		return (db_mine);
	if ((db_mine = db_open(db_path, &cause)) == NULL) {
		log_info("opening the database: %s", cause);
		free(cause);
		return (NULL);
	}
	pthread_mutex_lock(&db_list_lock);
	db_mine->next = db_list;
	db_list = db_mine;
	pthread_mutex_unlock(&db_list_lock);
	return (db_mine);
}

void
db_close_all(void)
{
	struct db	*db, *next;

	pthread_mutex_lock(&db_list_lock);
	for (db = db_list; db != NULL; db = next) {
		next = db->next;
		db_close(db);
	}
	db_list = NULL;
	pthread_mutex_unlock(&db_list_lock);
	free(db_path);
	db_path = NULL;
}

sqlite3 *
db_handle(struct db *db)
{
	return (db->handle);
}

int
db_schema_version(struct db *db)
{
	sqlite3_stmt	*st;
	int		 v = -1;

	st = db_stmt(db, "PRAGMA user_version");
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return (v);
}

sqlite3_stmt *
db_stmt(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	size_t		 i;

	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			st = db->cache[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return (st);
		}
	}
	if (sqlite3_prepare_v3(db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st, NULL) != SQLITE_OK)
		fatal("preparing statement: %s: %s", sqlite3_errmsg(db->handle),
		    sql);
	db->cache = xreallocarray(db->cache, db->ncache + 1,
	    sizeof *db->cache);
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].stmt = st;
	db->ncache++;
	return (st);
}

static const char *const sql_begin = "BEGIN IMMEDIATE";
static const char *const sql_commit = "COMMIT";
static const char *const sql_rollback = "ROLLBACK";

static int
db_simple(struct db *db, const char *sql)
{
	sqlite3_stmt	*st = db_stmt(db, sql);
	int		 rc = sqlite3_step(st);

	sqlite3_reset(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

int
db_begin(struct db *db)
{
	return (db_simple(db, sql_begin));
}

int
db_commit(struct db *db)
{
	if (db_simple(db, sql_commit) == 0)
		return (0);
	log_info("commit failed: %s", db_error(db));
	db_rollback(db);
	return (-1);
}

void
db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->handle))
		db_simple(db, sql_rollback);
}

static void
db_bindv(sqlite3_stmt *st, const char *fmt, va_list ap)
{
	const char	*s;
	long long	 ll;
	int		 i;

	for (i = 1; *fmt != '\0'; fmt++, i++) {
		switch (*fmt) {
		case 't':
			s = va_arg(ap, const char *);
			if (s == NULL)
				sqlite3_bind_null(st, i);
			else
				sqlite3_bind_text(st, i, s, -1,
				    SQLITE_TRANSIENT);
			break;
		case 'd':
			sqlite3_bind_int(st, i, va_arg(ap, int));
			break;
		case 'l':
			sqlite3_bind_int64(st, i, va_arg(ap, long long));
			break;
		case 'L':
			ll = va_arg(ap, long long);
			if (ll == 0)
				sqlite3_bind_null(st, i);
			else
				sqlite3_bind_int64(st, i, ll);
			break;
		case 'n':
			sqlite3_bind_null(st, i);
			break;
		default:
			fatal("bad bind format '%c'", *fmt);
		}
	}
}

/* The cached statement for sql with the binds of fmt applied. */
static sqlite3_stmt *
db_bound(struct db *db, const char *sql, const char *fmt, va_list ap)
{
	sqlite3_stmt	*st = db_stmt(db, sql);

	db_bindv(st, fmt, ap);
	return (st);
}

int
db_exec(struct db *db, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt	*st;
	va_list		 ap;
	int		 rc;

	va_start(ap, fmt);
	st = db_bound(db, sql, fmt, ap);
	va_end(ap);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_info("statement failed: %s", db_error(db));
		return (-1);
	}
	return (0);
}

int
db_query(struct db *db, sqlite3_stmt **out, const char *sql,
    const char *fmt, ...)
{
	va_list		 ap;
	int		 rc;

	va_start(ap, fmt);
	*out = db_bound(db, sql, fmt, ap);
	va_end(ap);
	rc = sqlite3_step(*out);
	if (rc == SQLITE_ROW)
		return (1);
	if (rc == SQLITE_DONE)
		return (0);
	log_info("query failed: %s", db_error(db));
	return (-1);
}

const char *
db_text(sqlite3_stmt *st, int col)
{
	const unsigned char	*s = sqlite3_column_text(st, col);

	return (s != NULL ? (const char *)s : "");
}

const char *
db_error(struct db *db)
{
	return (sqlite3_errmsg(db->handle));
}
