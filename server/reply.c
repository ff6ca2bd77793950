/* Replies, built in memory (so that an idempotent request can store the
 * exact bytes), and the readers of a request's path, query and body. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "db.h"
#include "http.h"
#include "idempotency.h"
#include "jsonparse.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

/* Drops the reply so far: body, type and headers. */
static void
reply_clear(struct req *r)
{
	int	i;

	free(r->out);
	free(r->ctype);
	r->out = NULL;
	r->ctype = NULL;
	for (i = 0; i < r->nheaders; i++) {
		free(r->hname[i]);
		free(r->hvalue[i]);
	}
	r->nheaders = 0;
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

	if ((text = cJSON_PrintUnformatted(json)) == NULL)
		fatal("out of memory printing JSON");
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
	const char	*inm = req_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH);
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
	if ((text = cJSON_PrintUnformatted(p)) == NULL)
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

int
req_commit(struct req *r)
{
	if (r->idem_key != NULL && r->status >= 200 && r->status < 300 &&
	    idem_store(r) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, "请求未能保存");
		return (-1);
	}
	if (db_commit(r->db) != 0) {
		r->idem_stored = 0;
		reply_unavailable(r, "请求未能保存");
		return (-1);
	}
	return (0);
}

const char *
req_header(struct req *r, const char *name)
{
	return (MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name));
}

const char *
req_arg(struct req *r, const char *name)
{
	return (MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
	    name));
}

cJSON *
req_body(struct req *r)
{
	return (r->json);
}

cJSON *
req_json(struct req *r)
{
	const char	*why = NULL;
	cJSON		*json;

	if (r->body.len == 0 && (r->route->flags & ROUTE_BODY_OPT))
		return (cJSON_CreateObject());
	if (r->body.len == 0) {
		reply_problem(r, 400, "invalid-request", "Invalid request",
		    "缺少请求体", NULL);
		return (NULL);
	}
	if (!utf8_valid(r->body.data, r->body.len)) {
		reply_problem(r, 400, "invalid-request", "Invalid request",
		    "请求体不是有效的 UTF-8", NULL);
		return (NULL);
	}
	if ((json = json_parse_strict(r->body.data, r->body.len, &why)) ==
	    NULL || !cJSON_IsObject(json)) {
		cJSON_Delete(json);
		reply_problem(r, 400, "invalid-request", "Invalid request",
		    why != NULL ? why : "请求体须为 JSON 对象", NULL);
		return (NULL);
	}
	return (json);
}

long long
req_id(struct req *r, int param)
{
	const char	*s = r->params[param];
	char		*end;
	long long	 v;

	if (s == NULL || s[0] < '1' || s[0] > '9' || strlen(s) > 16)
		goto bad;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || v <= 0 || v >= (1LL << 53))
		goto bad;
	return (v);
bad:
	reply_not_found(r);
	return (-1);
}

/* A decimal without sign or leading zeros, within [min, max]. */
static int
parse_bounded(const char *s, int def, int min, int max, int *out)
{
	char	*end;
	long	 v;

	if (s == NULL) {
		*out = def;
		return (0);
	}
	if (!isdigit((unsigned char)s[0]) || strlen(s) > 9)
		return (-1);
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < min || v > max)
		return (-1);
	*out = (int)v;
	return (0);
}

int
req_paging(struct req *r, int *page, int *per_page)
{
	cJSON	*errors = NULL;

	if (parse_bounded(req_arg(r, "page"), 1, 1, 1000000, page) != 0)
		field_error(&errors, "page", "range",
		    "page 须为 1 至 1000000 的整数");
	if (parse_bounded(req_arg(r, "per_page"), 20, 1, 100, per_page) != 0)
		field_error(&errors, "per_page", "range",
		    "per_page 须为 1 至 100 的整数");
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

int
req_role(struct req *r)
{
	const char	*role;

	if (r->staff == NULL)
		return (0);
	role = r->staff->role;
	if (strcmp(role, "clerk") == 0)
		return (ROLE_CLERK);
	if (strcmp(role, "grid") == 0)
		return (ROLE_GRID);
	if (strcmp(role, "supervisor") == 0)
		return (ROLE_SUPER);
	if (strcmp(role, "admin") == 0)
		return (ROLE_ADMIN);
	return (0);
}

long long
req_centre(struct req *r)
{
	if (req_role(r) == ROLE_ADMIN)
		return (0);
	/* a non-admin without a centre sees nothing, never everything */
	return (r->staff->centre_id != 0 ? r->staff->centre_id : -1);
}
