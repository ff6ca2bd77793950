/* Request lifecycle, routing and replies for bianmind. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "auth.h"
#include "db.h"
#include "http.h"
#include "../locale/text.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

#define MAX_ARG_BYTES	1024

static const struct route *const route_tables[] = {
	routes_health,
	routes_sessions,
	routes_residents,
};

/* Splits the next segment off *p (in place); NULL at the end. */
static char *
next_segment(char **p)
{
	char	*s = *p, *slash;

	if (s == NULL || *s == '\0')
		return (NULL);
	if ((slash = strchr(s, '/')) != NULL) {
		*slash = '\0';
		*p = slash + 1;
	} else
		*p = NULL;
	return (s);
}

/* Matches path against one pattern; the segments of path were split
 * into segs already. */
static int
pattern_match(const char *pattern, char **segs, int nsegs,
    const char **params)
{
	const char	*p = pattern + 1, *end;
	int		 i = 0, np = 0;
	size_t		 len;

	while (*p != '\0') {
		if (i >= nsegs)
			return (0);
		end = strchr(p, '/');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		if (p[0] == '{') {
			if (segs[i][0] == '\0' || np >= ROUTE_MAX_PARAMS)
				return (0);
			params[np++] = segs[i];
		} else if (strlen(segs[i]) != len ||
		    strncmp(p, segs[i], len) != 0)
			return (0);
		i++;
		p += len;
		if (*p == '/')
			p++;
	}
	return (i == nsegs);
}

const struct route *
route_match(const char *method, const char *path, char **store,
    const char **params, int *path_known)
{
	const struct route	*r;
	char			*segs[16], *cursor, *s;
	int			 nsegs = 0;
	size_t			 t;

	*path_known = 0;
	*store = xstrdup(path);
	if ((*store)[0] != '/')
		return (NULL);
	cursor = *store + 1;
	while ((s = next_segment(&cursor)) != NULL) {
		if (nsegs == (int)(sizeof segs / sizeof *segs))
			return (NULL);
		segs[nsegs++] = s;
	}
	for (t = 0; t < sizeof route_tables / sizeof *route_tables; t++) {
		for (r = route_tables[t]; r->method != NULL; r++) {
			if (!pattern_match(r->pattern, segs, nsegs, params))
				continue;
			if (strcmp(r->method, method) == 0)
				return (r);
			*path_known = 1;
		}
	}
	return (NULL);
}

static void
set_response(struct req *r, int status, char *body, size_t len,
    const char *type)
{
	if (r->response != NULL)
		MHD_destroy_response(r->response);
	r->response = MHD_create_response_from_buffer(len, body,
	    MHD_RESPMEM_MUST_FREE);
	if (r->response == NULL)
		fatal("out of memory creating a response");
	MHD_add_response_header(r->response, MHD_HTTP_HEADER_CONTENT_TYPE,
	    type);
	MHD_add_response_header(r->response, MHD_HTTP_HEADER_CACHE_CONTROL,
	    "no-store");
	MHD_add_response_header(r->response, "X-Content-Type-Options",
	    "nosniff");
	r->status = status;
}

void
reply_json_text(struct req *r, int status, const char *text)
{
	size_t	len = strlen(text);

	set_response(r, status, xstrdup(text), len,
	    "application/json; charset=utf-8");
}

void
reply_json(struct req *r, int status, cJSON *json)
{
	char	*text;

	if ((text = cJSON_PrintUnformatted(json)) == NULL)
		fatal("out of memory printing JSON");
	cJSON_Delete(json);
	set_response(r, status, text, strlen(text),
	    "application/json; charset=utf-8");
}

void
reply_empty(struct req *r, int status)
{
	set_response(r, status, xstrdup(""), 0, "text/plain");
}

void
reply_header(struct req *r, const char *name, const char *value)
{
	if (r->response != NULL)
		MHD_add_response_header(r->response, name, value);
}

