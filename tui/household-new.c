/* 立户 from the profile: a new household with this resident its head. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog-prompt.h"
#include "household-new.h"
#include "request.h"
#include "tui.h"
#include "../api/households.h"
#include "../api/residents.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

void
household_new_clear(struct hh_new *hn)
{
	free(hn->name);
	free(hn->address);
	free(hn->reason);
	hn->name = hn->address = hn->reason = NULL;
	hn->head_id = hn->community_id = hn->grid_id = 0;
}

static void
on_made(struct api_result *r, void *arg)
{
	struct hh_new	*hn = arg;

	if (app_signed_out(r))
		return;
	if (r->status == API_OK) {
		app_message(MSG_INFO, _("Made: a household with %s as its "
		    "head (户主)."), hn->name);
		app_changed(RES_RESIDENT, hn->head_id);
	} else if (r->problem != NULL && strcmp(r->problem,
	    "household-head") == 0) {
		/* he was made the head of another meanwhile */
		app_message(MSG_ERROR, "%s", _("The head may not leave while "
		    "others stay: make another member the head first."));
		app_changed(RES_RESIDENT, hn->head_id);
	} else if (r->nerrors > 0)
		app_message(MSG_ERROR, _("Not saved: %s"),
		    r->errors[0].message);
	else
		app_message(MSG_ERROR, _("Not saved: %s"), r->message);
}

static void
send_new(struct hh_new *hn)
{
	struct request	*rq = request_new(hn->owner, hn->slot, on_made, hn);
	cJSON		*b = cJSON_CreateObject();
	char		*body, *what;

	cJSON_AddNumberToObject(b, "community_id", (double)hn->community_id);
	if (hn->grid_id > 0)
		cJSON_AddNumberToObject(b, "grid_id", (double)hn->grid_id);
	cJSON_AddStringToObject(b, "address", hn->address);
	cJSON_AddNumberToObject(b, "head_id", (double)hn->head_id);
	if (*hn->reason != '\0')
		cJSON_AddStringToObject(b, "reason", hn->reason);
	body = cJSON_PrintUnformatted(b);
	what = xasprintf("household %s", body);
	request_call(rq, api_household_create(app.api, b, request_key(rq,
	    what), request_reply, rq));
	free(body);
	free(what);
	app_message(MSG_INFO, "%s", _("Sending..."));
}

static void
reason_given(const char *text, void *arg)
{
	struct hh_new	*hn = arg;

	free(hn->reason);
	hn->reason = xstrdup(text);
	send_new(hn);
}

static void
address_given(const char *text, void *arg)
{
	struct hh_new	*hn = arg;

	free(hn->address);
	hn->address = xstrdup(text);
	prompt_ask(&(struct prompt){ .title = _("Why? (kept; may stay "
	    "empty)"), .max_chars = 200, .done = reason_given, .arg = hn });
}

static void
make_it(void *arg)
{
	struct hh_new	*hn = arg;

	prompt_ask(&(struct prompt){ .title = _("The new household's "
	    "address"), .initial = hn->address, .min_chars = 1,
	    .max_chars = 100, .done = address_given, .arg = hn });
}

void
household_new_ask(struct hh_new *hn, const struct resident *r)
{
	char	*q;

	household_new_clear(hn);
	if (r->s.community_id <= 0) {
		app_message(MSG_ERROR, _("%s belongs to no household."),
		    r->s.name);
		return;
	}
	hn->head_id = r->s.id;
	hn->community_id = r->s.community_id;
	hn->grid_id = r->grid_id;
	hn->name = xstrdup(r->s.name);
	hn->address = xstrdup(r->s.address);
	q = xasprintf(_("%s belongs to no household. Make one with him as "
	    "its head (户主)?"), r->s.name);
	confirm_ask(q, make_it, hn);
	free(q);
}
