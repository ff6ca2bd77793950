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
#include "http.h"
#include "idempotency.h"
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
replay(struct req *r, sqlite3_stmt *st)
{
	const void	*body = sqlite3_column_blob(st, 6);
	size_t		 len = (size_t)sqlite3_column_bytes(st, 6);
	char		*copy = xmalloc(len + 1);

	if (len > 0)
		memcpy(copy, body, len);
	copy[len] = '\0';
	reply_raw(r, sqlite3_column_int(st, 2),
	    sqlite3_column_type(st, 3) == SQLITE_NULL ? NULL :
	    db_text(st, 3), copy, len);
	if (sqlite3_column_type(st, 4) != SQLITE_NULL)
		reply_header(r, MHD_HTTP_HEADER_LOCATION, db_text(st, 4));
	if (sqlite3_column_type(st, 5) != SQLITE_NULL)
		reply_header(r, MHD_HTTP_HEADER_ETAG, db_text(st, 5));
	reply_header(r, "Idempotent-Replayed", "true");
}

/* 409 for a request whose twin is still running. */
static int
in_progress(struct req *r)
{
	reply_problem(r, 409, "idempotency-in-progress", "Request in progress",
	    "相同的请求正在处理", NULL);
	reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1");
	r->idem_stored = -1;
	return (-1);
}

/* The stored record of the key, if any: replay or 422 (or 409 for a
 * record still marked running by another process). 1 having replied,
 * 0 when there is none, -1 on error. */
static int
stored(struct req *r)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = db_query(r->db, &st, "SELECT fingerprint, state, status, "
	    "content_type, location, etag, body FROM idempotency WHERE "
	    "staff_id = ? AND key = ?", "lt", r->staff->id, r->idem_key);
	if (rc == 1) {
		if (strcmp(db_text(st, 0), r->idem_print) != 0)
			reply_problem(r, 422, "idempotency-key-reused",
			    "Idempotency key reused",
			    "此 Idempotency-Key 已用于另一个请求", NULL);
		else if (strcmp(db_text(st, 1), "running") == 0) {
			sqlite3_reset(st);
			return (in_progress(r) != 0);
		} else
			replay(r, st);
		r->idem_stored = -1;
	}
	sqlite3_reset(st);
	return (rc);
}

/* Keys being worked on in this process: a request with one of them
 * waits for nothing and gets 409. Kept in memory, as no marker needs
 * to survive a restart (nothing is running after one). */
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

int
idem_begin(struct req *r)
{
	struct running	*s;
	int		 rc;

	fingerprint(r, r->idem_print);
	purge(r->db);
	pthread_mutex_lock(&running_lock);
	if ((s = slot(r->staff->id, r->idem_key, 0)) != NULL) {
		rc = strcmp(s->print, r->idem_print) != 0;
		pthread_mutex_unlock(&running_lock);
		if (!rc)
			return (in_progress(r));
		reply_problem(r, 422, "idempotency-key-reused",
		    "Idempotency key reused",
		    "此 Idempotency-Key 已用于另一个请求", NULL);
		r->idem_stored = -1;
		return (-1);
	}
	if ((rc = stored(r)) == 0 && (s = slot(0, NULL, 1)) != NULL) {
		s->staff = r->staff->id;
		snprintf(s->key, sizeof s->key, "%s", r->idem_key);
		memcpy(s->print, r->idem_print, sizeof s->print);
	}
	pthread_mutex_unlock(&running_lock);
	if (rc == 0 && s == NULL) {
		reply_unavailable(r, "请稍后重试");
		r->idem_stored = -1;
	}
	return (rc == 0 && s != NULL ? 0 : -1);
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

int
idem_store(struct req *r)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (r->idem_stored != 0)
		return (0);
	st = db_stmt(r->db, "INSERT INTO idempotency (status, content_type, "
	    "location, etag, body, staff_id, key, fingerprint, state, "
	    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'done', ?)");
	sqlite3_bind_int(st, 1, r->status);
	if (r->ctype != NULL)
		sqlite3_bind_text(st, 2, r->ctype, -1, SQLITE_TRANSIENT);
	if (header_of(r, MHD_HTTP_HEADER_LOCATION) != NULL)
		sqlite3_bind_text(st, 3, header_of(r,
		    MHD_HTTP_HEADER_LOCATION), -1, SQLITE_TRANSIENT);
	if (header_of(r, MHD_HTTP_HEADER_ETAG) != NULL)
		sqlite3_bind_text(st, 4, header_of(r, MHD_HTTP_HEADER_ETAG),
		    -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob(st, 5, r->out, (int)r->outlen, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, r->staff->id);
	sqlite3_bind_text(st, 7, r->idem_key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, r->idem_print, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 9, clock_now());
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return (-1);
	r->idem_stored = 1;
	return (0);
}

void
idem_finish(struct req *r)
{
	struct running	*s;

	if (r->idem_stored == -1 || r->staff == NULL)
		return;
	if (r->idem_stored == 0 && r->status >= 200 && r->status < 300)
		idem_store(r);
	pthread_mutex_lock(&running_lock);
	if ((s = slot(r->staff->id, r->idem_key, 0)) != NULL)
		memset(s, 0, sizeof *s);
	pthread_mutex_unlock(&running_lock);
}

void
idem_reset(struct db *db)
{
	db_exec(db, "DELETE FROM idempotency WHERE state = 'running'", "");
}
