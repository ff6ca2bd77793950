/*
 * The request side of bianmind: one struct req per HTTP request, the
 * route table, and the replies (JSON and RFC 9457 problem+json). A reply
 * is built in memory and handed to libmicrohttpd only when the request
 * is answered, so that an idempotent request can store it first.
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
#define HTTP_MAX_HEADERS (16 * 1024)
/* Past this much of an oversized body the connection is dropped. */
#define HTTP_MAX_DISCARD (16 * 1024 * 1024)
#define ROUTE_MAX_PARAMS 4
#define REPLY_MAX_HEADERS 8

struct req {
	struct MHD_Connection	*conn;
	char			*method;
	char			*url;
	char			 addr[64];
	struct buf		 body;
	int			 too_big;
	size_t			 discarded;
	int			 answered;
	long long		 started;	/* monotonic ms */
	int			 seen;		/* the handler saw it */
	const char		*refused;	/* a fault found before routing */
	char			 refused_field[72];

	struct db		*db;
	struct staff		*staff;		/* NULL until authenticated */
	const struct route	*route;
	const char		*params[ROUTE_MAX_PARAMS];
	char			*param_store;
	cJSON			*json;		/* the parsed body, if any */
	long long		 if_match;	/* 0: none sent */
	char			*idem_key;	/* NULL: not idempotent */
	char			 idem_print[65];
	int			 idem_stored;

	int			 status;
	char			*ctype;
	char			*out;
	size_t			 outlen;
	char			*hname[REPLY_MAX_HEADERS];
	char			*hvalue[REPLY_MAX_HEADERS];
	int			 nheaders;
};

/* Route flags. */
#define ROUTE_PUBLIC	0x01	/* no token needed */
#define ROUTE_IDEM	0x02	/* Idempotency-Key required */
#define ROUTE_IF_MATCH	0x04	/* If-Match required */
#define ROUTE_BODY	0x08	/* takes a JSON object body */
#define ROUTE_BODY_OPT	0x10	/* ... which may be empty, meaning {} */
#define ROUTE_PATCH	0x20	/* also accepts merge-patch+json */
#define ROUTE_FIRST_PW	0x40	/* open while a first password waits to
				   be changed */

/* Roles, as bits of a route's roles. */
#define ROLE_CLERK	0x1
#define ROLE_GRID	0x2
#define ROLE_SUPER	0x4
#define ROLE_ADMIN	0x8
#define ROLE_ANY	0xf

struct route {
	const char	*method;
	const char	*pattern;	/* /api/v1/residents/{id} */
	void		(*handler)(struct req *);
	int		 flags;
	int		 roles;		/* 0 for public routes */
};

/* Every route table of the server, each ended by a NULL method. */
extern const struct route routes_sessions[];
extern const struct route routes_residents[];
extern const struct route routes_households[];
extern const struct route routes_communities[];
extern const struct route routes_catalog[];
extern const struct route routes_applications[];
extern const struct route routes_handoffs[];
extern const struct route routes_certificates[];
extern const struct route routes_verify[];
extern const struct route routes_queue[];
extern const struct route routes_events[];
extern const struct route routes_stats[];
extern const struct route routes_audit[];
extern const struct route routes_staff[];
extern const struct route routes_health[];

/* Finds the route for method and path, filling params (which point
 * into *store, freed by the caller). NULL if none; then *path_known says
 * whether another method would have matched (405 rather than 404). */
const struct route *route_match(const char *method, const char *path,
		    char **store, const char **params, int *path_known);
/* Calls fn for every route, in table order. */
void	route_each(void (*fn)(const struct route *, void *), void *);

/* Replies; each takes ownership of the JSON it is given and replaces any
 * earlier reply (and its headers). */
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
/* Appends one field error to *errors (created on first use). */
void	field_error(cJSON **errors, const char *field, const char *code,
	    const char *message);
void	reply_validation(struct req *, cJSON *errors);

/* Commits the request's transaction, storing its reply for the
 * Idempotency-Key in the same transaction; on failure replies 503 and
 * returns -1. */
int	req_commit(struct req *);
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
/* The caller's role as a ROLE_ bit. */
int	req_role(struct req *);
/* The caller's centre, 0 for an admin without one (sees everything). */
long long req_centre(struct req *);

/* MHD_OPTION_URI_LOG_CALLBACK: the request line, before libmicrohttpd
 * decodes it (and a %00 in it cuts the path short). */
void	*http_uri_log(void *, const char *uri, struct MHD_Connection *);
/* The libmicrohttpd access handler and completion callback. */
enum MHD_Result http_access(void *, struct MHD_Connection *, const char *url,
	    const char *method, const char *version, const char *upload,
	    size_t *upload_size, void **con_cls);
void	http_completed(void *, struct MHD_Connection *, void **con_cls,
	    enum MHD_RequestTerminationCode toe);
/* Requests being received or answered now. */
int	http_inflight(void);
/* Seconds a request body may take to arrive (408 after). */
void	http_set_body_timeout(unsigned seconds);
/* Queues one of bianmind's own replies (http-errors.c replaces the
 * ones libmicrohttpd makes itself). */
enum MHD_Result http_queue_own(struct MHD_Connection *, unsigned int status,
	    struct MHD_Response *);

/* Session check for a request; 0 with r->staff set, or -1 having
 * replied 401. Defined in route-sessions.c. */
int	session_authenticate(struct req *);

#endif
