/* Requests owned by screens: spinner, cancel on pop, retry keys. */
#include <stdlib.h>
#include <string.h>

#include "request.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

struct request {
	struct screen	*owner;		/* NULL: the program's */
	struct request	*next;
	int		 slot;
	struct api_call	*call;		/* NULL for a wait */
	api_cb		 cb;
	void		*arg;
	void		(*stop)(void *);
	struct retry	*retry;		/* the key it was sent with */
	int		 quiet;		/* not on the spinner */
};

/* A slot's last key, kept while the request may have gone through
 * without an answer. */
struct retry {
	struct retry	*next;
	int		 slot;
	int		 open;		/* sent, not settled */
	char		*what;
	char		 key[33];
};

static struct request	*app_requests;
static struct retry	*app_retries;

/* The screen whose data owner is; NULL for the program's own. */
static struct screen *
screen_of(const void *owner)
{
	struct screen	*s;

	if (owner == NULL)
		return (NULL);
	for (s = app.top; s != NULL; s = s->below) {
		if (s->data == owner)
			return (s);
	}
	log_debug("%s: no screen owns %p", __func__, owner);
	return (NULL);
}

static struct request **
list_of(struct screen *s)
{
	return (s != NULL ? &s->requests : &app_requests);
}

/* Takes rq off its owner's list. */
static void
unlink_request(struct request *rq)
{
	struct request	**p;

	for (p = list_of(rq->owner); *p != NULL; p = &(*p)->next) {
		if (*p == rq) {
			*p = rq->next;
			return;
		}
	}
}

/* Ends rq without its callback. */
static void
end(struct request *rq)
{
	unlink_request(rq);
	if (rq->call != NULL)
		api_cancel(app.api, rq->call);
	else if (rq->stop != NULL)
		rq->stop(rq->arg);
	if (!rq->quiet)
		app_busy(-1);
	free(rq);
}

static int
cancel_in(struct screen *s, int slot)
{
	struct request	*rq, *next;
	int		 n = 0;

	for (rq = *list_of(s); rq != NULL; rq = next) {
		next = rq->next;
		if (slot == SLOT_ANY || rq->slot == slot) {
			end(rq);
			n++;
		}
	}
	return (n > 0);
}

static struct request *
add(const void *owner, int slot, int quiet)
{
	struct screen	*s = screen_of(owner);
	struct request	*rq = xcalloc(1, sizeof *rq);

	cancel_in(s, slot);
	rq->owner = s;
	rq->slot = slot;
	rq->next = *list_of(s);
	*list_of(s) = rq;
	if (!(rq->quiet = quiet))
		app_busy(1);
	return (rq);
}

struct request *
request_background(int slot, api_cb cb, void *arg)
{
	struct request	*rq = add(NULL, slot, 1);

	rq->cb = cb;
	rq->arg = arg;
	return (rq);
}

struct request *
request_new(const void *owner, int slot, api_cb cb, void *arg)
{
	struct request	*rq = add(owner, slot, 0);

	rq->cb = cb;
	rq->arg = arg;
	return (rq);
}

void
request_call(struct request *rq, struct api_call *call)
{
	rq->call = call;
}

void
request_wait(const void *owner, int slot, void (*stop)(void *), void *arg)
{
	struct request	*rq = add(owner, slot, 0);

	rq->stop = stop;
	rq->arg = arg;
}

/* The request is answered: off the lists first, so that the callback
 * may pop its screen or start the next request in the same slot. */
void
request_reply(struct api_result *r, void *p)
{
	struct request	*rq = p;
	api_cb		 cb = rq->cb;
	void		*arg = rq->arg;

	unlink_request(rq);
	if (rq->retry != NULL && r->status != API_ERR_NETWORK &&
	    r->status != API_ERR_SERVER)
		rq->retry->open = 0;	/* settled: the next try is new */
	if (!rq->quiet)
		app_busy(-1);
	free(rq);
	cb(r, arg);
}

const char *
request_key(struct request *rq, const char *what)
{
	struct retry	**list = rq->owner != NULL ? &rq->owner->retries :
			    &app_retries, *k;

	for (k = *list; k != NULL && k->slot != rq->slot; k = k->next)
		;
	if (k == NULL) {
		k = xcalloc(1, sizeof *k);
		k->slot = rq->slot;
		k->next = *list;
		*list = k;
	}
	if (!k->open || k->what == NULL || strcmp(k->what, what) != 0) {
		api_new_key(k->key);
		free(k->what);
		k->what = xstrdup(what);
	}
	k->open = 1;
	rq->retry = k;
	return (k->key);
}

int
request_busy(const void *owner, int slot)
{
	struct request	*rq;

	for (rq = *list_of(screen_of(owner)); rq != NULL; rq = rq->next) {
		if (slot == SLOT_ANY || rq->slot == slot)
			return (1);
	}
	return (0);
}

int
request_refuse(const void *owner, int slot)
{
	if (!request_busy(owner, slot))
		return (0);
	app_message(MSG_ERROR, "%s", _("Wait for the answer, or press Esc "
	    "to cancel it."));
	return (1);
}

int
request_cancel(const void *owner, int slot)
{
	return (cancel_in(screen_of(owner), slot));
}

void
request_done(const void *owner, int slot)
{
	struct request	*rq;

	for (rq = *list_of(screen_of(owner)); rq != NULL; rq = rq->next) {
		if (rq->slot == slot && rq->call == NULL) {
			rq->stop = NULL;	/* it has stopped by itself */
			end(rq);
			return;
		}
	}
}

void
request_screen_gone(struct screen *s)
{
	struct retry	*k;

	cancel_in(s, SLOT_ANY);
	while ((k = s->retries) != NULL) {
		s->retries = k->next;
		free(k->what);
		free(k);
	}
}
