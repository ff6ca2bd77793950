/* Hash-chained audit rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "route.h"
#include "../util/buf.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

#define ZERO_HASH \
	"0000000000000000000000000000000000000000000000000000000000000000"

/* A JSON string as RFC 8785 writes it: only ", \ and C0 escaped. */
static void
canon_string(struct buf *b, const char *s)
{
	static const char	hexd[] = "0123456789abcdef";
	unsigned char		c;

	if (s == NULL || *s == '\0') {
		buf_adds(b, "null");
		return;
	}
	buf_adds(b, "\"");
	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c == '\b')
			buf_adds(b, "\\b");
		else if (c == '\t')
			buf_adds(b, "\\t");
		else if (c == '\n')
			buf_adds(b, "\\n");
		else if (c == '\f')
			buf_adds(b, "\\f");
		else if (c == '\r')
			buf_adds(b, "\\r");
		else if (c < 0x20)
			buf_printf(b, "\\u00%c%c", hexd[c >> 4], hexd[c & 15]);
		else
			buf_add(b, s, 1);
	}
	buf_adds(b, "\"");
}

/* The canonical form of a row after its id: what is hashed after the
 * previous row's hash and "[id,". */
static void
canon_rest(struct buf *b, const char *at, long long staff_id,
    const char *username, const char *action, const char *object,
    const char *detail, const char *addr)
{
	canon_string(b, at);
	if (staff_id != 0)
		buf_printf(b, ",%lld,", staff_id);
	else
		buf_adds(b, ",null,");
	canon_string(b, username);
	buf_adds(b, ",");
	canon_string(b, action);
	buf_adds(b, ",");
	canon_string(b, object);
	buf_adds(b, ",");
	canon_string(b, detail);
	buf_adds(b, ",");
	canon_string(b, addr);
	buf_adds(b, "]");
}

void
audit_hash(const char *prev, long long id, const char *at,
    long long staff_id, const char *username, const char *action,
    const char *object, const char *detail, const char *addr, char *out)
{
	struct buf	b;

	buf_init(&b);
	buf_adds(&b, prev[0] != '\0' ? prev : ZERO_HASH);
	buf_printf(&b, "[%lld,", id);
	canon_rest(&b, at, staff_id, username, action, object, detail, addr);
	auth_sha256_hex(b.data, b.len, out);
	buf_free(&b);
}

/* A copy of free text with every ID and phone number in it masked, as
 * in a log line (docs/api.md 14); NULL for none. */
static char *
scrubbed(const char *s)
{
	char	*copy;

	if (s == NULL || *s == '\0')
		return (NULL);
	copy = xstrdup(s);
	log_scrub(copy);
	return (copy);
}

/* A row waiting for the commit of the transaction that wrote it. */
struct audit_row {
	long long	 staff_id;
	char		*user, *action, *object, *detail, *addr;
};

static void
audit_row_free(void *arg)
{
	struct audit_row	*a = arg;

	free(a->user);
	free(a->action);
	free(a->object);
	free(a->detail);
	free(a->addr);
	free(a);
}

/* On PostgreSQL the row goes with the COMMIT, in its round trip
 * (db_at_commit_sql()), by audit_append() (migrations-pg.c): the
 * chain's lock is taken there, the row's id and hash (sha256() over the
 * same canonical form) are made there from the chain's end, and the
 * lock is held while the database inserts and commits, never while a
 * reply travels or this process waits for a CPU. */
static int
audit_append_sql(struct db *db, struct audit_row *a, const char *at)
{
	struct buf	 rest;
	char		*v[7], *sql, staff[24];
	int		 i, rc;

	_Static_assert(DB_LOCK_AUDIT == 1, "audit_append() locks 1");
	buf_init(&rest);
	canon_rest(&rest, at, a->staff_id, a->user, a->action, a->object,
	    a->detail, a->addr);
	if (a->staff_id != 0)
		snprintf(staff, sizeof staff, "%lld", a->staff_id);
	else
		snprintf(staff, sizeof staff, "NULL");
	v[0] = db_quote(db, at);
	v[1] = db_quote(db, a->user);
	v[2] = db_quote(db, a->action);
	v[3] = db_quote(db, a->object);
	v[4] = db_quote(db, a->detail);
	v[5] = db_quote(db, a->addr);
	v[6] = db_quote(db, rest.data);
	sql = xasprintf("SELECT audit_append(%s, %s, %s, %s, %s, %s, %s, %s)",
	    v[0], staff, v[1], v[2], v[3], v[4], v[5], v[6]);
	rc = db_at_commit_sql(db, sql);
	free(sql);
	for (i = 0; i < 7; i++)
		free(v[i]);
	buf_free(&rest);
	return (rc);
}

