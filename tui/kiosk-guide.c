/* One service's 办事指南 at the kiosk: conditions, materials, time
 * limit and fee; + and - scroll, Enter prints it once the printer is
 * seen ready. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keycodes.h"
#include "kiosk.h"
#include "kiosk-paper.h"
#include "print-ui.h"
#include "request.h"
#include "../api/kiosk.h"
#include "../locale/i18n.h"
#include "../printing/doc.h"
#include "../util/xmalloc.h"

struct guide {
	struct kiosk_guide	*g;	/* NULL while loading */
	char			*text;	/* what the screen shows */
	int			 scroll;
};

static void
on_guide(struct api_result *r, void *arg)
{
	struct guide	*v = arg;

	if (!kiosk_answer(r))
		return;
	v->g = r->model;
	r->model = NULL;
	v->text = kiosk_guide_text(v->g);
}

static void
guide_init(struct screen *s, void *arg)
{
	struct guide	*v = xcalloc(1, sizeof *v);
	struct request	*rq = request_new(v, 0, on_guide, v);

	s->data = v;
	request_call(rq, api_kiosk_guide(app.api, *(const long long *)arg,
	    request_reply, rq));
}

static void
guide_free(struct screen *s)
{
	struct guide	*v = s->data;

	model_kiosk_guide_free(v->g);
	free(v->text);
	free(v);
}

static void
print_guide(struct guide *v)
{
	struct pdoc	*d;

	if (kiosk_printer_problem() != NULL) {
		app_message(MSG_ERROR, "%s", _("The printer is not ready: "
		    "nothing is printed. Please ask at the counter."));
		return;
	}
	d = kiosk_paper_guide(v->g);
	print_ui_document(d, 0);
	pdoc_free(d);
	app_message(MSG_INFO, "%s", _("Printing: take the guide from the "
	    "printer."));
}

static int
guide_key(struct screen *s, int key)
{
	struct guide	*v = s->data;

	if (!kiosk_key(key))
		return (1);
	if (key == TK_ESC)
		app_pop();
	else if (v->g == NULL)
		return (1);
	else if (key == '+')
		v->scroll += 5;
	else if (key == '-')
		v->scroll = v->scroll > 5 ? v->scroll - 5 : 0;
	else if (key == TK_ENTER || key == '\n')
		print_guide(v);
	return (1);
}

static void
guide_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct guide	*v = s->data;
	const char	*problem = kiosk_printer_problem();
	char		*p, *line;
	int		 y, skip;

	(void)top;
	*cy = *cx = -1;
	y = kiosk_frame(rows, cols, v->g != NULL ? v->g->name :
	    _("Service guide"), _("Enter: print   +/-: scroll   Esc: back"));
	if (v->g == NULL) {
		kiosk_line(y, cols, _("Loading..."), 0, STYLE_NORMAL);
		return;
	}
	kiosk_line(y, cols, problem != NULL ? problem :
	    _("The printer is ready: Enter prints this guide."), 0,
	    problem != NULL ? STYLE_ERROR : STYLE_DIM);
	y += 2;
	p = v->text;
	for (skip = v->scroll; skip > 0 && *p != '\0'; skip--)
		p += strcspn(p, "\n") + (p[strcspn(p, "\n")] != '\0');
	if (*p == '\0' && v->scroll > 0)
		v->scroll -= 5;
	while (*p != '\0' && y < rows - 3) {
		line = xstrndup(p, strcspn(p, "\n"));
		y += kiosk_para(y, cols, line, rows - 3 - y);
		p += strlen(line) + (p[strlen(line)] != '\0');
		free(line);
	}
}

/* For F1 and bianmin --keys; the screen draws its own bar. */
static const struct keyhelp kiosk_guide_keys[] = {
	{ N_("Enter"), N_("Print this guide"), 0 },
	{ N_("+/-"), N_("Scroll"), 0 },
	{ N_("Esc"), N_("Back"), 0 },
	{ NULL, NULL, 0 }
};

const struct screen_ops screen_kiosk_guide = {
	.name = "kiosk-guide",
	.title = N_("Service guide"),
	.keys = kiosk_guide_keys,
	.init = guide_init,
	.free = guide_free,
	.key = guide_key,
	.draw = guide_draw,
	.scan = kiosk_scan_ignored,
	.tick = kiosk_tick,
	.fullscreen = 1,
};
