/* libcurl multi transfers with the safety settings every request needs.
 * libcurl itself is loaded on the first request (curl-load.h), or
 * sooner when the caller says one is near (http_warm). */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "curl-load.h"
#include "http.h"
#include "tls-strings.h"
#include "../util/buf.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

struct http_req {
	struct http		*http;
	char			*what;		/* method and masked path */
	struct timespec		 started;
	CURL			*easy;		/* NULL: never sent (below) */
	enum http_fail		 unsent;	/* why, when easy is NULL */
	unsigned		 turn;		/* http_process's turn when made */
	struct curl_slist	*headers;
	char			*body_out;
	struct buf		 body;
	char			*etag;
	long			 retry_after;
	int			 too_large;
	int			 not_loopback;	/* plain http went elsewhere */
	char			 refused[128];	/* ... and where */
	char			 error[CURL_ERROR_SIZE];
	http_cb			 cb;
	void			*arg;
	struct http_req		*next;
};

struct http {
	CURLM			*multi;		/* once libcurl is loaded */
	char			*refused;	/* libcurl's parser refused base */
	char			*base;
	char			*token;
	char			*visit;		/* Kiosk-Visit, or NULL */
	int			 plain;		/* http: loopback only */
	int			 warm;		/* load libcurl when idle */
	unsigned		 turn;
	struct http_options	 opts;
	struct http_req		*reqs;
};

/* libcurl's calls, set when it is loaded: every request with an easy
 * handle was made through them. */
static const struct curl_calls	*cl;

/* The names that may be spoken to without TLS: localhost (which libcurl
 * resolves to loopback itself), an IPv4 literal in 127.0.0.0/8 and
 * [::1] — never a name that merely starts like one (127.evil.example). */
static int
host_is_loopback(const char *url_host)
{
	struct in_addr	 in4;
	struct in6_addr	 in6;
	char		 bare[64];
	size_t		 n = strlen(url_host);

	if (strcasecmp(url_host, "localhost") == 0)
		return (1);
	if (inet_pton(AF_INET, url_host, &in4) == 1)
		return ((ntohl(in4.s_addr) >> 24) == 127);
	if (n < 3 || n >= sizeof bare || url_host[0] != '[' ||
	    url_host[n - 1] != ']')
		return (0);
	memcpy(bare, url_host + 1, n - 2);
	bare[n - 2] = '\0';
	return (inet_pton(AF_INET6, bare, &in6) == 1 &&
	    IN6_IS_ADDR_LOOPBACK(&in6));
}

/* 1 if a socket address is this machine's loopback. */
static int
addr_is_loopback(const struct sockaddr *sa)
{
	const struct in6_addr	*a6;

	if (sa->sa_family == AF_INET)
		return ((ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr)
		    >> 24) == 127);
	if (sa->sa_family != AF_INET6)
		return (0);
	a6 = &((const struct sockaddr_in6 *)sa)->sin6_addr;
	return (IN6_IS_ADDR_LOOPBACK(a6) || (IN6_IS_ADDR_V4MAPPED(a6) &&
	    a6->s6_addr[12] == 127));
}

/* Opens each socket libcurl connects: for plain http only to a loopback
 * address, whatever the name resolved to and whatever proxy the
 * environment names, so that no password leaves the machine in clear
 * text; nothing is sent to any other address. */
static curl_socket_t
open_socket(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct http_req	*r = arg;
	char		 text[INET6_ADDRSTRLEN] = "?";

	(void)purpose;
	if (r->http->plain && !addr_is_loopback(&a->addr)) {
		if (a->family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)
			    &a->addr)->sin_addr, text, sizeof text);
		else if (a->family == AF_INET6)
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)
			    &a->addr)->sin6_addr, text, sizeof text);
		r->not_loopback = 1;
		snprintf(r->refused, sizeof r->refused, "plain http only to this "
		    "machine, not to %s: use https", text);
		return (CURL_SOCKET_BAD);
	}
	return (socket(a->family, a->socktype, a->protocol));
}

