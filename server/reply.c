/* Replies, built in memory so that an idempotent request can store the
 * exact bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json-print.h"
#include "reply.h"
#include "route.h"
#include "../util/xmalloc.h"

/* Drops the reply so far: body, type and headers. */
static void
reply_clear(struct req *r)
{
	int	i;

	free(r->out);
	free(r->ctype);
	free(r->replay);
	r->out = NULL;
	r->ctype = NULL;
	r->replay = NULL;
	for (i = 0; i < r->nheaders; i++) {
		free(r->hname[i]);
		free(r->hvalue[i]);
	}
	r->nheaders = 0;
}

void
reply_replay_body(struct req *r, char *body)
{
	free(r->replay);
	r->replay = body;
}

void
reply_raw(struct req *r, int status, const char *type, char *body,
    size_t len)
{
	reply_clear(r);
	r->status = status;
	r->out = body;
	r->outlen = len;
	r->ctype = type != NULL ? xstrdup(type) : NULL;
	reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	reply_header(r, "X-Content-Type-Options", "nosniff");
}

void
reply_header(struct req *r, const char *name, const char *value)
{
	int	i;

	for (i = 0; i < r->nheaders; i++) {
		if (strcasecmp(r->hname[i], name) == 0) {
			free(r->hvalue[i]);
			r->hvalue[i] = xstrdup(value);
			return;
		}
	}
	if (r->nheaders == REPLY_MAX_HEADERS)
		fatal("%s: too many headers", __func__);
	r->hname[r->nheaders] = xstrdup(name);
	r->hvalue[r->nheaders++] = xstrdup(value);
}

void
reply_json_text(struct req *r, int status, const char *text)
{
	reply_raw(r, status, "application/json; charset=utf-8",
	    xstrdup(text), strlen(text));
}

void
reply_json(struct req *r, int status, cJSON *json)
{
	char	*text;

	if ((text = json_print(json)) == NULL)
		fatal("%s: an item cJSON cannot print", __func__);
	cJSON_Delete(json);
	reply_raw(r, status, "application/json; charset=utf-8", text,
	    strlen(text));
}

void
reply_empty(struct req *r, int status)
{
	reply_raw(r, status, NULL, xstrdup(""), 0);
}

void
reply_versioned(struct req *r, int status, cJSON *json, long long version)
{
	const char	*inm = MHD_lookup_connection_value(r->conn,
	    MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
	char		 etag[32];

	snprintf(etag, sizeof etag, "\"%lld\"", version);
	if (status == 200 && inm != NULL && strcmp(inm, etag) == 0 &&
	    strcmp(r->method, "POST") != 0) {
		cJSON_Delete(json);
		reply_empty(r, 304);
	} else
		reply_json(r, status, json);
	reply_header(r, MHD_HTTP_HEADER_ETAG, etag);
}

void
reply_problem_ext(struct req *r, int status, const char *name,
    const char *title, const char *detail, cJSON *ext)
{
	cJSON	*p = cJSON_CreateObject(), *item;
	char	*type, *text;

	type = xasprintf("urn:bianmin:problem:%s", name);
	cJSON_AddStringToObject(p, "type", type);
	free(type);
	cJSON_AddStringToObject(p, "title", title);
	cJSON_AddNumberToObject(p, "status", status);
	cJSON_AddStringToObject(p, "detail", detail != NULL ? detail : title);
	if (ext != NULL) {
		while ((item = ext->child) != NULL) {
			cJSON_DetachItemViaPointer(ext, item);
			cJSON_AddItemToObject(p, item->string, item);
		}
		cJSON_Delete(ext);
	}
	if ((text = json_print(p)) == NULL)
		fatal("out of memory printing JSON");
	cJSON_Delete(p);
	reply_raw(r, status, "application/problem+json; charset=utf-8", text,
	    strlen(text));
	if (status == 401)
		reply_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
		    "Bearer realm=\"bianmin\"");
}

void
reply_problem(struct req *r, int status, const char *name,
    const char *title, const char *detail, cJSON *errors)
{
	cJSON	*ext = NULL;

	if (errors != NULL) {
		ext = cJSON_CreateObject();
		cJSON_AddItemToObject(ext, "errors", errors);
	}
	reply_problem_ext(r, status, name, title, detail, ext);
}

void
reply_not_found(struct req *r)
{
	reply_problem(r, 404, "not-found", "Not found", "未找到", NULL);
}

void
reply_forbidden(struct req *r, const char *detail)
{
	reply_problem(r, 403, "forbidden", "Forbidden", detail, NULL);
}

void
reply_unavailable(struct req *r, const char *detail)
{
	reply_problem(r, 503, "service-unavailable", "Service unavailable",
	    detail, NULL);
	reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "5");
}

void
field_error(cJSON **errors, const char *field, const char *code,
    const char *message)
{
	cJSON	*e = cJSON_CreateObject();

	if (*errors == NULL)
		*errors = cJSON_CreateArray();
	cJSON_AddStringToObject(e, "field", field);
	cJSON_AddStringToObject(e, "code", code);
	cJSON_AddStringToObject(e, "message", message);
	cJSON_AddItemToArray(*errors, e);
}

void
reply_validation(struct req *r, cJSON *errors)
{
	char	detail[64];

	snprintf(detail, sizeof detail, "请求中有 %d 个字段不正确",
	    cJSON_GetArraySize(errors));
	reply_problem(r, 400, "validation", "Validation failed", detail,
	    errors);
}
