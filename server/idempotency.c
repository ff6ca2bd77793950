/* The idempotency store, a table beside the data it protects. */
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

/* The key is taken: replay, 422 or 409 from its record. */
static int
taken(struct req *r)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = db_query(r->db, &st, "SELECT fingerprint, state, status, "
	    "content_type, location, etag, body FROM idempotency WHERE "
	    "staff_id = ? AND key = ?", "lt", r->staff->id, r->idem_key);
	if (rc != 1)
		reply_unavailable(r, "请稍后重试");
	else if (strcmp(db_text(st, 0), r->idem_print) != 0)
		reply_problem(r, 422, "idempotency-key-reused",
		    "Idempotency key reused",
		    "此 Idempotency-Key 已用于另一个请求", NULL);
	else if (strcmp(db_text(st, 1), "running") == 0) {
		reply_problem(r, 409, "idempotency-in-progress",
		    "Request in progress", "相同的请求正在处理", NULL);
		reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1");
	} else
		replay(r, st);
	sqlite3_reset(st);
	r->idem_stored = -1;
	return (-1);
}

int
idem_begin(struct req *r)
{
	sqlite3_stmt	*st;
	int		 rc;

	fingerprint(r, r->idem_print);
	purge(r->db);
	st = db_stmt(r->db, "INSERT INTO idempotency (staff_id, key, "
	    "fingerprint, state, created_at) VALUES (?, ?, ?, 'running', ?) "
	    "ON CONFLICT DO NOTHING");
	sqlite3_bind_int64(st, 1, r->staff->id);
	sqlite3_bind_text(st, 2, r->idem_key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, r->idem_print, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, clock_now());
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		r->idem_stored = -1;
		reply_unavailable(r, "请稍后重试");
		return (-1);
	}
	if (sqlite3_changes(db_handle(r->db)) == 0)
		return (taken(r));
	return (0);
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
	st = db_stmt(r->db, "UPDATE idempotency SET state = 'done', "
	    "status = ?, content_type = ?, location = ?, etag = ?, body = ? "
	    "WHERE staff_id = ? AND key = ?");
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
	if (r->idem_stored != 0 || r->staff == NULL)
		return;
	if (r->status >= 200 && r->status < 300 && idem_store(r) == 0)
		return;
	db_exec(r->db, "DELETE FROM idempotency WHERE staff_id = ? AND "
	    "key = ? AND state = 'running'", "lt", r->staff->id, r->idem_key);
}

void
idem_reset(struct db *db)
{
	db_exec(db, "DELETE FROM idempotency WHERE state = 'running'", "");
}
