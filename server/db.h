/*
 * The server's storage, one interface over two back ends: SQLite (the
 * default: one file, one connection per worker thread, WAL) and
 * PostgreSQL (one connection per worker thread, for several processes
 * on one database). Routes see statements, rows and transactions only.
 *
 * SQL is written once, in the subset both speak: ?N or ? placeholders
 * (rewritten to $N for PostgreSQL), RETURNING for new ids, ON CONFLICT
 * for upserts. A trailing FOR UPDATE (and what follows it: SKIP
 * LOCKED) locks the rows it reads on PostgreSQL; SQLite drops it, its
 * BEGIN IMMEDIATE already holding the whole database.
 */
#ifndef SERVER_DB_H
#define SERVER_DB_H

#include <stdarg.h>
#include <stddef.h>

#include "db-types.h"

/* Locks held until the transaction ends; each serialises one thing that
 * needs a total order across processes. */
enum db_lock {
	DB_LOCK_AUDIT = 1	/* the audit trail's hash chain */
};

/* Finalizes the connection's statements and closes it; NULL is
 * nothing. db-open.h opens connections. */
void		 db_close(struct db *);
/* "sqlite" or "postgresql". */
const char	*db_kind(struct db *);
int		 db_schema_version(struct db *);

/* A cached, reset statement for sql, which must be a string constant:
 * the cache knows it by its address. */
struct db_stmt	*db_stmt(struct db *, const char *sql);
/* The same for sql put together at run time from string constants (a
 * list query's, listq.c): the cache knows it by its text and keeps the
 * DB_TEXT_CACHE last used; the statement returned stays valid until
 * that many others were asked for. Never a value in sql: bind it. */
struct db_stmt	*db_stmt_text(struct db *, const char *sql);
/* Binds parameter i (from 1); a NULL text binds null. */
void		 db_bind_int(struct db_stmt *, int, long long);
void		 db_bind_text(struct db_stmt *, int, const char *);
void		 db_bind_blob(struct db_stmt *, int, const void *, size_t);
void		 db_bind_null(struct db_stmt *, int);
/* Runs the statement on the first call, then moves to the next row:
 * 1 a row, 0 done, -1 error. */
int		 db_step(struct db_stmt *);
/* Ends the statement's run; its binds are cleared by the next
 * db_stmt(). */
void		 db_reset(struct db_stmt *);
/* The current row's columns, from 0. Text is "" for null and lives
 * until the next step or reset; a boolean reads as 1 or 0. */
int		 db_null(struct db_stmt *, int);
long long	 db_int(struct db_stmt *, int);
const char	*db_text(struct db_stmt *, int);
const void	*db_blob(struct db_stmt *, int, size_t *);

/* A write transaction that runs alone: BEGIN IMMEDIATE on SQLite (one
 * writer at a time, in turns); on PostgreSQL READ COMMITTED holding a
 * lock every write transaction of every process takes, exclusively, so
 * that it waits for every other writer and they for it. What it reads
 * to decide stays as read until it ends. For the rare writes and for
 * code not written with row locks in mind. 0 or -1. */
int		 db_begin(struct db *);
/* A write transaction that runs beside others of its kind: the same as
 * db_begin() on SQLite; on PostgreSQL READ COMMITTED taking the same
 * lock shared, so that it waits only for a db_begin() transaction. It
 * must lock what it reads to decide before reading it (SELECT ... FOR
 * UPDATE of the row, db_lock_name() for what has no row yet), in one
 * order: the rows of the request, then numbering (sequences), then the
 * locks of evaluation.c; the audit trail's is taken at commit. 0 or
 * -1. */
int		 db_begin_rows(struct db *);
/* Runs the work db_at_commit() queued, then commits; on failure rolls
 * back and returns -1. */
int		 db_commit(struct db *);
/* Rolls back and drops the work queued for the commit. */
void		 db_rollback(struct db *);
int		 db_in_transaction(struct db *);
/* Takes a lock until the transaction ends; 0 or -1. */
int		 db_lock(struct db *, enum db_lock);
/* The same for a lock named by a string ("open:12:34"): the writes of
 * one thing take turns while those of others go on. SQLite has one
 * writer at a time anyway. 0 or -1. */
int		 db_lock_name(struct db *, const char *name);
/* Queues fn(db, arg) for db_commit() to run, in the order queued, just
 * before COMMIT: for work that holds a lock every writer needs (the
 * audit trail's), so that it is held from the last statement to the
 * commit only. A failure of fn rolls the transaction back. drop(arg)
 * runs when the work is done or dropped; drop may be NULL. Outside a
 * transaction, nothing is queued and -1 is returned. */
