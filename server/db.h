/*
 * The server's SQLite storage: one connection per worker thread, WAL,
 * synchronous=FULL, every statement prepared once per connection and
 * cached by its SQL text's address.
 */
#ifndef SERVER_DB_H
#define SERVER_DB_H

#include <sqlite3.h>

struct db;

/* Sets the database file every thread opens. */
void		 db_configure(const char *path);
/* Opens (creates) the file and applies migrations; for the main thread
 * before serving. Returns NULL and *cause on error. */
struct db	*db_open(const char *path, char **cause);
void		 db_close(struct db *);
/* This thread's connection, opened on first use; NULL if that failed. */
struct db	*db_thread(void);
/* Closes every connection db_thread() opened; at shutdown only. */
void		 db_close_all(void);
sqlite3		*db_handle(struct db *);
int		 db_schema_version(struct db *);

/* A cached, reset statement for sql, which must be a string constant. */
sqlite3_stmt	*db_stmt(struct db *, const char *sql);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; 0 or -1. */
int		 db_begin(struct db *);
int		 db_commit(struct db *);
void		 db_rollback(struct db *);
/* Runs a statement with no result rows and the given text/int binds;
 * fmt has one letter per bind: 't' text (const char *, NULL binds
 * null), 'd' int, 'l' long long, 'L' long long
 * with 0 binding null, 'n' null (no argument). */
int		 db_exec(struct db *, const char *sql, const char *fmt, ...);
/* Binds like db_exec and steps once: 1 row, 0 done, -1 error. */
int		 db_query(struct db *, sqlite3_stmt **, const char *sql,
		     const char *fmt, ...);
const char	*db_text(sqlite3_stmt *, int col);
const char	*db_error(struct db *);

#endif
