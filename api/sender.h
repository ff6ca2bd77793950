/*
 * The outbox's sender: replays saved submissions to the server in order,
 * one at a time, with their own Idempotency-Key, backing off with jitter
 * while the link is down. The event loop calls sender_pump() each turn.
 */
#ifndef API_SENDER_H
#define API_SENDER_H

#include <time.h>

#include "client.h"
#include "outbox.h"

enum sender_event {
	SENDER_DONE,		/* acknowledged: item->result holds the reply */
	SENDER_FAILED,		/* refused for good: item->error says why */
	SENDER_WAITING,		/* not sent this time; will retry */
	SENDER_LOGGED_OUT	/* 401: nothing more until a new login */
};

typedef void (*sender_cb)(enum sender_event, const struct outbox_item *,
    const struct api_result *, void *arg);

struct sender;

struct sender	*sender_new(struct api *, struct outbox *, sender_cb, void *);
void		 sender_free(struct sender *);
/* Whose items to send (the logged-in staff); NULL stops sending. */
void		 sender_set_staff(struct sender *, const char *username);
/* Starts the next due item when none is in flight. */
void		 sender_pump(struct sender *, time_t now);
/* Milliseconds until the next item is due, or -1 when nothing waits. */
long		 sender_timeout_ms(struct sender *, time_t now);
int		 sender_busy(const struct sender *);
/* Back-off before attempt n+1 (full jitter, 1 s base, 60 s cap), at
 * least retry_after seconds. */
time_t		 sender_backoff(int attempts, long retry_after);

#endif
