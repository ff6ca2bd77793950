/*
 * The bianmin REST API as asynchronous calls. Each call's callback runs
 * once from http_process() with a result the callee owns; a callback
 * that wants to keep result->model sets it to NULL.
 */
#ifndef API_CLIENT_H
#define API_CLIENT_H

#include "http.h"
#include "model.h"

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
	char			*message;	/* for the clerk; NULL if ok */
	struct api_field_error	*errors;
	size_t			 nerrors;
	void			*model;
	void			(*model_free)(void *);
	/* An error reply's problem object, for its extension members
	 * (model-cases.h: problem_ext_parse); NULL otherwise. */
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

struct api	*api_new(const char *url, const struct http_options *,
		    char **cause);
void		 api_free(struct api *);
struct http	*api_http(struct api *);
/* 1 if the last finished request reached the server. */
int		 api_online(struct api *);
/* Forgets the token (after logout or an expired session). */
void		 api_forget(struct api *);
void		 api_cancel(struct api *, struct api_call *);

/* model: struct api_session (its token is kept here, not returned). */
struct api_call	*api_login(struct api *, const char *user,
		    const char *password, const char *counter, api_cb, void *);
/* model: none. */
struct api_call	*api_logout(struct api *, api_cb, void *);
/* Replaces the staff's password (a first one must be, before anything
 * else is allowed). model: none. */
struct api_call	*api_password_change(struct api *, const char *current,
		    const char *next, api_cb, void *);
/* By exact ID number when id_number is set, else by q (name prefix or
 * mobile number). model: struct resident_page. */
struct api_call	*api_resident_search(struct api *, const char *id_number,
		    const char *q, int page, api_cb, void *);
/* model: struct resident. */
struct api_call	*api_resident_get(struct api *, long long id, api_cb,
		    void *);

/* The resident's latest applications / certificates. model: struct
 * briefs. */
struct api_call	*api_resident_applications(struct api *, long long id, api_cb,
		    void *);
struct api_call	*api_resident_certificates(struct api *, long long id, api_cb,
		    void *);
/* The audited reveal of the full ID number (reason required). model:
 * struct revealed, which the caller frees as soon as it is not shown. */
struct api_call	*api_resident_reveal(struct api *, long long id,
		    const char *reason, api_cb, void *);
/* A merge patch of the resident at version (takes patch); a stale
 * version answers 412. model: the updated struct resident. */
struct api_call	*api_resident_patch(struct api *, long long id,
		    long long version, cJSON *patch, api_cb, void *);
/* Registers a resident (takes body). model: struct resident. */
struct api_call	*api_resident_create(struct api *, cJSON *body,
		    const char *key, api_cb, void *);
/* model: struct service. */
struct api_call	*api_service_by_code(struct api *, const char *txcode,
		    api_cb, void *);
struct api_call	*api_service_get(struct api *, long long id, api_cb, void *);
/* Takes data and materials. key is the Idempotency-Key, made when the
 * submission was first saved and reused for every retry. model: struct
 * application. */
struct api_call	*api_application_create(struct api *, long long service_id,
		    long long resident_id, cJSON *data, cJSON *materials,
		    const char *key, api_cb, void *);
/* The request body of an application (takes data and materials); the
 * outbox stores it as text. Caller frees. */
char		*api_application_body(long long service_id,
		    long long resident_id, cJSON *data, cJSON *materials);
/* A new random idempotency key (32 hex characters) into out[33]. */
void		 api_new_key(char *out);

/* What a reply is read into: parse fills a zeroed model of size bytes
 * from the reply's JSON, or returns -1 with a static English *cause;
 * free releases a model (and accepts NULL). */
struct api_kind {
	int	(*parse)(const cJSON *, void *, const char **);
	size_t	  size;
	void	(*free)(void *);
};
/* Any route, for the resource files (client-*.c): takes body (may be
 * NULL); key (may be NULL) is the Idempotency-Key; if_match > 0 sends
 * If-Match with that version; kind NULL when the reply has no model. */
struct api_call	*api_call(struct api *, const char *method, const char *path,
		    cJSON *body, const char *key, long long if_match,
		    const struct api_kind *, api_cb, void *);

#endif
