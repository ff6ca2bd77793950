/*
 * The server's storage, one interface over two back ends: SQLite (the
 * default: one file, one connection per worker thread, WAL) and
 * PostgreSQL (one connection per worker thread, for several processes
 * on one database). Routes see statements, rows and transactions only.
 *
 * SQL is written once, in the subset both speak: ?N or ? placeholders
 * (rewritten to $N for PostgreSQL), RETURNING for new ids, ON CONFLICT
 * for upserts. A trailing FOR UPDATE locks the rows it reads on
 * PostgreSQL; SQLite drops it, its BEGIN IMMEDIATE already holding the
 * whole database.
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

/* A write transaction: BEGIN IMMEDIATE on SQLite (one writer at a
 * time); on PostgreSQL READ COMMITTED holding a lock every write
 * transaction of every process takes, so writers take turns there too.
 * 0 or -1. */
int		 db_begin(struct db *);
int		 db_commit(struct db *);
void		 db_rollback(struct db *);
int		 db_in_transaction(struct db *);
/* Takes a lock until the transaction ends; 0 or -1. */
int		 db_lock(struct db *, enum db_lock);
/* A lock named by a string, held by this connection until unlocked or
 * closed: 1 taken, 0 held by another connection, -1 error. Other
 * processes see it on PostgreSQL; SQLite has one process per file. */
int		 db_try_lock(struct db *, const char *name);
void		 db_unlock(struct db *, const char *name);

/* Runs a statement with no result rows and the given binds; fmt has
 * one letter per bind: 't' text (const char *, NULL binds null), 'd'
 * int, 'l' long long, 'L' long long with 0 binding null, 'n' null (no
 * argument). */
int		 db_exec(struct db *, const char *sql, const char *fmt, ...);
int		 db_vexec(struct db *, const char *sql, const char *fmt,
		     va_list);
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