void
reply_problem(struct req *r, int status, const char *name,
    const char *title, const char *detail, cJSON *errors)
{
	cJSON	*p = cJSON_CreateObject();
	char	*type, *text;

	type = xasprintf("urn:bianmin:problem:%s", name);
	cJSON_AddStringToObject(p, "type", type);
	free(type);
	cJSON_AddStringToObject(p, "title", title);
	cJSON_AddNumberToObject(p, "status", status);
	if (detail != NULL)
		cJSON_AddStringToObject(p, "detail", detail);
	if (errors != NULL)
		cJSON_AddItemToObject(p, "errors", errors);
	if ((text = cJSON_PrintUnformatted(p)) == NULL)
		fatal("out of memory printing JSON");
	cJSON_Delete(p);
	set_response(r, status, text, strlen(text),
	    "application/problem+json; charset=utf-8");
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
	reply_problem(r, 400, "validation", "Validation failed",
	    "One or more fields are not valid.", errors);
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
req_json(struct req *r)
{
	const char	*type = req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	cJSON		*json;

	if (type == NULL || strncasecmp(type, "application/json", 16) != 0) {
		reply_problem(r, 415, "unsupported-media-type",
		    "Unsupported media type",
		    "The body must be application/json.", NULL);
		return (NULL);
	}
	if (!utf8_valid(r->body.data != NULL ? r->body.data : "",
	    r->body.len) || memchr(r->body.data, '\0', r->body.len) != NULL) {
		reply_problem(r, 400, "invalid-request", "Invalid request",
		    "The body is not valid UTF-8.", NULL);
		return (NULL);
	}
	/* the terminator is part of the buffer: cJSON then refuses any
	 * trailing bytes after the value */
	json = r->body.data == NULL ? NULL :
	    cJSON_ParseWithLengthOpts(r->body.data, r->body.len + 1, NULL, 1);
	if (json == NULL || !cJSON_IsObject(json)) {
		cJSON_Delete(json);
		reply_problem(r, 400, "invalid-request", "Invalid request",
		    "The body is not a JSON object.", NULL);
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

	if (s == NULL || !isdigit((unsigned char)s[0]))
		goto bad;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || v <= 0 || v > (1LL << 53))
		goto bad;
	return (v);
bad:
	reply_problem(r, 404, "not-found", "Not found", NULL, NULL);
	return (-1);
}

static int
parse_bounded(const char *s, int def, int min, int max, int *out)
{
	char	*end;
	long	 v;

	if (s == NULL) {
		*out = def;
		return (0);
	}
	if (!isdigit((unsigned char)s[0]))
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
		    "page must be a whole number from 1.");
	if (parse_bounded(req_arg(r, "per_page"), 20, 1, 100, per_page) != 0)
		field_error(&errors, "per_page", "range",
		    "per_page must be a whole number from 1 to 100.");
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* Refuses query arguments that are not valid UTF-8 or are too long. */
static enum MHD_Result
check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	int	*bad = cls;

	(void)kind;
	if (!utf8_valid(key, strlen(key)) || (value != NULL &&
	    (strlen(value) > MAX_ARG_BYTES ||
	    !utf8_valid(value, strlen(value))))) {
		*bad = 1;
		return (MHD_NO);
	}
	return (MHD_YES);
}

static void
remote_addr(struct req *r)
{
	const union MHD_ConnectionInfo	*ci;
	const struct sockaddr		*sa;

	strcpy(r->addr, "?");
	ci = MHD_get_connection_info(r->conn,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || (sa = ci->client_addr) == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
		    r->addr, sizeof r->addr);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
		    &((const struct sockaddr_in6 *)sa)->sin6_addr, r->addr,
		    sizeof r->addr);
}

