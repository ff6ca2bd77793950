/* The call and its reply: request building, reply classification into
 * codes, model parsing through a struct api_kind. No sentence for the
 * clerk is written here (client.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "json.h"
#include "../util/log.h"
#include "../util/utf8.h"
#include "../util/xmalloc.h"

struct api {
	struct http	*http;
	int		 online;
};

struct api_call {
	struct api		*api;
	struct http_req		*req;
	api_cb			 cb;
	void			*arg;
	const struct api_kind	*kind;		/* NULL: no model */
};

static api_describe_fn	describe;

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

/* Wipes the string values of j and of all below it. */
static void
wipe_strings(cJSON *j)
{
	cJSON	*c;

	for (c = j->child; c != NULL; c = c->next)
		wipe_strings(c);
	if (j->valuestring != NULL)
		explicit_bzero(j->valuestring, strlen(j->valuestring));
}

/* A parsed reply deleted with its strings wiped: like the reply's bytes
 * (http.c), a revealed number or a kiosk visitor's data does not linger
 * in freed memory. */
static void
json_delete_wiped(cJSON *j)
{
	if (j == NULL)
		return;
	wipe_strings(j);
	cJSON_Delete(j);
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
	free(r->fail_detail);
	free(r->detail);
	json_delete_wiped(r->problem_json);
}

void
api_set_describe(api_describe_fn fn)
{
	describe = fn;
}

/* The codes of an error result as plain English, when nobody above
 * says it better. */
static char *
plain_message(const struct api_result *r)
{
	switch (r->status) {
	case API_ERR_NETWORK:
		return (xasprintf("network failure %d: %s", (int)r->fail,
		    r->fail_detail != NULL ? r->fail_detail : ""));
	case API_ERR_MALFORMED:
		return (xasprintf("malformed reply: %s",
		    r->cause != NULL ? r->cause : "not JSON"));
	default:
		if (r->detail != NULL)
			return (xstrdup(r->detail));
		return (xasprintf("HTTP %ld %s", r->http_status,
		    r->problem != NULL ? r->problem : ""));
	}
}

/* Fills r->message from r's codes. */
static void
set_message(struct api_result *r)
{
	free(r->message);
	r->message = describe != NULL ? describe(r) : plain_message(r);
	if (r->message == NULL)
		r->message = plain_message(r);
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

/* Fills problem, detail and field errors from a 4xx/5xx reply. */
static void
parse_problem(const cJSON *j, struct api_result *r)
{
	const char	*type = NULL;

	if (j != NULL) {
		type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j,
		    "type"));
		r->detail = json_str(j, "detail", 0);
		if (r->detail == NULL)
			r->detail = json_str(j, "title", 0);
		parse_field_errors(cJSON_GetObjectItemCaseSensitive(j,
		    "errors"), r);
	}
	if (type != NULL && strncmp(type, "urn:bianmin:problem:", 20) == 0)
		r->problem = utf8_sanitize(type + 20, 0);
	else
		r->problem = xstrdup("");
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
		r->fail = h->fail;
		r->fail_detail = xstrdup(h->error != NULL ? h->error : "");
		set_message(r);
		return (0);
	}
	if (h->len > 0)
		*json = cJSON_ParseWithLength(h->body, h->len);
	if (h->status >= 400) {
		r->status = h->status == 401 ? API_ERR_AUTH :
		    h->status >= 500 ? API_ERR_SERVER : API_ERR_REFUSED;
		parse_problem(*json, r);
		set_message(r);
		return (0);
	}
	return (1);
}

static void
on_reply(const struct http_reply *h, void *arg)
{
	struct api_call		*c = arg;
	const struct api_kind	*k = c->kind;
	struct api_result	 r;
	const char		*cause = NULL;
	cJSON			*j = NULL;

	if (!api_classify(c->api, h, &r, &j)) {
		r.problem_json = j;	/* the problem's extension members */
		j = NULL;
		goto done;
	}
	if (k == NULL)
		goto done;
	r.model = xcalloc(1, k->size);
	r.model_free = k->free;
	if (j == NULL || k->parse(j, r.model, &cause) != 0) {
		k->free(r.model);		/* never half a model */
		r.model = NULL;
		r.status = API_ERR_MALFORMED;
		r.cause = cause;
		set_message(&r);
		log_debug("%s: malformed reply: %s", __func__,
		    cause != NULL ? cause : "not JSON");
		goto done;
	}
	if (k->keep != NULL)
		k->keep(c->api, r.model);
done:
	json_delete_wiped(j);
	c->cb(&r, c->arg);
	api_result_clear(&r);
	free(c);
}

struct api_call *
api_call(struct api *a, const char *method, const char *path, cJSON *body,
    const char *key, long long if_match, const struct api_kind *k,
    api_cb cb, void *arg)
{
	struct api_call	*c = xcalloc(1, sizeof *c);
	char		*text = NULL;

	c->api = a;
	c->cb = cb;
	c->arg = arg;
	c->kind = k;
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

struct api_call *
api_callf(struct api *a, const char *method, cJSON *body, const char *key,
    long long if_match, const struct api_kind *k, api_cb cb, void *arg,
    const char *fmt, ...)
{
	struct api_call	*c;
	va_list		 ap;
	char		*path;

	va_start(ap, fmt);
	if (vasprintf(&path, fmt, ap) == -1)
		fatal("out of memory building a path");
	va_end(ap);
	c = api_call(a, method, path, body, key, if_match, k, cb, arg);
	free(path);
	return (c);
}

char *
api_param(const char *name, const char *value)
{
	char	*v, *out;

	if (value == NULL || *value == '\0')
		return (xstrdup(""));
	v = http_escape(value);
	out = xasprintf("&%s=%s", name, v);
	free(v);
	return (out);
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
