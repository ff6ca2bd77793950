/* The idempotency store, a table beside the data it protects. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "idempotency.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define PURGE_EVERY	3600

static _Atomic long long last_purge;

/* Appends one query argument as k=v&. */
static enum MHD_Result
add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct buf	*b = cls;

	(void)kind;
	buf_printf(b, "%s=%s&", key, value != NULL ? value : "");
	return (MHD_YES);
}

/* SHA-256 of the method, the path with its query, and the body's hash. */
static void
fingerprint(struct req *r, char *out)
{
	struct buf	b;
	char		body[65];

	auth_sha256_hex(r->body.data != NULL ? r->body.data : "", r->body.len,
	    body);
	buf_init(&b);
	buf_printf(&b, "%s\n%s?", r->method, r->url);
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, add_arg, &b);
	buf_printf(&b, "\n%s", body);
	auth_sha256_hex(b.data, b.len, out);
	buf_free(&b);
}

/* Drops records past the retention time, at most once an hour. */
static void
purge(struct db *db)
{
	long long	now = clock_now(), last = atomic_load(&last_purge);

	if (now - last < PURGE_EVERY ||
	    !atomic_compare_exchange_strong(&last_purge, &last, now))
		return;
	db_exec(db, "DELETE FROM idempotency WHERE state = 'done' AND "
	    "created_at < ?", "l", now - IDEM_KEEP_SECONDS);
}

/* Answers from the stored record st points at. */
static void
replay(struct req *r, struct db_stmt *st)
{
	size_t		 len;
	const void	*body = db_blob(st, 6, &len);
	char		*copy = xmalloc(len + 1);

	if (len > 0)
		memcpy(copy, body, len);
	copy[len] = '\0';
	reply_raw(r, (int)db_int(st, 2), db_null(st, 3) ? NULL :
	    db_text(st, 3), copy, len);
	if (!db_null(st, 4))
		reply_header(r, MHD_HTTP_HEADER_LOCATION, db_text(st, 4));
	if (!db_null(st, 5))
		reply_header(r, MHD_HTTP_HEADER_ETAG, db_text(st, 5));
	reply_header(r, "Idempotent-Replayed", "true");
	req_note(r, "replay of key %.8s...", r->idem_key);
}

/* 409 for a request whose twin is still running. */
static int
in_progress(struct req *r)
{
	reply_problem(r, 409, "idempotency-in-progress", "Request in progress",
	    "相同的请求正在处理", NULL);
	reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1");
	req_note(r, "key %.8s... still running", r->idem_key);
	r->idem_stored = -1;
	return (-1);
}

/* 422 for a key seen with another request. */
static int
reused(struct req *r)
{
	reply_problem(r, 422, "idempotency-key-reused",
	    "Idempotency key reused", "此 Idempotency-Key 已用于另一个请求",
	    NULL);
	req_note(r, "refused: key %.8s... was used for another request",
	    r->idem_key);
	r->idem_stored = -1;
	return (-1);
}

/* The stored record of the key, if any, from st (its read, bound):
 * replay or 422 (or 409 for a record still marked running by another
 * process). 1 having replied, 0 when there is none, -1 on error. */
static int
stored(struct req *r, struct db_stmt *st)
{
	int	rc;

	if ((rc = db_step(st)) == 1) {
		if (strcmp(db_text(st, 0), r->idem_print) != 0)
			reused(r);
		else if (strcmp(db_text(st, 1), "running") == 0) {
			db_reset(st);
			return (in_progress(r) != 0);
		} else
			replay(r, st);
		r->idem_stored = -1;
	}
	db_reset(st);
	return (rc);
}

/* Keys being worked on in this process: a request with one of them
 * waits for nothing and gets 409. Kept in memory, as no marker needs
 * to survive a restart (nothing is running after one); other processes
 * on the same database are seen through the lock idem_begin() takes,
 * which their connection loses when they die. */
static struct running {
	long long	 staff;
	char		 key[65];
	char		 print[65];
} running[256];
static pthread_mutex_t	running_lock = PTHREAD_MUTEX_INITIALIZER;

/* The slot of (staff, key), or a free one when want_free; NULL if none. */
static struct running *
slot(long long staff, const char *key, int want_free)
{
	size_t	i;

	for (i = 0; i < sizeof running / sizeof *running; i++) {
		if (want_free ? running[i].staff == 0 : (running[i].staff ==
		    staff && strcmp(running[i].key, key) == 0))
			return (&running[i]);
	}
	return (NULL);
}

/* Marks (staff, key) running in this process: 0, or -1 having replied
 * 409 or 422 when it already runs here, 503 when every slot is busy. */
static int
claim(struct req *r)
{
	struct running	*s;
	int		 other;

	pthread_mutex_lock(&running_lock);
	if ((s = slot(r->staff->id, r->idem_key, 0)) != NULL) {
		other = strcmp(s->print, r->idem_print) != 0;
		pthread_mutex_unlock(&running_lock);
		return (other ? reused(r) : in_progress(r));
	}
	if ((s = slot(0, NULL, 1)) != NULL) {
		s->staff = r->staff->id;
		snprintf(s->key, sizeof s->key, "%s", r->idem_key);
		memcpy(s->print, r->idem_print, sizeof s->print);
	}
	pthread_mutex_unlock(&running_lock);
	if (s == NULL) {
		reply_unavailable(r, "请稍后重试");
		r->idem_stored = -1;
		return (-1);
	}
	return (0);
}

