/*
 * A resident's visit at a self-service terminal (docs/api.md 25): a
 * token bound to the resident and the kiosk, sent as Kiosk-Visit, alive
 * for five minutes after its last use.
 */
#ifndef SERVER_KIOSK_VISIT_H
#define SERVER_KIOSK_VISIT_H

struct req;

#define KIOSK_VISIT_SECONDS	(5 * 60)

/* Opens a visit of the resident at the request's kiosk: its token into
 * token[65] and its end into expires[32]; 0 or -1. */
int		 kiosk_visit_open(struct req *, long long resident,
		    char *token, char *expires);
/* The resident of the request's visit, its life renewed; 0 having
 * answered 401 when there is none in force at this kiosk. */
long long	 kiosk_visit_resident(struct req *);
/* Ends the request's visit (found by kiosk_visit_resident()); 0 or
 * -1. */
int		 kiosk_visit_end(struct req *);

#endif
