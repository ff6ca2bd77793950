/* Choosing a back end, opening a database with its migrations, and the
 * connection of each worker thread. The back ends are reached from
 * here only, through their ops. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "db-backend.h"
#include "db.h"
#include "db-open.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

static char			*db_target;
static char			*db_pass;
static pthread_mutex_t		 db_list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db		*db_list;
static _Thread_local struct db	*db_mine;

/* The back end a target names, and the part it is given. */
static const struct db_ops *
db_backend(const char *target, const char **rest)
{
	*rest = target;
	if (strncmp(target, "postgresql://", 13) == 0 ||
	    strncmp(target, "postgres://", 11) == 0)
		return (&db_pg_ops);
	if (strncmp(target, "sqlite:", 7) == 0)
		*rest = target + 7;
	return (&db_sqlite_ops);
}

void
db_configure(const char *target)
{
	free(db_target);
	db_target = xstrdup(target);
}

void
db_set_password(const char *password)
{
	if (db_pass != NULL)
		explicit_bzero(db_pass, strlen(db_pass));
	free(db_pass);
	db_pass = password != NULL ? xstrdup(password) : NULL;
}

struct db *
db_open(const char *target, char **cause)
{
	const struct db_ops	*ops;
	const char		*rest;
	struct db		*db;

	ops = db_backend(target, &rest);
	if (*rest == '\0') {
		*cause = xstrdup("no database given");
		return (NULL);
	}
	if ((db = ops->open(rest, db_pass, cause)) == NULL)
		return (NULL);
	if (ops->migrate(db, cause) != 0) {
		db_close(db);
		return (NULL);
	}
	return (db);
}

struct db *
db_thread(void)
{
	char	*cause = NULL;

	if (db_mine != NULL) {
		db_mine->lost = 0;
		db_mine->busy = 0;
		return (db_mine->ops->check(db_mine) == 0 ? db_mine : NULL);
	}
	if ((db_mine = db_open(db_target, &cause)) == NULL) {
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
	free(db_target);
	db_target = NULL;
}
