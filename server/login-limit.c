/* The login throttle: failed logins per name and per address. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "login-limit.h"
#include "reply.h"
#include "req.h"
#include "../util/xmalloc.h"

#define WINDOW_SECONDS		(15 * 60)
#define MAX_USER_FAILURES	5
#define MAX_ADDR_FAILURES	20

/* It may be an ID number or a password typed into the wrong field. */
char *
login_masked_name(const char *typed)
{
	size_t	n = 1;

	while (typed[n] != '\0' && ((unsigned char)typed[n] & 0xc0) == 0x80)
		n++;
	return (xasprintf("%.*s***", (int)n, typed));
}

/* The throttle's key for a typed name: its hash, so that the table
 * keeps no name that is no account (and no password typed as one). */
static void
name_key(const char *typed, char *key)
{
	auth_sha256_hex(typed, strlen(typed), key);
}

void
login_count_failure(struct req *r, const char *username)
{
	char	 key[65];
	time_t	 now = clock_now();

	name_key(username, key);
	db_exec(r->db, "DELETE FROM login_failures WHERE at <= ?", "l",
	    (long long)now - WINDOW_SECONDS);
	db_exec(r->db, "INSERT INTO login_failures (at, username, addr) "
	    "VALUES (?, ?, ?)", "ltt", (long long)now, key, r->addr);
}

/* Failures in the window for one username or address: their count and
 * when the oldest leaves the window. */
static long long
failures(struct req *r, const char *sql, const char *key, long long now,
    long long *until)
{
	struct db_stmt	*st;
	long long	 n = 0;

	if (db_query(r->db, &st, sql, "tl", key, now - WINDOW_SECONDS) == 1) {
		n = db_int(st, 0);
		*until = db_int(st, 1) + WINDOW_SECONDS;
	}
	db_reset(st);
	return (n);
}

int
login_throttled(struct req *r, const char *username, int known)
{
	long long	now = clock_now(), until = 0, u2 = 0;
	char		retry[24], key[65], *name;

	name_key(username, key);
	if (failures(r, "SELECT count(*), min(at) FROM login_failures WHERE "
	    "username = ? AND at > ?", key, now, &until) <
	    MAX_USER_FAILURES && failures(r, "SELECT count(*), min(at) FROM "
	    "login_failures WHERE addr = ? AND at > ?", r->addr, now, &u2) <
	    MAX_ADDR_FAILURES)
		return (0);
	if (u2 > until)
		until = u2;
	name = known ? xstrdup(username) : login_masked_name(username);
	audit_write(r->db, 0, NULL, "login_throttled", NULL, name, r->addr);
	req_note(r, "login throttled: %s", name);
	free(name);
	reply_problem(r, 429, "too-many-requests", "Too many requests",
	    "登录失败次数过多，请稍后再试", NULL);
	snprintf(retry, sizeof retry, "%lld", until > now ? until - now : 1);
	reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, retry);
	return (1);
}
