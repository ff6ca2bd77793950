/*
 * The bianmin REST API as asynchronous calls. Each call's callback runs
 * once from http_process() with a result the callee owns; a callback
 * that wants to keep result->model sets it to NULL.
 *
 * api/ is one file per resource (session.c, residents.c, catalog.c,
 * applications.c, handoffs.c, certificates.c, queue.c, events.c, org.c,
 * stats.c, households.c, visits.c, tasks.c, payments.c, cash.c), each
 * with its requests and its model, over this file (the call and its
 * reply), page.c (the one page parser), read.c (strict member readers)
 * and problem.c;
 * outbox.c, sender.c, json.c and http.c lie below them.
 *
 * The rule for language: api/ includes nothing from locale/ and writes
 * no sentence for the clerk. It returns codes (status, HTTP status, the
 * problem type, the network failure, the server's own detail, the cause
 * of a malformed reply); tui/messages.c turns them into the clerk's
 * sentence through api_set_describe(). Without a describer (tests,
 * tools) message is a plain English code. Text from the server is made
 * safe to show with util/utf8.h; dates are read with util/zone.h.
 */
#ifndef API_CLIENT_H
#define API_CLIENT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "http.h"

struct api;
struct api_call;

enum api_status {
	API_OK,
	API_ERR_NETWORK,	/* no answer: link down, timeout, TLS */
	API_ERR_AUTH,		/* 401: log in (again) */
	API_ERR_REFUSED,	/* another 4xx: the request is wrong */
	API_ERR_SERVER,		/* 5xx */
	API_ERR_MALFORMED	/* an answer we cannot read */
};

struct api_field_error {
	char	*field;
	char	*code;
	char	*message;
};

struct api_result {
	enum api_status		 status;
	long			 http_status;
	char			*problem;	/* problem type name, or "" */
	char			*message;	/* for the clerk (see
						   api_set_describe); NULL
						   if ok */
	enum http_fail		 fail;		/* API_ERR_NETWORK: why */
	char			*fail_detail;	/* curl's words, or NULL */
	char			*detail;	/* the problem's detail or
						   title, sanitized; NULL */
	const char		*cause;		/* API_ERR_MALFORMED: what
						   was wrong (static) */
	struct api_field_error	*errors;
	size_t			 nerrors;
	void			*model;
	void			(*model_free)(void *);
	/* An error reply's problem object, for its extension members
	 * (problem.h: problem_ext_parse); NULL otherwise. */
	cJSON			*problem_json;
	long			 retry_after;	/* seconds (429, 503), or 0 */
};

typedef void (*api_cb)(struct api_result *, void *arg);

/* Sorts a finished transfer into r (network, refused, server …) and
 * parses its body into *json (caller deletes). Returns 1 for a 2xx reply,
 * whose model the caller reads from *json; 0 when r holds an error. */
int		 api_classify(struct api *, const struct http_reply *,
		    struct api_result *, cJSON **json);
void		 api_result_clear(struct api_result *);
/* Sets who writes result->message from its codes for every error
 * result (tui/messages.c); the returned string is freed with the
 * result. NULL restores the plain English codes. */
typedef char	*(*api_describe_fn)(const struct api_result *);
void		 api_set_describe(api_describe_fn);

struct api	*api_new(const char *url, const struct http_options *,
		    char **cause);
void		 api_free(struct api *);
struct http	*api_http(struct api *);
/* 1 if the last finished request reached the server. */
int		 api_online(struct api *);
/* Forgets the token (after logout or an expired session). */
void		 api_forget(struct api *);
void		 api_cancel(struct api *, struct api_call *);

/* A new random idempotency key (32 hex characters) into out[33]. */
void		 api_new_key(char *out);

/* What a reply is read into: parse fills a zeroed model of size bytes
 * from the reply's JSON, or returns -1 with a static English *cause;
 * free releases a model (and accepts NULL). */
struct api_kind {
	int	(*parse)(const cJSON *, void *, const char **);
	size_t	  size;
	void	(*free)(void *);
	/* optional: run on a parsed model before the callback (the login
	 * keeps its token here) */
	void	(*keep)(struct api *, void *);
};

/* Defines the static struct api_kind name for a model of type T read by
 * parse (typed: int parse(const cJSON *, T *, const char **)) and
 * released by free_fn: the one place a typed parser meets the void *
 * signature, so no call goes through a cast function pointer. */
#define API_KIND(name, T, parse_fn, free_fn)				\
static int								\
name##_parse(const cJSON *j, void *m, const char **cause)		\
{									\
	return (parse_fn(j, (T *)m, cause));				\
}									\
static const struct api_kind name = {					\
	.parse = name##_parse, .size = sizeof(T), .free = free_fn	\
}
/* Any route, for the resource files (residents.c, queue.c …): takes body (may be
 * NULL); key (may be NULL) is the Idempotency-Key; if_match > 0 sends
 * If-Match with that version; kind NULL when the reply has no model. */
struct api_call	*api_call(struct api *, const char *method, const char *path,
		    cJSON *body, const char *key, long long if_match,
		    const struct api_kind *, api_cb, void *);
/* As api_call, the path built from fmt. */
struct api_call	*api_callf(struct api *, const char *method, cJSON *body,
		    const char *key, long long if_match,
		    const struct api_kind *, api_cb, void *, const char *fmt,
		    ...) __attribute__((format(printf, 9, 10)));
/* "&name=value", the value escaped, or "" when value is NULL or "".
 * Caller frees. */
char		*api_param(const char *name, const char *value);

#endif
