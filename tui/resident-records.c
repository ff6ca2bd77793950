/* The applications and certificates on a profile, and the reveal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog-prompt.h"
#include "draw.h"
#include "resident-records.h"
#include "tui.h"
#include "../locale/i18n.h"

#define SHOWN	2	/* the latest of each; the workflows show more */

static void
cancel(struct api_call **c)
{
	if (*c == NULL)
		return;
	api_cancel(app.api, *c);
	*c = NULL;
	app_busy(-1);
}

static void
on_apps(struct api_result *r, void *arg)
{
	struct records	*rec = arg;

	rec->apps_call = NULL;
	app_busy(-1);
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

	rec->certs_call = NULL;
	app_busy(-1);
	if (r->status != API_OK)
		return;
	model_briefs_free(rec->certs);
	rec->certs = r->model;
	r->model = NULL;
}

void
records_load(struct records *rec, long long id)
{
	rec->id = id;
	cancel(&rec->apps_call);
	cancel(&rec->certs_call);
	rec->apps_call = api_resident_applications(app.api, id, on_apps, rec);
	rec->certs_call = api_resident_certificates(app.api, id, on_certs,
	    rec);
	app_busy(2);
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
	cancel(&rec->apps_call);
	cancel(&rec->certs_call);
	cancel(&rec->reveal_call);
	model_briefs_free(rec->apps);
	model_briefs_free(rec->certs);
	records_forget(rec);
}

static void
on_reveal(struct api_result *r, void *arg)
{
	struct records	*rec = arg;

	rec->reveal_call = NULL;
	app_busy(-1);
	if (r->status != API_OK) {
		app_message(MSG_ERROR, "%s", r->message);
		return;
	}
	records_forget(rec);
	rec->rev = r->model;
	r->model = NULL;
	app_message(MSG_INFO, "%s", _("The full ID number is shown; the "
	    "server has recorded who asked and why."));
}

static struct records	*asking;

static void
reason_given(const char *reason, void *arg)
{
	(void)arg;
	if (asking == NULL)
		return;
	if (strlen(reason) < 2) {
		app_message(MSG_ERROR, "%s", _("Give the reason (at least two "
		    "characters): it is recorded."));
		return;
	}
	cancel(&asking->reveal_call);
	asking->reveal_call = api_resident_reveal(app.api, asking->id, reason,
	    on_reveal, asking);
	app_busy(1);
}

void
records_reveal(struct records *rec, long long id)
{
	struct prompt	p = { NULL, NULL, 200, NULL, reason_given, NULL };

	rec->id = id;
	asking = rec;
	p.title = _("Why is the full ID number needed? (recorded)");
	app_push(&dialog_prompt, &p);
}

static int
section(const char *title, const struct briefs *b, int y, int last,
    int cols)
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
		snprintf(line, sizeof line, "%s  %s  %s  %s", b->items[i].date,
		    b->items[i].ref, b->items[i].what, b->items[i].state);
		draw_text(y, 2, line, cols - 3, STYLE_NORMAL);
	}
	return (y);
}

int
records_draw(struct records *rec, int y, int last, int cols)
{
	y = section(_("Applications"), rec->apps, y, last, cols);
	return (section(_("Certificates"), rec->certs, y, last, cols));
}
