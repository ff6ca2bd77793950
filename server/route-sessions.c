/* /api/v1/sessions: login, the current session, logout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

#define IDLE_SECONDS		(15 * 60)
#define ABSOLUTE_SECONDS	(10 * 60 * 60)
#define TOUCH_SECONDS		60

static cJSON *
staff_json(struct req *r, const struct staff *s)
{
	cJSON		*o = cJSON_CreateObject(), *c, *list;
	sqlite3_stmt	*st;
	int		 rc;

	cJSON_AddNumberToObject(o, "id", (double)s->id);
	cJSON_AddStringToObject(o, "username", s->username);
	cJSON_AddStringToObject(o, "name", s->name);
	cJSON_AddStringToObject(o, "role", s->role);
	if (s->centre_id != 0) {
		c = cJSON_AddObjectToObject(o, "centre");
		cJSON_AddNumberToObject(c, "id", (double)s->centre_id);
		cJSON_AddStringToObject(c, "name", s->centre_name);
	} else
		cJSON_AddNullToObject(o, "centre");
	list = cJSON_AddArrayToObject(o, "communities");
	rc = db_query(r->db, &st, "SELECT id, code, name FROM communities "
	    "WHERE ?1 = 0 OR centre_id = ?1 ORDER BY id", "l", s->centre_id);
	while (rc == 1) {
		c = cJSON_CreateObject();
		cJSON_AddNumberToObject(c, "id", sqlite3_column_int64(st, 0));
		cJSON_AddStringToObject(c, "code", db_text(st, 1));
		cJSON_AddStringToObject(c, "name", db_text(st, 2));
		cJSON_AddItemToArray(list, c);
		rc = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_reset(st);
	return (o);
}

static cJSON *
session_json(struct req *r, const struct staff *s, time_t created)
{
	cJSON	*o = cJSON_CreateObject();
	char	 at[32];

	clock_rfc3339(created, at);
	cJSON_AddStringToObject(o, "created_at", at);
	clock_rfc3339(created + ABSOLUTE_SECONDS, at);
	cJSON_AddStringToObject(o, "expires_at", at);
	cJSON_AddNumberToObject(o, "idle_timeout_s", IDLE_SECONDS);
	cJSON_AddStringToObject(o, "counter", s->counter);
	cJSON_AddItemToObject(o, "staff", staff_json(r, s));
	return (o);
}

/* A counter is 1 to 8 letters or digits, as painted above the window. */
static int
counter_ok(const char *s)
{
	size_t	i, n = strlen(s);

	if (n == 0 || n > 8)
		return (0);
	for (i = 0; i < n; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z')))
			return (0);
	}
	return (1);
}

static struct staff *
staff_from_row(sqlite3_stmt *st, int first, const char *counter)
{
	struct staff	*s = xcalloc(1, sizeof *s);

	s->id = sqlite3_column_int64(st, first);
	s->username = xstrdup(db_text(st, first + 1));
	s->name = xstrdup(db_text(st, first + 2));
	s->role = xstrdup(db_text(st, first + 3));
	s->centre_id = sqlite3_column_int64(st, first + 4);
	s->centre_name = xstrdup(db_text(st, first + 5));
	s->counter = xstrdup(counter);
	return (s);
}

static void
login_failed(struct req *r, const char *username)
{
	audit_write(r->db, 0, username, "login_failed", "", "", r->addr);
	reply_problem(r, 401, "invalid-credentials", "Invalid credentials",
	    "The staff name or the password is wrong.", NULL);
}

