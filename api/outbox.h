/*
 * The outbox: submissions kept in a local SQLite database (WAL,
 * synchronous=FULL, 0600) from the moment the clerk submits until the
 * server has acknowledged them. Each carries the Idempotency-Key made
 * when it was saved, so a retry can never apply it twice.
 */
#ifndef API_OUTBOX_H
#define API_OUTBOX_H

#include <time.h>

#define OUTBOX_CAP	500	/* pending and failed items at most */

enum outbox_state {
	OUTBOX_PENDING,
	OUTBOX_FAILED,		/* final: the server refused it */
	OUTBOX_DONE		/* acknowledged; the reply is kept */
};

struct outbox_item {
	long long		 id;
	enum outbox_state	 state;
	char			*staff;		/* who submitted it */
	char			*method;
	char			*path;
	char			*body;		/* "" once done */
	char			*key;		/* Idempotency-Key */
	char			*label;		/* for the clerk */
	int			 attempts;
	time_t			 created_at;
	time_t			 next_at;
	char			*error;		/* last failure, or "" */
	char			*result;	/* the reply once done, or "" */
};

struct outbox;

/* Opens (creates) the database. A damaged file is moved aside (kept for
 * support) and a new one started: *warning then says so (caller frees).
 * NULL and *cause when no database can be had at all. */
struct outbox	*outbox_open(const char *path, char **warning, char **cause);
void		 outbox_close(struct outbox *);
/* The database itself, for the catalog cache kept beside the outbox. */
struct sqlite3	*outbox_db(struct outbox *);
/* Saves a submission, committed before it returns: the id (> 0), 0 when
 * the outbox is full (nothing saved), -1 on a storage error (*cause).
 * A key saved before returns that item's id: one key, one submission. */
long long	 outbox_add(struct outbox *, const char *staff,
		    const char *method, const char *path, const char *body,
		    const char *key, const char *label, char **cause);
/* The oldest pending item of staff that is due at now; 1 found, 0 none,
 * -1 error. */
int		 outbox_next(struct outbox *, const char *staff, time_t now,
		    struct outbox_item *);
/* The newest item still waiting or refused (not done) of any staff
 * sent as method to path: 1 found, 0 none, -1 error. */
int		 outbox_waiting(struct outbox *, const char *method,
		    const char *path, struct outbox_item *);
/* The soonest time a pending item of staff is due, or 0 when none. */
time_t		 outbox_next_due(struct outbox *, const char *staff);
int		 outbox_done(struct outbox *, long long id, const char *result);
int		 outbox_fail(struct outbox *, long long id, const char *error);
int		 outbox_defer(struct outbox *, long long id, time_t next_at,
		    const char *error);
/* Makes every pending item of staff due now (the link came back). */
int		 outbox_wake(struct outbox *, const char *staff);
/* A failed item back to pending, same key; or one removed for good. */
int		 outbox_retry(struct outbox *, long long id);
int		 outbox_discard(struct outbox *, long long id);
/* Counts by state (any may be NULL). */
int		 outbox_counts(struct outbox *, int *pending, int *failed,
		    int *done);
/* Up to max items, newest first; returns how many. */
int		 outbox_list(struct outbox *, struct outbox_item *, int max);
/* Deletes acknowledged items older than age seconds: their personal
 * data has no business staying on the counter PC. */
int		 outbox_expire(struct outbox *, time_t now, time_t age);
void		 outbox_item_clear(struct outbox_item *);

#endif
