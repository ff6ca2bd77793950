/* Request lifecycle and routing for bianmind: every request passes the
 * checks of docs/api.md section 1.6 here, in that order, before its
 * handler sees it. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "conns.h"
#include "db-open.h"
#include "db.h"
#include "http-errors.h"
#include "http.h"
#include "idempotency.h"
#include "proxy.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "router.h"
#include "scope.h"
#include "session.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

#define MAX_ARG_BYTES	1024
/* How much of a path the log shows, and of a segment longer than a
 * number or an application number. */
#define LOG_PATH_MAX	200
#define LOG_SEGMENT_MAX	32
#define LOG_SEGMENT_KEPT 4
/* Runs of a handler whose transaction a lock conflict rolled back. */
#define HANDLER_TRIES	3

static unsigned body_timeout_ms = 30000;
/* Requests begun and not yet completed, for a drain before exit. */
static volatile int inflight;

/* Lets tests shorten the body deadline instead of waiting 30 s. */
void
http_set_body_timeout(unsigned seconds)
{
	body_timeout_ms = seconds * 1000;
}

int
http_inflight(void)
{
	return (__atomic_load_n(&inflight, __ATOMIC_SEQ_CST));
}

/* Milliseconds on a clock that never jumps, for deadlines. */
static long long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
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

/* Adds up the bytes of the request line and headers. */
static enum MHD_Result
count_bytes(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	size_t	*n = cls;

	(void)kind;
	*n += strlen(key) + (value != NULL ? strlen(value) : 0) + 4;
	return (MHD_YES);
}

/* True when the request line and headers are over the 16 KiB limit. */
static int
headers_too_large(struct req *r)
{
	size_t	n = strlen(r->method) + strlen(r->url) + 12;

	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, count_bytes, &n);
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, count_bytes,
	    &n);
	return (n > HTTP_MAX_HEADERS);
}

/* The client's address as text, for the audit trail and throttles: the
 * peer's, or the client a trusted proxy speaks for. */
static void
remote_addr(struct req *r)
{
	const union MHD_ConnectionInfo	*ci;
	char				 peer[64];

	ci = MHD_get_connection_info(r->conn,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	proxy_addr_text(ci != NULL ? ci->client_addr : NULL, peer,
	    sizeof peer);
	proxy_client(r->conn, peer, r->addr, sizeof r->addr);
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
			if (i == 0)
				strcat(list, ", HEAD");
		}
		free(store);
	}
	return (list);
}

/* Route, method and the limits: 0 to go on, -1 having replied. */
static int
check_route(struct req *r)
{
	cJSON	*ext;
	int	 path_known, bad = 0;

	r->route = route_match(r->method, r->url, &r->param_store, r->params,
	    &path_known);
	if (r->route == NULL) {
		if (path_known) {
			reply_problem(r, 405, "method-not-allowed",
			    "Method not allowed", NULL, NULL);
			reply_header(r, MHD_HTTP_HEADER_ALLOW, allowed(r->url));
		} else
			reply_not_found(r);
		return (-1);
	}
	if (r->too_big) {
		ext = cJSON_CreateObject();
		cJSON_AddNumberToObject(ext, "limit", HTTP_MAX_BODY);
		reply_problem_ext(r, 413, "body-too-large",
		    "Request body too large", "请求体超过 64 KiB", ext);
		return (-1);
	}
	if (headers_too_large(r)) {
		reply_problem(r, 431, "headers-too-large",
		    "Request headers too large", "请求头超过 16 KiB", NULL);
		return (-1);
	}
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_arg,
	    &bad);
	if (bad || !utf8_valid(r->url, strlen(r->url))) {
		reply_problem(r, 400, "invalid-request", "Invalid request",
		    "查询参数过长或不是有效的 UTF-8", NULL);
		return (-1);
	}
	if ((r->route->flags & (ROUTE_BODY | ROUTE_BODY_OPT)) &&
	    r->body.len > 0 && !req_media_type_ok(r,
	    r->route->flags & ROUTE_PATCH)) {
		reply_problem(r, 415, "unsupported-media-type",
		    "Unsupported media type", "请求体须为 application/json",
		    NULL);
		return (-1);
	}
	return (0);
}

/* A strong entity tag holding a version: "7". */
static long long
parse_etag(const char *s)
{
	long long	v = 0;
	size_t		i, n = strlen(s);

	if (n < 3 || n > 18 || s[0] != '"' || s[n - 1] != '"' || s[1] == '0')
		return (-1);
	for (i = 1; i < n - 1; i++) {
		if (!isdigit((unsigned char)s[i]))
			return (-1);
		v = v * 10 + (s[i] - '0');
	}
	return (v);
}

