/*
 * Asynchronous HTTP over one libcurl multi handle. Nothing here blocks:
 * the caller's loop polls http_multi() and calls http_process(), which
 * runs the completion callbacks of finished transfers.
 */
#ifndef API_HTTP_H
#define API_HTTP_H

#include <stddef.h>

#include <curl/curl.h>

#define HTTP_MAX_RESPONSE	(4 * 1024 * 1024)

struct http;
struct http_req;

enum http_fail {
	HTTP_FAIL_NONE,		/* a response arrived (any status) */
	HTTP_FAIL_CONNECT,	/* cannot reach the server */
	HTTP_FAIL_TIMEOUT,
	HTTP_FAIL_TLS,
	HTTP_FAIL_TOO_LARGE,
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
	const char	*error;		/* curl's message when fail != NONE */
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
 * *cause (caller frees) when it is not acceptable. */
struct http	*http_new(const char *base_url, const struct http_options *,
		    char **cause);
void		 http_free(struct http *);
/* The bearer token, kept in memory only; NULL forgets it. */
void		 http_set_token(struct http *, const char *token);
const char	*http_base(struct http *);
/* Starts method on base + path with an optional JSON body and
 * Idempotency-Key. The callback runs exactly once, from http_process(),
 * unless the request is cancelled first. */
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
CURLM		*http_multi(struct http *);
/* Advances transfers and runs the callbacks of finished ones. */
void		 http_process(struct http *);
/* Percent-encodes s for a query string. Caller frees. */
char		*http_escape(const char *s);

#endif