/* Frees the slot claim() took. */
static void
unclaim(struct req *r)
{
	struct running	*s;

	pthread_mutex_lock(&running_lock);
	if ((s = slot(r->staff->id, r->idem_key, 0)) != NULL)
		memset(s, 0, sizeof *s);
	pthread_mutex_unlock(&running_lock);
}

/* The database lock that stands for (staff, key) across processes. */
static void
lock_name(struct req *r, char *out, size_t len)
{
	snprintf(out, len, "idempotency:%lld:%s", r->staff->id, r->idem_key);
}

int
idem_begin(struct req *r)
{
	struct db_stmt	*st;
	char		 name[128];
	int		 rc;

	fingerprint(r, r->idem_print);
	purge(r->db);
	if (claim(r) != 0)
		return (-1);
	/* another process may run the same key: its lock says so, and it
	 * stores the reply before letting go, so the record's read, after
	 * the lock in the same round trip, sees it */
	lock_name(r, name, sizeof name);
	st = db_stmt(r->db, "SELECT fingerprint, state, status, "
	    "content_type, location, etag, body FROM idempotency WHERE "
	    "staff_id = ? AND key = ?");
	db_bind_int(st, 1, r->staff->id);
	db_bind_text(st, 2, r->idem_key);
	if ((rc = db_try_lock_then(r->db, name, st)) != 1) {
		db_reset(st);
		unclaim(r);
		if (rc == 0)
			return (in_progress(r));
		reply_unavailable(r, NULL);
		r->idem_stored = -1;
		return (-1);
	}
	if ((rc = stored(r, st)) == 0)
		return (0);
	db_unlock(r->db, name);
	unclaim(r);
	if (rc < 0) {
		reply_unavailable(r, NULL);
		r->idem_stored = -1;
	}
	return (-1);
}

/* The value of a reply header, or NULL. */
static const char *
header_of(struct req *r, const char *name)
{
	int	i;

	for (i = 0; i < r->nheaders; i++) {
		if (strcasecmp(r->hname[i], name) == 0)
			return (r->hvalue[i]);
	}
	return (NULL);
}

/* Stores the reply inside the caller's open transaction; 0 or -1. */
static int
idem_store(struct req *r)
{
	struct db_stmt	*st;

	if (r->idem_stored != 0)
		return (0);
	st = db_stmt(r->db, "INSERT INTO idempotency (status, content_type, "
	    "location, etag, body, staff_id, key, fingerprint, state, "
	    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'done', ?)");
	db_bind_int(st, 1, r->status);
	db_bind_text(st, 2, r->ctype);
	db_bind_text(st, 3, header_of(r, MHD_HTTP_HEADER_LOCATION));
	db_bind_text(st, 4, header_of(r, MHD_HTTP_HEADER_ETAG));
	/* a secret shown once is not kept (reply_replay_body()) */
	if (r->replay != NULL)
		db_bind_blob(st, 5, r->replay, strlen(r->replay));
	else
		db_bind_blob(st, 5, r->out, r->outlen);
	db_bind_int(st, 6, r->staff->id);
	db_bind_text(st, 7, r->idem_key);
	db_bind_text(st, 8, r->idem_print);
	db_bind_int(st, 9, clock_now());
	/* inside the transaction it goes with the COMMIT */
	if (db_later(st) != 0)
		return (-1);
	r->idem_stored = 1;
	return (0);
}

int
idem_commit(struct req *r)
{
	char	name[128];

	if (r->idem_key != NULL && r->status >= 200 && r->status < 300 &&
	    idem_store(r) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, "请求未能保存");
		req_note(r, "not saved: its key could not be stored");
		return (-1);
	}
	/* the key's lock goes with the COMMIT that stored its reply:
	 * idem_finish()'s db_unlock() then has nothing to do */
	if (r->idem_key != NULL && r->idem_stored != -1) {
		lock_name(r, name, sizeof name);
		db_unlock_at_commit(r->db, name);
	}
	if (db_commit(r->db) != 0) {
		r->idem_stored = 0;
		reply_unavailable(r, "请求未能保存");
		req_note(r, "not saved: the commit failed");
		return (-1);
	}
	return (0);
}

void
idem_finish(struct req *r)
{
	char	name[128];

	if (r->idem_stored == -1 || r->staff == NULL)
		return;
	if (r->idem_stored == 0 && r->status >= 200 && r->status < 300)
		idem_store(r);
	lock_name(r, name, sizeof name);
	db_unlock(r->db, name);
	unclaim(r);
}

void
idem_reset(struct db *db)
{
	db_exec(db, "DELETE FROM idempotency WHERE state = 'running'", "");
}