static int
is_alpha(int c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

static int
is_digit(int c)
{
	return (c >= '0' && c <= '9');
}

/* The scheme and host of an absolute URL as RFC 3986 splits it: scheme
 * "://" [userinfo "@"] host [":" port] [path ...]; -1 when it is not
 * one. Our own, so that the base is checked before libcurl is loaded;
 * libcurl's parser checks it again then (curl_agrees). */
static int
url_parts(const char *url, char **scheme, char **host)
{
	const char	*p = url, *auth, *end, *h, *he, *q;

	if (!is_alpha((unsigned char)*p))
		return (-1);
	while (is_alpha((unsigned char)*p) || is_digit((unsigned char)*p) ||
	    *p == '+' || *p == '-' || *p == '.')
		p++;
	if (strncmp(p, "://", 3) != 0)
		return (-1);
	auth = p + 3;
	end = auth + strcspn(auth, "/?#");
	for (h = q = auth; q < end; q++) {
		if (*q == '@')
			h = q + 1;
	}
	if (*h == '[') {
		if ((he = memchr(h, ']', (size_t)(end - h))) == NULL)
			return (-1);
		he++;
	} else
		he = h + strcspn(h, ":/?#");
	if (he == h || (he < end && *he != ':'))
		return (-1);
	for (q = he + (he < end); q < end; q++) {
		if (!is_digit((unsigned char)*q))
			return (-1);
	}
	*scheme = xstrndup(url, (size_t)(p - url));
	*host = xstrndup(h, (size_t)(he - h));
	return (0);
}

/* https anywhere, plain http to this machine only. */
static int
allowed(const char *scheme, const char *host, char **cause)
{
	if (strcasecmp(scheme, "https") == 0)
		return (0);
	if (strcasecmp(scheme, "http") == 0 && host_is_loopback(host))
		return (0);
	if (strcasecmp(scheme, "http") == 0)
		*cause = xasprintf("plain http is allowed only to this machine "
		    "(localhost, 127.0.0.0/8, [::1]); use https for %s", host);
	else
		*cause = xasprintf("unsupported scheme %s: use https", scheme);
	return (-1);
}

static int
check_base(const char *base, char **cause)
{
	char	*scheme = NULL, *host = NULL;
	int	 rc;

	if (url_parts(base, &scheme, &host) != 0) {
		*cause = xasprintf("not a URL: %s", base);
		return (-1);
	}
	rc = allowed(scheme, host, cause);
	free(scheme);
	free(host);
	return (rc);
}

/* The same check by libcurl's own parser, which is the one that
 * connects: 0, or -1 with *cause if it reads the base otherwise. */
static int
curl_agrees(const char *base, char **cause)
{
	CURLU	*u = cl->url();
	char	*scheme = NULL, *host = NULL;
	int	 rc = -1;

	if (u == NULL || cl->url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK ||
	    cl->url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    cl->url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
		*cause = xasprintf("not a URL: %s", base);
	else
		rc = allowed(scheme, host, cause);
	cl->free(scheme);
	cl->free(host);
	cl->url_cleanup(u);
	return (rc);
}

/* libcurl and the multi handle, on first use. 0, or -1 with *cause
 * (static) when libcurl cannot be had. */
static int
ready(struct http *h, const char **cause)
{
	if (h->multi != NULL)
		return (0);
	if ((cl = curl_calls(cause)) == NULL)
		return (-1);
	if ((h->multi = cl->multi_init()) == NULL)
		fatal("curl_multi_init failed");
	cl->multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 4L);
	if (curl_agrees(h->base, &h->refused) != 0)
		log_info("http: %s", h->refused);
	return (0);
}

struct http *
http_new(const char *base_url, const struct http_options *o, char **cause)
{
	struct http	*h;
	size_t		 len;

	if (check_base(base_url, cause) != 0)
		return (NULL);
	h = xcalloc(1, sizeof *h);
	h->plain = strncasecmp(base_url, "http:", 5) == 0;
	h->base = xstrdup(base_url);
	len = strlen(h->base);
	while (len > 0 && h->base[len - 1] == '/')
		h->base[--len] = '\0';
	if (o != NULL)
		h->opts = *o;
	if (h->opts.connect_timeout_ms <= 0)
		h->opts.connect_timeout_ms = 5000;
	if (h->opts.timeout_ms <= 0)
		h->opts.timeout_ms = 20000;
	if (h->opts.low_speed_time_s <= 0)
		h->opts.low_speed_time_s = 10;
	return (h);
}

static void
req_free(struct http_req *r)
{
	if (r->headers != NULL)
		cl->slist_free_all(r->headers);
	if (r->easy != NULL)
		cl->easy_cleanup(r->easy);
	free(r->body_out);
	/* replies may hold revealed numbers: none linger in freed memory */
	if (r->body.data != NULL)
		explicit_bzero(r->body.data, r->body.cap);
	buf_free(&r->body);
	free(r->etag);
	free(r->what);
	free(r);
}

/* The query members that name a person: the log keeps their ends only. */
static int
personal(const char *name, size_t len)
{
	static const char *const names[] = { "id_number", "phone", "q",
	    "name", "mobile", "code" };
	size_t	i;

	for (i = 0; i < sizeof names / sizeof *names; i++) {
		if (strlen(names[i]) == len && strncmp(names[i], name, len) == 0)
			return (1);
	}
	return (0);
}

/* "GET /api/v1/residents?id_number=610***********0021&page=1": the
 * request as the log shows it, never a whole ID number, phone or name. */
static char *
log_what(const char *method, const char *path)
{
	struct buf	 b;
	const char	*q = strchr(path, '?'), *p, *eq, *end;
	size_t		 n, i;

	buf_init(&b);
	buf_printf(&b, "%s ", method);
	if (q == NULL) {
		buf_printf(&b, "%s", path);
		return (buf_steal(&b));
	}
	buf_add(&b, path, (size_t)(q - path) + 1);
	for (p = q + 1; *p != '\0'; p = *end != '\0' ? end + 1 : end) {
		end = p + strcspn(p, "&");
		eq = memchr(p, '=', (size_t)(end - p));
		if (p != q + 1)
			buf_add(&b, "&", 1);
		if (eq == NULL || !personal(p, (size_t)(eq - p))) {
			buf_add(&b, p, (size_t)(end - p));
			continue;
		}
		buf_add(&b, p, (size_t)(eq - p) + 1);
		n = (size_t)(end - eq - 1);
		for (i = 0; i < n; i++) {
			if (n >= 11 && (i < 3 || i >= n - 4))
				buf_add(&b, eq + 1 + i, 1);
			else
				buf_add(&b, "*", 1);
		}
	}
	return (buf_steal(&b));
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return ((long)(t.tv_sec - t0->tv_sec) * 1000 +
	    (t.tv_nsec - t0->tv_nsec) / 1000000);
}

void
http_free(struct http *h)
{
	struct http_req	*r, *next;

	if (h == NULL)
		return;
	for (r = h->reqs; r != NULL; r = next) {
		next = r->next;
		if (r->easy != NULL)
			cl->multi_remove_handle(h->multi, r->easy);
		req_free(r);
	}
	if (h->multi != NULL)
		cl->multi_cleanup(h->multi);
	http_set_token(h, NULL);
	http_set_visit(h, NULL);
	free(h->refused);
	free(h->base);
	free(h);
}

void
http_set_token(struct http *h, const char *token)
{
	if (h->token != NULL) {
		explicit_bzero(h->token, strlen(h->token));
		free(h->token);
	}
	h->token = token != NULL ? xstrdup(token) : NULL;
}

void
http_set_visit(struct http *h, const char *visit)
{
	if (h->visit != NULL) {
		explicit_bzero(h->visit, strlen(h->visit));
		free(h->visit);
	}
	h->visit = visit != NULL ? xstrdup(visit) : NULL;
}

const char *
http_base(struct http *h)
{
	return (h->base);
}

/* Caps the response while it streams: CURLOPT_MAXFILESIZE does not stop
 * a chunked reply on this libcurl. */
static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct http_req	*r = arg;

	if (r->body.len + n > HTTP_MAX_RESPONSE) {
		r->too_large = 1;
		return (0);
	}
	buf_add(&r->body, data, n);
	(void)size;
	return (n);
}

