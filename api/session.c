/* Sessions: the login that keeps its token, logout, password. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "http.h"
#include "json.h"
#include "read.h"
#include "session.h"
#include "../util/xmalloc.h"

static int
token_ok(const char *t)
{
	size_t	i, n = strlen(t);

	if (n < 32 || n > 128)
		return (0);
	for (i = 0; i < n; i++) {
		if (!((t[i] >= '0' && t[i] <= '9') ||
		    (t[i] >= 'a' && t[i] <= 'f')))
			return (0);
	}
	return (1);
}

/* The centre's communities, for forms that ask for one; a malformed
 * entry is skipped, not fatal to the login. */
static void
communities_parse(const cJSON *staff, struct api_session *s)
{
	const cJSON	*list, *it;
	char		*name;
	long long	 id;

	list = cJSON_GetObjectItemCaseSensitive(staff, "communities");
	if (!cJSON_IsArray(list))
		return;
	s->communities = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *s->communities);
	cJSON_ArrayForEach(it, list) {
		if (json_int(it, "id", &id) != 0 ||
		    (name = json_str(it, "name", 0)) == NULL)
			continue;
		s->communities[s->ncommunities].id = id;
		s->communities[s->ncommunities++].name = name;
	}
}

int
model_session_parse(const cJSON *j, struct api_session *s,
    const char **cause)
{
	const cJSON	*staff = json_obj(j, "staff"), *centre;
	long long	 idle = 900;
	int		 bad = 0;

	memset(s, 0, sizeof *s);
	*cause = NULL;
	if (staff == NULL) {
		*cause = "the session has no staff";
		return (-1);
	}
	centre = json_obj(staff, "centre");
	bad |= work_take(&s->token, json_str(j, "token", 0), "no token", cause);
	bad |= work_take(&s->counter, json_str(j, "counter", 0), "no counter",
	    cause);
	bad |= work_take(&s->staff_name, json_str(staff, "name", 0),
	    "no staff name", cause);
	bad |= work_take(&s->username, json_str(staff, "username", 0),
	    "no username", cause);
	bad |= work_take(&s->role, json_str(staff, "role", 0), "no role", cause);
	s->centre_name = centre != NULL ? json_str(centre, "name", 1) :
	    xstrdup("");
	bad |= work_take(&s->centre_name, s->centre_name, "bad centre", cause);
	communities_parse(staff, s);
	s->time_zone = json_str(j, "time_zone", 1);
	s->must_change_password = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
	    j, "must_change_password"));
	if (json_int(j, "idle_timeout_s", &idle) == 0 && idle > 0 &&
	    idle < 86400)
		s->idle_timeout_s = (int)idle;
	if (!bad && !token_ok(s->token)) {
		*cause = "the token is malformed";
		bad = 1;
	}
	return (bad ? -1 : 0);
}

void
model_session_free(void *p)
{
	struct api_session	*s = p;

	if (s == NULL)
		return;
	if (s->token != NULL)
		explicit_bzero(s->token, strlen(s->token));
	free(s->token);
	free(s->staff_name);
	free(s->username);
	free(s->role);
	free(s->centre_name);
	free(s->counter);
	free(s->time_zone);
	while (s->ncommunities > 0)
		free(s->communities[--s->ncommunities].name);
	free(s->communities);
	free(s);
}

static int
session_parse(const cJSON *j, void *m, const char **cause)
{
	return (model_session_parse(j, m, cause));
}

/* The token goes to the HTTP layer, and nowhere else. */
static void
session_keep(struct api *a, void *m)
{
	struct api_session	*s = m;

	http_set_token(api_http(a), s->token);
	explicit_bzero(s->token, strlen(s->token));
}

static const struct api_kind kind_session = {
	.parse = session_parse, .size = sizeof(struct api_session),
	.free = model_session_free, .keep = session_keep
};

struct api_call *
api_login(struct api *a, const char *user, const char *password,
    const char *counter, api_cb cb, void *arg)
{
	cJSON		*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "username", user);
	cJSON_AddStringToObject(b, "password", password);
	cJSON_AddStringToObject(b, "counter", counter);
	return (api_call(a, "POST", "/api/v1/sessions", b, NULL, 0,
	    &kind_session, cb, arg));
}

struct api_call *
api_logout(struct api *a, api_cb cb, void *arg)
{
	return (api_call(a, "DELETE", "/api/v1/sessions/current", NULL, NULL,
	    0, NULL, cb, arg));
}

struct api_call *
api_password_change(struct api *a, const char *current, const char *next,
    api_cb cb, void *arg)
{
	cJSON	*body = cJSON_CreateObject();

	cJSON_AddStringToObject(body, "current_password", current);
	cJSON_AddStringToObject(body, "new_password", next);
	/* no Idempotency-Key: a second try with the same body fails on
	 * current_password, which is what a clerk should see */
	return (api_call(a, "POST", "/api/v1/sessions/current/password", body,
	    NULL, 0, NULL, cb, arg));
}
