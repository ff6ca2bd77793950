/*
 * The readers of a request's (struct req, route.h) path, query, headers
 * and body.
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
/* A query-string argument, or NULL. */
const char *req_arg(struct req *, const char *name);
const char *req_header(struct req *, const char *name);
/* Reads a positive integer path parameter; replies 404 and returns -1
 * when it is not one. */
long long req_id(struct req *, int param);
/* page and per_page from the query (defaults 1 and 20, max 100); replies
 * 400 and returns -1 when they are not numbers in range. */
int	req_paging(struct req *, int *page, int *per_page);

#endif