/* The methods that path answers to, for the Allow header. */
static const char *
allowed(const char *path)
{
	static _Thread_local char	 list[64];
	static const char *const	 methods[] = {
		"GET", "POST", "PATCH", "DELETE"
	};
	const char			*params[ROUTE_MAX_PARAMS];
	char				*store;
	size_t				 i;
	int				 known;

	list[0] = '\0';
	for (i = 0; i < sizeof methods / sizeof *methods; i++) {
		store = NULL;
		if (route_match(methods[i], path, &store, params, &known) !=
		    NULL) {
			if (list[0] != '\0')
				strcat(list, ", ");
			strcat(list, methods[i]);
		}
		free(store);
	}
	return (list);
}

static void
dispatch(struct req *r)
{
	const struct route	*route;
	int			 path_known, bad = 0;

	if (r->too_big) {
		reply_problem(r, 413, "body-too-large", "Body too large",
		    "The request body is larger than 64 KiB.", NULL);
		return;
	}
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_arg,
	    &bad);
	if (bad || !utf8_valid(r->url, strlen(r->url))) {
		reply_problem(r, 400, "invalid-request", "Invalid request",
		    "A query argument is too long or not valid UTF-8.", NULL);
		return;
	}
	route = route_match(r->method, r->url, &r->param_store, r->params,
	    &path_known);
	if (route == NULL) {
		if (path_known) {
			reply_problem(r, 405, "method-not-allowed",
			    "Method not allowed", NULL, NULL);
			reply_header(r, MHD_HTTP_HEADER_ALLOW, allowed(r->url));
		} else
			reply_problem(r, 404, "not-found", "Not found", NULL,
			    NULL);
		return;
	}
	if ((r->db = db_thread()) == NULL) {
		reply_problem(r, 503, "service-unavailable",
		    "Service unavailable", "The database cannot be opened.",
		    NULL);
		reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "5");
		return;
	}
	if (!(route->flags & ROUTE_PUBLIC) && session_authenticate(r) != 0)
		return;
	route->handler(r);
	if (r->response == NULL)
		reply_problem(r, 500, "internal", "Internal error", NULL, NULL);
}

static enum MHD_Result
queue(struct req *r)
{
	enum MHD_Result	rc;

	r->answered = 1;
	log_debug("%s %s %s %d", r->addr, r->method, r->url, r->status);
	rc = MHD_queue_response(r->conn, (unsigned)r->status, r->response);
	MHD_destroy_response(r->response);
	r->response = NULL;
	return (rc);
}

enum MHD_Result
http_access(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct req	*r = *con_cls;
	const char	*clen;

	(void)cls;
	(void)version;
	if (r == NULL) {
		r = xcalloc(1, sizeof *r);
		r->conn = conn;
		r->method = xstrdup(method);
		r->url = xstrdup(url);
		buf_init(&r->body);
		remote_addr(r);
		*con_cls = r;
		clen = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (clen != NULL && strtoull(clen, NULL, 10) > HTTP_MAX_BODY) {
			r->too_big = 1;
			dispatch(r);
			return (queue(r));
		}
		return (MHD_YES);
	}
	if (r->answered)
		return (MHD_YES);
	if (*upload_size != 0) {
		/* libmicrohttpd cannot answer in the middle of a body: drop
		 * the excess as it comes and answer 413 at its end, or hang
		 * up on a sender that does not stop */
		if (r->too_big || r->body.len + *upload_size > HTTP_MAX_BODY) {
			r->too_big = 1;
			buf_free(&r->body);
			r->discarded += *upload_size;
			*upload_size = 0;
			return (r->discarded > HTTP_MAX_DISCARD ? MHD_NO :
			    MHD_YES);
		}
		buf_add(&r->body, upload, *upload_size);
		*upload_size = 0;
		return (MHD_YES);
	}
	dispatch(r);
	return (queue(r));
}

void
http_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct req	*r = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (r == NULL)
		return;
	if (r->response != NULL)
		MHD_destroy_response(r->response);
	auth_staff_free(r->staff);
	buf_free(&r->body);
	free(r->param_store);
	free(r->method);
	free(r->url);
	free(r);
	*con_cls = NULL;
}
