/*
 * What a route is (a method and a path pattern, the handler, what the
 * request must carry and the roles that may call it) and the request a
 * handler is given. Types only, with no route.c: every route-*.c file
 * defines one table of routes, router.c matches a request against all
 * the tables, http.c fills in the request, req.h reads it and reply.h
 * answers it. The reply is built in memory and handed to libmicrohttpd
 * only when the request is answered, so that an idempotent request can
 * store it first.
 */
#ifndef SERVER_ROUTE_H
#define SERVER_ROUTE_H

#include <stddef.h>

#include <cjson/cJSON.h>
#include <microhttpd.h>

#include "../util/buf.h"

struct db;
struct req;
struct staff;

#define ROUTE_MAX_PARAMS 4

/* Route flags. */
#define ROUTE_PUBLIC	0x01	/* no token needed */
#define ROUTE_IDEM	0x02	/* Idempotency-Key required */
#define ROUTE_IF_MATCH	0x04	/* If-Match required */
#define ROUTE_BODY	0x08	/* takes a JSON object body */
#define ROUTE_BODY_OPT	0x10	/* ... which may be empty, meaning {} */
#define ROUTE_PATCH	0x20	/* also accepts merge-patch+json */
#define ROUTE_FIRST_PW	0x40	/* open while a first password waits to
				   be changed */
#define ROUTE_QUERY	0x80	/* a single row that reads its own query
				   parameters */

struct route {
	const char	*method;
	const char	*pattern;	/* /api/v1/residents/{id} */
	void		(*handler)(struct req *);
	int		 flags;
	int		 roles;		/* ROLE_ bits (scope.h), 0 for public
					   routes */
};

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
	char			 note[160];	/* what it did, for its log
						   line (req_note()) */

	int			 status;
	char			*ctype;
	char			*out;
	size_t			 outlen;
	char			*replay;	/* the body a replay gives
						   instead of out, or NULL
						   (reply_replay_body()) */
	char			*hname[REPLY_MAX_HEADERS];
	char			*hvalue[REPLY_MAX_HEADERS];
	int			 nheaders;
};

/* The route tables, each ended by a NULL method: one per file that
 * handles requests, named for it. */
extern const struct route routes_sessions[];
extern const struct route routes_residents[];
extern const struct route routes_resident_edit[];
extern const struct route routes_resident_status[];
extern const struct route routes_resident_flags[];
extern const struct route routes_resident_history[];
extern const struct route routes_households[];
extern const struct route routes_household_edit[];
extern const struct route routes_communities[];
extern const struct route routes_catalog[];
extern const struct route routes_fees[];
extern const struct route routes_payments[];
extern const struct route routes_reversals[];
extern const struct route routes_payment_reprints[];
extern const struct route routes_cash[];
extern const struct route routes_applications[];
extern const struct route routes_application_new[];
extern const struct route routes_application_actions[];
extern const struct route routes_application_correct[];
extern const struct route routes_handoffs[];
extern const struct route routes_certificates[];
extern const struct route routes_certificate_rules[];
extern const struct route routes_certificate_issue[];
extern const struct route routes_promises[];
extern const struct route routes_verify[];
extern const struct route routes_progress[];
extern const struct route routes_evaluations[];
extern const struct route routes_followups[];
extern const struct route routes_queue[];
extern const struct route routes_events[];
extern const struct route routes_event_actions[];
extern const struct route routes_visits[];
extern const struct route routes_visit_coverage[];
extern const struct route routes_tasks[];
extern const struct route routes_task_items[];
extern const struct route routes_stats[];
extern const struct route routes_audit[];
extern const struct route routes_staff[];
extern const struct route routes_exchange[];
extern const struct route routes_dept[];
extern const struct route routes_consents[];
extern const struct route routes_reads[];
extern const struct route routes_health[];
extern const struct route routes_kiosk_sessions[];
extern const struct route routes_kiosk_guides[];
extern const struct route routes_kiosk_identify[];
extern const struct route routes_kiosk_visit[];
extern const struct route routes_pickup_codes[];

#endif