/* The syntax of Idempotency-Key and If-Match; 0, or -1 having replied. */
static int
check_headers(struct req *r)
{
	const char	*key = req_header(r, "Idempotency-Key");
	const char	*im = req_header(r, MHD_HTTP_HEADER_IF_MATCH);
	cJSON		*errors = NULL;
	size_t		 i, n;

	if (r->route->flags & ROUTE_IDEM) {
		n = key != NULL ? strlen(key) : 0;
		if (key == NULL || n == 0)
			field_error(&errors, "Idempotency-Key", "required",
			    "缺少 Idempotency-Key");
		else {
			for (i = 0; i < n; i++) {
				if (!isalnum((unsigned char)key[i]) &&
				    key[i] != '-' && key[i] != '_')
					break;
			}
			if (n < 8 || n > 64 || i != n)
				field_error(&errors, "Idempotency-Key",
				    "pattern", "Idempotency-Key 须为 8–64 位"
				    "字母、数字、- 或 _");
			else
				r->idem_key = xstrdup(key);
		}
	}
	if ((r->route->flags & ROUTE_IF_MATCH) && im != NULL &&
	    (r->if_match = parse_etag(im)) <= 0)
		field_error(&errors, "If-Match", "pattern",
		    "If-Match 须为一个强实体标签，如 \"3\"");
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* Who may call the route: 0, or -1 having replied 401 or 403. */
static int
check_caller(struct req *r)
{
	if (r->route->flags & ROUTE_PUBLIC)
		return (0);
	if (session_authenticate(r) != 0)
		return (-1);
	/* an account with a one-time password does nothing else until it
	 * has chosen its own */
	if (r->staff->must_change && !(r->route->flags & ROUTE_FIRST_PW)) {
		req_note(r, "refused: the first password is not changed yet");
		reply_problem(r, 403, "password-change-required",
		    "Password change required", "请先修改初始密码", NULL);
		return (-1);
	}
	if (!scope_allows(r->staff, r->route->roles)) {
		req_note(r, "refused: not for a %s", r->staff->role);
		reply_forbidden(r, "你的角色不能使用此功能");
		return (-1);
	}
	return (0);
}

/* Single rows and actions take no query parameters; lists and the
 * routes flagged ROUTE_QUERY read their own. */
static int
takes_no_query(const struct route *route)
{
	size_t	n = strlen(route->pattern);

	if (route->flags & ROUTE_QUERY)
		return (0);
	return (strcmp(route->method, "GET") != 0 ||
	    route->pattern[n - 1] == '}');
}

/* Names one query parameter as unknown. */
static enum MHD_Result
unknown_arg(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	(void)kind;
	(void)value;
	field_error(cls, key, "unknown_field", "未定义的查询参数");
	return (MHD_YES);
}

/* 1 having answered 400 when the request has any query parameter. */
static int
query_given(struct req *r)
{
	cJSON	*errors = NULL;

	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, unknown_arg,
	    &errors);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (1);
}

/* A request refused before routing: a NUL in its URL, or HTTP/1.1
 * without Host. 0 to go on, -1 having replied. */
static int
check_refused(struct req *r)
{
	cJSON	*errors = NULL;

	if (r->refused == NULL)
		return (0);
	if (strcmp(r->refused, "control_chars") == 0) {
		field_error(&errors, r->refused_field, "control_chars",
		    "地址中不能有 NUL 字符（%00）");
		reply_validation(r, errors);
	} else
		reply_problem(r, 400, "invalid-request", "Invalid request",
		    "HTTP/1.1 请求须有 Host 头", NULL);
	return (-1);
}

/* Runs the handler; again, a few times, when a lock conflict (a
 * deadlock PostgreSQL broke) rolled its transaction back: nothing was
 * written, and its next reply replaces the one it made. */
static void
run_handler(struct req *r)
{
	int	tries;

	r->route->handler(r);
	for (tries = 1; tries < HANDLER_TRIES && (r->status < 200 ||
	    r->status >= 300) && db_conflict(r->db); tries++) {
		log_info("%s %s: a lock conflict rolled it back; running it "
		    "again", r->method, r->route->pattern);
		r->route->handler(r);
	}
}

