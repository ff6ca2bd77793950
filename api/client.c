/* REST calls: request building, reply classification, model parsing. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "json.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

typedef int (*parse_fn)(const cJSON *, void *, const char **);

struct api {
	struct http	*http;
	int		 online;
};

struct api_call {
	struct api	*api;
	struct http_req	*req;
	api_cb		 cb;
	void		*arg;
	parse_fn	 parse;
	size_t		 model_size;
	void		(*model_free)(void *);
	int		 is_login;
};

/* Typed parsers behind one signature, so no call goes through a cast
 * function pointer. */
static int
parse_session(const cJSON *j, void *m, const char **cause)
{
	return (model_session_parse(j, m, cause));
}

static int
parse_resident_page(const cJSON *j, void *m, const char **cause)
{
	return (model_resident_page_parse(j, m, cause));
}

static int
parse_resident(const cJSON *j, void *m, const char **cause)
{
	return (model_resident_parse(j, m, cause));
}

static int
parse_service(const cJSON *j, void *m, const char **cause)
{
	return (model_service_parse(j, m, cause));
}

static int
parse_application(const cJSON *j, void *m, const char **cause)
{
	return (model_application_parse(j, m, cause));
}

struct api *
api_new(const char *url, const struct http_options *o, char **cause)
{
	struct api	*a;
	struct http	*h;

	if ((h = http_new(url, o, cause)) == NULL)
		return (NULL);
	a = xcalloc(1, sizeof *a);
	a->http = h;
	a->online = 1;
	return (a);
}

void
api_free(struct api *a)
{
	if (a == NULL)
		return;
	http_free(a->http);
	free(a);
}

struct http *
api_http(struct api *a)
{
	return (a->http);
}

int
api_online(struct api *a)
{
	return (a->online);
}

void
api_forget(struct api *a)
{
	http_set_token(a->http, NULL);
}

void
api_cancel(struct api *a, struct api_call *c)
{
	if (c == NULL)
		return;
	http_cancel(a->http, c->req);
	free(c);
}

void
api_result_clear(struct api_result *r)
{
	size_t	i;

	if (r->model != NULL && r->model_free != NULL)
		r->model_free(r->model);
	for (i = 0; i < r->nerrors; i++) {
		free(r->errors[i].field);
		free(r->errors[i].code);
		free(r->errors[i].message);
	}
	free(r->errors);
	free(r->problem);
	free(r->message);
	cJSON_Delete(r->problem_json);
}

static char *
network_message(const struct http_reply *h)
{
	switch (h->fail) {
	case HTTP_FAIL_CONNECT:
		return (xstrdup(_("Cannot reach the server. Check the "
		    "network, then try again.")));
	case HTTP_FAIL_TIMEOUT:
		return (xstrdup(_("The server did not answer in time. Try "
		    "again.")));
	case HTTP_FAIL_TLS:
		/* a PC whose clock is wrong sees every certificate as not
		 * yet valid or expired: say what to check */
		if (strstr(h->error, "not yet valid") != NULL ||
		    strstr(h->error, "expired") != NULL)
			return (xasprintf(_("The server's certificate is not "
			    "valid at this PC's date and time (%s). Check the "
			    "PC's clock; if it is right, call support."),
			    h->error));
		return (xasprintf(_("The server's certificate was refused "
		    "(%s). Call support; do not work around it."), h->error));
	case HTTP_FAIL_TOO_LARGE:
		return (xstrdup(_("The server's reply was too large to "
		    "read.")));
	default:
		return (xasprintf(_("The request failed: %s"), h->error));
	}
}

/* A clerk's sentence for a problem type we know; NULL for the rest. */
static const char *
known_problem(const char *type)
{
	static const struct {
		const char	*type;
		const char	*message;
	} known[] = {
		{ "invalid-credentials", N_("Wrong staff name or password.") },
		{ "unauthorized", N_("Your session has ended. Log in again.") },
		{ "not-found", N_("Not found, or not in your communities.") },
		{ "forbidden", N_("Your role may not do this.") },

		{ "service-unavailable", N_("The server is busy or under "
		    "maintenance. Try again shortly.") },
		{ "validation", N_("Some fields are not valid.") },
		{ "password-change-required", N_("Choose your own password "
		    "first: log in again.") },
	};
	size_t	i;

	for (i = 0; i < sizeof known / sizeof *known; i++) {
		if (strcmp(known[i].type, type) == 0)
			return (_(known[i].message));
	}
	return (NULL);
}