static size_t
on_header(char *data, size_t size, size_t n, void *arg)
{
	struct http_req	*r = arg;
	size_t		 len = n;

	(void)size;
	if (len > 12 && strncasecmp(data, "Retry-After:", 12) == 0) {
		r->retry_after = strtol(data + 12, NULL, 10);
		if (r->retry_after < 0 || r->retry_after > 3600)
			r->retry_after = 0;
		return (n);
	}
	if (len > 5 && strncasecmp(data, "ETag:", 5) == 0) {
		data += 5;
		len -= 5;
		while (len > 0 && (*data == ' ' || *data == '\t')) {
			data++;
			len--;
		}
		while (len > 0 && (data[len - 1] == '\r' ||
		    data[len - 1] == '\n' || data[len - 1] == ' '))
			len--;
		free(r->etag);
		r->etag = xstrndup(data, len);
	}
	return (n);
}

static void
set_options(struct http *h, struct http_req *r, const char *method,
    const char *url)
{
	CURL	*e = r->easy;

	cl->easy_setopt(e, CURLOPT_URL, url);
	cl->easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	cl->easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	cl->easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	cl->easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	cl->easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
	    h->opts.connect_timeout_ms);
	cl->easy_setopt(e, CURLOPT_TIMEOUT_MS, h->opts.timeout_ms);
	cl->easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	cl->easy_setopt(e, CURLOPT_LOW_SPEED_TIME, h->opts.low_speed_time_s);
	cl->easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	cl->easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (h->opts.ca_file != NULL)
		cl->easy_setopt(e, CURLOPT_CAINFO, h->opts.ca_file);
	if (h->opts.pin != NULL)
		cl->easy_setopt(e, CURLOPT_PINNEDPUBLICKEY, h->opts.pin);
	cl->easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)HTTP_MAX_RESPONSE);
	cl->easy_setopt(e, CURLOPT_ERRORBUFFER, r->error);
	cl->easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	cl->easy_setopt(e, CURLOPT_WRITEDATA, r);
	cl->easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	cl->easy_setopt(e, CURLOPT_HEADERDATA, r);
	cl->easy_setopt(e, CURLOPT_PRIVATE, r);
	cl->easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	cl->easy_setopt(e, CURLOPT_OPENSOCKETDATA, r);
	cl->easy_setopt(e, CURLOPT_USERAGENT, "bianmin");
	if (strcmp(method, "GET") != 0)
		cl->easy_setopt(e, CURLOPT_CUSTOMREQUEST, method);
	if (r->body_out != NULL) {
		cl->easy_setopt(e, CURLOPT_POSTFIELDS, r->body_out);
		cl->easy_setopt(e, CURLOPT_POSTFIELDSIZE,
		    (long)strlen(r->body_out));
	}
	cl->easy_setopt(e, CURLOPT_HTTPHEADER, r->headers);
}