/* Runs the checks of docs/api.md 1.6 in order, then the handler. */
static void
dispatch_checked(struct req *r)
{
	if (check_refused(r) != 0 || check_route(r) != 0)
		return;
	if ((r->db = db_request()) == NULL) {
		reply_unavailable(r, "数据库无法打开");
		return;
	}
	if (check_caller(r) != 0 || check_headers(r) != 0)
		return;
	if (r->idem_key != NULL && idem_begin(r) != 0)
		return;
	if ((r->route->flags & ROUTE_IF_MATCH) && r->if_match == 0) {
		reply_problem(r, 428, "precondition-required",
		    "Precondition required", "缺少 If-Match", NULL);
		return;
	}
	if ((r->route->flags & (ROUTE_BODY | ROUTE_BODY_OPT)) &&
	    (r->json = req_json(r)) == NULL)
		return;
	if (takes_no_query(r->route) && query_given(r))
		return;
	run_handler(r);
	if (r->out == NULL)
		reply_problem(r, 500, "internal", "Internal error", NULL, NULL);
}

/* The request, answered 503 whatever it got if the database connection
 * broke meanwhile: what was written, if anything, is not known. */
static void
dispatch(struct req *r)
{
	dispatch_checked(r);
	if (r->db != NULL && db_lost(r->db))
		reply_unavailable(r, "数据库连接中断，请重试");
}

/* The path as the log shows it: the path alone (libmicrohttpd keeps
 * the query, with its names and numbers, apart), control characters as
 * ?, and a segment long enough to be a token (a certificate's verify
 * token, or a session's sent where it does not belong) cut to its first
 * characters. */
static void
log_path(const char *url, struct buf *b)
{
	const char	*p = url, *end;
	size_t		 n, i;

	while (*p != '\0' && b->len < LOG_PATH_MAX) {
		end = strchr(p, '/');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		if (n > LOG_SEGMENT_MAX) {
			buf_add(b, p, LOG_SEGMENT_KEPT);
			buf_adds(b, "...");
		} else {
			for (i = 0; i < n; i++)
				buf_add(b, (unsigned char)p[i] < 0x20 ||
				    p[i] == 0x7f ? "?" : p + i, 1);
		}
		if (end == NULL)
			return;
		buf_add(b, "/", 1);
		p = end + 1;
	}
	if (*p != '\0')
		buf_adds(b, "...");
}

/* One line for the request: the client, method, path, status and
 * milliseconds; the staff and counter of its session; what it did or
 * why it was refused. */
static void
log_request(struct req *r)
{
	struct buf	b;

	buf_init(&b);
	log_path(r->url != NULL ? r->url : "", &b);
	buf_printf(&b, " %d %lldms", r->status, now_ms() - r->started);
	if (r->staff != NULL)
		buf_printf(&b, " staff=%s counter=%s", r->staff->username,
		    r->staff->counter != NULL ? r->staff->counter : "-");
	if (r->note[0] != '\0')
		buf_printf(&b, ": %s", r->note);
	log_info("%s %s %s", r->addr, r->method != NULL ? r->method : "-",
	    b.data);
	buf_free(&b);
}

/* Hands the reply to libmicrohttpd. */
static enum MHD_Result
queue(struct req *r)
{
	struct MHD_Response	*resp;
	enum MHD_Result		 rc;
	int			 i;

	r->answered = 1;
	log_request(r);
	resp = MHD_create_response_from_buffer(r->outlen, r->out,
	    MHD_RESPMEM_MUST_FREE);
	if (resp == NULL)
		fatal("out of memory creating a response");
	r->out = NULL;
	if (r->ctype != NULL)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
		    r->ctype);
	for (i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->hname[i], r->hvalue[i]);
	rc = http_queue_own(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return (rc);
}

/* For the fault tests (bianmind(8), FAULTS): BIANMIND_FAULT=after-commit
 * or after-record ends the process once an application was created,
 * before its idempotency record or before its reply, as a power cut
 * would. */
static void
fault_point(struct req *r, const char *where)
{
	static const char	*fault;
	static int		 read;

	if (!read) {
		fault = getenv("BIANMIND_FAULT");
		read = 1;
	}
	if (fault != NULL && strcmp(fault, where) == 0 &&
	    r->status / 100 == 2 && strcmp(r->method, "POST") == 0 &&
	    strcmp(r->url, "/api/v1/applications") == 0)
		_exit(70);
}

/* The work at the end of a request: the reply, then the idempotency
 * record's fate. */
