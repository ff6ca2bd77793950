/*
 * Replies: JSON and RFC 9457 problem+json, built in the struct req
 * (req.h). Each takes ownership of the JSON it is given and replaces any
 * earlier reply (and its headers).
 */
#ifndef SERVER_REPLY_H
#define SERVER_REPLY_H

#include <stddef.h>

#include <cjson/cJSON.h>

struct req;

void	reply_json(struct req *, int status, cJSON *);
void	reply_json_text(struct req *, int status, const char *text);
void	reply_empty(struct req *, int status);
void	reply_raw(struct req *, int status, const char *type, char *body,
	    size_t len);
/* A versioned resource: ETag, and 304 when If-None-Match matches. */
void	reply_versioned(struct req *, int status, cJSON *, long long version);
/* problem+json; name is the problem type after urn:bianmin:problem:,
 * errors (may be NULL) an array of {field, code, message}. */
void	reply_problem(struct req *, int status, const char *name,
	    const char *title, const char *detail, cJSON *errors);
/* The same with extension members taken from ext (may be NULL). */
void	reply_problem_ext(struct req *, int status, const char *name,
	    const char *title, const char *detail, cJSON *ext);
void	reply_not_found(struct req *);
void	reply_forbidden(struct req *, const char *detail);
void	reply_unavailable(struct req *, const char *detail);
void	reply_header(struct req *, const char *name, const char *value);
/* For a reply that shows a secret once (a pickup code): the body, a
 * string, that a replay of its Idempotency-Key gives instead, without
 * the secret (docs/api.md 1.8; json_print_null()). Call it after the
 * reply; takes body. */
void	reply_replay_body(struct req *, char *body);
/* Appends one field error to *errors (created on first use). */
void	field_error(cJSON **errors, const char *field, const char *code,
	    const char *message);
void	reply_validation(struct req *, cJSON *errors);

#endif
