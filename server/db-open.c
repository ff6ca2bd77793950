/* Choosing a back end, opening a database with its migrations, and the
 * connection of each worker thread. The back ends are reached from
 * here only, through their ops. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Requests take turns in the order they came, whichever connection or
 * thread they are on: at most limit run, the others wait in a queue,
 * each on a condition of its own. A request that ends hands its turn
 * to the first in the queue and wakes that one alone: a condition all
 * of them waited on woke every waiter at every turn, and the turns
 * cost more than the requests once the clients outnumbered them. */
struct turn_wait {
	pthread_cond_t		 cond;
	int			 given;
	struct turn_wait	*next;
};
static pthread_mutex_t		 turn_lock = PTHREAD_MUTEX_INITIALIZER;
static struct turn_wait		*turn_first, **turn_last = &turn_first;
static unsigned			 turn_running, turn_limit = 16;
static struct db		*db_idle;	/* last used first */

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

unsigned
db_default_request_limit(const char *target)
{
	const char	*rest;
	long		 cpus;

	if (db_backend(target, &rest) != &db_pg_ops)
		return (16);
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	return (cpus < 2 ? 4 : cpus > 32 ? 64 : (unsigned)cpus * 2);
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

/* A connection opened for serving, in the list closed at shutdown. */
static struct db *
open_listed(void)
{
	struct db	*db;
	char		*cause = NULL;

	if ((db = db_open(db_target, &cause)) == NULL) {
		log_info("opening the database: %s", cause);
		free(cause);
		return (NULL);
	}
	pthread_mutex_lock(&db_list_lock);
	db->next = db_list;
	db_list = db;
	pthread_mutex_unlock(&db_list_lock);
	return (db);
}

/* A connection about to serve: its faults forgotten, and reconnected
 * if the database went away. */
static int
ready(struct db *db)
{
	db->lost = 0;
	db->busy = 0;
	db->unlock_at_commit = 0;
	db->unlocked = 0;
	return (db->ops->check(db));
}

struct db *
db_thread(void)
{
	if (db_mine == NULL && (db_mine = open_listed()) == NULL)
		return (NULL);
	return (ready(db_mine) == 0 ? db_mine : NULL);
}

void
db_set_request_limit(unsigned n)
{
	turn_limit = n > 0 ? n : 1;
}

struct db *
db_request(void)
{
	struct turn_wait	 w;
	struct db		*db;

	pthread_mutex_lock(&turn_lock);
	if (turn_first == NULL && turn_running < turn_limit)
		turn_running++;
	else {
		pthread_cond_init(&w.cond, NULL);
		w.given = 0;
		w.next = NULL;
		*turn_last = &w;
		turn_last = &w.next;
		while (!w.given)
			pthread_cond_wait(&w.cond, &turn_lock);
		pthread_cond_destroy(&w.cond);
	}
	if ((db = db_idle) != NULL)
		db_idle = db->idle;
	pthread_mutex_unlock(&turn_lock);
	if ((db == NULL && (db = open_listed()) == NULL) || ready(db) != 0) {
		db_request_done(db);	/* kept: it reconnects next time */
		return (NULL);
	}
	return (db);
}

void
db_request_done(struct db *db)
{
	struct turn_wait	*w;

	pthread_mutex_lock(&turn_lock);
	if (db != NULL) {
		db->idle = db_idle;
		db_idle = db;
	}
	if ((w = turn_first) != NULL) {
		/* the turn passes on: as many run as before */
		if ((turn_first = w->next) == NULL)
			turn_last = &turn_first;
		w->given = 1;
		pthread_cond_signal(&w->cond);
	} else
		turn_running--;
	pthread_mutex_unlock(&turn_lock);
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
