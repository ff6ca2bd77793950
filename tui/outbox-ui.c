/* What the clerk hears of the outbox: whether it could be opened,
 * counts in the status bar, and a sentence when a saved submission is
 * accepted or refused. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pay-offline.h"
#include "print-ui.h"
#include "../printing/doc.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../util/log.h"
#include "../util/paths.h"
#include "../util/xmalloc.h"

/* Opens the outbox and starts its sender; what the clerk must be told
 * (in the clerk's language), or NULL. */
static char *
open_outbox(void)
{
	char	*dir, *path, *cause = NULL, *aside = NULL, *warning = NULL;

	if ((dir = paths_state(NULL)) == NULL)
		return (xstrdup(_("The state folder cannot be created: "
		    "submissions are refused until that is fixed.")));
	path = xasprintf("%s/client.db", dir);
	app.outbox = outbox_open(path, &aside, &cause);
	if (app.outbox == NULL) {
		log_info("outbox: %s", cause);
		warning = xstrdup(_("The local database cannot be opened: "
		    "submissions are refused until that is fixed."));
	} else if (aside != NULL)	/* said once, with the file kept */
		warning = xasprintf(_("The local database was damaged; it "
		    "was kept as %s for support and a new one started."),
		    aside);
	if (app.outbox != NULL) {
		app.sender = sender_new(app.api, app.outbox, outbox_ui_event,
		    NULL);
		/* acknowledged submissions keep personal data a week at most */
		outbox_expire(app.outbox, time(NULL), 7 * 24 * 3600);
		app_outbox_changed();
	}
	free(aside);
	free(cause);
	free(path);
	free(dir);
	return (warning);
}

/* The outbox keeps submissions until the server has them. It opens
 * once libcurl is loaded — while the password is typed (http_warm), or
 * with the first request — or at the first login at the latest, not at
 * start: nothing before a login can submit, and the login screen is
 * drawn sooner without SQLite. Without it the client still runs
 * (lookups work), but refuses to take any submission: the clerk is
 * told so once logged in, where the login's own messages do not hide
 * it. */
void
outbox_ui_open(void)
{
	static int	 tried;
	static char	*warning;

	if (!tried && (app.session != NULL ||
	    http_loaded(api_http(app.api)))) {
		tried = 1;
		warning = open_outbox();
		if (app.sender != NULL && app.session != NULL)
			sender_set_staff(app.sender, app.session->username);
	}
	if (warning != NULL && app.session != NULL) {
		app_message(MSG_ERROR, "%s", warning);
		free(warning);
		warning = NULL;
	}
}

static void
print_real(void *arg)
{
	print_ui_offer(print_ui_application(arg, 0, "receipt",
	    (long long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(
	    arg, "local_ref"))), NULL);
}

static void
json_free(void *arg)
{
	cJSON_Delete(arg);
}

/* A provisional receipt went home with the resident: now that the
 * server has the application, the real one is offered, marked as its
 * replacement. */
static void
offer_real_receipt(const struct outbox_item *it)
{
	struct pdoc	*was;
	char		 q[256];
	cJSON		*j;
	int		 printed;

	if ((j = cJSON_Parse(it->result)) == NULL)
		return;
	was = print_ui_application(j, it->id, "receipt", 0);
	printed = print_ui_printed(was->id);
	pdoc_free(was);
	if (!printed) {
		cJSON_Delete(j);
		return;
	}
	cJSON_AddNumberToObject(j, "local_ref", (double)it->id);
	snprintf(q, sizeof q, _("L%lld is at the server now: %s. Print the "
	    "real receipt to replace the provisional receipt?"), it->id,
	    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j,
	    "number")));
	confirm_ask_free(q, print_real, j, json_free);
}

/* The application number from an acknowledged reply, for the message. */
static void
say_done(const struct outbox_item *it)
{
	struct application	*a = calloc(1, sizeof *a);
	const char		*cause;
	cJSON			*j = cJSON_Parse(it->result);
	int			 ok;

	ok = j != NULL && model_application_parse(j, a, &cause) == 0;
	if (ok && application_code_lost(j))
		/* the receipt tells the resident to ask */
		app_message(MSG_ERROR, _("Application taken for %s; pickup "
		    "code lost: K on the profile prints one."),
		    a->resident_name);
	else if (ok)
		app_message(MSG_INFO, _("Application %s taken for %s; "
		    "promised by %s."), a->number, a->resident_name,
		    *a->due_date != '\0' ? a->due_date : "-");
	else
		app_message(MSG_INFO, _("Sent: %s."), it->label);
	model_application_free(a);
	cJSON_Delete(j);
}

void
outbox_ui_event(enum sender_event ev, const struct outbox_item *it,
    const struct api_result *r, void *arg)
{
	(void)arg;
	app_outbox_changed();
	app_changed(RES_OUTBOX, it->id);
	if (ev == SENDER_DONE)		/* the profile's, the lists' */
		app_changed(RES_APPLICATION, 0);
	if (app.top != NULL && form_outbox_event(app.top, ev, it, r))
		return;
	if (pay_offline_event(ev, it, r))
		return;
	switch (ev) {
	case SENDER_DONE:
		say_done(it);
		if (app.top != NULL && app.top->ops != &screen_lock)
			offer_real_receipt(it);
		break;
	case SENDER_FAILED:
		app_message(MSG_ERROR, _("Refused: %s: %s (F8: outbox)"),
		    it->label, r->message);
		break;
	case SENDER_WAITING:
		break;	/* the status bar shows what waits */
	case SENDER_LOGGED_OUT:
		app_session_ended(r->message);
		break;
	}
}