static void
parse_field_errors(const cJSON *list, struct api_result *r)
{
	const cJSON	*it;
	size_t		 n = 0;

	if (!cJSON_IsArray(list))
		return;
	r->errors = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *r->errors);
	cJSON_ArrayForEach(it, list) {
		r->errors[n].field = json_str(it, "field", 1);
		r->errors[n].code = json_str(it, "code", 1);
		r->errors[n].message = json_str(it, "message", 1);
		if (r->errors[n].field == NULL || r->errors[n].code == NULL ||
		    r->errors[n].message == NULL) {
			free(r->errors[n].field);
			free(r->errors[n].code);
			free(r->errors[n].message);
			continue;
		}
		n++;
	}
	r->nerrors = n;
}

/* Fills problem, message and field errors from a 4xx/5xx reply. */
static void
parse_problem(const cJSON *j, struct api_result *r)
{
	const char	*type = NULL, *known;
	char		*detail = NULL;

	if (j != NULL) {
		type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j,
		    "type"));
		detail = json_str(j, "detail", 0);
		if (detail == NULL)
			detail = json_str(j, "title", 0);
		parse_field_errors(cJSON_GetObjectItemCaseSensitive(j,
		    "errors"), r);
	}
	if (type != NULL && strncmp(type, "urn:bianmin:problem:", 20) == 0)
		r->problem = text_sanitize(type + 20, 0);
	else
		r->problem = xstrdup("");
	if (strcmp(r->problem, "too-many-requests") == 0) {
		/* the server's window, not a guess: 15 minutes for logins */
		r->message = xasprintf(_("Too many attempts: try again in %ld "
		    "minute(s)."), r->retry_after > 0 ? (r->retry_after + 59) /
		    60 : 1);
		free(detail);
	} else if ((known = known_problem(r->problem)) != NULL) {
		r->message = xstrdup(known);
		free(detail);
	} else if (detail != NULL)
		r->message = detail;
	else
		r->message = xasprintf(_("The server refused the request "
		    "(HTTP %ld)."), r->http_status);
}

int
api_classify(struct api *a, const struct http_reply *h,
    struct api_result *r, cJSON **json)
{
	memset(r, 0, sizeof *r);
	*json = NULL;
	r->http_status = h->status;
	r->retry_after = h->retry_after;
	a->online = h->fail == HTTP_FAIL_NONE;
	if (h->fail != HTTP_FAIL_NONE) {
		r->status = API_ERR_NETWORK;
		r->message = network_message(h);
		return (0);
	}
	if (h->len > 0)
		*json = cJSON_ParseWithLength(h->body, h->len);
	if (h->status >= 400) {
		r->status = h->status == 401 ? API_ERR_AUTH :
		    h->status >= 500 ? API_ERR_SERVER : API_ERR_REFUSED;
		parse_problem(*json, r);
		return (0);
	}
	return (1);
}

static void
on_reply(const struct http_reply *h, void *arg)
{
	struct api_call		*c = arg;
	struct api_result	 r;
	const char		*cause = NULL;
	cJSON			*j = NULL;

	if (!api_classify(c->api, h, &r, &j)) {
		r.problem_json = j;	/* the problem's extension members */
		j = NULL;
		goto done;
	}
	if (c->parse == NULL)
		goto done;
	r.model = xcalloc(1, c->model_size);
	r.model_free = c->model_free;
	if (j == NULL || c->parse(j, r.model, &cause) != 0) {
		c->model_free(r.model);		/* never half a model */
		r.model = NULL;
		r.status = API_ERR_MALFORMED;
		r.message = xasprintf(_("The server's reply could not be read "
		    "(%s). Try again; if it keeps happening, call support."),
		    cause != NULL ? cause : _("not JSON"));
		log_debug("%s: malformed reply: %s", __func__,
		    cause != NULL ? cause : "not JSON");
		goto done;
	}
	if (c->is_login) {
		struct api_session	*s = r.model;

		http_set_token(c->api->http, s->token);
		explicit_bzero(s->token, strlen(s->token));
	}
done:
	cJSON_Delete(j);
	c->cb(&r, c->arg);
	api_result_clear(&r);
	free(c);
}

