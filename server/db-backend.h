/*
 * What a storage back end provides to db.c, which keeps what both share:
 * the per-thread connections, the statement cache and the binders.
 * Only db.c and the db-*.c back ends include this.
 */
#ifndef SERVER_DB_BACKEND_H
#define SERVER_DB_BACKEND_H

#include "db.h"

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

enum db_command { DB_BEGIN, DB_COMMIT, DB_ROLLBACK };

struct db_ops {
	const char	*name;
	/* Connects; NULL and *cause on error. */
	struct db	*(*open)(const char *target, char **cause);
	void		 (*close)(struct db *);
	/* Applies the migrations the database lacks. */
	int		 (*migrate)(struct db *, char **cause);
	int		 (*version)(struct db *);
	/* Before a request: 0 when usable, reconnecting if need be. */
	int		 (*check)(struct db *);
	struct db_stmt	*(*prepare)(struct db *, const char *sql);
	void		 (*finalize)(struct db_stmt *);
	void		 (*bind)(struct db_stmt *, int, const struct db_value *);
	int		 (*step)(struct db_stmt *);
	void		 (*reset)(struct db_stmt *);
	int		 (*null)(struct db_stmt *, int);
	long long	 (*integer)(struct db_stmt *, int);
	const char	*(*text)(struct db_stmt *, int);
	const void	*(*blob)(struct db_stmt *, int, size_t *);
	int		 (*command)(struct db *, enum db_command);
	int		 (*in_transaction)(struct db *);
	int		 (*lock)(struct db *, long long key);
	int		 (*try_lock)(struct db *, long long key);
	void		 (*unlock)(struct db *, long long key);
	int		 (*script)(struct db *, const char *sql);
	const char	*(*error)(struct db *);
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

/* The part of a connection db.c knows; a back end's own struct starts
 * with it. */
struct db {
	const struct db_ops	*ops;
	struct db_cached	*cache;
	size_t			 ncache;
	enum db_fault		 fault;
	int			 lost;
	struct db		*next;	/* in the list of thread connections */
};

struct db_stmt {
	struct db	*db;
};

struct db_copy {
	struct db	*db;
};

extern const struct db_ops	db_sqlite_ops;
extern const struct db_ops	db_pg_ops;

/* The password db_set_password() gave, or NULL. */
const char	*db_password(void);

/* Sets up the common part of a new connection. */
void	db_init(struct db *, const struct db_ops *);

#endif
