/* The counter's cash drawer (钱箱与日结, docs/api.md 22): the centre's
 * cash sessions, newest day first. The clerk opens the day with the
 * float (O), sees the cash expected in the drawer, closes it with the
 * counted amount (C) and says why when it is over or short; the
 * supervisor signs a closed one off (S), and opens a counter's day
 * although an earlier one was left open, with the reason. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog-prompt.h"
#include "draw.h"
#include "keys.h"
#include "labels.h"
#include "list.h"
#include "request.h"
#include "screen-cash.h"
#include "table.h"
#include "tui.h"
#include "../api/cash.h"
#include "../forms/value.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

/* Request slots: the list, an action on a session. */
enum { SLOT_LIST, SLOT_ACT };

struct cash {
	struct cash_page	*page;
	struct list		 l;
	long long		 float_fen;	/* being opened with */
	long long		 counted_fen;	/* being closed with */
	long long		 acting;	/* the session acted on */
};

static const struct keyhelp cash_keys[] = {
	{ N_("O"), N_("Open day"), 1 },
	{ N_("C"), N_("Close day"), 1 },
	{ N_("S"), N_("Sign off"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("O"), N_("Open today's drawer of this counter with the float"),
	  0 },
	{ N_("C"), N_("Close the chosen drawer with the counted cash"), 0 },
	{ N_("S"), N_("Sign off the chosen closed drawer (supervisor)"), 0 },
	{ N_("Up/Down"), N_("Choose a drawer"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ NULL, NULL, 0 }
};

static const char *
status_label(const char *s)
{
	if (strcmp(s, "open") == 0)
		return (_("open"));
	if (strcmp(s, "closed") == 0)
		return (_("closed"));
	if (strcmp(s, "signed") == 0)
		return (_("signed off"));
	return (s);
}

static int
supervisor(void)
{
	const char	*role = app.session != NULL ? app.session->role : "";

	return (strcmp(role, "supervisor") == 0 || strcmp(role, "admin") == 0);
}

static void
on_page(struct api_result *r, void *arg)
{
	struct cash	*c = arg;

	if (!app_answer(r))
		return;
	model_cash_page_free(c->page);
	c->page = r->model;
	r->model = NULL;
	list_count(&c->l, (int)c->page->n);
}

static void
load(struct cash *c)
{
	struct request	*rq = request_new(c, SLOT_LIST, on_page, c);

	request_call(rq, api_cash_list(app.api, NULL, NULL, request_reply,
	    rq));
}

static void
cash_init(struct screen *s, void *arg)
{
	struct cash	*c = xcalloc(1, sizeof *c);

	(void)arg;
	s->data = c;
	load(c);
}

static void
cash_free(struct screen *s)
{
	struct cash	*c = s->data;

	model_cash_page_free(c->page);
	free(c);
}

static void
cash_reload(struct screen *s)
{
	load(s->data);
}

/* The chosen session, or NULL. */
static struct cash_session *
chosen(struct cash *c)
{
	int	i;

	if (c->page == NULL || (i = list_selected(&c->l)) < 0)
		return (NULL);
	return (&c->page->items[i]);
}

static void	ask_override(struct cash *);

static void
on_done(struct api_result *r, void *arg)
{
	struct cash		*c = arg;
	struct cash_session	*x;
	char			 fee[64];

	if (app_signed_out(r))
		return;
	if (r->status == API_ERR_NETWORK) {
		app_message(MSG_ERROR, _("No answer from the server (%s) It may "
		    "or may not have been done: press the same key again; it "
		    "is sent so that it cannot be done twice."), r->message);
		return;
	}
	if (r->status != API_OK && strcmp(r->problem, "cash-session-open") ==
	    0 && supervisor()) {
		ask_override(c);
		return;
	}
	if (r->status != API_OK && strcmp(r->problem, "cash-session-open") ==
	    0)
		app_message(MSG_ERROR, "%s", _("An earlier day's drawer of this "
		    "counter is still open: close it first (C), or ask the "
		    "supervisor to open today's with the reason."));
	else if (r->status != API_OK && r->nerrors > 0)
		app_message(MSG_ERROR, "%s: %s", r->message,
		    r->errors[0].message);
	else if (r->status != API_OK)
		app_message(MSG_ERROR, "%s", r->message);
	else {
		x = r->model;
		label_fee(fee, sizeof fee, x->expected_fen);
		app_message(MSG_INFO, _("Counter %s, %s: %s. Cash expected: "
		    "%s."), x->counter, x->business_date,
		    status_label(x->status), fee);
	}
	load(c);
}

/* Sends an action whose body is told by what (for the retry's key). */
static struct request *
act_request(struct cash *c)
{
	if (request_refuse(c, SLOT_ACT))
		return (NULL);
	app_message(MSG_INFO, "%s", _("Sending..."));
	return (request_new(c, SLOT_ACT, on_done, c));
}

static void
open_with(struct cash *c, const char *override)
{
	struct request	*rq;
	char		 what[256];

	if ((rq = act_request(c)) == NULL)
		return;
	snprintf(what, sizeof what, "open %lld %s", c->float_fen,
	    override != NULL ? override : "");
	request_call(rq, api_cash_open(app.api, c->float_fen, override,
	    request_key(rq, what), request_reply, rq));
}

static void
override_given(const char *text, void *arg)
{
	open_with(arg, text);
}

static void
ask_override(struct cash *c)
{
	prompt_ask(&(struct prompt){ .title = _("An earlier drawer is open: "
	    "why open anyway?"),
	    .max_chars = 200, .min_chars = 2, .too_short = _("Give the "
	    "reason, 2 to 200 characters."), .done = override_given,
	    .arg = c });
}

static int
money_char(uint32_t ch)
{
	return ((ch >= '0' && ch <= '9') || ch == '.');
}

static void
float_given(const char *text, void *arg)
{
	struct cash	*c = arg;

	if (value_money(text, &c->float_fen) != 0) {
		app_message(MSG_ERROR, "%s", _("An amount in yuan, like 500 or "
		    "500.00: nothing was sent."));
		return;
	}
	open_with(c, NULL);
}

static void
close_with(struct cash *c, const char *reason)
{
	struct request	*rq;
	char		 what[512];

	if ((rq = act_request(c)) == NULL)
		return;
	snprintf(what, sizeof what, "close %lld %lld %s", c->acting,
	    c->counted_fen, reason != NULL ? reason : "");
	request_call(rq, api_cash_close(app.api, c->acting, c->counted_fen,
	    reason, request_key(rq, what), request_reply, rq));
}

static void
reason_given(const char *text, void *arg)
{
	close_with(arg, text);
}

static void
counted_given(const char *text, void *arg)
{
	struct cash		*c = arg;
	struct cash_session	*x = chosen(c);
	char			 title[256], fee[64];

	if (x == NULL || x->id != c->acting)
		return;
	if (value_money(text, &c->counted_fen) != 0) {
		app_message(MSG_ERROR, "%s", _("An amount in yuan, like 500 or "
		    "500.00: nothing was sent."));
		return;
	}
	if (c->counted_fen == x->expected_fen) {
		close_with(c, NULL);
		return;
	}
	label_fee(fee, sizeof fee, c->counted_fen > x->expected_fen ?
	    c->counted_fen - x->expected_fen : x->expected_fen -
	    c->counted_fen);
	snprintf(title, sizeof title, c->counted_fen > x->expected_fen ?
	    _("Over by %s (长款): why?") : _("Short by %s (短款): why?"), fee);
	prompt_ask(&(struct prompt){ .title = title, .max_chars = 200,
	    .min_chars = 2, .too_short = _("Over or short needs its reason, "
	    "2 to 200 characters."), .done = reason_given, .arg = c });
}

static void
note_given(const char *text, void *arg)
{
	struct cash	*c = arg;
	struct request	*rq;
	char		 what[512];

	if ((rq = act_request(c)) == NULL)
		return;
	snprintf(what, sizeof what, "sign %lld %s", c->acting, text);
	request_call(rq, api_cash_sign_off(app.api, c->acting, text,
	    request_key(rq, what), request_reply, rq));
}

/* O, C or S: what it needs is asked, then it is sent. */
static void
ask(struct cash *c, int key)
{
	struct cash_session	*x = chosen(c);
	char			 title[256], fee[64];

	if (key == 'o') {
		prompt_ask(&(struct prompt){ .title = _("Open the drawer: "
		    "float (yuan)"), .max_chars = 12,
		    .min_chars = 1, .filter = money_char, .done = float_given,
		    .arg = c });
		return;
	}
	if (x == NULL)
		return;
	c->acting = x->id;
	if (key == 'c' && strcmp(x->status, "open") != 0)
		app_message(MSG_ERROR, "%s", _("This drawer is closed already."));
	else if (key == 'c') {
		label_fee(fee, sizeof fee, x->expected_fen);
		snprintf(title, sizeof title, _("Counted cash, expected %s"),
		    fee);
		prompt_ask(&(struct prompt){ .title = title, .max_chars = 12,
		    .min_chars = 1, .filter = money_char,
		    .done = counted_given, .arg = c });
	} else if (!supervisor())
		app_message(MSG_ERROR, "%s", _("Only the supervisor signs a "
		    "drawer off."));
	else if (strcmp(x->status, "closed") != 0)
		app_message(MSG_ERROR, "%s", _("Only a closed drawer is signed "
		    "off."));
	else
		prompt_ask(&(struct prompt){ .title = _("Sign off: a note, or "
		    "just Enter"), .max_chars = 200, .done = note_given,
		    .arg = c });
}

static int
cash_key(struct screen *s, int key)
{
	struct cash	*c = s->data;

	if (key == 'o' || key == 'O' || key == 'c' || key == 'C' ||
	    key == 's' || key == 'S') {
		if (!request_refuse(c, SLOT_ACT))
			ask(c, key | 0x20);
		return (1);
	}
	if (c->page == NULL || list_key(&c->l, key) == LIST_UNUSED)
		return (0);
	app_dirty();
	return (1);
}

#define NCOLS 6

/* The money columns of each row, in a buffer per row. */
static const char **
rows_of(struct cash *c, char (*buf)[3][32])
{
	const char		**v = xcalloc(c->page->n * NCOLS + 1,
				    sizeof *v);
	struct cash_session	 *x;
	size_t			  i;

	for (i = 0; i < c->page->n; i++) {
		x = &c->page->items[i];
		value_money_text(x->expected_fen, buf[i][0]);
		if (x->counted_fen >= 0)
			value_money_text(x->counted_fen, buf[i][1]);
		else
			snprintf(buf[i][1], sizeof buf[i][1], "-");
		if (x->over_fen > 0) {
			buf[i][2][0] = '+';
			value_money_text(x->over_fen, buf[i][2] + 1);
		} else if (x->short_fen > 0) {
			buf[i][2][0] = '-';
			value_money_text(x->short_fen, buf[i][2] + 1);
		} else
			snprintf(buf[i][2], sizeof buf[i][2], "0");
		v[i * NCOLS] = x->business_date;
		v[i * NCOLS + 1] = x->counter;
		v[i * NCOLS + 2] = status_label(x->status);
		v[i * NCOLS + 3] = buf[i][0];
		v[i * NCOLS + 4] = buf[i][1];
		v[i * NCOLS + 5] = buf[i][2];
	}
	return (v);
}

/* The chosen drawer in full, on the last rows. */
static int
draw_chosen(const struct cash_session *x, int y, int cols)
{
	char	line[512], a[32], b[32], d[32];

	value_money_text(x->float_fen, a);
	value_money_text(x->cash_in_fen, b);
	value_money_text(x->cash_out_fen, d);
	snprintf(line, sizeof line, _("float %s + in %s - out %s"), a, b, d);
	draw_field(y++, 1, _("Cash"), line, cols - 1);
	snprintf(line, sizeof line, _("opened by %s%s%s%s%s"), x->opened_by,
	    *x->closed_by != '\0' ? _(", closed by ") : "", x->closed_by,
	    *x->signed_by != '\0' ? _(", signed off by ") : "",
	    x->signed_by);
	draw_field(y++, 1, _("Kept by"), line, cols - 1);
	if (*x->reason != '\0')
		draw_field(y++, 1, _("Over/short"), x->reason, cols - 1);
	if (*x->override != '\0')
		draw_field(y++, 1, _("Override"), x->override, cols - 1);
	return (y);
}

static void
draw_list(struct cash *c, int y, int last, int cols)
{
	struct table_col	 col[NCOLS] = {
		{ _("Day"), 10, 0, 0 }, { _("Ctr"), 2, 0, 0 },
		{ _("Status"), 4, 1, 0 }, { _("Expected"), 6, 0, 0 },
		{ _("Counted"), 6, 0, 0 }, { _("+/-"), 4, 0, 0 },
	};
	const struct cash_session	*x = chosen(c);
	const char			**v;
	char				(*buf)[3][32];
	int				  extra;

	extra = x == NULL ? 0 : 2 + (*x->reason != '\0') +
	    (*x->override != '\0');
	buf = xcalloc(c->page->n + 1, sizeof *buf);
	v = rows_of(c, buf);
	table_list(y, last - extra, cols, col, NCOLS, v, &c->l, 1);
	free(v);
	free(buf);
	if (x != NULL)
		draw_chosen(x, last - extra + 1, cols);
}

static void
cash_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct cash	*c = s->data;

	*cy = *cx = -1;
	draw_text(top, 1, _("Cash drawers (钱箱与日结)"), cols - 2,
	    STYLE_TITLE);
	draw_hline(top + 1, 0, cols);
	if (c->page == NULL) {
		draw_text(top + 3, 2, request_busy(c, SLOT_LIST) ?
		    _("Loading...") : _("Not loaded. F5 tries again."),
		    cols - 4, STYLE_DIM);
		return;
	}
	if (c->page->n == 0) {
		draw_text(top + 3, 2, _("No drawer opened yet: O opens today's "
		    "with the float."), cols - 4, STYLE_DIM);
		return;
	}
	draw_list(c, top + 2, top + rows - 1, cols);
}

const struct screen_ops screen_cash = {
	.name = "cash",
	.title = N_("Cash drawers (钱箱与日结)"),
	.init = cash_init,
	.free = cash_free,
	.key = cash_key,
	.draw = cash_draw,
	.reload = cash_reload,
	.keys = cash_keys,
};
