/* Hash-chained audit rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

/* The chained hash of a row: the previous hash and every field, each
 * length-prefixed so that no two rows serialize alike. */
static void
row_hash(const char *prev, const char *at, long long staff_id,
    const char *username, const char *action, const char *object,
    const char *detail, const char *addr, char *out)
{
	const char	*fields[7];
	char		 sid[24];
	struct buf	 b;
	size_t		 i;

	snprintf(sid, sizeof sid, "%lld", staff_id);
	fields[0] = prev;
	fields[1] = at;
	fields[2] = sid;
	fields[3] = username != NULL ? username : "";
	fields[4] = action;
	fields[5] = object;
	fields[6] = detail;
	buf_init(&b);
	for (i = 0; i < 7; i++)
		buf_printf(&b, "%zu:%s;", strlen(fields[i]), fields[i]);
	buf_printf(&b, "%zu:%s;", strlen(addr), addr);
	auth_sha256_hex(b.data, b.len, out);
	buf_free(&b);
}

int
audit_write(struct db *db, long long staff_id, const char *username,
    const char *action, const char *object, const char *detail,
    const char *addr)
{
	sqlite3_stmt	*st;
	char		 prev[65] = "", hash[65], at[32];
	int		 own = 0, rc;

	if (sqlite3_get_autocommit(db_handle(db))) {
		if (db_begin(db) != 0)
			return (-1);
		own = 1;
	}
	rc = db_query(db, &st, "SELECT hash FROM audit ORDER BY id DESC "
	    "LIMIT 1", "");
	if (rc == 1)
		snprintf(prev, sizeof prev, "%s", db_text(st, 0));
	sqlite3_reset(st);
	if (rc < 0)
		goto fail;
	clock_rfc3339(clock_now(), at);
	row_hash(prev, at, staff_id, username, action, object, detail,
	    addr, hash);
	if (db_exec(db, "INSERT INTO audit (at, staff_id, username, action, "
	    "object, detail, addr, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    "tLtttttt", at, staff_id, username, action, object, detail, addr,
	    hash) != 0)
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
audit_verify(struct db *db, long long *rows, char **cause)
{
	sqlite3_stmt	*st;
	char		 prev[65] = "", hash[65];
	int		 rc;

	*rows = 0;
	st = db_stmt(db, "SELECT id, at, staff_id, username, action, object, "
	    "detail, addr, hash FROM audit ORDER BY id");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row_hash(prev, db_text(st, 1), sqlite3_column_int64(st, 2),
		    db_text(st, 3), db_text(st, 4), db_text(st, 5),
		    db_text(st, 6), db_text(st, 7), hash);
		if (strcmp(hash, db_text(st, 8)) != 0) {
			*cause = xasprintf("audit row %lld does not match the "
			    "chain: it or the row before it was changed or "
			    "deleted", (long long)sqlite3_column_int64(st, 0));
			sqlite3_reset(st);
			return (-1);
		}
		memcpy(prev, hash, sizeof prev);
		(*rows)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		*cause = xasprintf("reading the audit trail: %s", db_error(db));
		return (-1);
	}
	return (0);
}
