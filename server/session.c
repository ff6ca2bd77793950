/* Checking a request's bearer token: the session it names, alive and
 * of an active account, becomes the request's staff. */
#include <string.h>
#include <strings.h>
#include <time.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "reply.h"
#include "req.h"
#include "session.h"
#include "../util/xmalloc.h"

/* last_seen is written at most once a minute, not on every request. */
#define SESSION_TOUCH_SECONDS	60

struct staff *
session_staff(struct db_stmt *st, int first, const char *counter)
{
	struct staff	*s = xcalloc(1, sizeof *s);

	s->id = db_int(st, first);
	s->username = xstrdup(db_text(st, first + 1));
	s->name = xstrdup(db_text(st, first + 2));
	s->role = xstrdup(db_text(st, first + 3));
	s->centre_id = db_int(st, first + 4);
	s->centre_name = xstrdup(db_text(st, first + 5));
	s->counter = counter != NULL && *counter != '\0' ? xstrdup(counter) :
	    NULL;
	return (s);
}

int
session_token_hash(struct req *r, char *hash)
{
	const char	*h = req_header(r, MHD_HTTP_HEADER_AUTHORIZATION);
	size_t		 i;

	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return (-1);
	h += 7;
	if (strlen(h) != 64)
		return (-1);
	for (i = 0; i < 64; i++) {
		if (!((h[i] >= '0' && h[i] <= '9') ||
		    (h[i] >= 'a' && h[i] <= 'f')))
			return (-1);
	}
	auth_sha256_hex(h, 64, hash);
	return (0);
}

/* 401, telling a client that sent a token that it was refused. */
static int
unauthorized(struct req *r, const char *detail)
{
	reply_problem(r, 401, "unauthorized", "Authentication required",
	    detail, NULL);
	if (req_header(r, MHD_HTTP_HEADER_AUTHORIZATION) != NULL)
		reply_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
		    "Bearer realm=\"bianmin\", error=\"invalid_token\"");
	return (-1);
}

int
session_authenticate(struct req *r)
{
	struct db_stmt	*st;
	char		 hash[65];
	time_t		 now = clock_now(), created, seen;
	int		 rc;

	/* no token at all: the 401 says enough */
	if (session_token_hash(r, hash) != 0)
		return (unauthorized(r, "需要登录"));
	rc = db_query(r->db, &st, "SELECT st.id, st.username, st.name, "
	    "st.role, st.centre_id, c.name, s.counter, s.created_at, "
	    "s.last_seen, st.must_change_password FROM sessions s JOIN staff "
	    "st ON st.id = s.staff_id "
	    "LEFT JOIN centres c ON c.id = st.centre_id WHERE "
	    "s.token_hash = ? AND st.active = 1", "t", hash);
	if (rc != 1) {
		db_reset(st);
		req_note(r, "refused: no such session");
		return (unauthorized(r, "会话不存在或已结束"));
	}
	r->staff = session_staff(st, 0, db_text(st, 6));
	created = db_int(st, 7);
	seen = db_int(st, 8);
	r->staff->must_change = db_int(st, 9) != 0;
	db_reset(st);
	if (now - seen > SESSION_IDLE_SECONDS ||
	    now - created > SESSION_ABSOLUTE_SECONDS) {
		db_exec(r->db, "DELETE FROM sessions WHERE token_hash = ?", "t",
		    hash);
		req_note(r, "refused: the session of %s expired",
		    r->staff->username);
		auth_staff_free(r->staff);
		r->staff = NULL;
		return (unauthorized(r, "会话已过期"));
	}
	if (now - seen >= SESSION_TOUCH_SECONDS)
		db_exec(r->db, "UPDATE sessions SET last_seen = ? WHERE "
		    "token_hash = ?", "lt", (long long)now, hash);
	return (0);
}
