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

void
audit_hash(const char *prev, long long id, const char *at,
    long long staff_id, const char *username, const char *action,
    const char *object, const char *detail, const char *addr, char *out)
{
	struct buf	b;

	buf_init(&b);
	buf_adds(&b, prev[0] != '\0' ? prev : ZERO_HASH);
	buf_printf(&b, "[%lld,", id);
	canon_string(&b, at);
	if (staff_id != 0)
		buf_printf(&b, ",%lld,", staff_id);
	else
		buf_adds(&b, ",null,");
	canon_string(&b, username);
	buf_adds(&b, ",");
	canon_string(&b, action);
	buf_adds(&b, ",");
	canon_string(&b, object);
	buf_adds(&b, ",");
	canon_string(&b, detail);
	buf_adds(&b, ",");
	canon_string(&b, addr);
	buf_adds(&b, "]");
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

int
audit_write(struct db *db, long long staff_id, const char *username,
    const char *action, const char *object, const char *detail,
    const char *addr)
{
	struct db_stmt	*st;
	char		 prev[65] = "", hash[65], at[32];
	char		*user, *obj, *text;
	long long	 id = 1;
	int		 own = 0, rc;

	if (!db_in_transaction(db)) {
		if (db_begin(db) != 0)
			return (-1);
		own = 1;
	}
	/* the chain's order is global: with several processes on one
	 * database, one appends at a time until its transaction ends */
	if (db_lock(db, DB_LOCK_AUDIT) != 0)
		goto fail;
	rc = db_query(db, &st, "SELECT id, hash FROM audit ORDER BY id DESC "
	    "LIMIT 1", "");
	if (rc == 1) {
		id = db_int(st, 0) + 1;
		snprintf(prev, sizeof prev, "%s", db_text(st, 1));
	}
	db_reset(st);
	if (rc < 0)
		goto fail;
	user = scrubbed(username);
	obj = scrubbed(object);
	text = scrubbed(detail);
	clock_rfc3339(clock_now(), at);
	audit_hash(prev, id, at, staff_id, user, action, obj, text, addr,
	    hash);
	rc = db_exec(db, "INSERT INTO audit (id, at, staff_id, username, "
	    "action, object, detail, addr, hash) VALUES (?, ?, ?, ?, ?, "
	    "coalesce(?, ''), coalesce(?, ''), ?, ?)", "ltLtttttt", id, at,
	    staff_id, user, action, obj, text, addr, hash);
	free(user);
	free(obj);
	free(text);
	if (rc != 0)
		goto fail;
	if (own)
		return (db_commit(db));
	return (0);
fail:
	if (own)
		db_rollback(db);
	return (-1);
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