static void
login(struct req *r)
{
	cJSON		*body, *errors = NULL, *out;
	const char	*user, *pass, *counter;
	sqlite3_stmt	*st;
	struct staff	*s;
	char		 token[65], hash[65], *stored;
	time_t		 now = clock_now();
	int		 rc;

	if ((body = req_json(r)) == NULL)
		return;
	user = json_string(body, "username", 1, 64, "username", &errors);
	pass = json_string(body, "password", 1, 256, "password", &errors);
	counter = json_string(body, "counter", 1, 8, "counter", &errors);
	if (counter != NULL && !counter_ok(counter))
		field_error(&errors, "counter", "pattern",
		    "The counter is 1 to 8 letters or digits.");
	if (errors != NULL) {
		reply_validation(r, errors);
		cJSON_Delete(body);
		return;
	}
	rc = db_query(r->db, &st, "SELECT s.id, s.username, s.name, s.role, "
	    "s.centre_id, c.name, s.password_hash FROM staff s LEFT JOIN "
	    "centres c ON c.id = s.centre_id WHERE s.username = ? AND "
	    "s.active = 1", "t", user);
	if (rc != 1) {
		sqlite3_reset(st);
		auth_check_password(pass, auth_dummy_hash());
		login_failed(r, user);
		cJSON_Delete(body);
		return;
	}
	s = staff_from_row(st, 0, counter);
	stored = xstrdup(db_text(st, 6));
	sqlite3_reset(st);
	if (!auth_check_password(pass, stored) || auth_new_token(token) != 0) {
		login_failed(r, user);
		goto out;
	}
	auth_sha256_hex(token, strlen(token), hash);
	if (db_exec(r->db, "INSERT INTO sessions (token_hash, staff_id, "
	    "counter, created_at, last_seen, addr) VALUES (?, ?, ?, ?, ?, ?)",
	    "tltllt", hash, s->id, counter, (long long)now, (long long)now,
	    r->addr) != 0) {
		reply_problem(r, 503, "service-unavailable",
		    "Service unavailable", "The session was not stored.", NULL);
		goto out;
	}
	audit_write(r->db, s->id, s->username, "login_ok", "", counter,
	    r->addr);
	out = session_json(r, s, now);
	cJSON_AddStringToObject(out, "token", token);
	reply_json(r, 201, out);
	reply_header(r, MHD_HTTP_HEADER_LOCATION, "/api/v1/sessions/current");
out:
	explicit_bzero(token, sizeof token);
	free(stored);
	auth_staff_free(s);
	cJSON_Delete(body);
}

/* The token's hash from the Authorization header, or -1. */
static int
bearer_hash(struct req *r, char *hash)
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

static int
unauthorized(struct req *r, const char *detail)
{
	reply_problem(r, 401, "unauthorized", "Authentication required",
	    detail, NULL);
	reply_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
	    "Bearer realm=\"bianmin\"");
	return (-1);
}

int
session_authenticate(struct req *r)
{
	sqlite3_stmt	*st;
	char		 hash[65];
	time_t		 now = clock_now(), created, seen;
	int		 rc;

	if (bearer_hash(r, hash) != 0)
		return (unauthorized(r, "A bearer token is required."));
	rc = db_query(r->db, &st, "SELECT st.id, st.username, st.name, "
	    "st.role, st.centre_id, c.name, s.counter, s.created_at, "
	    "s.last_seen FROM sessions s JOIN staff st ON st.id = s.staff_id "
	    "LEFT JOIN centres c ON c.id = st.centre_id WHERE "
	    "s.token_hash = ? AND st.active = 1", "t", hash);
	if (rc != 1) {
		sqlite3_reset(st);
		return (unauthorized(r, "The session is unknown or has ended."));
	}
	r->staff = staff_from_row(st, 0, db_text(st, 6));
	created = sqlite3_column_int64(st, 7);
	seen = sqlite3_column_int64(st, 8);
	sqlite3_reset(st);
	if (now - seen > IDLE_SECONDS || now - created > ABSOLUTE_SECONDS) {
		db_exec(r->db, "DELETE FROM sessions WHERE token_hash = ?", "t",
		    hash);
		auth_staff_free(r->staff);
		r->staff = NULL;
		return (unauthorized(r, "The session has expired."));
	}
	if (now - seen >= TOUCH_SECONDS)
		db_exec(r->db, "UPDATE sessions SET last_seen = ? WHERE "
		    "token_hash = ?", "lt", (long long)now, hash);
	return (0);
}

static void
current(struct req *r)
{
	sqlite3_stmt	*st = NULL;
	char		 hash[65];
	time_t		 created = clock_now();

	if (bearer_hash(r, hash) == 0 && db_query(r->db, &st, "SELECT "
	    "created_at FROM sessions WHERE token_hash = ?", "t", hash) == 1)
		created = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	reply_json(r, 200, session_json(r, r->staff, created));
}

static void
logout(struct req *r)
{
	char	hash[65];

	if (bearer_hash(r, hash) != 0 || db_exec(r->db, "DELETE FROM sessions "
	    "WHERE token_hash = ?", "t", hash) != 0) {
		reply_problem(r, 503, "service-unavailable",
		    "Service unavailable", NULL, NULL);
		return;
	}
	audit_write(r->db, r->staff->id, r->staff->username, "logout", "", "",
	    r->addr);
	reply_empty(r, 204);
}

const struct route routes_sessions[] = {
	{ "POST", "/api/v1/sessions", login, ROUTE_PUBLIC },
	{ "GET", "/api/v1/sessions/current", current, 0 },
	{ "DELETE", "/api/v1/sessions/current", logout, 0 },
	{ NULL, NULL, NULL, 0 }
};
