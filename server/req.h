/*
 * The readers of a request's (struct req, route.h) path, query, headers
 * and body, and the note of what it did that its log line ends with.
 */
#ifndef SERVER_REQ_H
#define SERVER_REQ_H

#include <cjson/cJSON.h>

#include "route.h"

/* The request's body as a JSON object (never NULL on a body route). */
cJSON	*req_body(struct req *);
/* Parses the body as a JSON object; replies 400/415 and returns NULL if
 * it is not one. The caller frees the result. */
cJSON	*req_json(struct req *);
/* Whether the body's Content-Type is application/json, with an
 * optional charset=utf-8 (with patch, application/merge-patch+json
 * too); docs/api.md 1.1. */
int	req_media_type_ok(struct req *, int patch);
/* A query-string argument, or NULL. */
const char *req_arg(struct req *, const char *name);
const char *req_header(struct req *, const char *name);
/* Reads a positive integer path parameter; replies 404 and returns -1
 * when it is not one. */
long long req_id(struct req *, int param);
/* page and per_page from the query (defaults 1 and 20, max 100); replies
 * 400 and returns -1 when they are not numbers in range. */
int	req_paging(struct req *, int *page, int *per_page);
/* What the request did or why it was refused, in a few words, for the
 * line http.c logs when it is answered: ids, numbers of applications
 * and tickets, statuses, never a resident's ID number, phone or name,
 * never a token or key in full. Replaces an earlier note. */
void	req_note(struct req *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
