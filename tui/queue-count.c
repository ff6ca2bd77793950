/* The waiting count in the status bar: asked of the server at most every
 * 30 seconds while someone works at the counter, at once after a queue
 * action, and never while logged out, locked or idle. */
#include <string.h>

#include "request.h"
#include "tui.h"
#include "../api/queue.h"
#include "../api/events.h"
#include "../api/org.h"
#include "../api/stats.h"
#include "../api/catalog.h"
#include "../api/applications.h"
#include "../util/log.h"

#define POLL_S		30


static time_t			 due;		/* 0: at once */
static const struct api_session	*polled_for;	/* the session counted */

int
role_has_queue(void)
{
	const char	*r;

	if (app.session == NULL)
		return (0);
	r = app.session->role;
	return (strcmp(r, "clerk") == 0 || strcmp(r, "supervisor") == 0 ||
	    strcmp(r, "admin") == 0);
}

/* Polling keeps the server's session alive: it runs only while the
 * clerk is at the keyboard, so the server's idle expiry still ends a
 * session nobody uses. */
static int
wanted(time_t now)
{
	int	idle = app.session != NULL ? app.session->idle_timeout_s : 0;

	if (!role_has_queue() || app.evaluator != NULL || (app.top != NULL &&
	    app.top->ops == &screen_lock))
		return (0);
	if (idle <= 0)
		idle = 900;
	return (now - app.last_key < idle - POLL_S);
}

static void
on_count(struct api_result *r, void *arg)
{
	struct ticket_page	*p = r->model;

	(void)arg;
	if (r->status != API_OK || p == NULL) {
		/* the next real request says what is wrong; here the count
		 * only stops being shown */
		log_debug("%s: %s", __func__, r->message != NULL ?
		    r->message : "no model");
		app.waiting = -1;
	} else
		app.waiting = p->waiting;
	app_dirty();
}

void
queue_count_refresh(void)
{
	due = 0;
}

long
queue_count_timeout_ms(time_t now)
{
	if (app.session != polled_for)
		return (0);
	if (!wanted(now) || request_busy(NULL, SLOT_COUNT))
		return (-1);
	return (due <= now ? 0 : (long)(due - now) * 1000);
}

void
queue_count_tick(time_t now)
{
	struct request	*rq;

	if (app.session != polled_for) {
		request_cancel(NULL, SLOT_COUNT);
		polled_for = app.session;
		app.waiting = -1;
		due = 0;
		app_dirty();
	}
	if (!wanted(now) || request_busy(NULL, SLOT_COUNT) || now < due)
		return;
	due = now + POLL_S;
	rq = request_background(SLOT_COUNT, on_count, NULL);
	request_call(rq, api_tickets(app.api, "waiting", NULL, 1,
	    request_reply, rq));
}