/* The request's headers: JSON, the token, the key, the version. */
static void
set_headers(struct http *h, struct http_req *r, const char *idempotency_key,
    long long if_match)
{
	char	*line;

	r->headers = cl->slist_append(NULL, "Accept: application/json");
	if (r->body_out != NULL)
		r->headers = cl->slist_append(r->headers,
		    "Content-Type: application/json; charset=utf-8");
	if (h->token != NULL) {
		line = xasprintf("Authorization: Bearer %s", h->token);
		r->headers = cl->slist_append(r->headers, line);
		explicit_bzero(line, strlen(line));
		free(line);
	}
	if (h->visit != NULL) {
		line = xasprintf("Kiosk-Visit: %s", h->visit);
		r->headers = cl->slist_append(r->headers, line);
		explicit_bzero(line, strlen(line));
		free(line);
	}
	if (idempotency_key != NULL) {
		line = xasprintf("Idempotency-Key: %s", idempotency_key);
		r->headers = cl->slist_append(r->headers, line);
		free(line);
	}
	if (if_match > 0) {
		line = xasprintf("If-Match: \"%lld\"", if_match);
		r->headers = cl->slist_append(r->headers, line);
		free(line);
	}
}

/* Both starts: if_match > 0 adds If-Match with that version. Without
 * libcurl, or with a base its parser refuses, nothing is sent: the
 * callback says why from the next http_process(). */
