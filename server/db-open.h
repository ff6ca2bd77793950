/*
 * Opening the database: choosing its back end from the target's form,
 * applying migrations, and one connection per worker thread.
 */
#ifndef SERVER_DB_OPEN_H
#define SERVER_DB_OPEN_H

struct db;

/* Sets the database every thread opens: "sqlite:PATH", a bare PATH, or
 * a "postgresql://..." URI. */
void		 db_configure(const char *target);
/* The PostgreSQL password for every connection (from a file, never
 * from the command line); NULL for none. Copied. */
void		 db_set_password(const char *);
/* Opens (creates) target and applies migrations; for the main thread
 * before serving. Returns NULL and *cause on error; db_close() closes
 * it. */
struct db	*db_open(const char *target, char **cause);
/* This thread's connection, opened on first use and reopened after the
 * database went away; NULL while it cannot be reached. */
struct db	*db_thread(void);
/* Closes every connection db_thread() opened; at shutdown only. */
void		 db_close_all(void);

#endif
