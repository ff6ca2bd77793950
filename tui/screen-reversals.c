/* The refunds and voids waiting for a decision (docs/api.md 22), the
 * centre's, oldest first: a supervisor approves one (the red-letter
 * receipt prints) or rejects it from the list, as on its application
 * (app-fee.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-fee.h"
#include "draw.h"
#include "keycodes.h"
#include "labels.h"
#include "list.h"
#include "request.h"
#include "screen-reversals.h"
#include "table.h"
#include "tui.h"
#include "when.h"
#include "../api/payments.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct reversals {
	struct reversal_page	*page;
	struct list		 l;
	struct app_pay		 pay;	/* the decision, as on the case */
};

static const struct keyhelp reversals_keys[] = {
	{ N_("A"), N_("Approve"), 1 },
	{ N_("R"), N_("Reject"), 1 },
	{ N_("Enter"), N_("Decide"), 0 },
	{ N_("Up/Down"), N_("Choose one"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ N_("Esc"), N_("Back"), 0 },
	{ NULL, NULL, 0 }
};

static void
on_page(struct api_result *r, void *arg)
{
	struct reversals	*v = arg;

	if (!app_answer(r))
		return;
	model_reversal_page_free(v->page);
	v->page = r->model;
	r->model = NULL;
	list_count(&v->l, (int)v->page->n);
}

static void
start(struct reversals *v)
{
	struct request	*rq = request_new(v, 0, on_page, v);

	request_call(rq, api_reversals_pending(app.api, request_reply, rq));
}

static void
reversals_init(struct screen *s, void *arg)
{
	struct reversals	*v = xcalloc(1, sizeof *v);

	(void)arg;
	v->pay.owner = v;
	v->pay.slot = 1;
	v->pay.list_slot = 2;
	s->data = v;
	start(v);
}

static void
reversals_free(struct screen *s)
{
	struct reversals	*v = s->data;

	model_reversal_page_free(v->page);
	app_pay_clear(&v->pay);
	list_free(&v->l);
	free(v);
}

static void
reversals_reload(struct screen *s)
{
	start(s->data);
}

/* The supervisor's role, or admin's, decides; another is told so. */
static int
may_decide(void)
{
	const char	*role = app.session != NULL ? app.session->role : "";

	if (strcmp(role, "supervisor") == 0 || strcmp(role, "admin") == 0)
		return (1);
	app_hint(MSG_ERROR, "%s", _("A refund or void is decided by a "
	    "supervisor."));
	return (0);
}

static int
reversals_key(struct screen *s, int key)
{
	struct reversals	*v = s->data;
	int			 reject;

	if (v->page == NULL || v->page->n == 0)
		return (0);
	if (key == TK_ENTER || key == 'a' || key == 'A' || key == 'r' ||
	    key == 'R') {
		reject = key == 'r' || key == 'R';
		if (may_decide())
			app_pay_decide(&v->pay, &v->page->items[v->l.sel],
			    reject);
		return (1);
	}
	if (list_key(&v->l, key) == LIST_UNUSED)
		return (0);
	app_dirty();
	return (1);
}

#define NCOLS 5

/* The table's cells: a row's are its columns' NCOLS in turn, its
 * time and amount in text. */
static const char **
rows_of(struct reversals *v, char (*text)[2][32])
{
	const char	**c = xcalloc(v->page->n * NCOLS + 1, sizeof *c);
	struct reversal	 *it;
	size_t		  i;

	for (i = 0; i < v->page->n; i++) {
		it = &v->page->items[i];
		when_day_hm(it->requested_at, text[i][0], sizeof text[i][0]);
		label_fee(text[i][1], sizeof text[i][1],
		    it->payment.amount_fen);
		c[i * NCOLS] = text[i][0];
		c[i * NCOLS + 1] = strcmp(it->kind, "refund") == 0 ?
		    _("Refund") : _("Void");
		c[i * NCOLS + 2] = text[i][1];
		c[i * NCOLS + 3] = it->payment.serial;
		c[i * NCOLS + 4] = it->reason;
	}
	return (c);
}

static void
draw_list(struct reversals *v, int y, int last, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("Asked"), 11, 0, 0 }, { _("Kind"), 4, 0, 0 },
		{ _("Amount"), 10, 0, 0 }, { _("Receipt"), 8, 0, 0 },
		{ _("Reason"), 0, 1, 0 },
	};
	const struct reversal	 *it;
	const char		**cells;
	char			(*text)[2][32];
	char			  info[128], line[512];

	text = xcalloc(v->page->n + 1, sizeof *text);
	cells = rows_of(v, text);
	table_list(y, last - 1, cols, c, NCOLS, cells, &v->l, 1);
	free(cells);
	free(text);
	/* the chosen one's application, who asked and why in full */
	it = &v->page->items[v->l.sel];
	/* TRANSLATORS: the application's number, who asked, the reason */
	snprintf(line, sizeof line, _("%s, asked by %s: %s"),
	    it->payment.number, it->requested_by, it->reason);
	draw_field(last - 1, 1, _("Application"), line, cols - 2);
	snprintf(info, sizeof info, _("%lld waiting; A approves (the "
	    "red-letter receipt prints), R rejects"), v->page->pg.total);
	draw_text(last, 1, info, cols - 2, STYLE_DIM);
}

static void
reversals_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct reversals	*v = s->data;

	*cy = *cx = -1;
	draw_text(top, 1, _("Refunds and voids waiting for a decision"),
	    cols - 2, STYLE_TITLE);
	draw_hline(top + 1, 0, cols);
	if (v->page == NULL) {
		draw_text(top + 3, 2, request_busy(v, 0) ? _("Loading...") :
		    _("Not loaded. F5 tries again."), cols - 4, STYLE_DIM);
		return;
	}
	if (v->page->n == 0) {
		draw_wrap(top + 3, 2, _("No refund or void is waiting for a "
		    "decision."), cols - 4, 2, STYLE_DIM);
		return;
	}
	draw_list(v, top + 2, top + rows - 1, cols);
}

const struct screen_ops screen_reversals = {
	.name = "reversals",
	.title = N_("Refunds and voids waiting"),
	.init = reversals_init,
	.free = reversals_free,
	.key = reversals_key,
	.draw = reversals_draw,
	.shows_all = RES_MASK(RES_APPLICATION),
	.reload = reversals_reload,
	.keys = reversals_keys,
};
