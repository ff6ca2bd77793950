/* 告知承诺 at the counter: may this resident promise today? */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "promise-ui.h"
#include "request.h"
#include "tui.h"
#include "../api/problem.h"
#include "../api/promises.h"
#include "../locale/i18n.h"
#include "../util/utf8.h"
#include "../util/xmalloc.h"

/* The refusal: in full for the screen, in short on the message line. */
static void
say_barred(struct promise_ask *pa, const char *since, const char *until,
    const char *reason)
{
	free(pa->barred);
	pa->barred = xasprintf(_("No 告知承诺 for this resident until %s: a "
	    "promise of theirs was found false on %s. Reason: %s"), until,
	    since, reason);
	app_message(MSG_ERROR, _("No 告知承诺 until %s: %s"), until, reason);
}

static void
on_ban(struct api_result *r, void *arg)
{
	struct promise_ask	*pa = arg;
	struct promise_ban	*b;

	if (!app_answer(r))
		return;
	b = r->model;
	if (b->barred) {
		say_barred(pa, b->since, b->until, b->reason);
		return;
	}
	free(pa->barred);
	pa->barred = NULL;
	app_message(MSG_INFO, NULL);
	pa->ok(pa->arg);
}

void
promise_ui_ask(struct promise_ask *pa, const void *owner, int slot,
    long long resident_id)
{
	struct request	*rq = request_new(owner, slot, on_ban, pa);

	app_message(MSG_INFO, "%s", _("Asking whether the resident may use "
	    "告知承诺..."));
	request_call(rq, api_promise_ban(app.api, resident_id, request_reply,
	    rq));
}

/* A member of the problem, made safe to show; "?" when missing. The
 * caller frees it. */
static char *
member(const cJSON *j, const char *key)
{
	const char	*v = cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(j, key));

	return (utf8_sanitize(v != NULL ? v : "?", 0));
}

int
promise_ui_refused(struct promise_ask *pa, const struct api_result *r)
{
	char	*since, *until, *reason;

	if (r->problem == NULL || strcmp(r->problem, "promise-barred") != 0)
		return (0);
	since = member(r->problem_json, "since");
	until = member(r->problem_json, "until");
	reason = member(r->problem_json, "reason");
	say_barred(pa, since, until, reason);
	free(since);
	free(until);
	free(reason);
	return (1);
}

void
promise_ui_clear(struct promise_ask *pa)
{
	free(pa->barred);
	pa->barred = NULL;
}

const char *
promise_ui_status(const char *status)
{
	if (strcmp(status, "truthful") == 0)
		return (_("checked: true (属实)"));
	if (strcmp(status, "false") == 0)
		return (_("checked: FALSE (虚假)"));
	return (_("not checked yet"));
}
