/* /api/v1/sessions: login, the current session, logout, a new password.
 * Checking a session's token is session.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "json.h"
#include "login-limit.h"
#include "purposes.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "session.h"
#include "valid.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"
#include "../util/zone.h"

/* The SessionStaff object, with the centre's communities by code. */
static cJSON *
staff_json(struct req *r, const struct staff *s)
{
	cJSON		*o = cJSON_CreateObject(), *c, *list;
	struct db_stmt	*st;
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
	if (scope_role(s) == ROLE_DEPT)
		purpose_add_department(r->db, o, s->id);
	list = cJSON_AddArrayToObject(o, "communities");
	/* a department's account sees no community's rows */
	rc = db_query(r->db, &st, "SELECT id, code, name FROM communities "
	    "WHERE ?1 = 0 OR centre_id = ?1 ORDER BY code", "l",
	    scope_role(s) == ROLE_DEPT ? -1LL : s->centre_id);
	while (rc == 1) {
		c = cJSON_CreateObject();
		cJSON_AddNumberToObject(c, "id", db_int(st, 0));
		cJSON_AddStringToObject(c, "code", db_text(st, 1));
		cJSON_AddStringToObject(c, "name", db_text(st, 2));
		cJSON_AddItemToArray(list, c);
		rc = db_step(st) == 1;
	}
	db_reset(st);
	return (o);
}

/* The Session object, without the token. */
static cJSON *
session_json(struct req *r, const struct staff *s, time_t created)
{
	cJSON	*o = cJSON_CreateObject();
	char	 at[32];

	clock_rfc3339(created, at);
	cJSON_AddStringToObject(o, "created_at", at);
	clock_rfc3339(created + SESSION_ABSOLUTE_SECONDS, at);
	cJSON_AddStringToObject(o, "expires_at", at);
	cJSON_AddNumberToObject(o, "idle_timeout_s", SESSION_IDLE_SECONDS);
	cJSON_AddStringToObject(o, "time_zone", zone_name());
	json_add_nullable(o, "counter", s->counter);
	cJSON_AddBoolToObject(o, "must_change_password", s->must_change);
	cJSON_AddItemToObject(o, "staff", staff_json(r, s));
	return (o);
}

/* Counts the failure for the throttle, audits it and answers 401. */
static void
login_failed(struct req *r, const struct staff *s, const char *username)
{
	char	*name;

	login_count_failure(r, username);
	name = s != NULL ? xstrdup(username) : login_masked_name(username);
	audit_write(r->db, s != NULL ? s->id : 0, s != NULL ? s->username :
	    NULL, "login_failed", NULL, name, r->addr);
	req_note(r, "login failed: %s%s", s != NULL ? "" : "no account ",
	    name);
	free(name);
	reply_problem(r, 401, "invalid-credentials", "Invalid credentials",
	    "用户名或密码不正确", NULL);
}