static struct api_call *
start_keyed(struct api *a, const char *method, const char *path,
    cJSON *body, const char *key, long long if_match, parse_fn parse,
    size_t size, void (*model_free)(void *), api_cb cb, void *arg)
{
	struct api_call	*c = xcalloc(1, sizeof *c);
	char		*text = NULL;

	c->api = a;
	c->cb = cb;
	c->arg = arg;
	c->parse = parse;
	c->model_size = size;
	c->model_free = model_free;
	if (body != NULL) {
		if ((text = cJSON_PrintUnformatted(body)) == NULL)
			fatal("out of memory printing JSON");
		cJSON_Delete(body);
	}
	if (if_match > 0)
		c->req = http_start_if_match(a->http, method, path, text, key,
		    if_match, on_reply, c);
	else
		c->req = http_start(a->http, method, path, text, key,
		    on_reply, c);
	if (text != NULL) {
		explicit_bzero(text, strlen(text));
		free(text);
	}
	return (c);
}

static struct api_call *
start(struct api *a, const char *method, const char *path, cJSON *body,
    parse_fn parse, size_t size, void (*model_free)(void *), api_cb cb,
    void *arg)
{
	return (start_keyed(a, method, path, body, NULL, 0, parse, size,
	    model_free, cb, arg));
}

struct api_call *
api_call(struct api *a, const char *method, const char *path, cJSON *body,
    const char *key, long long if_match, const struct api_kind *k,
    api_cb cb, void *arg)
{
	return (start_keyed(a, method, path, body, key, if_match,
	    k != NULL ? k->parse : NULL, k != NULL ? k->size : 0,
	    k != NULL ? k->free : NULL, cb, arg));
}

struct api_call *
api_login(struct api *a, const char *user, const char *password,
    const char *counter, api_cb cb, void *arg)
{
	cJSON		*b = cJSON_CreateObject();
	struct api_call	*c;

	cJSON_AddStringToObject(b, "username", user);
	cJSON_AddStringToObject(b, "password", password);
	cJSON_AddStringToObject(b, "counter", counter);
	c = start(a, "POST", "/api/v1/sessions", b,
	    parse_session, sizeof(struct api_session),
	    model_session_free, cb, arg);
	c->is_login = 1;
	return (c);
}

struct api_call *
api_logout(struct api *a, api_cb cb, void *arg)
{
	return (start(a, "DELETE", "/api/v1/sessions/current", NULL, NULL, 0,
	    NULL, cb, arg));
}

/* What a reply is parsed into. */
struct kind {
	parse_fn	 parse;
	size_t		 size;
	void		(*free)(void *);
};

static const struct kind kind_resident_page = {
	parse_resident_page, sizeof(struct resident_page),
	model_resident_page_free
};
static const struct kind kind_resident = {
	parse_resident, sizeof(struct resident), model_resident_free
};
static const struct kind kind_service = {
	parse_service, sizeof(struct service), model_service_free
};

static int
parse_app_briefs(const cJSON *j, void *m, const char **cause)
{
	return (model_app_briefs_parse(j, m, cause));
}

static int
parse_cert_briefs(const cJSON *j, void *m, const char **cause)
{
	return (model_cert_briefs_parse(j, m, cause));
}

static int
parse_revealed(const cJSON *j, void *m, const char **cause)
{
	return (model_revealed_parse(j, m, cause));
}

static const struct kind kind_app_briefs = {
	parse_app_briefs, sizeof(struct briefs), model_briefs_free
};
static const struct kind kind_cert_briefs = {
	parse_cert_briefs, sizeof(struct briefs), model_briefs_free
};

