/* The applications and certificates on a profile, and the reveal. */
#include <stdio.h>
#include <stdlib.h>

#include "case-labels.h"
#include "dialog-prompt.h"
#include "draw.h"
#include "request.h"
#include "resident-records.h"
#include "tui.h"
#include "../locale/i18n.h"

#define SHOWN	2	/* the latest of each; the workflows show more */

/* The profile's request slots (the profile itself uses 0). */
enum { SLOT_APPS = 1, SLOT_CERTS, SLOT_REVEAL };

static void
on_apps(struct api_result *r, void *arg)
{
	struct records	*rec = arg;

	if (r->status != API_OK)
		return;		/* the profile stands without them */
	model_briefs_free(rec->apps);
	rec->apps = r->model;
	r->model = NULL;
}

static void
on_certs(struct api_result *r, void *arg)
{
	struct records	*rec = arg;

	if (r->status != API_OK)
		return;
	model_briefs_free(rec->certs);
	rec->certs = r->model;
	r->model = NULL;
}

void
records_load(struct records *rec, long long id)
{
	struct request	*rq;

	rec->id = id;
	rq = request_new(rec->owner, SLOT_APPS, on_apps, rec);
	request_call(rq, api_resident_applications(app.api, id,
	    request_reply, rq));
	rq = request_new(rec->owner, SLOT_CERTS, on_certs, rec);
	request_call(rq, api_resident_certificates(app.api, id,
	    request_reply, rq));
}

void
records_forget(struct records *rec)
{
	model_revealed_free(rec->rev);
	rec->rev = NULL;
	app_dirty();
}

void
records_free(struct records *rec)
{
	model_briefs_free(rec->apps);
	model_briefs_free(rec->certs);
	records_forget(rec);
}

static void
on_reveal(struct api_result *r, void *arg)
{
	struct records	*rec = arg;

	if (!app_answer(r))
		return;
	records_forget(rec);
	rec->rev = r->model;
	r->model = NULL;
	app_message(MSG_INFO, "%s", _("The full ID number is shown; the "
	    "server has recorded who asked and why."));
}

static void
reason_given(const char *reason, void *arg)
{
	struct records	*rec = arg;
	struct request	*rq = request_new(rec->owner, SLOT_REVEAL, on_reveal,
			    rec);

	request_call(rq, api_resident_reveal(app.api, rec->id, reason,
	    request_reply, rq));
}

void
records_reveal(struct records *rec, long long id)
{
	rec->id = id;
	prompt_ask(&(struct prompt){ .title = _("Why is the full ID number "
	    "needed? (recorded)"), .max_chars = 200, .min_chars = 2,
	    .too_short = _("Give the reason (at least two characters): it "
	    "is recorded."), .done = reason_given, .arg = rec });
}

/* A section's latest: an application's status in words, a
 * certificate's valid-until date. */
static int
section(const char *title, const struct briefs *b, int apps, int y,
    int last, int cols)
{
	char	line[512];
	size_t	i;
	int	x;

	if (y > last || b == NULL)
		return (y);
	snprintf(line, sizeof line, "%s (%lld)", title, b->total);
	x = draw_text(y, 1, line, cols - 2, STYLE_TITLE);
	draw_hline(y++, x + 2, cols - x - 3);
	for (i = 0; i < b->n && i < SHOWN && y <= last; i++, y++) {
		snprintf(line, sizeof line, apps ? "%s  %s  %s  %s" :
		    _("%s  %s  %s  valid until %s"), b->items[i].date,
		    b->items[i].ref, b->items[i].what, apps ?
		    label_app_status(b->items[i].state) : b->items[i].state);
		draw_text(y, 2, line, cols - 3, STYLE_NORMAL);
	}
	return (y);
}

int
records_draw(struct records *rec, int y, int last, int cols)
{
	y = section(_("Applications"), rec->apps, 1, y, last, cols);
	return (section(_("Certificates"), rec->certs, 0, y, last, cols));
}
