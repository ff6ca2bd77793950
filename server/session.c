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

/* A kiosk's session (docs/api.md 25): 1 with r->staff set to the
 * kiosk, role kiosk and staff id 0; 0 when the token is not a kiosk's;
 * -1 having replied 401 for an expired one. */
static int
kiosk_session(struct req *r, const char *hash)
{
	struct db_stmt	*st;
	time_t		 now = clock_now();

	if (db_query(r->db, &st, "SELECT k.id, k.username, k.name, "
	    "k.centre_id, c.name, s.created_at FROM kiosk_sessions s JOIN "
	    "kiosks k ON k.id = s.kiosk_id JOIN centres c ON c.id = "
	    "k.centre_id WHERE s.token_hash = ? AND k.active = 1", "t",
	    hash) != 1) {
		db_reset(st);
		return (0);
	}
	r->staff = xcalloc(1, sizeof *r->staff);
	r->staff->kiosk_id = db_int(st, 0);
	r->staff->username = xstrdup(db_text(st, 1));
	r->staff->name = xstrdup(db_text(st, 2));
	r->staff->role = xstrdup("kiosk");
	r->staff->centre_id = db_int(st, 3);
	r->staff->centre_name = xstrdup(db_text(st, 4));
	if (now - db_int(st, 5) > KIOSK_SESSION_SECONDS) {
		db_reset(st);
		db_exec(r->db, "DELETE FROM kiosk_sessions WHERE token_hash = "
		    "?", "t", hash);
		req_note(r, "refused: the session of kiosk %s expired",
		    r->staff->username);
		auth_staff_free(r->staff);
		r->staff = NULL;
		return (unauthorized(r, "会话已过期"));
	}
	db_reset(st);
	return (1);
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
		if ((rc = kiosk_session(r, hash)) != 0)
			return (rc > 0 ? 0 : -1);
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
