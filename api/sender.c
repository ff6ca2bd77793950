/* Replaying the outbox with the retry rules of docs/api.md section 17. */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "sender.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

#define BACKOFF_BASE	1
#define BACKOFF_CAP	60
#define CONFLICT_TRIES	3

struct sender {
	struct api		*api;
	struct outbox		*outbox;
	sender_cb		 cb;
	void			*arg;
	char			*staff;
	struct http_req		*req;
	struct outbox_item	 item;		/* the one in flight */
	int			 stopped;	/* after a 401 */
};

struct sender *
sender_new(struct api *a, struct outbox *o, sender_cb cb, void *arg)
{
	struct sender	*s = xcalloc(1, sizeof *s);

	s->api = a;
	s->outbox = o;
	s->cb = cb;
	s->arg = arg;
	return (s);
}

static void
abandon(struct sender *s)
{
	if (s->req != NULL)
		http_cancel(api_http(s->api), s->req);
	s->req = NULL;
	outbox_item_clear(&s->item);
}

void
sender_free(struct sender *s)
{
	if (s == NULL)
		return;
	abandon(s);
	free(s->staff);
	free(s);
}

void
sender_set_staff(struct sender *s, const char *username)
{
	/* a request in flight still counts: its key is on disk */
	abandon(s);
	free(s->staff);
	s->staff = username != NULL ? xstrdup(username) : NULL;
	s->stopped = 0;
	if (s->staff != NULL)
		outbox_wake(s->outbox, s->staff);
}

time_t
sender_backoff(int attempts, long retry_after)
{
	unsigned int	r = 0;
	long		cap = BACKOFF_BASE;
	long		wait;

	while (attempts-- > 0 && cap < BACKOFF_CAP)
		cap *= 2;
	if (cap > BACKOFF_CAP)
		cap = BACKOFF_CAP;
	if (getrandom(&r, sizeof r, GRND_NONBLOCK) != sizeof r)
		r = (unsigned int)rand();
	wait = 1 + (long)(r % (unsigned int)cap);
	return (wait < retry_after ? retry_after : wait);
}

/* Whether this refusal may succeed later with the same request. */
static int
retryable(const struct api_result *r, const struct outbox_item *it)
{
	if (r->status == API_ERR_NETWORK || r->status == API_ERR_SERVER)
		return (1);
	if (r->http_status == 408 || r->http_status == 429)
		return (1);
	if (r->http_status == 409 && (strcmp(r->problem, "application-open") ==
	    0 || strcmp(r->problem, "already-paid") == 0))
		return (0);	/* the resident has it open, or the fee was
				   paid at another counter: final */
	if (r->http_status == 409)
		return (strcmp(r->problem, "idempotency-in-progress") == 0 ||
		    it->attempts + 1 < CONFLICT_TRIES);
	return (0);
}

static void
settle(struct sender *s, const struct http_reply *h,
    const struct api_result *r)
{
	struct outbox_item	*it = &s->item;
	time_t			 now = time(NULL), wait;

	if (r->status == API_OK) {
		log_info("outbox: item %lld sent: HTTP %ld", it->id,
		    r->http_status);
		outbox_done(s->outbox, it->id, h->body);
		free(it->result);
		it->result = xstrdup(h->body);
		s->cb(SENDER_DONE, it, r, s->arg);
	} else if (r->status == API_ERR_AUTH) {
		log_info("outbox: item %lld waits for a login: HTTP %ld",
		    it->id, r->http_status);
		s->stopped = 1;
		s->cb(SENDER_LOGGED_OUT, it, r, s->arg);
	} else if (retryable(r, it)) {
		wait = sender_backoff(it->attempts, h->retry_after);
		log_info("outbox: item %lld %s (attempt %d): HTTP %ld %s, "
		    "again in %ld s", it->id, r->http_status == 409 ?
		    "conflict" : "not sent", it->attempts + 1, r->http_status,
		    r->problem != NULL ? r->problem : "", (long)wait);
		outbox_defer(s->outbox, it->id, now + wait, r->message);
		s->cb(SENDER_WAITING, it, r, s->arg);
	} else {
		log_info("outbox: item %lld %s: HTTP %ld %s", it->id,
		    r->http_status == 409 ? "conflict, failed" : "failed",
		    r->http_status, r->problem != NULL ? r->problem : "");
		outbox_fail(s->outbox, it->id, r->message);
		free(it->error);
		it->error = xstrdup(r->message);
		s->cb(SENDER_FAILED, it, r, s->arg);
	}
}

static void
on_reply(const struct http_reply *h, void *arg)
{
	struct sender		*s = arg;
	struct api_result	 r;
	cJSON			*json;

	s->req = NULL;
	if (api_classify(s->api, h, &r, &json))
		r.status = API_OK;
	else {
		r.problem_json = json;	/* its extension members */
		json = NULL;
	}
	settle(s, h, &r);
	cJSON_Delete(json);
	api_result_clear(&r);
	outbox_item_clear(&s->item);
}

void
sender_pump(struct sender *s, time_t now)
{
	if (s->req != NULL || s->staff == NULL || s->stopped)
		return;
	if (outbox_next(s->outbox, s->staff, now, &s->item) != 1) {
		outbox_item_clear(&s->item);
		return;
	}
	log_info("outbox: item %lld sending (attempt %d): %s %s", s->item.id,
	    s->item.attempts + 1, s->item.method, s->item.path);
	s->req = http_start(api_http(s->api), s->item.method, s->item.path,
	    s->item.body, s->item.key, on_reply, s);
}

long
sender_timeout_ms(struct sender *s, time_t now)
{
	time_t	due;

	if (s->req != NULL || s->staff == NULL || s->stopped)
		return (-1);
	if ((due = outbox_next_due(s->outbox, s->staff)) == 0)
		return (-1);
	return (due <= now ? 0 : (long)(due - now) * 1000);
}

int
sender_busy(const struct sender *s)
{
	return (s->req != NULL);
}
