/* The 办事指南 without a card: every service by its number, + and -
 * through the list, Enter to read the one chosen. */
#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "keycodes.h"
#include "kiosk.h"
#include "request.h"
#include "../api/kiosk.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define TYPED_MAX	4

struct guides {
	struct kiosk_guides	*list;	/* NULL while loading */
	size_t			 sel;
	char			 typed[TYPED_MAX + 1];
	int			 len;
};

static void
on_guides(struct api_result *r, void *arg)
{
	struct guides	*g = arg;

	if (!kiosk_answer(r))
		return;
	g->list = r->model;
	r->model = NULL;
}

static void
guides_init(struct screen *s, void *arg)
{
	struct guides	*g = xcalloc(1, sizeof *g);
	struct request	*rq = request_new(g, 0, on_guides, g);

	(void)arg;
	s->data = g;
	request_call(rq, api_kiosk_guides(app.api, request_reply, rq));
}

static void
guides_free(struct screen *s)
{
	struct guides	*g = s->data;

	model_kiosk_guides_free(g->list);
	free(g);
}

/* The number typed, else the one chosen with + and -. */
static void
open_chosen(struct guides *g)
{
	long long	no = g->len > 0 ? atoll(g->typed) : 0;
	size_t		i;

	g->len = 0;
	g->typed[0] = '\0';
	if (no == 0) {
		app_push(&screen_kiosk_guide, &g->list->items[g->sel].id);
		return;
	}
	for (i = 0; i < g->list->n; i++)
		if (g->list->items[i].no == no) {
			g->sel = i;
			app_push(&screen_kiosk_guide, &g->list->items[i].id);
			return;
		}
	app_message(MSG_ERROR, _("There is no service number %lld."), no);
}

static int
guides_key(struct screen *s, int key)
{
	struct guides	*g = s->data;

	if (!kiosk_key(key))
		return (1);
	if (key == TK_ESC) {
		if (g->len > 0)
			g->typed[g->len = 0] = '\0';
		else
			app_pop();
		return (1);
	}
	if (g->list == NULL || g->list->n == 0)
		return (1);
	if (key == '+' && g->sel + 1 < g->list->n)
		g->sel++;
	else if (key == '-' && g->sel > 0)
		g->sel--;
	else if (key >= '0' && key <= '9' && g->len < TYPED_MAX) {
		g->typed[g->len++] = (char)key;
		g->typed[g->len] = '\0';
	} else if (key == TK_ENTER || key == '\n')
		open_chosen(g);
	return (1);
}

static void
guides_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct guides		*g = s->data;
	struct kiosk_guide_item	*it;
	char			 line[512];
	size_t			 i, first;
	int			 y, room;

	(void)top;
	*cy = *cx = -1;
	y = kiosk_frame(rows, cols, _("Service guides"), _("+/-: choose   "
	    "number and Enter: open   Esc: back"));
	if (g->list == NULL) {
		kiosk_line(y, cols, _("Loading..."), 0, STYLE_NORMAL);
		return;
	}
	snprintf(line, sizeof line, _("Number: %s"), g->typed);
	kiosk_line(y, cols, line, 0, STYLE_FIELD);
	y += 2;
	room = rows - 3 - y;
	if (room < 1)
		return;
	first = g->sel >= (size_t)room ? g->sel - (size_t)room + 1 : 0;
	for (i = first; i < g->list->n && y < rows - 3; i++, y++) {
		it = &g->list->items[i];
		snprintf(line, sizeof line, "%3lld  %s", it->no, it->name);
		kiosk_line(y, cols, line, 0, i == g->sel ? STYLE_SELECTED :
		    STYLE_NORMAL);
	}
}

/* For F1 and bianmin --keys; the screen draws its own bar. */
static const struct keyhelp kiosk_guides_keys[] = {
	{ N_("0-9 Enter"), N_("Open the service of that number"), 0 },
	{ N_("+/-"), N_("Choose"), 0 },
	{ N_("Esc"), N_("Back"), 0 },
	{ NULL, NULL, 0 }
};

const struct screen_ops screen_kiosk_guides = {
	.name = "kiosk-guides",
	.title = N_("Service guides"),
	.keys = kiosk_guides_keys,
	.init = guides_init,
	.free = guides_free,
	.key = guides_key,
	.draw = guides_draw,
	.scan = kiosk_scan_ignored,
	.tick = kiosk_tick,
	.fullscreen = 1,
};