/* Appends the row at the chain's end, holding the chain's lock until
 * the commit that follows: the chain's order is global, so with
 * several writers on one database one appends at a time. Run by
 * db_commit() after every other statement of the transaction, so that
 * the lock is held from here to the commit only (on PostgreSQL, for
 * the commit's own round trip only). */
static int
audit_append(struct db *db, void *arg)
{
	struct audit_row	*a = arg;
	struct db_stmt		*st;
	char			 prev[65] = "", hash[65], at[32];
	long long		 id = 1;
	int			 rc;

	clock_rfc3339(clock_now(), at);
	if (strcmp(db_kind(db), "postgresql") == 0)
		return (audit_append_sql(db, a, at));
	if (db_lock(db, DB_LOCK_AUDIT) != 0)
		return (-1);
	rc = db_query(db, &st, "SELECT id, hash FROM audit ORDER BY id DESC "
	    "LIMIT 1", "");
	if (rc == 1) {
		id = db_int(st, 0) + 1;
		snprintf(prev, sizeof prev, "%s", db_text(st, 1));
	}
	db_reset(st);
	if (rc < 0)
		return (-1);
	audit_hash(prev, id, at, a->staff_id, a->user, a->action, a->object,
	    a->detail, a->addr, hash);
	return (db_exec(db, "INSERT INTO audit (id, at, staff_id, username, "
	    "action, object, detail, addr, hash) VALUES (?, ?, ?, ?, ?, "
	    "coalesce(?, ''), coalesce(?, ''), ?, ?)", "ltLtttttt", id, at,
	    a->staff_id, a->user, a->action, a->object, a->detail, a->addr,
	    hash));
}

int
audit_write(struct db *db, long long staff_id, const char *username,
    const char *action, const char *object, const char *detail,
    const char *addr)
{
	struct audit_row	*a;
	int			 own = 0;

	a = xcalloc(1, sizeof *a);
	a->staff_id = staff_id;
	a->user = scrubbed(username);
	a->action = action != NULL ? xstrdup(action) : NULL;
	a->object = scrubbed(object);
	a->detail = scrubbed(detail);
	a->addr = addr != NULL ? xstrdup(addr) : NULL;
	if (!db_in_transaction(db)) {
		if (db_begin_rows(db) != 0) {
			audit_row_free(a);
			return (-1);
		}
		own = 1;
	}
	if (db_at_commit(db, audit_append, audit_row_free, a) != 0) {
		audit_row_free(a);
		if (own)
			db_rollback(db);
		return (-1);
	}
	if (own)
		return (db_commit(db));
	return (0);
}

int
audit_req(struct req *r, const char *action, const char *object,
    const char *detail)
{
	return (audit_write(r->db, r->staff != NULL ? r->staff->id : 0,
	    r->staff != NULL ? r->staff->username : NULL, action, object,
	    detail, r->addr));
}

/* Checks one page of the chain from the row after *last; the rows it
 * read, or -1 with *cause. */
static int
verify_page(struct db *db, long long *last, char *prev, char **cause)
{
	struct db_stmt	*st;
	char		 hash[65];
	long long	 id;
	int		 rc, n = 0;

	rc = db_query(db, &st, "SELECT id, at, staff_id, username, action, "
	    "object, detail, addr, hash FROM audit WHERE id > ? ORDER BY id "
	    "LIMIT 5000", "l", *last);
	for (; rc == 1; rc = db_step(st), n++) {
		id = db_int(st, 0);
		audit_hash(prev, id, db_text(st, 1), db_int(st, 2),
		    db_null(st, 3) ? NULL : db_text(st, 3), db_text(st, 4),
		    db_text(st, 5), db_text(st, 6), db_text(st, 7), hash);
		if (id != *last + 1 || strcmp(hash, db_text(st, 8)) != 0) {
			*cause = xasprintf("audit row %lld does not match the "
			    "chain: it or a row before it was changed, removed "
			    "or reordered", id != *last + 1 ? *last + 1 : id);
			db_reset(st);
			return (-1);
		}
		memcpy(prev, hash, 65);
		*last = id;
	}
	db_reset(st);
	if (rc < 0) {
		*cause = xasprintf("reading the audit trail: %s", db_error(db));
		return (-1);
	}
	return (n);
}

int
audit_verify(struct db *db, long long *rows, char **cause)
{
	char	prev[65] = "";
	int	n;

	*rows = 0;
	while ((n = verify_page(db, rows, prev, cause)) > 0)
		;
	return (n < 0 ? -1 : 0);
}