static enum MHD_Result
answer(struct req *r)
{
	conns_received(r->conn);
	if (r->body.len > 0 && now_ms() - r->started > body_timeout_ms) {
		reply_problem(r, 408, "request-timeout", "Request timeout",
		    "请求体未在时限内收齐", NULL);
		return (queue(r));
	}
	dispatch(r);
	fault_point(r, "after-commit");
	if (r->idem_print[0] != '\0' && r->db != NULL)
		idem_finish(r);
	fault_point(r, "after-record");
	if (r->db != NULL) {
		db_request_done(r->db);	/* the next request's turn */
		r->db = NULL;
	}
	return (queue(r));
}

/* Takes one piece of the body, or drops it once the body is too big. */
static enum MHD_Result
take_upload(struct req *r, const char *upload, size_t *upload_size)
{
	/* libmicrohttpd cannot answer in the middle of a body: drop the
	 * excess as it comes and answer 413 at its end, or hang up on a
	 * sender that does not stop */
	if (r->too_big || r->body.len + *upload_size > HTTP_MAX_BODY) {
		r->too_big = 1;
		buf_free(&r->body);
		r->discarded += *upload_size;
		*upload_size = 0;
		return (r->discarded > HTTP_MAX_DISCARD ? MHD_NO : MHD_YES);
	}
	buf_add(&r->body, upload, *upload_size);
	*upload_size = 0;
	return (MHD_YES);
}

/* Where %00 is in the raw URL: "path", the query parameter's name as
 * sent, or "query" when that name is no short printable text. */
static void
nul_field(struct req *r, const char *uri, const char *nul)
{
	const char	*q = strchr(uri, '?'), *start, *end;
	size_t		 i, n;

	snprintf(r->refused_field, sizeof r->refused_field, "path");
	if (q == NULL || nul < q)
		return;
	for (start = nul; start > q + 1 && start[-1] != '&'; start--)
		;
	end = start + strcspn(start, "=&");
	n = (size_t)(end - start);
	snprintf(r->refused_field, sizeof r->refused_field, "query");
	for (i = 0; i < n; i++) {
		if (start[i] < 0x21 || start[i] > 0x7e)
			return;
	}
	if (n > 0 && n < sizeof r->refused_field)
		snprintf(r->refused_field, sizeof r->refused_field, "%.*s",
		    (int)n, start);
}

void *
http_uri_log(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct req	*r;
	const char	*nul;

	(void)cls;
	r = xcalloc(1, sizeof *r);
	__atomic_add_fetch(&inflight, 1, __ATOMIC_SEQ_CST);
	r->conn = conn;
	buf_init(&r->body);
	/* libmicrohttpd decodes %00 into a NUL that ends the path or the
	 * argument early: /residents/1%00 would be /residents/1 */
	if ((nul = strstr(uri, "%00")) != NULL) {
		r->refused = "control_chars";
		nul_field(r, uri, nul);
	}
	return (r);
}

enum MHD_Result
http_access(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct req	*r = *con_cls;
	const char	*clen;

	if (r == NULL)
		r = *con_cls = http_uri_log(cls, url, conn);
	if (!r->seen) {
		r->seen = 1;
		r->method = xstrdup(method);
		r->url = xstrdup(url);
		r->started = now_ms();
		remote_addr(r);
		if (r->refused == NULL && strcmp(version, "HTTP/1.1") == 0 &&
		    MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_HOST) == NULL)
			r->refused = "no_host";
		if (r->refused != NULL)
			return (answer(r));
		clen = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (clen != NULL && strtoull(clen, NULL, 10) > HTTP_MAX_BODY) {
			r->too_big = 1;
			return (answer(r));
		}
		return (MHD_YES);
	}
	if (r->answered)
		return (MHD_YES);
	if (*upload_size != 0)
		return (take_upload(r, upload, upload_size));
	return (answer(r));
}

void
http_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct req	*r = *con_cls;
	int		 i;

	(void)cls;
	(void)toe;
	conns_replied(conn);
	if (r == NULL)
		return;
	__atomic_sub_fetch(&inflight, 1, __ATOMIC_SEQ_CST);
	auth_staff_free(r->staff);
	buf_free(&r->body);
	cJSON_Delete(r->json);
	free(r->idem_key);
	free(r->param_store);
	free(r->method);
	free(r->url);
	free(r->out);
	free(r->replay);
	free(r->ctype);
	for (i = 0; i < r->nheaders; i++) {
		free(r->hname[i]);
		free(r->hvalue[i]);
	}
	free(r);
	*con_cls = NULL;
}
