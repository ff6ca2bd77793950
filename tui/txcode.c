/* Transaction codes: from anywhere, F3 and a service's short code (0501)
 * open that service's form for the resident on screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog-choose.h"
#include "dialog-prompt.h"
#include "form-ui.h"
#include "request.h"
#include "resident-form.h"
#include "tui.h"
#include "../api/catalog-cache.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

struct pending {
	int		 age;		/* of the resident, when asked */
	cJSON		*tags;
	long long	 resident_id;
	char		*resident_name;
	cJSON		*prefill;
	char		 code[5];
};

static struct pending	pending;


static void	ask(const char *);

static void
clear_pending(void)
{
	free(pending.resident_name);
	cJSON_Delete(pending.prefill);
	cJSON_Delete(pending.tags);
	memset(&pending, 0, sizeof pending);
}

/* The service's conditions the resident visibly fails (age from the ID
 * number, tags): said at once, before anything is typed. NULL if none. */
static char *
condition_failed(const cJSON *service)
{
	const cJSON	*c, *tag;
	const char	*type, *msg, *want;
	double		 v;
	int		 ok;

	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(service,
	    "conditions")) {
		type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c,
		    "type"));
		msg = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c,
		    "message"));
		v = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(c,
		    "value"));
		want = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c,
		    "value"));
		ok = 1;
		if (type == NULL)
			continue;
		if (strcmp(type, "min_age") == 0)
			ok = pending.age >= v;
		else if (strcmp(type, "max_age") == 0)
			ok = pending.age <= v;
		else if (strcmp(type, "tag") == 0 && want != NULL) {
			ok = 0;
			cJSON_ArrayForEach(tag, pending.tags)
				ok |= strcmp(tag->valuestring, want) == 0;
		}
		if (!ok)
			return (utf8_sanitize(msg != NULL ? msg : type, 0));
	}
	return (NULL);
}

/* Opens the form of service (a Service object, taken) for the pending
 * resident, unless the resident cannot apply. */
static void
open_form(cJSON *service)
{
	struct form_open	 o;
	const char		*name;
	char			*why;

	name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(service,
	    "name"));
	if (pending.resident_id != 0 &&
	    (why = condition_failed(service)) != NULL) {
		app_message(MSG_ERROR, _("%s cannot apply for %s: %s"),
		    pending.resident_name, name != NULL ? name : "", why);
		free(why);
		cJSON_Delete(service);
		return;
	}
	memset(&o, 0, sizeof o);
	o.service = service;
	o.resident_id = pending.resident_id;
	o.resident_name = pending.resident_name;
	o.prefill = pending.prefill;
	form_ui_open(&o);
	cJSON_Delete(o.service);
}

static void
on_service(struct api_result *r, void *arg)
{
	struct service		*svc = r->model;
	struct lookup_open	 o = { 0 };
	cJSON			*kept;
	long long		 at = 0;

	(void)arg;
	if (r->status == API_ERR_AUTH)
		app_session_ended(r->message);
	else if (r->status == API_ERR_NETWORK &&
	    (kept = catalog_cache_get(app.outbox, pending.code, &at)) !=
	    NULL) {
		/* the link is down: the form as last read still takes the
		 * application, which waits in the outbox */
		open_form(kept);
		app_message(MSG_INFO, "%s", _("Offline: this form is the one "
		    "kept on this computer; the application waits in the "
		    "outbox."));
	} else if (r->status == API_ERR_REFUSED && r->http_status == 404) {
		/* the prompt again, the code as typed, to correct it */
		app_message(MSG_ERROR, "%s", _("No service has that code."));
		ask(pending.code);
	} else if (r->status != API_OK)
		app_message(MSG_ERROR, "%s", r->message);
	else if (pending.resident_id == 0) {
		/* nobody on screen: first whose application it is */
		o.txcode = pending.code;
		o.service_name = svc->name;
		app_push(&screen_lookup, &o);
	} else {
		catalog_cache_put(app.outbox, svc->json);
		app_message(MSG_INFO, NULL);
		open_form(svc->json);
		svc->json = NULL;
	}
	clear_pending();
}

static void
code_entered(const char *code, void *arg)
{
	const struct resident	*r = resident_on_screen();
	struct request		*rq;

	(void)arg;
	clear_pending();
	if (r != NULL) {
		pending.age = r->s.age;
		pending.tags = cJSON_CreateStringArray((const char *const *)
		    r->tags, (int)r->ntags);
		pending.resident_id = r->s.id;
		pending.resident_name = xstrdup(r->s.name);
		pending.prefill = resident_form_service_prefill(r);
	}
	snprintf(pending.code, sizeof pending.code, "%s", code);
	rq = request_new(NULL, SLOT_TXCODE, on_service, NULL);
	request_call(rq, api_service_by_code(app.api, code, request_reply,
	    rq));
}

void
txcode_open(const char *code)
{
	code_entered(code, NULL);
}

static int
digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9');
}

static void
ask(const char *initial)
{
	prompt_ask(&(struct prompt){ .title = _("Transaction code of the "
	    "service (e.g. 0501)"), .initial = initial, .max_chars = 4,
	    .min_chars = 4, .too_short = _("A transaction code has 4 digits, "
	    "like 0501."), .filter = digit, .done = code_entered });
}

void
txcode_prompt(void)
{
	if (app.session != NULL)
		ask(NULL);
}
