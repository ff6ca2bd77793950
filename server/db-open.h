/*
 * Opening the database: choosing its back end from the target's form,
 * applying migrations, the connections requests take turns with, and
 * one for each thread of its own (the exchange's sender).
 */
#ifndef SERVER_DB_OPEN_H
#define SERVER_DB_OPEN_H

struct db;

/* Sets the database every thread opens: "sqlite:PATH", a bare PATH, or
 * a "postgresql://..." URI. */
void		 db_configure(const char *target);
/* Requests at once when --threads is not given. On SQLite 16: its
 * writers take turns inside the process and a request mostly waits for
 * the disk (docs/benchmarks.md 7). On PostgreSQL twice this machine's
 * CPUs, at least 4: the database works on CPUs too, and transactions
 * beyond them make the holders of its locks wait for one (11). */
unsigned	 db_default_request_limit(const char *target);
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
/* How many requests run at once, each with a connection of its own
 * (--threads); before serving. */
void		 db_set_request_limit(unsigned);
/* A connection for one request, given in the order requests ask: while
 * the limit runs, a request waits its turn. Opened on first use and
 * reopened after the database went away; NULL while it cannot be
 * reached (its turn given up). A connection given is handed back with
 * db_request_done() once the request is answered. */
struct db	*db_request(void);
void		 db_request_done(struct db *);
/* Closes every connection opened here; at shutdown only. */
void		 db_close_all(void);

#endif
