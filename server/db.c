/* What both back ends share: the statement caches and the binders, and
 * the calls of db.h through the connection's back end. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db-backend.h"
#include "db.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

/* Drops the work queued for the commit, running each one's drop. */
static void
db_hooks_drop(struct db *db)
{
	size_t	i;

	for (i = 0; i < db->nhooks; i++) {
		if (db->hooks[i].drop != NULL)
			db->hooks[i].drop(db->hooks[i].arg);
	}
	db->nhooks = 0;
	for (i = 0; i < db->ncommit_sql; i++)
		free(db->commit_sql[i]);
	db->ncommit_sql = 0;
}

void
db_close(struct db *db)
{
	size_t	i;

	if (db == NULL)
		return;
	db_hooks_drop(db);
	free(db->hooks);
	free(db->commit_sql);
	for (i = 0; i < db->ncache; i++)
		db->ops->finalize(db->cache[i].stmt);
	free(db->cache);
	for (i = 0; i < db->ntexts; i++) {
		db->ops->finalize(db->texts[i].stmt);
		free(db->texts[i].sql);
	}
	db->ops->close(db);
}

const char *
db_kind(struct db *db)
{
	return (db->ops->name);
}

int
db_schema_version(struct db *db)
{
	return (db->ops->version(db));
}

struct db_stmt *
db_stmt(struct db *db, const char *sql)
{
	struct db_stmt	*st;
	size_t		 i;

	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			st = db->cache[i].stmt;
			db->ops->reset(st);
			return (st);
		}
	}
	st = db->ops->prepare(db, sql);
	db->cache = xreallocarray(db->cache, db->ncache + 1,
	    sizeof *db->cache);
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].stmt = st;
	db->ncache++;
	return (st);
}

/* The slot for a new text statement: a free one, or the least
 * recently used one's, dropped. */
static struct db_text *
db_text_slot(struct db *db)
{
	struct db_text	*t, *old;
	size_t		 i;

	if (db->ntexts < DB_TEXT_CACHE)
		return (&db->texts[db->ntexts++]);
	old = &db->texts[0];
	for (i = 1; i < db->ntexts; i++) {
		t = &db->texts[i];
		if (t->used < old->used)
			old = t;
	}
	db->ops->drop(old->stmt);
	free(old->sql);
	return (old);
}

struct db_stmt *
db_stmt_text(struct db *db, const char *sql)
{
	struct db_text	*t;
	size_t		 i;

	for (i = 0; i < db->ntexts; i++) {
		t = &db->texts[i];
		if (strcmp(t->sql, sql) == 0) {
			t->used = ++db->uses;
			db->ops->reset(t->stmt);
			return (t->stmt);
		}
	}
	t = db_text_slot(db);
	t->sql = xstrdup(sql);
	t->stmt = db->ops->prepare(db, t->sql);
	t->used = ++db->uses;
	return (t->stmt);
}

void
db_bind_int(struct db_stmt *st, int i, long long v)
{
	struct db_value	val = { .type = DB_TINT, .i = v };

	st->db->ops->bind(st, i, &val);
}

void
db_bind_text(struct db_stmt *st, int i, const char *s)
{
	struct db_value	val = { .type = DB_TTEXT, .is_null = s == NULL,
	    .s = s, .len = s != NULL ? strlen(s) : 0 };

	st->db->ops->bind(st, i, &val);
}

void
db_bind_blob(struct db_stmt *st, int i, const void *p, size_t len)
{
	struct db_value	val = { .type = DB_TBLOB, .s = p, .len = len };

	st->db->ops->bind(st, i, &val);
}

void
db_bind_null(struct db_stmt *st, int i)
{
	struct db_value	val = { .type = DB_TNULL, .is_null = 1 };

	st->db->ops->bind(st, i, &val);
}

/* A failure is logged here, whichever way the statement was run, so
 * that the log holds the database's reason. */
int
db_step(struct db_stmt *st)
{
	int	rc;

	if ((rc = st->db->ops->step(st)) < 0)
		log_info("statement failed: %s", db_error(st->db));
	return (rc);
}

void
db_reset(struct db_stmt *st)
{
	st->db->ops->reset(st);
}

int
db_null(struct db_stmt *st, int col)
{
	return (st->db->ops->null(st, col));
}

long long
db_int(struct db_stmt *st, int col)
{
	return (st->db->ops->integer(st, col));
}

const char *
db_text(struct db_stmt *st, int col)
{
	return (st->db->ops->text(st, col));
}

const void *
db_blob(struct db_stmt *st, int col, size_t *len)
{
	return (st->db->ops->blob(st, col, len));
}