static struct http_req *
start_req(struct http *h, const char *method, const char *path,
    const char *json_body, const char *idempotency_key, long long if_match,
    http_cb cb, void *arg)
{
	struct http_req	*r;
	const char	*cause = NULL;
	char		*url;

	r = xcalloc(1, sizeof *r);
	r->http = h;
	r->cb = cb;
	r->arg = arg;
	r->turn = h->turn;
	buf_init(&r->body);
	r->what = log_what(method, path);
	r->next = h->reqs;
	h->reqs = r;
	clock_gettime(CLOCK_MONOTONIC, &r->started);
	log_debug("http: %s", r->what);
	if (ready(h, &cause) != 0 || (cause = h->refused) != NULL) {
		r->unsent = h->multi == NULL ? HTTP_FAIL_LIBRARY :
		    HTTP_FAIL_OTHER;
		snprintf(r->error, sizeof r->error, "%s", cause);
		return (r);
	}
	if ((r->easy = cl->easy_init()) == NULL)
		fatal("curl_easy_init failed");
	if (json_body != NULL)
		r->body_out = xstrdup(json_body);
	set_headers(h, r, idempotency_key, if_match);
	url = xasprintf("%s%s", h->base, path);
	set_options(h, r, method, url);
	free(url);
	if (cl->multi_add_handle(h->multi, r->easy) != CURLM_OK)
		fatal("curl_multi_add_handle failed");
	return (r);
}

struct http_req *
http_start(struct http *h, const char *method, const char *path,
    const char *json_body, const char *idempotency_key, http_cb cb,
    void *arg)
{
	return (start_req(h, method, path, json_body, idempotency_key, 0, cb,
	    arg));
}

struct http_req *
http_start_if_match(struct http *h, const char *method, const char *path,
    const char *json_body, const char *idempotency_key, long long version,
    http_cb cb, void *arg)
{
	return (start_req(h, method, path, json_body, idempotency_key,
	    version, cb, arg));
}

static void
unlink_req(struct http *h, struct http_req *r)
{
	struct http_req	**pp;

	for (pp = &h->reqs; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == r) {
			*pp = r->next;
			return;
		}
	}
}

void
http_cancel(struct http *h, struct http_req *r)
{
	if (r == NULL)
		return;
	log_info("http: %s -> cancelled after %ld ms",
	    r->what != NULL ? r->what : "?", ms_since(&r->started));
	unlink_req(h, r);
	if (r->easy != NULL)
		cl->multi_remove_handle(h->multi, r->easy);
	req_free(r);
}

size_t
http_pending(struct http *h)
{
	struct http_req	*r;
	size_t		 n = 0;

	for (r = h->reqs; r != NULL; r = r->next)
		n++;
	return (n);
}

static enum http_fail
classify(CURLcode rc, int too_large, int not_loopback)
{
	if (not_loopback)
		return (HTTP_FAIL_OTHER);
	if (too_large || rc == CURLE_FILESIZE_EXCEEDED)
		return (HTTP_FAIL_TOO_LARGE);
	switch (rc) {
	case CURLE_OK:
		return (HTTP_FAIL_NONE);
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
		return (HTTP_FAIL_CONNECT);
	case CURLE_OPERATION_TIMEDOUT:
		return (HTTP_FAIL_TIMEOUT);
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
		return (HTTP_FAIL_TLS);
	default:
		return (HTTP_FAIL_OTHER);
	}
}

static void
finish(struct http *h, CURL *easy, CURLcode rc)
{
	struct http_req		*r = NULL;
	struct http_reply	 reply;
	char			*ctype = NULL;

	cl->easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&r);
	memset(&reply, 0, sizeof reply);
	reply.fail = classify(rc, r->too_large, r->not_loopback);
	cl->easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &reply.status);
	cl->easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &ctype);
	reply.content_type = ctype;
	reply.body = r->body.data != NULL ? r->body.data : "";
	reply.len = r->body.len;
	reply.etag = r->etag;
	reply.retry_after = r->retry_after;
	if (reply.fail != HTTP_FAIL_NONE)
		tls_strings_explain(r->error, sizeof r->error);
	reply.error = r->error[0] != '\0' ? r->error : cl->easy_strerror(rc);
	if (r->not_loopback)
		reply.error = r->refused;
	if (reply.fail == HTTP_FAIL_NONE)
		log_info("http: %s -> %ld in %ld ms, %zu bytes",
		    r->what != NULL ? r->what : "?",
		    reply.status, ms_since(&r->started), reply.len);
	else
		log_info("http: %s -> failed in %ld ms: %s (curl %d)",
		    r->what != NULL ? r->what : "?", ms_since(&r->started), reply.error, (int)rc);
	unlink_req(h, r);
	cl->multi_remove_handle(h->multi, easy);
	r->cb(&reply, r->arg);
	req_free(r);
}

