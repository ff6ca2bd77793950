/*
 * The request side of bianmind: one struct req per HTTP request, the
 * route table, and the replies (JSON and RFC 9457 problem+json).
 */
#ifndef SERVER_HTTP_H
#define SERVER_HTTP_H

#include <stddef.h>

#include <cjson/cJSON.h>
#include <microhttpd.h>

#include "../util/buf.h"

struct db;
struct staff;

#define HTTP_MAX_BODY	(64 * 1024)
/* Past this much of an oversized body the connection is dropped. */
#define HTTP_MAX_DISCARD (16 * 1024 * 1024)
#define ROUTE_MAX_PARAMS 4

struct req {
	struct MHD_Connection	*conn;
	char			*method;
	char			*url;
	char			 addr[64];
	struct buf		 body;
	int			 too_big;
	size_t			 discarded;
	int			 answered;

	struct db		*db;
	struct staff		*staff;		/* NULL until authenticated */
	const char		*params[ROUTE_MAX_PARAMS];
	char			*param_store;

	int			 status;
	struct MHD_Response	*response;
};

/* Route flags: who may call it. */
#define ROUTE_PUBLIC	0x1	/* no token needed */

struct route {
	const char	*method;
	const char	*pattern;	/* /api/v1/residents/{id} */
	void		(*handler)(struct req *);
	int		 flags;
};

/* Every route of the server, ended by a NULL method. */
extern const struct route routes_sessions[];
extern const struct route routes_residents[];
extern const struct route routes_health[];

/* Finds the route for method and path, filling params (which point
 * into *store, freed by the caller). NULL if none; then *path_known says
 * whether another method would have matched (405 rather than 404). */
const struct route *route_match(const char *method, const char *path,
		    char **store, const char **params, int *path_known);

/* Replies; each takes ownership of the JSON it is given. */
void	reply_json(struct req *, int status, cJSON *);
void	reply_json_text(struct req *, int status, const char *text);
void	reply_empty(struct req *, int status);
/* problem+json; name is the problem type after urn:bianmin:problem:,
 * errors (may be NULL) an array of {field, code, message}. */
void	reply_problem(struct req *, int status, const char *name,
	    const char *title, const char *detail, cJSON *errors);
void	reply_header(struct req *, const char *name, const char *value);
/* Appends one field error to *errors (created on first use). */
void	field_error(cJSON **errors, const char *field, const char *code,
	    const char *message);
void	reply_validation(struct req *, cJSON *errors);

/* Parses the body as a JSON object; replies 400 and returns NULL if it
 * is not one. The caller frees the result. */
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

/* The libmicrohttpd access handler and completion callback. */
enum MHD_Result http_access(void *, struct MHD_Connection *, const char *url,
	    const char *method, const char *version, const char *upload,
	    size_t *upload_size, void **con_cls);
void	http_completed(void *, struct MHD_Connection *, void **con_cls,
	    enum MHD_RequestTerminationCode toe);

/* Session check for a request; 0 with r->staff set, or -1 having
 * replied 401. Defined in route-sessions.c. */
int	session_authenticate(struct req *);

#endif