/* Checks the body's members; NULL having replied 400. */
static int
login_fields(struct req *r, const char **user, const char **pass,
    const char **counter)
{
	static const char *const	 members[] = {
		"username", "password", "counter", NULL
	};
	cJSON				*body = req_body(r), *errors = NULL;

	json_members(body, members, NULL, &errors);
	*user = json_string(body, "username", 1, 64, NULL, &errors);
	*pass = json_string(body, "password", 1, 256, NULL, &errors);
	*counter = json_string(body, "counter", 0, 8, NULL, &errors);
	if (*counter != NULL && !valid_counter(*counter))
		field_error(&errors, "counter", "pattern",
		    "窗口号为 1 至 8 位字母或数字");
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* Stores a new session and answers 201 with its token. */
static void
open_session(struct req *r, struct staff *s)
{
	cJSON		*out;
	char		 token[65], hash[65];
	time_t		 now = clock_now();

	if (auth_new_token(token) != 0) {
		reply_unavailable(r, "无法生成会话");
		return;
	}
	auth_sha256_hex(token, strlen(token), hash);
	if (db_exec(r->db, "INSERT INTO sessions (token_hash, staff_id, "
	    "counter, created_at, last_seen, addr) VALUES (?, ?, "
	    "coalesce(?, ''), ?, ?, ?)", "tltllt", hash, s->id, s->counter,
	    (long long)now, (long long)now, r->addr) != 0) {
		reply_unavailable(r, "会话未能保存");
		return;
	}
	audit_write(r->db, s->id, s->username, "login_ok", NULL, s->counter,
	    r->addr);
	req_note(r, "login: %s (%s) at counter %s", s->username, s->role,
	    s->counter != NULL ? s->counter : "-");
	out = session_json(r, s, now);
	cJSON_AddStringToObject(out, "token", token);
	reply_json(r, 201, out);
	reply_header(r, MHD_HTTP_HEADER_LOCATION, "/api/v1/sessions/current");
	explicit_bzero(token, sizeof token);
}

/* POST /sessions: checks the password unless throttled, opens a session.
 * Every path that checks a password hashes once, whether the name is
 * unknown, its account locked or its password wrong. */
static void
login(struct req *r)
{
	const char	*user, *pass, *counter;
	struct db_stmt	*st;
	struct staff	*s = NULL;
	cJSON		*errors = NULL;
	char		*stored = NULL;

	if (login_fields(r, &user, &pass, &counter) != 0)
		return;
	if (db_query(r->db, &st, "SELECT s.id, s.username, s.name, s.role, "
	    "s.centre_id, c.name, s.password_hash, s.must_change_password "
	    "FROM staff s LEFT JOIN "
	    "centres c ON c.id = s.centre_id WHERE s.username = ? AND "
	    "s.active = 1", "t", user) == 1) {
		s = session_staff(st, 0, counter);
		stored = xstrdup(db_text(st, 6));
		s->must_change = db_int(st, 7) != 0;
	}
	db_reset(st);
	if (login_throttled(r, user, s != NULL)) {
		/* answered 429 without looking at the password */
	} else if (!auth_check_password(pass, stored != NULL ? stored :
	    auth_dummy_hash()) || s == NULL)
		login_failed(r, s, user);
	else if (strcmp(s->role, "clerk") == 0 && s->counter == NULL) {
		field_error(&errors, "counter", "required",
		    "窗口人员登录须填写窗口号");
		reply_validation(r, errors);
	} else
		open_session(r, s);
	if (stored != NULL)
		explicit_bzero(stored, strlen(stored));
	free(stored);
	auth_staff_free(s);
}

/* GET /sessions/current. */
static void
current(struct req *r)
{
	struct db_stmt	*st = NULL;
	char		 hash[65];
	time_t		 created = clock_now();

	if (session_token_hash(r, hash) == 0 && db_query(r->db, &st, "SELECT "
	    "created_at FROM sessions WHERE token_hash = ?", "t", hash) == 1)
		created = db_int(st, 0);
	db_reset(st);
	reply_json(r, 200, session_json(r, r->staff, created));
}

/* DELETE /sessions/current: the token is dead at once. */
static void
logout(struct req *r)
{
	char	hash[65], object[40];

	if (session_token_hash(r, hash) != 0 || db_exec(r->db, "DELETE FROM "
	    "sessions WHERE token_hash = ?", "t", hash) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	snprintf(object, sizeof object, "session/%lld", r->staff->id);
	audit_req(r, "logout", object, NULL);
	req_note(r, "logout");
	reply_empty(r, 204);
}

/* The new password's own rules: long enough, not the old one, not the
 * username; errors into *errors. */
static void
check_new_password(struct req *r, const char *old, const char *pw,
    cJSON **errors)
{
	if (strcmp(pw, old) == 0)
		field_error(errors, "new_password", "mismatch",
		    "新密码不能与当前密码相同");
	else if (strcasecmp(pw, r->staff->username) == 0)
		field_error(errors, "new_password", "mismatch",
		    "密码不能与用户名相同");
}

/* 1 if pw is the staff's password now. */
static int
password_is(struct req *r, const char *pw)
{
	struct db_stmt	*st;
	char		*hash = NULL;
	int		 ok = 0;

	if (db_query(r->db, &st, "SELECT password_hash FROM staff WHERE "
	    "id = ?", "l", r->staff->id) == 1)
		hash = xstrdup(db_text(st, 0));
	db_reset(st);
	if (hash != NULL)
		ok = auth_check_password(pw, hash);
	free(hash);
	return (ok);
}

/* Stores the new hash, ends the staff's other sessions and audits it,
 * in one transaction; 0 or -1 having replied 503. */
static int
store_password(struct req *r, const char *pw)
{
	char	*hash, token_hash[65], object[40];

	if ((hash = auth_hash_password(pw)) == NULL ||
	    session_token_hash(r, token_hash) != 0 || db_begin(r->db) != 0) {
		free(hash);
		reply_unavailable(r, NULL);
		return (-1);
	}
	snprintf(object, sizeof object, "session/%lld", r->staff->id);
	if (db_exec(r->db, "UPDATE staff SET password_hash = ?, "
	    "must_change_password = 0 WHERE id = ?", "tl", hash,
	    r->staff->id) != 0 || db_exec(r->db, "DELETE FROM sessions WHERE "
	    "staff_id = ? AND token_hash <> ?", "lt", r->staff->id,
	    token_hash) != 0 || audit_req(r, "password_change", object,
	    NULL) != 0 || db_commit(r->db) != 0) {
		db_rollback(r->db);
		free(hash);
		reply_unavailable(r, NULL);
		return (-1);
	}
	free(hash);
	return (0);
}

/* POST /sessions/current/password: the staff chooses a password; a
 * first (one-time) password must be changed before anything else. */
static void
change_password(struct req *r)
{
	static const char *const	 members[] = {
		"current_password", "new_password", NULL
	};
	cJSON				*body = req_body(r), *errors = NULL;
	const char			*old, *pw;

	json_members(body, members, NULL, &errors);
	old = json_string(body, "current_password", 1, 256, NULL, &errors);
	pw = json_string(body, "new_password", 8, 256, NULL, &errors);
	if (old != NULL && pw != NULL)
		check_new_password(r, old, pw, &errors);
	if (errors == NULL && !password_is(r, old))
		field_error(&errors, "current_password", "mismatch",
		    "当前密码不正确");
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (store_password(r, pw) == 0) {
		req_note(r, "password changed");
		reply_empty(r, 204);
	}
}

const struct route routes_sessions[] = {
	{ "POST", "/api/v1/sessions", login, ROUTE_PUBLIC | ROUTE_BODY, 0 },
	{ "GET", "/api/v1/sessions/current", current, ROUTE_FIRST_PW,
	  ROLE_ANY | ROLE_DEPT },
	{ "DELETE", "/api/v1/sessions/current", logout, ROUTE_FIRST_PW,
	  ROLE_ANY | ROLE_DEPT },
	{ "POST", "/api/v1/sessions/current/password", change_password,
	  ROUTE_BODY | ROUTE_FIRST_PW, ROLE_ANY | ROLE_DEPT },
	{ NULL, NULL, NULL, 0, 0 }
};
