/* /api/v1/kiosk/sessions: a self-service terminal logs in and out
 * (docs/api.md 25). Its token is checked by session.c. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "json.h"
#include "login-limit.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "session.h"
#include "../util/xmalloc.h"

/* The kiosk's row for a username: its id, name and centre, and its
 * password's hash into *stored (NULL when there is no such kiosk). */
struct kiosk_row {
	long long	 id, centre;
	char		*name, *centre_name, *stored;
};

static void
kiosk_row(struct req *r, const char *user, struct kiosk_row *k)
{
	struct db_stmt	*st;

	memset(k, 0, sizeof *k);
	if (db_query(r->db, &st, "SELECT k.id, k.name, k.centre_id, c.name, "
	    "k.password_hash FROM kiosks k JOIN centres c ON c.id = "
	    "k.centre_id WHERE k.username = ? AND k.active = 1", "t",
	    user) == 1) {
		k->id = db_int(st, 0);
		k->name = xstrdup(db_text(st, 1));
		k->centre = db_int(st, 2);
		k->centre_name = xstrdup(db_text(st, 3));
		k->stored = xstrdup(db_text(st, 4));
	}
	db_reset(st);
}

static void
kiosk_row_free(struct kiosk_row *k)
{
	if (k->stored != NULL)
		explicit_bzero(k->stored, strlen(k->stored));
	free(k->stored);
	free(k->name);
	free(k->centre_name);
}

/* Stores the session and answers 201 with its token. */
static void
open_kiosk_session(struct req *r, const char *user,
    const struct kiosk_row *k)
{
	cJSON	*out, *o, *c;
	char	 token[65], hash[65];
	time_t	 now = clock_now();

	if (auth_new_token(token) != 0) {
		reply_unavailable(r, "无法生成会话");
		return;
	}
	auth_sha256_hex(token, strlen(token), hash);
	if (db_exec(r->db, "INSERT INTO kiosk_sessions (token_hash, kiosk_id, "
	    "created_at, last_seen) VALUES (?, ?, ?, ?)", "tlll", hash, k->id,
	    (long long)now, (long long)now) != 0) {
		reply_unavailable(r, "会话未能保存");
		return;
	}
	audit_write(r->db, 0, user, "kiosk_login", NULL, NULL, r->addr);
	req_note(r, "kiosk login: %s", user);
	out = cJSON_CreateObject();
	cJSON_AddStringToObject(out, "token", token);
	o = cJSON_AddObjectToObject(out, "kiosk");
	cJSON_AddNumberToObject(o, "id", (double)k->id);
	cJSON_AddStringToObject(o, "username", user);
	cJSON_AddStringToObject(o, "name", k->name);
	c = cJSON_AddObjectToObject(o, "centre");
	cJSON_AddNumberToObject(c, "id", (double)k->centre);
	cJSON_AddStringToObject(c, "name", k->centre_name);
	reply_json(r, 201, out);
	explicit_bzero(token, sizeof token);
}

/* POST /kiosk/sessions: the staff login's rules and throttle. */
static void
kiosk_login(struct req *r)
{
	static const char *const	 members[] = {
		"username", "password", NULL
	};
	cJSON				*body = req_body(r), *errors = NULL;
	const char			*user, *pass;
	struct kiosk_row		 k;
	char				*name;

	json_members(body, members, NULL, &errors);
	user = json_string(body, "username", 1, 64, NULL, &errors);
	pass = json_string(body, "password", 1, 256, NULL, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	kiosk_row(r, user, &k);
	if (login_throttled(r, user, k.id != 0)) {
		/* answered 429 without looking at the password */
	} else if (!auth_check_password(pass, k.stored != NULL ? k.stored :
	    auth_dummy_hash()) || k.id == 0) {
		login_count_failure(r, user);
		name = k.id != 0 ? xstrdup(user) : login_masked_name(user);
		audit_write(r->db, 0, k.id != 0 ? user : NULL,
		    "login_failed", NULL, name, r->addr);
		req_note(r, "kiosk login failed: %s", name);
		free(name);
		reply_problem(r, 401, "invalid-credentials",
		    "Invalid credentials", "用户名或密码不正确", NULL);
	} else
		open_kiosk_session(r, user, &k);
	kiosk_row_free(&k);
}

/* DELETE /kiosk/sessions/current: the token is dead at once. */
static void
kiosk_logout(struct req *r)
{
	char	hash[65];

	if (session_token_hash(r, hash) != 0 || db_exec(r->db, "DELETE FROM "
	    "kiosk_sessions WHERE token_hash = ?", "t", hash) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	audit_req(r, "kiosk_logout", NULL, NULL);
	req_note(r, "kiosk logout");
	reply_empty(r, 204);
}

const struct route routes_kiosk_sessions[] = {
	{ "POST", "/api/v1/kiosk/sessions", kiosk_login,
	  ROUTE_PUBLIC | ROUTE_BODY, 0 },
	{ "DELETE", "/api/v1/kiosk/sessions/current", kiosk_logout, 0,
	  ROLE_KIOSK },
	{ NULL, NULL, NULL, 0, 0 }
};