/* A GET of a printf-built path into a model of kind k. */
static struct api_call *
get(struct api *a, const struct kind *k, api_cb cb, void *arg,
    const char *fmt, ...)
{
	struct api_call	*c;
	va_list		 ap;
	char		*path;

	va_start(ap, fmt);
	if (vasprintf(&path, fmt, ap) == -1)
		fatal("out of memory building a path");
	va_end(ap);
	c = start(a, "GET", path, NULL, k->parse, k->size, k->free, cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_resident_search(struct api *a, const char *id_number, const char *q,
    int page, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*v;

	v = http_escape(id_number != NULL ? id_number : q);
	c = get(a, &kind_resident_page, cb, arg,
	    "/api/v1/residents?%s=%s&page=%d&per_page=50",
	    id_number != NULL ? "id_number" : "q", v, page);
	free(v);
	return (c);
}

struct api_call *
api_resident_get(struct api *a, long long id, api_cb cb, void *arg)
{
	return (get(a, &kind_resident, cb, arg, "/api/v1/residents/%lld", id));
}

struct api_call *
api_service_by_code(struct api *a, const char *txcode, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*v = http_escape(txcode);

	c = get(a, &kind_service, cb, arg, "/api/v1/services/by-code/%s", v);
	free(v);
	return (c);
}

struct api_call *
api_service_get(struct api *a, long long id, api_cb cb, void *arg)
{
	return (get(a, &kind_service, cb, arg, "/api/v1/services/%lld", id));
}

static cJSON *
application_json(long long service_id, long long resident_id, cJSON *data,
    cJSON *materials)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddNumberToObject(b, "service_id", (double)service_id);
	cJSON_AddNumberToObject(b, "resident_id", (double)resident_id);
	cJSON_AddItemToObject(b, "data", data);
	cJSON_AddItemToObject(b, "materials", materials);
	return (b);
}

char *
api_application_body(long long service_id, long long resident_id,
    cJSON *data, cJSON *materials)
{
	cJSON	*b = application_json(service_id, resident_id, data, materials);
	char	*text;

	if ((text = cJSON_PrintUnformatted(b)) == NULL)
		fatal("out of memory printing JSON");
	cJSON_Delete(b);
	return (text);
}

struct api_call *
api_application_create(struct api *a, long long service_id,
    long long resident_id, cJSON *data, cJSON *materials, const char *key,
    api_cb cb, void *arg)
{
	return (start_keyed(a, "POST", "/api/v1/applications",
	    application_json(service_id, resident_id, data, materials), key,
	    0, parse_application, sizeof(struct application),
	    model_application_free, cb, arg));
}

void
api_new_key(char *out)
{
	static const char	hex[] = "0123456789abcdef";
	unsigned char		raw[16];
	size_t			i, got = 0;
	ssize_t			n;

	while (got < sizeof raw) {
		if ((n = getrandom(raw + got, sizeof raw - got, 0)) <= 0)
			fatal("getrandom failed");
		got += (size_t)n;
	}
	for (i = 0; i < sizeof raw; i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 15];
	}
	out[32] = '\0';
}

struct api_call *
api_resident_applications(struct api *a, long long id, api_cb cb, void *arg)
{
	return (get(a, &kind_app_briefs, cb, arg,
	    "/api/v1/residents/%lld/applications?per_page=5", id));
}

struct api_call *
api_resident_certificates(struct api *a, long long id, api_cb cb, void *arg)
{
	return (get(a, &kind_cert_briefs, cb, arg,
	    "/api/v1/residents/%lld/certificates?per_page=5", id));
}

struct api_call *
api_resident_reveal(struct api *a, long long id, const char *reason,
    api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();
	char	*path = xasprintf("/api/v1/residents/%lld/reveal", id);
	struct api_call	*c;

	cJSON_AddStringToObject(b, "reason", reason);
	c = start(a, "POST", path, b, parse_revealed, sizeof(struct revealed),
	    model_revealed_free, cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_resident_patch(struct api *a, long long id, long long version,
    cJSON *patch, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*path;

	path = xasprintf("/api/v1/residents/%lld", id);
	c = start_keyed(a, "PATCH", path, patch, NULL, version, parse_resident,
	    sizeof(struct resident), model_resident_free, cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_resident_create(struct api *a, cJSON *body, const char *key, api_cb cb,
    void *arg)
{
	return (start_keyed(a, "POST", "/api/v1/residents", body, key, 0,
	    parse_resident, sizeof(struct resident), model_resident_free, cb,
	    arg));
}
