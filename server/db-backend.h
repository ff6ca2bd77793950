/*
 * What a storage back end provides to db.c, which keeps what both share
 * (the statement caches and the binders), and to db-open.c, which
 * chooses a back end and keeps each worker thread's connection. Only
 * those and the db-*.c back ends include this; a back end calls
 * neither of them.
 */
#ifndef SERVER_DB_BACKEND_H
#define SERVER_DB_BACKEND_H

#include <string.h>

#include "db-types.h"

/* One bound value; a null keeps the type it stands for, which
 * PostgreSQL needs to plan a statement. */
enum db_type { DB_TNULL, DB_TINT, DB_TTEXT, DB_TBLOB };

struct db_value {
	enum db_type	 type;
	int		 is_null;
	long long	 i;
	const char	*s;
	size_t		 len;
};

/* DB_BEGIN runs alone, DB_BEGIN_ROWS beside others of its kind
 * (db.h). */
enum db_command { DB_BEGIN, DB_BEGIN_ROWS, DB_COMMIT, DB_ROLLBACK };

/* Work for db_commit() to run before COMMIT (db_at_commit()). */
struct db_hook {
	int		 (*fn)(struct db *, void *);
	void		 (*drop)(void *);
	void		*arg;
};

struct db_ops {
	const char	*name;
	/* Connects, with a password or NULL; NULL and *cause on error. */
	struct db	*(*open)(const char *target, const char *password,
			     char **cause);
	void		 (*close)(struct db *);
	/* Applies the migrations the database lacks. */
	int		 (*migrate)(struct db *, char **cause);
	int		 (*version)(struct db *);
	/* Before a request: 0 when usable, reconnecting if need be. */
	int		 (*check)(struct db *);
	struct db_stmt	*(*prepare)(struct db *, const char *sql);
	void		 (*finalize)(struct db_stmt *);
	/* Finalizes a statement the connection goes on without: on
	 * PostgreSQL its server side is deallocated too. */
	void		 (*drop)(struct db_stmt *);
	void		 (*bind)(struct db_stmt *, int, const struct db_value *);
	int		 (*step)(struct db_stmt *);
	/* Runs a bound write whose result is not read, perhaps later
	 * (db_exec_later()); NULL: stepped at once. 0 or -1. */
	int		 (*later)(struct db_stmt *);
	/* Sends a bound read ahead (db_read_ahead()); NULL: it runs
	 * when stepped. */
	void		 (*ahead)(struct db_stmt *);
	void		 (*reset)(struct db_stmt *);
	int		 (*null)(struct db_stmt *, int);
	long long	 (*integer)(struct db_stmt *, int);
	const char	*(*text)(struct db_stmt *, int);
	const void	*(*blob)(struct db_stmt *, int, size_t *);
	/* DB_COMMIT sends the base's commit_sql before its COMMIT, in
	 * one round trip, and fails if one of them fails. A back end that
	 * lets go of unlock_at_commit itself moves it to unlocked. */
	int		 (*command)(struct db *, enum db_command);
	int		 (*in_transaction)(struct db *);
	int		 (*lock)(struct db *, long long key);
	/* then, a read bound by the caller or NULL, runs after the lock
	 * is taken (its rows read by step), in the same round trip where
	 * the back end can. */
	int		 (*try_lock)(struct db *, long long key,
			     struct db_stmt *then);
	void		 (*unlock)(struct db *, long long key);
	int		 (*script)(struct db *, const char *sql);
	const char	*(*error)(struct db *);
	char		*(*quote)(struct db *, const char *);
	struct db_copy	*(*copy_begin)(struct db *, const char *table,
			     const char *columns);
	int		 (*copy_row)(struct db_copy *,
			     const struct db_value *, int n);
	int		 (*copy_end)(struct db_copy *);
	int		 (*ids_written)(struct db *);
};

struct db_cached {
	const char	*sql;
	struct db_stmt	*stmt;
};

/* A statement cached by its text (db_stmt_text()); used is when it
 * was last wanted, to drop the least recently used. */
struct db_text {
	char			*sql;
	struct db_stmt		*stmt;
	unsigned long long	 used;
};

/* The part of a connection db.c knows; a back end's own struct starts
 * with it. */
struct db {
	const struct db_ops	*ops;
	struct db_cached	*cache;
	size_t			 ncache;
	struct db_text		 texts[DB_TEXT_CACHE];
	size_t			 ntexts;
	unsigned long long	 uses;
	enum db_fault		 fault;
	int			 lost;
	int			 busy;	/* a DB_BUSY fault since db_thread() */
	struct db_hook		*hooks;	/* db_at_commit()'s, in order */
	size_t			 nhooks;
	char			**commit_sql;	/* db_at_commit_sql()'s */
	size_t			 ncommit_sql;
	long long		 unlock_at_commit;	/* a lock's key, or 0 */
	long long		 unlocked;	/* let go of by the commit */
	struct db		*next;	/* in the list of thread connections */
	struct db		*idle;	/* in the requests' idle ones */
};

struct db_stmt {
	struct db	*db;
};

struct db_copy {
	struct db	*db;
};

extern const struct db_ops	db_sqlite_ops;
extern const struct db_ops	db_pg_ops;

/* Sets up the common part of a new connection. */
static inline void
db_init(struct db *db, const struct db_ops *ops)
{
	memset(db, 0, sizeof *db);
	db->ops = ops;
}

#endif