int
db_begin(struct db *db)
{
	db_hooks_drop(db);
	return (db->ops->command(db, DB_BEGIN));
}

int
db_begin_rows(struct db *db)
{
	db_hooks_drop(db);
	return (db->ops->command(db, DB_BEGIN_ROWS));
}

/* Runs the queued work in order; 0, or -1 at the first failure. */
static int
db_hooks_run(struct db *db)
{
	size_t	i;

	for (i = 0; i < db->nhooks; i++) {
		if (db->hooks[i].fn(db, db->hooks[i].arg) != 0)
			return (-1);
	}
	return (0);
}

int
db_commit(struct db *db)
{
	long long	unlock = db->unlock_at_commit;

	if (db_hooks_run(db) == 0 && db->ops->command(db, DB_COMMIT) == 0) {
		db_hooks_drop(db);
		if (db->unlock_at_commit != 0) {
			db->ops->unlock(db, db->unlock_at_commit);
			db->unlocked = db->unlock_at_commit;
			db->unlock_at_commit = 0;
		}
		return (0);
	}
	log_info("commit failed: %s", db_error(db));
	/* a COMMIT that rolled back a transaction a failed statement had
	 * ended still let go of the lock: what it guarded is not run
	 * again */
	if (unlock != 0 && db->unlock_at_commit == 0)
		db->busy = 0;
	db_rollback(db);
	return (-1);
}

void
db_rollback(struct db *db)
{
	db->unlock_at_commit = 0;
	db_hooks_drop(db);
	if (db->ops->in_transaction(db))
		db->ops->command(db, DB_ROLLBACK);
}

int
db_at_commit(struct db *db, int (*fn)(struct db *, void *),
    void (*drop)(void *), void *arg)
{
	if (!db->ops->in_transaction(db))
		return (-1);
	db->hooks = xreallocarray(db->hooks, db->nhooks + 1,
	    sizeof *db->hooks);
	db->hooks[db->nhooks].fn = fn;
	db->hooks[db->nhooks].drop = drop;
	db->hooks[db->nhooks].arg = arg;
	db->nhooks++;
	return (0);
}

int
db_at_commit_sql(struct db *db, const char *sql)
{
	if (!db->ops->in_transaction(db))
		return (-1);
	db->commit_sql = xreallocarray(db->commit_sql, db->ncommit_sql + 1,
	    sizeof *db->commit_sql);
	db->commit_sql[db->ncommit_sql++] = xstrdup(sql);
	return (0);
}

char *
db_quote(struct db *db, const char *s)
{
	if (s == NULL)
		return (xstrdup("NULL"));
	return (db->ops->quote(db, s));
}

int
db_conflict(struct db *db)
{
	if (!db->busy || db->lost || db->ops->in_transaction(db))
		return (0);
	db->busy = 0;
	return (1);
}

int
db_in_transaction(struct db *db)
{
	return (db->ops->in_transaction(db));
}

int
db_lock(struct db *db, enum db_lock which)
{
	return (db->ops->lock(db, (long long)which));
}

/* A lock's 63-bit number from its name (FNV-1a); lock numbers of
 * enum db_lock are small, and a name's is far from them. */
static long long
lock_key(const char *name)
{
	uint64_t	h = 14695981039346656037ULL;

	for (; *name != '\0'; name++) {
		h ^= (unsigned char)*name;
		h *= 1099511628211ULL;
	}
	return ((long long)(h >> 1) | (1LL << 32));
}

int
db_lock_name(struct db *db, const char *name)
{
	return (db->ops->lock(db, lock_key(name)));
}

int
db_try_lock(struct db *db, const char *name)
{
	return (db->ops->try_lock(db, lock_key(name), NULL));
}

int
db_try_lock_then(struct db *db, const char *name, struct db_stmt *st)
{
	return (db->ops->try_lock(db, lock_key(name), st));
}

void
db_unlock(struct db *db, const char *name)
{
	long long	key = lock_key(name);

	if (db->unlocked == key) {
		db->unlocked = 0;
		return;
	}
	db->ops->unlock(db, key);
}

void
db_unlock_at_commit(struct db *db, const char *name)
{
	db->unlock_at_commit = lock_key(name);
}

