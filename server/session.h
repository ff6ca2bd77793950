/*
 * Sessions: the bearer token of a request checked against the stored
 * sessions (docs/api.md 1.3), before any handler runs. Logging in and
 * out is route-sessions.c's.
 */
#ifndef SERVER_SESSION_H
#define SERVER_SESSION_H

struct db_stmt;
struct req;
struct staff;

#define SESSION_IDLE_SECONDS		(15 * 60)
#define SESSION_ABSOLUTE_SECONDS	(10 * 60 * 60)
/* A kiosk's session lasts a day from its login, idle or not. */
#define KIOSK_SESSION_SECONDS		(24 * 60 * 60)

/* Session check for a request, a staff's or a kiosk's (docs/api.md
 * 25); 0 with r->staff set, or -1 having replied 401. */
int		 session_authenticate(struct req *);
/* The hash of the request's bearer token into hash[65]; 0, or -1 when
 * it sent none of the right form. */
int		 session_token_hash(struct req *, char *hash);
/* A staff from six columns of a row (id, username, name, role, centre,
 * centre name) and a session's counter. The caller frees it with
 * auth_staff_free(). */
struct staff	*session_staff(struct db_stmt *, int first,
		    const char *counter);

#endif
