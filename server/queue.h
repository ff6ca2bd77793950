/* The queue, as applications and certificates need it. */
#ifndef SERVER_QUEUE_H
#define SERVER_QUEUE_H

struct req;

/* A ticket named in a new application or certificate becomes
 * "serving": it must be called or serving, in the caller's centre.
 * 0, or -1 having replied 400 (ticket_id not_found or mismatch). */
int	queue_serve(struct req *, long long ticket_id);

#endif
