/* The kiosk's code entry: the 取件码 on the resident's receipt, checked
 * with the card's number; a good one opens the visit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keycodes.h"
#include "kiosk.h"
#include "request.h"
#include "../api/json.h"
#include "../api/kiosk.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct code {
	char	id[KIOSK_ID_LEN + 1];
	char	code[KIOSK_CODE_LEN + 1];
	int	len;
};

static void
code_init(struct screen *s, void *arg)
{
	struct code	*c = xcalloc(1, sizeof *c);

	snprintf(c->id, sizeof c->id, "%s", (const char *)arg);
	s->data = c;
}

static void
code_free(struct screen *s)
{
	struct code	*c = s->data;

	explicit_bzero(c, sizeof *c);
	free(c);
}

/* Wrong, or too many wrong: said with the tries left or the wait. */
static void
refused(struct api_result *r)
{
	long long	left = -1, wait = r->retry_after;

	if (r->http_status == 429) {
		if (wait <= 0 && r->problem_json != NULL)
			json_int(r->problem_json, "retry_after", &wait);
		app_message(MSG_ERROR, _("Too many wrong codes: try again in "
		    "%lld minute(s), or ask at the counter."),
		    wait > 0 ? (wait + 59) / 60 : 15);
	} else if (strcmp(r->problem, "wrong-code") == 0) {
		if (r->problem_json != NULL)
			json_int(r->problem_json, "attempts_left", &left);
		app_message(MSG_ERROR, _("The card or the code is wrong: %lld "
		    "more tries."), left < 0 ? 0 : left);
	} else
		app_message(MSG_ERROR, "%s", r->message);
}

static void
on_identified(struct api_result *r, void *arg)
{
	struct code		*c = arg;
	struct kiosk_visit	*v = r->model;

	explicit_bzero(c->code, sizeof c->code);
	c->len = 0;
	app_dirty();
	if (r->status == API_ERR_AUTH) {
		kiosk_auth_lost();
		return;
	}
	if (r->status != API_OK) {
		refused(r);
		return;
	}
	kiosk.visiting = 1;
	kiosk_wipe(kiosk.visitor);
	kiosk.visitor = xstrdup(v->name);
	app_pop();	/* wipes the card's number */
	app_push(&screen_kiosk_menu, NULL);
}

static int
code_key(struct screen *s, int key)
{
	struct code	*c = s->data;
	struct request	*rq;

	if (!kiosk_key(key) || request_busy(c, 0))
		return (1);
	if (key == TK_ESC)
		kiosk_reset();
	else if ((key == TK_ENTER || key == '\n') &&
	    c->len == KIOSK_CODE_LEN) {
		rq = request_new(c, 0, on_identified, c);
		request_call(rq, api_kiosk_identify(app.api, c->id, c->code,
		    request_reply, rq));
	} else if (key == '-' && c->len > 0)
		c->code[--c->len] = '\0';
	else if (key >= '0' && key <= '9' && c->len < KIOSK_CODE_LEN)
		c->code[c->len++] = (char)key;
	return (1);
}

static void
code_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct code	*c = s->data;
	char		 stars[KIOSK_CODE_LEN + 1];
	int		 y;

	(void)top;
	y = kiosk_frame(rows, cols, _("Pickup code"),
	    _("Enter: confirm   -: delete a digit   Esc: end"));
	y += 1;
	y += kiosk_para(y, cols, _("Type the 6-digit pickup code printed on "
	    "your receipt, then press Enter."), 3);
	memset(stars, '*', (size_t)c->len);
	stars[c->len] = '\0';
	kiosk_line(y + 2, cols, c->len > 0 ? stars : "______", 1,
	    STYLE_FIELD);
	if (request_busy(c, 0))
		kiosk_line(y + 4, cols, _("Checking..."), 1, STYLE_NORMAL);
	*cy = *cx = -1;
}

/* For F1 and bianmin --keys; the screen draws its own bar. */
static const struct keyhelp kiosk_code_keys[] = {
	{ N_("0-9"), N_("The 6-digit pickup code"), 0 },
	{ N_("-"), N_("Delete a digit"), 0 },
	{ N_("Enter"), N_("Confirm"), 0 },
	{ N_("Esc"), N_("End the visit"), 0 },
	{ NULL, NULL, 0 }
};

const struct screen_ops screen_kiosk_code = {
	.name = "kiosk-code",
	.title = N_("Pickup code"),
	.keys = kiosk_code_keys,
	.init = code_init,
	.free = code_free,
	.key = code_key,
	.draw = code_draw,
	.scan = kiosk_scan_ignored,
	.tick = kiosk_tick,
	.fullscreen = 1,
};
