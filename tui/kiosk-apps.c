/* The resident's own applications at the kiosk: their status and dates;
 * opened to rate, a number chooses one and 1-5 its level (好差评). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case-labels.h"
#include "draw.h"
#include "keycodes.h"
#include "kiosk.h"
#include "request.h"
#include "../api/evaluations.h"
#include "../api/kiosk.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct apps {
	struct kiosk_apps	*list;	/* NULL while loading */
	int			 rate;	/* opened to rate */
	int			 chosen;	/* 0: none, else 1-based */
};

static const char *const level_names[EVAL_LEVELS] = {
	N_("Very satisfied"), N_("Satisfied"), N_("Basically satisfied"),
	N_("Dissatisfied"), N_("Very dissatisfied")
};

static void
on_apps(struct api_result *r, void *arg)
{
	struct apps	*a = arg;

	if (!kiosk_answer(r))
		return;
	model_kiosk_apps_free(a->list);
	a->list = r->model;
	r->model = NULL;
}

static void
load(struct apps *a)
{
	struct request	*rq = request_new(a, 0, on_apps, a);

	request_call(rq, api_kiosk_apps(app.api, request_reply, rq));
}

static void
apps_init(struct screen *s, void *arg)
{
	struct apps	*a = xcalloc(1, sizeof *a);

	a->rate = arg != NULL && *(const int *)arg;
	s->data = a;
	load(a);
}

static void
apps_free(struct screen *s)
{
	struct apps	*a = s->data;

	model_kiosk_apps_free(a->list);
	explicit_bzero(a, sizeof *a);
	free(a);
}

static void
on_rated(struct api_result *r, void *arg)
{
	struct apps	*a = arg;

	app_dirty();
	a->chosen = 0;
	if (r->status == API_ERR_AUTH) {
		kiosk_auth_lost();
		return;
	}
	if (r->status != API_OK)
		app_message(MSG_ERROR, "%s", r->message);
	else
		app_message(MSG_INFO, "%s", _("Thank you: your rating is "
		    "recorded."));
	load(a);
}

/* The level of the chosen application, on its first occasion open. */
static void
rate(struct apps *a, int level)
{
	struct kiosk_app	*k = &a->list->items[a->chosen - 1];
	struct request		*rq;

	rq = request_new(a, 1, on_rated, a);
	request_call(rq, api_kiosk_rate(app.api, k->id, k->rateable[0],
	    eval_levels[level], request_reply, rq));
}

static int
apps_key(struct screen *s, int key)
{
	struct apps	*a = s->data;
	size_t		 i;

	if (!kiosk_key(key))
		return (1);
	if (key == TK_ESC) {
		if (a->chosen != 0)
			a->chosen = 0;
		else
			app_pop();
		return (1);
	}
	if (!a->rate || a->list == NULL || request_busy(a, SLOT_ANY) ||
	    key < '1' || key > '9')
		return (1);
	i = (size_t)(key - '1');
	if (a->chosen != 0 && i < EVAL_LEVELS)
		rate(a, (int)i);
	else if (a->chosen == 0 && i < a->list->n &&
	    a->list->items[i].nrateable > 0)
		a->chosen = (int)i + 1;
	else if (a->chosen == 0 && i < a->list->n)
		app_message(MSG_ERROR, "%s", _("This application cannot be "
		    "rated now."));
	return (1);
}

static void
draw_levels(struct apps *a, int y, int rows, int cols)
{
	struct kiosk_app	*k = &a->list->items[a->chosen - 1];
	char			 line[512];
	int			 i;

	snprintf(line, sizeof line, "%s  %s", k->number, k->service);
	kiosk_line(y, cols, line, 0, STYLE_TITLE);
	y += 2;
	for (i = 0; i < EVAL_LEVELS && y < rows - 3; i++, y += 2) {
		snprintf(line, sizeof line, "%d  %s", i + 1,
		    _(level_names[i]));
		kiosk_line(y, cols, line, 0, STYLE_NORMAL);
	}
}

static void
draw_list(struct apps *a, int y, int rows, int cols)
{
	struct kiosk_app	*k;
	char			 line[512];
	size_t			 i;

	if (a->list->n == 0)
		kiosk_para(y, cols, _("You have no applications."), 2);
	for (i = 0; i < a->list->n && i < 9 && y < rows - 4; i++, y += 2) {
		k = &a->list->items[i];
		snprintf(line, sizeof line, "%zu  %s  %s", i + 1, k->service,
		    label_app_status(k->status));
		kiosk_line(y, cols, line, 0, a->rate && k->nrateable == 0 ?
		    STYLE_DIM : STYLE_NORMAL);
		snprintf(line, sizeof line, _("   No. %s  submitted %s  due "
		    "%s"), k->number, k->submitted_on, *k->due_on != '\0' ?
		    k->due_on : "-");
		draw_text(y + 1, 2, line, cols - 4, STYLE_NORMAL);
	}
}

static void
apps_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct apps	*a = s->data;
	int		 y;

	(void)top;
	*cy = *cx = -1;
	y = kiosk_frame(rows, cols, a->rate ? _("Rate a service") :
	    _("My applications"), a->chosen != 0 ? _("Press 1 to 5   Esc: "
	    "back") : a->rate ? _("Press the number to rate   Esc: back") :
	    _("Esc: back"));
	if (a->list == NULL)
		kiosk_line(y, cols, _("Loading..."), 0, STYLE_NORMAL);
	else if (a->chosen != 0)
		draw_levels(a, y, rows, cols);
	else
		draw_list(a, y, rows, cols);
}

/* For F1 and bianmin --keys; the screen draws its own bar. */
static const struct keyhelp kiosk_apps_keys[] = {
	{ N_("1-9"), N_("Choose an application to rate"), 0 },
	{ N_("1-5"), N_("The rating, from very satisfied to very dissatisfied"), 0 },
	{ N_("Esc"), N_("Back"), 0 },
	{ NULL, NULL, 0 }
};

const struct screen_ops screen_kiosk_apps = {
	.name = "kiosk-apps",
	.title = N_("My applications"),
	.keys = kiosk_apps_keys,
	.init = apps_init,
	.free = apps_free,
	.key = apps_key,
	.draw = apps_draw,
	.scan = kiosk_scan_ignored,
	.tick = kiosk_tick,
	.fullscreen = 1,
};