/* The values of fmt's binds, read from ap into vals (at most max). */
static int
db_values(const char *fmt, va_list ap, struct db_value *vals, int max)
{
	int	n;

	for (n = 0; fmt[n] != '\0'; n++) {
		if (n == max)
			fatal("%s: more than %d binds", __func__, max);
		memset(&vals[n], 0, sizeof vals[n]);
		switch (fmt[n]) {
		case 't':
			vals[n].type = DB_TTEXT;
			vals[n].s = va_arg(ap, const char *);
			vals[n].is_null = vals[n].s == NULL;
			vals[n].len = vals[n].s != NULL ? strlen(vals[n].s) : 0;
			break;
		case 'd':
			vals[n].type = DB_TINT;
			vals[n].i = va_arg(ap, int);
			break;
		case 'l':
		case 'L':
			vals[n].type = DB_TINT;
			vals[n].i = va_arg(ap, long long);
			vals[n].is_null = fmt[n] == 'L' && vals[n].i == 0;
			break;
		case 'n':
			vals[n].type = DB_TNULL;
			vals[n].is_null = 1;
			break;
		default:
			fatal("bad bind format '%c'", fmt[n]);
		}
	}
	return (n);
}

/* The cached statement for sql with the binds of fmt applied. */
static struct db_stmt *
db_bound(struct db *db, const char *sql, const char *fmt, va_list ap)
{
	struct db_stmt	*st = db_stmt(db, sql);
	struct db_value	 vals[32];
	int		 i, n;

	n = db_values(fmt, ap, vals, 32);
	for (i = 0; i < n; i++)
		db->ops->bind(st, i + 1, &vals[i]);
	return (st);
}

int
db_exec(struct db *db, const char *sql, const char *fmt, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, fmt);
	rc = db_vexec(db, sql, fmt, ap);
	va_end(ap);
	return (rc);
}

int
db_vexec(struct db *db, const char *sql, const char *fmt, va_list ap)
{
	struct db_stmt	*st;
	int		 rc;

	st = db_bound(db, sql, fmt, ap);
	rc = db_step(st);
	db_reset(st);
	return (rc < 0 ? -1 : 0);
}

int
db_later(struct db_stmt *st)
{
	struct db	*db = st->db;
	int		 rc;

	if (db->ops->later == NULL) {
		rc = db_step(st) < 0 ? -1 : 0;
		db_reset(st);
	} else if ((rc = db->ops->later(st)) != 0)
		log_info("statement failed: %s", db_error(db));
	return (rc);
}

struct db_stmt *
db_read_ahead(struct db *db, const char *sql, const char *fmt, ...)
{
	struct db_stmt	*st;
	va_list		 ap;

	va_start(ap, fmt);
	st = db_bound(db, sql, fmt, ap);
	va_end(ap);
	if (db->ops->ahead != NULL)
		db->ops->ahead(st);
	return (st);
}

int
db_exec_later(struct db *db, const char *sql, const char *fmt, ...)
{
	struct db_stmt	*st;
	va_list		 ap;

	va_start(ap, fmt);
	st = db_bound(db, sql, fmt, ap);
	va_end(ap);
	return (db_later(st));
}

int
db_query(struct db *db, struct db_stmt **out, const char *sql,
    const char *fmt, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, fmt);
	rc = db_vquery(db, out, sql, fmt, ap);
	va_end(ap);
	return (rc);
}

int
db_vquery(struct db *db, struct db_stmt **out, const char *sql,
    const char *fmt, va_list ap)
{
	*out = db_bound(db, sql, fmt, ap);
	return (db_step(*out));
}

long long
db_insert(struct db *db, const char *sql, const char *fmt, ...)
{
	struct db_stmt	*st;
	va_list		 ap;
	long long	 id = 0;

	va_start(ap, fmt);
	st = db_bound(db, sql, fmt, ap);
	va_end(ap);
	if (db_step(st) == 1)
		id = db_int(st, 0);
	db_reset(st);
	return (id);
}

int
db_script(struct db *db, const char *sql)
{
	return (db->ops->script(db, sql));
}

const char *
db_error(struct db *db)
{
	return (db->ops->error(db));
}

enum db_fault
db_fault(struct db *db)
{
	return (db->fault);
}

int
db_lost(struct db *db)
{
	return (db->lost);
}

struct db_copy *
db_copy_begin(struct db *db, const char *table, const char *columns)
{
	return (db->ops->copy_begin(db, table, columns));
}

int
db_copy_row(struct db_copy *c, const char *fmt, ...)
{
	struct db_value	 vals[32];
	va_list		 ap;
	int		 n;

	va_start(ap, fmt);
	n = db_values(fmt, ap, vals, 32);
	va_end(ap);
	return (c->db->ops->copy_row(c, vals, n));
}

int
db_copy_end(struct db_copy *c)
{
	return (c->db->ops->copy_end(c));
}

int
db_ids_written(struct db *db)
{
	return (db->ops->ids_written(db));
}
