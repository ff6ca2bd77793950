/* The readers of a request's path, query, headers and body. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonparse.h"
#include "reply.h"
#include "req.h"
#include "../locale/text.h"

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

int
req_media_type_ok(struct req *r, int patch)
{
	const char	*type = req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	const char	*rest;
	size_t		 n;

	if (type == NULL)
		return (0);
	if (strncasecmp(type, "application/json", 16) == 0)
		rest = type + 16;
	else if (patch && strncasecmp(type,
	    "application/merge-patch+json", 28) == 0)
		rest = type + 28;
	else
		return (0);
	while (*rest == ' ')
		rest++;
	if (*rest == '\0')
		return (1);
	if (*rest++ != ';')
		return (0);
	while (*rest == ' ')
		rest++;
	n = strlen(rest);
	while (n > 0 && rest[n - 1] == ' ')
		n--;
	return ((n == 13 && strncasecmp(rest, "charset=utf-8", 13) == 0) ||
	    (n == 15 && strncasecmp(rest, "charset=\"utf-8\"", 15) == 0));
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

void
req_note(struct req *r, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(r->note, sizeof r->note, fmt, ap);
	va_end(ap);
}
