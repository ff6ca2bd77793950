/* After a submission: the application number and promised date, or the
 * outbox's local reference while the link is down, and the slips to
 * print (受理回执, 材料接收凭证). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keys.h"
#include "print-promise.h"
#include "print-ui.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct result {
	cJSON		*app;		/* the Application, or what we know */
	long long	 local_ref;	/* outbox id while not at the server */
};

static const struct keyhelp result_keys[] = {
	{ N_("P"), N_("Print the receipt"), 1 },
	{ N_("M"), N_("Print the material receipt"), 1 },
	{ N_("D"), N_("Print the 容缺 notice (two copies)"), 0 },
	{ N_("G"), N_("Print the 告知承诺书 for the resident to sign (two "
	  "copies)"), 0 },
	{ N_("Enter"), N_("Done"), 1 },
	{ NULL, NULL, 0 }
};

static void
result_init(struct screen *s, void *arg)
{
	struct result_open	*o = arg;
	struct result		*r = xcalloc(1, sizeof *r);

	r->app = o->application;
	o->application = NULL;
	r->local_ref = o->local_ref;
	s->data = r;
}

static void
result_free(struct screen *s)
{
	struct result	*r = s->data;

	cJSON_Delete(r->app);
	free(r);
}

static void
print_slip(struct result *r, const char *kind)
{
	print_ui_offer(print_ui_application(r->app, r->local_ref, kind, 0),
	    NULL);
}

/* G: the 告知承诺书, when a proof was replaced by a promise. */
static void
print_promise(struct result *r)
{
	struct pdoc	*d = print_promise_application(r->app);

	if (d == NULL)
		app_message(MSG_ERROR, "%s", _("No proof was replaced by a "
		    "promise: there is no 告知承诺书 to print."));
	else
		print_ui_offer(d, NULL);
}

static int
result_key(struct screen *s, int key)
{
	struct result	*r = s->data;

	switch (key) {
	case 'p':
	case 'P':
		print_slip(r, "receipt");
		return (1);
	case 'm':
	case 'M':
		print_slip(r, "materials");
		return (1);
	case 'd':
	case 'D':
		if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r->app,
		    "deferred")) > 0)
			print_slip(r, "deferral");
		else
			app_message(MSG_ERROR, "%s", _("Nothing was taken 容缺: "
			    "there is no 容缺 notice to print."));
		return (1);
	case 'g':
	case 'G':
		print_promise(r);
		return (1);
	case TK_ENTER:
		app_pop();
		return (1);
	}
	return (0);
}

static const char *
str_at(const cJSON *o, const char *a, const char *b)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, a);

	if (b != NULL)
		v = cJSON_GetObjectItemCaseSensitive(v, b);
	return (cJSON_IsString(v) ? v->valuestring : "-");
}

static void
line(int y, const char *label, const char *value, int cols)
{
	int	x = 2;

	x += draw_text(y, x, label, cols / 3, STYLE_LABEL);
	x += draw_text(y, x, ": ", 2, STYLE_LABEL);
	draw_text(y, x, value, cols - x - 1, STYLE_NORMAL);
}

/* The materials taken 容缺, each with its date; the next row. */
static int
draw_deferred(struct result *r, int y, int cols)
{
	const cJSON	*it;
	char		 buf[256];

	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(r->app,
	    "deferred")) {
		snprintf(buf, sizeof buf, _("%s, to bring by %s"),
		    str_at(it, "name", NULL), str_at(it, "due_date", NULL));
		line(y++, _("容缺 (待补齐)"), buf, cols);
	}
	return (y);
}

/* The proofs replaced by the resident's promise; the next row. */
static int
draw_promises(struct result *r, int y, int cols)
{
	const cJSON	*it;

	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(r->app,
	    "promises"))
		line(y++, _("告知承诺"), str_at(it, "matter", NULL), cols);
	return (y);
}

static void
result_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct result	*r = s->data;
	char		 buf[256];
	int		 y = top + 1;

	(void)rows;
	*cy = *cx = -1;
	if (r->local_ref > 0) {
		draw_text(y++, 2, _("Saved in the outbox: it goes to the server "
		    "as soon as the link allows."), cols - 4, STYLE_TITLE);
		snprintf(buf, sizeof buf, _("L%lld (local reference, to be "
		    "synchronised)"), r->local_ref);
	} else {
		draw_text(y++, 2, _("Application taken."), cols - 4,
		    STYLE_TITLE);
		snprintf(buf, sizeof buf, "%s", str_at(r->app, "number", NULL));
	}
	y++;
	line(y++, _("Application number"), buf, cols);
	snprintf(buf, sizeof buf, "%s %s", str_at(r->app, "service", "txcode"),
	    str_at(r->app, "service", "name"));
	line(y++, _("Service"), buf, cols);
	snprintf(buf, sizeof buf, "%s  %s", str_at(r->app, "resident", "name"),
	    str_at(r->app, "resident", "id_number_masked"));
	line(y++, _("Applicant"), buf, cols);
	line(y++, _("Promised by"), str_at(r->app, "due_date", NULL), cols);
	y = draw_deferred(r, y, cols);
	y = draw_promises(r, y, cols);
	y++;
	draw_text(y++, 2, _("P prints the acceptance receipt for the resident; "
	    "M the material receipt."), cols - 4, STYLE_DIM);
	/* the receipt tells the resident to ask */
	if (application_code_lost(r->app))
		draw_text(y++, 2, _("Pickup code lost with the answer: K on "
		    "the profile prints a fresh one."), cols - 4, STYLE_ERROR);
	if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r->app,
	    "deferred")) > 0)
		draw_text(y++, 2, _("D prints the 容缺 notice in two copies: "
		    "the resident signs the promise on both."), cols - 4,
		    STYLE_DIM);
	if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r->app,
	    "promises")) > 0)
		draw_text(y, 2, _("G prints the 告知承诺书 in two copies: the "
		    "resident signs and dates both."), cols - 4, STYLE_DIM);
}

/* A provisional result gets its final number once the outbox has sent
 * it. */
static int
result_shows(struct screen *s, enum resource what, long long id)
{
	struct result	*r = s->data;

	return (what == RES_OUTBOX && r->local_ref == id);
}

static void
result_reload(struct screen *s)
{
	struct result		*r = s->data;
	struct outbox_item	*items = xcalloc(OUTBOX_CAP, sizeof *items);
	cJSON			*j;
	int			 i, n = outbox_list(app.outbox, items, OUTBOX_CAP);

	for (i = 0; i < n; i++) {
		if (items[i].id == r->local_ref && items[i].state ==
		    OUTBOX_DONE && (j = cJSON_Parse(items[i].result)) != NULL) {
			cJSON_Delete(r->app);
			r->app = j;
			r->local_ref = 0;
		}
		outbox_item_clear(&items[i]);
	}
	free(items);
}

const struct screen_ops screen_result = {
	.name = "result",
	.title = N_("Application taken."),
	.init = result_init,
	.free = result_free,
	.key = result_key,
	.draw = result_draw,
	.shows = result_shows,
	.reload = result_reload,
	.keys = result_keys,
};
