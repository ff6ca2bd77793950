/* What the clerk hears of the outbox: counts in the status bar, and a
 * sentence when a saved submission is accepted or refused. */
#include <stdlib.h>

#include "tui.h"
#include "../locale/i18n.h"

void
app_outbox_changed(void)
{
	if (app.outbox == NULL ||
	    outbox_counts(app.outbox, &app.ob_pending, &app.ob_failed, NULL)
	    != 0)
		app.ob_pending = app.ob_failed = 0;
	app_dirty();
}

/* The application number from an acknowledged reply, for the message. */
static void
say_done(const struct outbox_item *it)
{
	struct application	*a = calloc(1, sizeof *a);
	const char		*cause;
	cJSON			*j = cJSON_Parse(it->result);

	if (j != NULL && model_application_parse(j, a, &cause) == 0)
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
	if (app.top != NULL && form_outbox_event(app.top, ev, it, r))
		return;
	switch (ev) {
	case SENDER_DONE:
		result_update(it);
		say_done(it);
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
