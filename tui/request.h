/*
 * Requests owned by screens (STYLE.md 6a, like tmux's mode tree with
 * its references): a screen starts its calls here; the kit counts them
 * for the spinner, cancels what is in flight when the screen is popped,
 * so a reply never reaches a screen that is gone, and keeps each slot's
 * Idempotency-Key while a retry may still meet the first request.
 *
 *	rq = request_new(v, SLOT_ACT, on_acted, v);
 *	request_call(rq, api_application_transition(app.api, id, version,
 *	    body, request_key(rq, text), request_reply, rq));
 *
 * The owner is a screen's data (the screen found on the stack), or NULL
 * for the program's own requests, which no pop cancels. A slot holds one
 * request: a new one there cancels the one before.
 */
#ifndef TUI_REQUEST_H
#define TUI_REQUEST_H

#include "../api/client.h"

#define SLOT_ANY	(-1)

/* The slots of the program's own requests (owner NULL), one each, all
 * here so that no two pick the same. */
enum own_slot {
	SLOT_TXCODE = 1,	/* txcode.c: the service of a typed code */
	SLOT_COUNT,		/* queue-count.c: the waiting count */
	SLOT_PAYMENT		/* pay-offline.c: a delivered payment's case */
};

struct request;
struct screen;

/* A request of owner in slot, answered through cb(result, arg) unless
 * cancelled first. Give the API call request_reply and the request. */
struct request	*request_new(const void *owner, int slot, api_cb cb,
		    void *arg);
void		 request_call(struct request *, struct api_call *);
/* The program's own request that the clerk did not ask for (a poll):
 * no spinner, no Esc. */
struct request	*request_background(int slot, api_cb cb, void *arg);
void		 request_reply(struct api_result *, void *);
/* The Idempotency-Key for this request: the slot's last key again when
 * the last request there, with the same what (its body, its target),
 * may have reached the server without an answer (a lost link, a 5xx,
 * Esc); a new one otherwise. */
const char	*request_key(struct request *, const char *what);
/* A wait that is no API call (the outbox's answer, a child): counted
 * by the spinner; stop(arg) runs if it is cancelled or its screen goes. */
void		 request_wait(const void *owner, int slot,
		    void (*stop)(void *), void *arg);
/* The wait in slot is over (its stop is not called). */
void		 request_done(const void *owner, int slot);
/* Whether owner waits for something in slot (SLOT_ANY: any). */
int		 request_busy(const void *owner, int slot);
/* The same, for a key or an answer that would start a request: while
 * owner waits in slot, the clerk is told that nothing was done (the
 * key is not kept for later: the answer may change what it would do). */
int		 request_refuse(const void *owner, int slot);
/* Ends what owner waits for in slot (SLOT_ANY: all), without its
 * callback; 1 if there was something. */
int		 request_cancel(const void *owner, int slot);
/* The screen goes: everything of it ends, keys included. */
void		 request_screen_gone(struct screen *);

#endif