int		 db_at_commit(struct db *, int (*fn)(struct db *, void *),
		     void (*drop)(void *), void *arg);
/* Queues statements without binds (their values quoted by db_quote())
 * to be sent with the COMMIT, in the same round trip, after the work of
 * db_at_commit() ran: a lock they take is held while the database runs
 * them and commits, not while a reply travels. 0, or -1 outside a
 * transaction. */
int		 db_at_commit_sql(struct db *, const char *sql);
/* s as a string literal of the connection's SQL ("NULL" for NULL); the
 * caller frees it. */
char		*db_quote(struct db *, const char *s);
/* 1, once, when a statement of this request met a lock conflict (a
 * deadlock, a serialization failure, SQLite busy) and the transaction
 * was then rolled back: nothing was written, and the request may run
 * again. */
int		 db_conflict(struct db *);
/* A lock named by a string, held by this connection until unlocked or
 * closed: 1 taken, 0 held by another connection, -1 error. Other
 * processes see it on PostgreSQL; SQLite has one process per file. */
int		 db_try_lock(struct db *, const char *name);
/* The same, and when the lock is taken, st (a read bound by the
 * caller) run after it, its rows then read with db_step(): on
 * PostgreSQL in the lock's round trip. */
int		 db_try_lock_then(struct db *, const char *name,
		     struct db_stmt *st);
void		 db_unlock(struct db *, const char *name);
/* Has the transaction's next db_commit() let go of a lock db_try_lock()
 * took, once the COMMIT succeeded (on PostgreSQL in its round trip); a
 * db_unlock() of it afterwards does nothing. When the commit fails the
 * lock is still held. */
void		 db_unlock_at_commit(struct db *, const char *name);

/* Runs a statement with no result rows and the given binds; fmt has
 * one letter per bind: 't' text (const char *, NULL binds null), 'd'
 * int, 'l' long long, 'L' long long with 0 binding null, 'n' null (no
 * argument). */
int		 db_exec(struct db *, const char *sql, const char *fmt, ...);
int		 db_vexec(struct db *, const char *sql, const char *fmt,
		     va_list);
/* db_exec() for a write the transaction reads nothing from before its
 * next statement: on PostgreSQL, inside a transaction, it is sent with
 * that statement (or the COMMIT) in one round trip, and if it fails,
 * that one fails with its error. Elsewhere it runs at once. */
int		 db_exec_later(struct db *, const char *sql, const char *fmt,
		     ...);
/* The same for a statement bound by the caller (db_stmt()), which is
 * reset. */
int		 db_later(struct db_stmt *);
/* Binds like db_exec and sends the read ahead: on PostgreSQL it goes
 * with the next statement run or read, in one round trip, and
 * db_step() then reads its rows; reads sent together are answered
 * together. Elsewhere db_step() runs it. Until it is stepped or reset,
 * its statement must not be asked for again. */
struct db_stmt	*db_read_ahead(struct db *, const char *sql, const char *fmt,
		     ...);
/* Binds like db_exec and steps once: 1 row, 0 done, -1 error. */
int		 db_query(struct db *, struct db_stmt **, const char *sql,
		     const char *fmt, ...);
int		 db_vquery(struct db *, struct db_stmt **, const char *sql,
		     const char *fmt, va_list);
/* Runs an INSERT ... RETURNING id with db_exec's binds: the new row's
 * id, or 0 on error. */
long long	 db_insert(struct db *, const char *sql, const char *fmt, ...);
/* Runs statements separated by semicolons, without binds. */
int		 db_script(struct db *, const char *sql);
const char	*db_error(struct db *);
/* How the last statement failed. */
enum db_fault	 db_fault(struct db *);
/* 1 when the connection broke during this request: its outcome is
 * unknown, so the request is answered 503. */
int		 db_lost(struct db *);

/* Many rows into one table, faster than one INSERT each (COPY on
 * PostgreSQL); inside the caller's transaction. columns is the
 * comma-separated list the rows follow, fmt as for db_exec. */
struct db_copy	*db_copy_begin(struct db *, const char *table,
		     const char *columns);
int		 db_copy_row(struct db_copy *, const char *fmt, ...);
/* Finishes the copy; 0 or -1 with the first error. */
int		 db_copy_end(struct db_copy *);
/* After rows were written with explicit ids: new rows' ids follow them,
 * and PostgreSQL's planner learns the tables' new sizes. */
int		 db_ids_written(struct db *);

#endif
