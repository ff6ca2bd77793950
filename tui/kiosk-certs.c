/* The resident's certificates released to self-service: the printer's
 * state first, then one print each (a second is a 补打 at the
 * counter). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "keycodes.h"
#include "kiosk.h"
#include "print-cases.h"
#include "print-ui.h"
#include "request.h"
#include "../api/certificates.h"
#include "../api/kiosk.h"
#include "../locale/i18n.h"
#include "../printing/doc.h"
#include "../util/xmalloc.h"

struct certs {
	struct kiosk_certs	*list;	/* NULL while loading */
};

static void
on_certs(struct api_result *r, void *arg)
{
	struct certs	*c = arg;

	if (!kiosk_answer(r))
		return;
	model_kiosk_certs_free(c->list);
	c->list = r->model;
	r->model = NULL;
}

static void
load(struct certs *c)
{
	struct request	*rq = request_new(c, 0, on_certs, c);

	request_call(rq, api_kiosk_certs(app.api, request_reply, rq));
}

static void
certs_init(struct screen *s, void *arg)
{
	struct certs	*c = xcalloc(1, sizeof *c);

	(void)arg;
	s->data = c;
	load(c);
}

static void
certs_free(struct screen *s)
{
	struct certs	*c = s->data;

	model_kiosk_certs_free(c->list);
	free(c);
}

/* The server has marked it printed here: it goes to the printer, as a
 * document of its own (the journal would take a second kiosk print,
 * after a new release, for a 补打). */
static void
on_printed(struct api_result *r, void *arg)
{
	struct certs		*c = arg;
	struct certificate	*cert = r->model;
	struct pdoc		*d;
	char			*id;

	app_dirty();
	if (r->status == API_ERR_AUTH) {
		kiosk_auth_lost();
		return;
	}
	if (r->http_status == 409 && strcmp(r->problem, "kiosk-printed") == 0) {
		app_message(MSG_ERROR, "%s", _("This certificate was printed "
		    "here already: a reprint is done at the counter."));
		load(c);
		return;
	}
	if (r->status != API_OK) {
		app_message(MSG_ERROR, "%s", r->message);
		return;
	}
	d = cases_paper_certificate(cert, 0);
	id = xasprintf("kiosk-cert-%lld-%lld", cert->id, (long long)time(NULL));
	free(d->id);
	d->id = id;
	print_ui_document(d, 0);
	pdoc_free(d);
	/* the list stays as it was: pressed again, the server says no */
	app_message(MSG_INFO, "%s", _("Printing: take your certificate from "
	    "the printer."));
}

static int
certs_key(struct screen *s, int key)
{
	struct certs	*c = s->data;
	struct request	*rq;
	size_t		 i;

	if (!kiosk_key(key))
		return (1);
	if (key == TK_ESC) {
		app_pop();
		return (1);
	}
	if (c->list == NULL || request_busy(c, SLOT_ANY) || key < '1' ||
	    key > '9' || (i = (size_t)(key - '1')) >= c->list->n)
		return (1);
	if (kiosk_printer_problem() != NULL) {
		app_message(MSG_ERROR, "%s", _("The printer is not ready: "
		    "nothing is printed. Please ask at the counter."));
		return (1);
	}
	rq = request_new(c, 1, on_printed, c);
	request_call(rq, api_kiosk_print(app.api, c->list->items[i].id,
	    request_reply, rq));
	return (1);
}

static void
certs_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct certs		*c = s->data;
	const char		*problem = kiosk_printer_problem();
	char			 line[512];
	struct kiosk_cert	*k;
	size_t			 i;
	int			 y;

	(void)top;
	y = kiosk_frame(rows, cols, _("Print my certificate"),
	    _("Press the number to print   Esc: back"));
	*cy = *cx = -1;
	if (problem != NULL) {
		y += kiosk_para(y, cols, _("The printer is not ready:"), 1);
		y += kiosk_para(y, cols, problem, 2) + 1;
	} else
		y += kiosk_para(y, cols, _("The printer is ready."), 1) + 1;
	if (c->list == NULL) {
		kiosk_line(y, cols, _("Loading..."), 0, STYLE_NORMAL);
		return;
	}
	if (c->list->n == 0)
		kiosk_para(y, cols, _("No certificate is waiting for you here. "
		    "Ask at the counter to have one released to this "
		    "terminal."), 3);
	for (i = 0; i < c->list->n && i < 9 && y < rows - 3; i++, y += 2) {
		k = &c->list->items[i];
		snprintf(line, sizeof line, "%zu  %s  %s  %s", i + 1, k->type,
		    k->serial, k->issued_on);
		kiosk_line(y, cols, line, 0, STYLE_NORMAL);
	}
}

/* For F1 and bianmin --keys; the screen draws its own bar. */
static const struct keyhelp kiosk_certs_keys[] = {
	{ N_("1-9"), N_("Print that certificate"), 0 },
	{ N_("Esc"), N_("Back"), 0 },
	{ NULL, NULL, 0 }
};

const struct screen_ops screen_kiosk_certs = {
	.name = "kiosk-certs",
	.title = N_("Print my certificate"),
	.keys = kiosk_certs_keys,
	.init = certs_init,
	.free = certs_free,
	.key = certs_key,
	.draw = certs_draw,
	.scan = kiosk_scan_ignored,
	.tick = kiosk_tick,
	.fullscreen = 1,
};