/* A request made in an earlier turn that was never sent, or NULL. */
static struct http_req *
unsent_req(struct http *h, int any_turn)
{
	struct http_req	*r;

	for (r = h->reqs; r != NULL; r = r->next) {
		if (r->easy == NULL && (any_turn || r->turn != h->turn))
			return (r);
	}
	return (NULL);
}

/* Its callback, with the reason it was not sent. */
static void
finish_unsent(struct http *h, struct http_req *r)
{
	struct http_reply	reply;

	memset(&reply, 0, sizeof reply);
	reply.fail = r->unsent;
	reply.body = "";
	reply.error = r->error;
	log_info("http: %s -> not sent: %s", r->what, r->error);
	unlink_req(h, r);
	r->cb(&reply, r->arg);
	req_free(r);
}

void
http_process(struct http *h)
{
	struct http_req	*r;
	CURLMsg		*msg;
	int		 running, left;

	/* what the callbacks start now waits for the next turn */
	h->turn++;
	while ((r = unsent_req(h, 0)) != NULL)
		finish_unsent(h, r);
	if (h->multi == NULL)
		return;
	cl->multi_perform(h->multi, &running);
	while ((msg = cl->multi_info_read(h->multi, &left)) != NULL) {
		if (msg->msg == CURLMSG_DONE)
			finish(h, msg->easy_handle, msg->data.result);
	}
}

void
http_end(void)
{
	curl_calls_end();
}

void
http_warm(struct http *h)
{
	h->warm = 1;
}

int
http_loaded(struct http *h)
{
	return (h->multi != NULL);
}

/* poll(2) for curl_waitfd[], as curl_multi_poll() reports: readable,
 * urgent, writable; a hang-up or error passed on as poll says it. The
 * number ready, or -1. */
static int
poll_fds(struct curl_waitfd *fds, unsigned n, int timeout_ms)
{
	struct pollfd	p[HTTP_MAX_FDS];
	unsigned	i;
	int		rc;

	if (n > HTTP_MAX_FDS)
		fatal("%s: %u descriptors", __func__, n);
	for (i = 0; i < n; i++) {
		p[i].fd = fds[i].fd;
		p[i].events = (short)(((fds[i].events & CURL_WAIT_POLLIN) ?
		    POLLIN : 0) | ((fds[i].events & CURL_WAIT_POLLPRI) ?
		    POLLPRI : 0) | ((fds[i].events & CURL_WAIT_POLLOUT) ?
		    POLLOUT : 0));
	}
	rc = poll(p, n, timeout_ms);
	for (i = 0; i < n; i++) {
		fds[i].revents = rc <= 0 ? 0 : (short)(
		    ((p[i].revents & POLLIN) ? CURL_WAIT_POLLIN : 0) |
		    ((p[i].revents & POLLPRI) ? CURL_WAIT_POLLPRI : 0) |
		    ((p[i].revents & POLLOUT) ? CURL_WAIT_POLLOUT : 0) |
		    (p[i].revents & (POLLHUP | POLLERR | POLLNVAL)));
	}
	return (rc);
}

void
http_poll(struct http *h, struct curl_waitfd *fds, unsigned n,
    int timeout_ms)
{
	const char	*cause = NULL;

	if (unsent_req(h, 1) != NULL)
		timeout_ms = 0;		/* its callback is due */
	if (h->multi == NULL && h->warm) {
		if (poll_fds(fds, n, 0) != 0)
			return;		/* a key first */
		h->warm = 0;
		if (ready(h, &cause) != 0)
			log_info("http: %s", cause);
		/* back to the caller at once: what follows the load (the
		 * outbox) belongs to the same idle moment */
		timeout_ms = 0;
	}
	if (h->multi != NULL)
		cl->multi_poll(h->multi, fds, n, timeout_ms, NULL);
	else
		poll_fds(fds, n, timeout_ms);
}

/* Percent-encodes all but RFC 3986's unreserved characters, as
 * curl_easy_escape() does, without needing libcurl. */
char *
http_escape(const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	struct buf		 b;

	buf_init(&b);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (is_alpha(*p) || is_digit(*p) || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~')
			buf_add(&b, p, 1);
		else
			buf_printf(&b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
	return (buf_steal(&b));
}
