/*
 * Asynchronous HTTP over one libcurl multi handle. Nothing here blocks:
 * the caller's loop waits in http_poll() and calls http_process(), which
 * runs the completion callbacks of finished transfers. libcurl is loaded
 * on the first request, or at an idle moment after http_warm(): nothing
 * before that needs it, so a program that has made no request has not
 * paid for it (curl-load.h).
 */
#ifndef API_HTTP_H
#define API_HTTP_H

#include <stddef.h>

#include <curl/curl.h>

#define HTTP_MAX_RESPONSE	(4 * 1024 * 1024)
#define HTTP_MAX_FDS		32	/* the caller's, in http_poll() */

struct http;
struct http_req;

enum http_fail {
	HTTP_FAIL_NONE,		/* a response arrived (any status) */
	HTTP_FAIL_CONNECT,	/* cannot reach the server */
	HTTP_FAIL_TIMEOUT,
	HTTP_FAIL_TLS,
	HTTP_FAIL_TOO_LARGE,
	HTTP_FAIL_LIBRARY,	/* no libcurl (or too old): nothing sent */
	HTTP_FAIL_OTHER
};

struct http_reply {
	enum http_fail	 fail;
	long		 status;
	const char	*body;		/* NUL-terminated; valid in the callback */
	size_t		 len;
	const char	*content_type;	/* may be NULL */
	const char	*etag;		/* may be NULL */
	long		 retry_after;	/* seconds from Retry-After, or 0 */
	const char	*error;		/* curl's message when fail != NONE,
					   or why nothing was sent */
};

typedef void (*http_cb)(const struct http_reply *, void *arg);

struct http_options {
	long	connect_timeout_ms;	/* default 5000 */
	long	timeout_ms;		/* whole transfer; default 20000 */
	long	low_speed_time_s;	/* below 1 byte/s this long; 10 */
	const char *ca_file;		/* NULL: the system's */
	const char *pin;		/* "sha256//BASE64" of the server's
					   public key, or NULL */
};

/* Checks the base URL (https anywhere, http only to loopback); NULL and
 * *cause (caller frees) when it is not acceptable. libcurl's parser
 * checks it again when it is loaded; a request then fails if that one
 * reads it otherwise. */
struct http	*http_new(const char *base_url, const struct http_options *,
		    char **cause);
void		 http_free(struct http *);
/* The bearer token, kept in memory only; NULL forgets it. */
void		 http_set_token(struct http *, const char *token);
/* The kiosk's visit (Kiosk-Visit), sent with every request while set;
 * NULL forgets it. */
void		 http_set_visit(struct http *, const char *visit);
const char	*http_base(struct http *);
/* Starts method on base + path with an optional JSON body and
 * Idempotency-Key. The callback runs exactly once, from http_process(),
 * unless the request is cancelled first: with HTTP_FAIL_LIBRARY when
 * libcurl cannot be loaded. */
struct http_req	*http_start(struct http *, const char *method,
		    const char *path, const char *json_body,
		    const char *idempotency_key, http_cb, void *arg);
/* As http_start, for an update of a versioned resource: adds
 * If-Match: "version" (docs/api.md 1.9). */
struct http_req	*http_start_if_match(struct http *, const char *method,
		    const char *path, const char *json_body,
		    const char *idempotency_key, long long version, http_cb,
		    void *arg);
/* Abandons a request: its callback never runs. */
void		 http_cancel(struct http *, struct http_req *);
size_t		 http_pending(struct http *);
/* Waits up to timeout_ms for the transfers or for one of fds[] (the
 * caller's own, at most HTTP_MAX_FDS), setting their revents as
 * curl_multi_poll() does (a hang-up or error also as poll(2) does,
 * while libcurl is not loaded yet). */
void		 http_poll(struct http *, struct curl_waitfd *fds,
		    unsigned n, int timeout_ms);
/* A first request is near (the clerk is at the password): load libcurl
 * in the next http_poll() that finds none of its fds ready, which then
 * returns without waiting. */
void		 http_warm(struct http *);
/* 1 once libcurl is loaded for this client (by http_warm() or a
 * request). */
int		 http_loaded(struct http *);
/* Advances transfers and runs the callbacks of finished ones. */
void		 http_process(struct http *);
/* At exit, after the last http_free(): curl_global_cleanup() if
 * libcurl was loaded. */
void		 http_end(void);
/* Percent-encodes s for a query string. Caller frees. */
char		*http_escape(const char *s);

#endif
